export * from './domains'
export * from './methods'
export * from './errors'
