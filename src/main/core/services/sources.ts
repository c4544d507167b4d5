import { randomUUID } from 'node:crypto'
import { ACCOUNT_SOURCE_KINDS, type AccountSourceKind } from '@shared/domain/account'
import type { Source } from '@shared/domain/source'
import { ApiError } from '@shared/contract/errors'
import type { DomainHandlers } from '../api/registry'
import { ConnectorError } from '../connectors/types'
import type { ServiceDeps } from './handlers'
import { listSources } from './handlers'

/** A feed found at (or behind) an address the user typed. */
export interface FeedCandidate {
  url: string
  title: string | null
}

/** What the sources service needs from the sync side (the engine, discovery and the demo). */
export interface SourceControl {
  /** Re-plans a source after it was added, edited, paused or resumed. */
  refresh(id: string): void
  /** Stops syncing a removed source. */
  forget(id: string): void
  /** Runs one sync of a source now. */
  syncNow(id: string): Promise<void>
  /** Feeds at `url`: the feed itself, or those a web page links to. Throws ConnectorError. */
  discoverFeeds(url: string): Promise<FeedCandidate[]>
  /** Starts or stops the demo workspace's stream. */
  setDemoRunning(running: boolean): void
}

/** Account source kinds that listen to something named by the user. */
const KINDS_WITH_VALUE: readonly string[] = ['list', 'hashtag', 'search', 'author']

const SOURCE_KIND_LABELS: Record<AccountSourceKind, string> = {
  home: 'Home',
  mentions: 'Mentions',
  list: 'List',
  hashtag: 'Hashtag',
  search: 'Search',
  timeline: 'Timeline',
  notifications: 'Notifications',
  author: 'Author'
}

function parseWebAddress(raw: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new ApiError('invalid_input', `"${raw}" is not a web address.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiError('invalid_input', `Feeds are read over http or https, not ${url.protocol.replace(':', '')}.`)
  }
  return url
}

/** Stops syncing sources and removes them, with their posts unless `keepPosts`. */
export function removeSources(deps: ServiceDeps, control: Pick<SourceControl, 'forget'>, ids: string[], keepPosts: boolean): void {
  for (const id of ids) {
    control.forget(id)
    if (!keepPosts) deps.store.posts.removeBySource(id)
    deps.store.sources.remove(id)
  }
  // Many posts may have gone at once: columns reload rather than patch.
  if (!keepPosts && ids.length) deps.events.emit('posts:changed', { ids: [] })
}

/** Sources: list, pause/resume, add a feed, rename, remove (with or without posts), sync now. */
export function sourceHandlers(deps: ServiceDeps, control: SourceControl): DomainHandlers<'sources'> {
  const { store, events } = deps

  const announce = (): Source[] => {
    const sources = listSources(store)
    events.emit('sources:changed', { sources })
    return sources
  }
  const health = (id: string): Source => {
    const source = listSources(store).find((candidate) => candidate.id === id)
    if (!source) throw new ApiError('not_found', 'That source no longer exists.')
    return source
  }
  const existing = (id: string) => {
    const record = store.sources.get(id)
    if (!record) throw new ApiError('not_found', 'That source no longer exists.')
    return record
  }

  return {
    list: () => listSources(store),

    setEnabled: ({ id, enabled }) => {
      const record = existing(id)
      store.sources.setEnabled(id, enabled)
      if (record.demo) control.setDemoRunning(enabled)
      else control.refresh(id)
      announce()
      return health(id)
    },

    addFeed: async ({ url, name }) => {
      const address = parseWebAddress(url)
      let feeds: FeedCandidate[]
      try {
        feeds = await control.discoverFeeds(address.href)
      } catch (error) {
        if (error instanceof ConnectorError) {
          throw new ApiError(error.kind === 'network' ? 'unavailable' : 'invalid_input', `Could not add ${address.href}: ${error.message}.`)
        }
        throw error
      }
      const feed = feeds[0]
      if (!feed) throw new ApiError('invalid_input', `There is no RSS or Atom feed at ${address.href}.`)
      const duplicate = store.sources.findByConfig('rss', 'url', feed.url)
      if (duplicate) throw new ApiError('invalid_input', `That feed is already a source: "${duplicate.name}".`)
      const id = `rss-${randomUUID()}`
      store.sources.ensure({
        id,
        network: 'rss',
        name: name ?? feed.title ?? new URL(feed.url).hostname,
        enabled: true,
        demo: false,
        config: { url: feed.url }
      })
      // The first sync runs now (so errors show at once); it plans the next run itself.
      await control.syncNow(id)
      announce()
      return health(id)
    },

    edit: async ({ id, name, address }) => {
      const record = existing(id)
      if (name !== undefined) store.sources.rename(id, name)
      if (address !== undefined) {
        if (record.demo) throw new ApiError('invalid_input', 'The demo workspace has no address to change.')
        let config: Record<string, unknown>
        if (record.network === 'rss') {
          const url = parseWebAddress(address).href
          const duplicate = store.sources.findByConfig('rss', 'url', url)
          if (duplicate && duplicate.id !== id) throw new ApiError('invalid_input', `That feed is already a source: "${duplicate.name}".`)
          config = { ...record.config, url }
        } else {
          if (typeof record.config.kind !== 'string' || !KINDS_WITH_VALUE.includes(record.config.kind)) {
            throw new ApiError('invalid_input', 'This source listens to its account as a whole; there is no address to change.')
          }
          config = { ...record.config, value: address.replace(/^#/, '') }
        }
        if (JSON.stringify(config) !== JSON.stringify(record.config)) {
          // Old posts stay; the source starts afresh from its new address.
          control.forget(id)
          store.sources.reconfigure(id, config)
          await control.syncNow(id)
        }
      }
      announce()
      return health(id)
    },

    remove: ({ id, keepPosts }) => {
      const record = existing(id)
      if (record.demo) throw new ApiError('invalid_input', 'The demo workspace can be paused, not removed.')
      removeSources(deps, control, [id], keepPosts)
      announce()
    },

    addAccountSource: async ({ accountId, kind, value, name }) => {
      const account = store.accounts.get(accountId)
      if (!account) throw new ApiError('not_found', 'That account is no longer connected.')
      const allowed: readonly string[] = ACCOUNT_SOURCE_KINDS[account.network]
      if (!allowed.includes(kind)) {
        throw new ApiError('invalid_input', `A ${account.network === 'mastodon' ? 'Mastodon' : 'Bluesky'} account can listen to: ${allowed.join(', ')}.`)
      }
      const needsValue = KINDS_WITH_VALUE.includes(kind)
      if (needsValue && !value) throw new ApiError('invalid_input', `Say which ${kind === 'author' ? 'author' : kind} to follow.`)
      const id = `${account.network}-${randomUUID()}`
      const label = SOURCE_KIND_LABELS[kind]
      store.sources.ensure({
        id,
        network: account.network,
        name: name ?? `${label}${needsValue && value ? ` ${kind === 'hashtag' ? `#${value.replace(/^#/, '')}` : `“${value}”`}` : ''} · @${account.handle}`,
        enabled: true,
        demo: false,
        config: { accountId, kind, ...(needsValue && value ? { value } : {}) }
      })
      // The first sync runs now (so errors show at once); it plans the next run itself.
      await control.syncNow(id)
      announce()
      return health(id)
    },

    syncNow: async ({ id }) => {
      const record = existing(id)
      if (!record.demo) {
        // Trying again is how a user says "I fixed it": clear a stop-and-wait error first.
        const state = store.sources.syncState(id)
        if (state.status === 'error') store.sources.saveSyncState(id, { ...state, status: 'ok' })
        await control.syncNow(id)
      }
      announce()
      return health(id)
    }
  }
}
