import type { Access, AppApi, Domain, EventName } from './domains'

/**
 * Every contract method with the access it needs. Typed against AppApi, so a method missing
 * here, or one that AppApi does not have, is a compile error. Transports derive their
 * channel names and the preload its frozen `window.api` from this table only.
 */
export type ContractTable = { [D in Domain]: { [M in keyof AppApi[D]]: Access } }

export const CONTRACT: ContractTable = {
  system: { info: 'read' },
  posts: {
    query: 'read',
    since: 'read',
    get: 'read',
    count: 'read',
    thread: 'read',
    // Not a read: it spends the account's rate budget and stores what the network answers (as syncNow).
    fetchThread: 'full'
  },
  decks: { list: 'read', save: 'full', remove: 'full', reorder: 'full' },
  sources: {
    list: 'read',
    setEnabled: 'full',
    addFeed: 'full',
    edit: 'full',
    remove: 'full',
    syncNow: 'full',
    addAccountSource: 'full'
  },
  accounts: { list: 'read', connectMastodon: 'full', startMastodonSignIn: 'full', finishMastodonSignIn: 'full', connectBluesky: 'full', disconnect: 'full' },
  outbox: { list: 'read', send: 'full', retry: 'full' },
  settings: { get: 'read', update: 'full' },
  triage: {
    config: 'read',
    saveTeam: 'full',
    removeTeam: 'full',
    savePerson: 'full',
    removePerson: 'full',
    saveRule: 'full',
    removeRule: 'full',
    reorderRules: 'full',
    // Testing a rule reads stored posts and changes nothing.
    testRule: 'read',
    saveSla: 'full',
    setWatched: 'full',
    update: 'full',
    correct: 'full',
    addNote: 'full',
    activity: 'read',
    counters: 'read'
  }
}

/** Every push event; a Record so that an event missing here is a compile error. */
const EVENTS: Record<EventName, true> = {
  'posts:added': true,
  'posts:changed': true,
  'sources:changed': true,
  'settings:changed': true,
  'decks:changed': true,
  'connectivity:changed': true,
  'accounts:changed': true,
  'outbox:changed': true,
  'triage:config': true,
  'sla:warning': true
}

export const EVENT_NAMES: readonly EventName[] = Object.freeze(Object.keys(EVENTS) as EventName[])

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
