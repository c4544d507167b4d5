import { ApiError } from '@shared/contract/errors'
import type { Source } from '@shared/domain/source'
import type { DomainHandlers } from '../api/registry'
import type { CoreEvents } from '../events'
import type { Store } from '../storage'

export interface ServiceDeps {
  store: Store
  events: CoreEvents
  version: string
  now: () => number
  /** Since when the networks have been unreachable, or null. */
  offlineSince(): number | null
  /** How account secrets are kept at rest. */
  secretProtection: 'os-keyring' | 'user-only-file'
}

const DEFAULT_PAGE = 50
const DEFAULT_SINCE = 200

/** What a source listens to, from its config (never secrets: those live in the SecretStore). */
function sourceAddress(network: string, config: Record<string, unknown>): { kind: string | null; address: string | null } {
  if (network === 'rss') return { kind: 'feed', address: typeof config.url === 'string' ? config.url : null }
  if (typeof config.kind !== 'string') return { kind: null, address: null }
  return { kind: config.kind, address: typeof config.value === 'string' ? config.value : null }
}

/** Sources with their health, as the UI shows them. */
export function listSources(store: Store): Source[] {
  return store.sources.list().map((record) => {
    const sync = store.sources.syncState(record.id)
    return {
      id: record.id,
      network: record.network,
      name: record.name,
      enabled: record.enabled,
      demo: record.demo,
      status: record.enabled ? sync.status : 'paused',
      lastSyncAt: sync.lastSyncAt,
      nextSyncAt: record.enabled ? sync.nextSyncAt : null,
      postCount: store.posts.countBySource(record.id),
      lastError: sync.lastError,
      ...sourceAddress(record.network, record.config)
    }
  })
}

/** The demo workspace is all there is: the UI labels everything as demo. */
function demoOnly(store: Store): boolean {
  const sources = store.sources.list()
  return sources.length > 0 && sources.every((source) => source.demo)
}

export function systemHandlers(deps: ServiceDeps): DomainHandlers<'system'> {
  const { store, version } = deps
  return {
    info: (_input, caller) => ({
      version,
      transport: caller.transport,
      access: caller.access,
      demoOnly: demoOnly(store),
      postCount: store.posts.count(),
      offlineSince: deps.offlineSince(),
      secretProtection: deps.secretProtection
    })
  }
}

/** The store's side of the posts API; `fetchThread` asks the networks and is added beside the connectors (core/index.ts). */
export function postHandlers({ store }: ServiceDeps): Omit<DomainHandlers<'posts'>, 'fetchThread'> {
  return {
    query: ({ query, cursor, limit }) => store.posts.page(query, cursor, limit ?? DEFAULT_PAGE),
    since: ({ query, afterSeq, limit }) => store.posts.since(query, afterSeq, limit ?? DEFAULT_SINCE),
    get: ({ id }) => store.posts.get(id),
    count: ({ query, afterSeq }) => store.posts.countSince(query, afterSeq),
    thread: ({ id }) => {
      const thread = store.posts.thread(id)
      if (!thread) throw new ApiError('not_found', 'That post is no longer stored, so its conversation cannot be shown.')
      return thread
    }
  }
}

export function deckHandlers({ store, events }: ServiceDeps): DomainHandlers<'decks'> {
  return {
    list: () => store.decks.list(),
    save: ({ deck }) => {
      const saved = store.decks.save(deck)
      events.emit('decks:changed', { decks: store.decks.list() })
      return saved
    },
    remove: ({ id }) => {
      const decks = store.decks.list()
      if (!decks.some((deck) => deck.id === id)) throw new ApiError('not_found', 'There is no such deck (it may have been removed already).')
      if (decks.length === 1) throw new ApiError('invalid_input', 'The last deck cannot be removed: Earshot needs one deck to show.')
      store.decks.remove(id)
      events.emit('decks:changed', { decks: store.decks.list() })
    },
    reorder: ({ ids }) => {
      const known = new Set(store.decks.list().map((deck) => deck.id))
      const unknown = ids.find((id) => !known.has(id))
      if (unknown !== undefined) throw new ApiError('not_found', `There is no deck "${unknown}".`)
      if (new Set(ids).size !== ids.length) throw new ApiError('invalid_input', 'Each deck may appear only once in the new order.')
      store.decks.reorder(ids)
      const decks = store.decks.list()
      events.emit('decks:changed', { decks })
      return decks
    }
  }
}

export function settingsHandlers({ store, events }: ServiceDeps): DomainHandlers<'settings'> {
  return {
    get: () => store.settings.get(),
    update: (patch) => {
      const settings = store.settings.update(patch)
      events.emit('settings:changed', settings)
      return settings
    }
  }
}
