import { version } from '../../../package.json'

/** Earshot's version, taken from package.json at build time. */
export const EARSHOT_VERSION: string = version
