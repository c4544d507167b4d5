import type { Access, AppApi, Domain, EventName } from './domains'

/**
 * Every contract method with the access it needs. Typed against AppApi, so a method missing
 * here, or one that AppApi does not have, is a compile error. Transports derive their
 * channel names and the preload its frozen `window.api` from this table only.
 */
export type ContractTable = { [D in Domain]: { [M in keyof AppApi[D]]: Access } }

export const CONTRACT: ContractTable = {
  system: { info: 'read' },
  posts: { query: 'read', since: 'read', get: 'read' },
  decks: { list: 'read', save: 'full' },
  sources: { list: 'read', setEnabled: 'full' },
  settings: { get: 'read', update: 'full' }
}

export const EVENT_NAMES: readonly EventName[] = [
  'posts:added',
  'posts:changed',
  'sources:changed',
  'settings:changed',
  'decks:changed',
  'connectivity:changed'
]

/** IPC channel / HTTP path segment of a method: `domain:method`. */
export function channelOf(domain: string, method: string): string {
  return `${domain}:${method}`
}

/** Every (domain, method) pair of the contract. */
export function contractMethods(): Array<{ domain: Domain; method: string; access: Access }> {
  const out: Array<{ domain: Domain; method: string; access: Access }> = []
  for (const domain of Object.keys(CONTRACT) as Domain[]) {
    for (const [method, access] of Object.entries(CONTRACT[domain]) as Array<[string, Access]>) {
      out.push({ domain, method, access })
    }
  }
  return out
}

/** Event channel name for IPC. */
export function eventChannel(event: EventName): string {
  return `event:${event}`
}
