/**
 * The Bluesky connector: one list per source, read incrementally (see cursor.ts).
 *
 * - `timeline`: the account's home timeline (posts and reposts of the accounts it follows).
 * - `notifications`: posts that mention, reply to or quote the account (likes, follows and
 *   reposts are not posts and are left out; notifications are never marked as read).
 * - `author`: one account's posts, replies and reposts (`value` = handle or DID).
 * - `search`: posts matching `value`, newest first (Bluesky's search syntax applies; the search
 *   service decides case and word matching).
 *
 * All calls go through the account's shared session (session.ts). Rate-limit headers
 * (`ratelimit-limit`, `-remaining`, `-reset`) are passed on when the server sends them; an
 * exhausted budget also sets `notBefore` to the reset. Deletions are not reported (Bluesky lists
 * just stop showing deleted posts), so `deletedIds` is always empty.
 */
import { BLUESKY_CAPABILITIES } from './capabilities'
import { AppBskyFeedDefs, type AtpAgent } from '@atproto/api'
import type { IncomingPost } from '@shared/domain/post'
import type { Connector, FetchRequest, FetchResult, RateLimitInfo } from '../types'
import { ConnectorError } from '../types'
import { advance, type CursorOptions, type ListItem, type ListPage, pageToRequest, readCursor, writeCursor } from './cursor'
import { mapFeedViewPost, mapNotification, mapPostView, mapThread, POST_NOTIFICATION_REASONS } from './map'
import { openBlueskySession } from './session'

export type BlueskySourceKind = 'timeline' | 'notifications' | 'author' | 'search'

export const DEFAULT_PAGE_SIZE = 50
/** How far a conversation is read up the reply chain (as far as the store follows one) and down its replies. */
const THREAD_PARENT_HEIGHT = 50
const THREAD_DEPTH = 10

export interface BlueskyConnectorOptions {
  /** The source the posts belong to. */
  sourceId: string
  /** The account's service, e.g. https://bsky.social. */
  serviceUrl: string
  /** The account's stored secret (see secret.ts). */
  secret: string
  kind: BlueskySourceKind
  /** `author`: the handle (or DID) to follow; `search`: the query. */
  value?: string
  /** Receives the account's new secret whenever its session changes; the core persists it. */
  onSessionChange: (secret: string) => void
  now: () => number
  /** Items per request (default 50; Bluesky allows 1–100). */
  pageSize?: number
  /** Replaces global fetch (tests, proxies); such a connector gets a session of its own. */
  fetch?: typeof globalThis.fetch
  /** Fine-tuning of the incremental walk (tests). */
  cursor?: CursorOptions
}

function toTime(value: string | undefined): number {
  const ms = value ? Date.parse(value) : Number.NaN
  return Number.isFinite(ms) ? ms : 0
}

/** Rate-limit budget from response headers, when the server sends all three. */
export function rateLimitFromHeaders(headers: Record<string, string | undefined>, now: number): RateLimitInfo | undefined {
  const limit = Number(headers['ratelimit-limit'])
  const remaining = Number(headers['ratelimit-remaining'])
  const reset = Number(headers['ratelimit-reset'])
  if (![limit, remaining, reset].every((n) => Number.isFinite(n)) || headers['ratelimit-limit'] === undefined) return undefined
  const resetAt = reset > 1e9 ? reset * 1000 : now + reset * 1000
  return { limit, remaining, resetAt }
}

/** A timeline/author-feed entry: keyed and timed by the repost when it is one, else by the post. */
function feedItem(sourceId: string, item: AppBskyFeedDefs.FeedViewPost): ListItem {
  const post = mapFeedViewPost(sourceId, item)
  if (AppBskyFeedDefs.isReasonRepost(item.reason)) {
    const repost = item.reason
    return { key: `repost:${repost.uri ?? `${repost.by.did}:${item.post.uri}`}`, time: toTime(repost.indexedAt), post }
  }
  return { key: item.post.uri, time: toTime(item.post.indexedAt), post }
}

interface FetchedPage extends ListPage {
  headers: Record<string, string | undefined>
}

export function createBlueskyConnector(options: BlueskyConnectorOptions): Connector {
  const { sourceId, kind, now } = options
  const limit = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE)))
  const value = (options.value ?? '').trim()
  const actor = value.replace(/^@/, '')
  const target = kind === 'author' ? `author:${actor.toLowerCase()}` : kind === 'search' ? `search:${value}` : kind

  const session = () =>
    openBlueskySession({
      serviceUrl: options.serviceUrl,
      secret: options.secret,
      onSessionChange: options.onSessionChange,
      now,
      ...(options.fetch ? { fetch: options.fetch } : {})
    })
  // Shared sessions are looked up per fetch (cheap) so a reconnect with a new app password is picked up.
  const ownSession = options.fetch ? session() : null

  const readPage = async (agent: AtpAgent, cursor: string | undefined, signal: AbortSignal): Promise<FetchedPage> => {
    const params = { limit, ...(cursor ? { cursor } : {}) }
    switch (kind) {
      case 'timeline': {
        const res = await agent.app.bsky.feed.getTimeline(params, { signal })
        return {
          headers: res.headers,
          cursor: res.data.cursor,
          items: res.data.feed.map((item) => feedItem(sourceId, item))
        }
      }
      case 'author': {
        const res = await agent.app.bsky.feed.getAuthorFeed({ ...params, actor, filter: 'posts_with_replies' }, { signal })
        return {
          headers: res.headers,
          cursor: res.data.cursor,
          items: res.data.feed.map((item) => feedItem(sourceId, item))
        }
      }
      case 'notifications': {
        const res = await agent.app.bsky.notification.listNotifications({ ...params, reasons: [...POST_NOTIFICATION_REASONS] }, { signal })
        return {
          headers: res.headers,
          cursor: res.data.cursor,
          items: res.data.notifications.map((n): ListItem => ({ key: `${n.reason}:${n.uri}`, time: toTime(n.indexedAt), post: mapNotification(sourceId, n) }))
        }
      }
      case 'search': {
        const res = await agent.app.bsky.feed.searchPosts({ ...params, q: value, sort: 'latest' }, { signal })
        return {
          headers: res.headers,
          cursor: res.data.cursor,
          items: res.data.posts.map((post): ListItem => ({ key: post.uri, time: toTime(post.indexedAt), post: mapPostView(sourceId, post) }))
        }
      }
    }
  }

  const notFound = kind === 'author' ? `there is no Bluesky account @${actor} (or it is no longer visible) — check the source's handle` : undefined

  return {
    network: 'bluesky',
    capabilities: BLUESKY_CAPABILITIES,

    async fetch({ cursor: raw, signal }: FetchRequest): Promise<FetchResult> {
      if (kind === 'author' && !actor) throw new ConnectorError('not_found', 'this source names no Bluesky account to follow — edit the source')
      if (kind === 'search' && !value) throw new ConnectorError('not_found', 'this search has no words to look for — edit the source')
      const state = readCursor(raw, target)
      const page = await (ownSession ?? session()).call((agent) => readPage(agent, pageToRequest(state), signal), {
        signal,
        ...(notFound ? { notFound } : {})
      })
      const step = advance(state, target, page, options.cursor)
      const rateLimit = rateLimitFromHeaders(page.headers, now())
      return {
        posts: step.posts,
        deletedIds: [],
        cursor: writeCursor(step.cursor),
        more: step.more,
        ...(rateLimit ? { rateLimit } : {}),
        ...(rateLimit && rateLimit.remaining <= 0 && rateLimit.resetAt > now() ? { notBefore: rateLimit.resetAt } : {})
      }
    },

    /** Deletions: polling never sees them, so the newest stored posts are looked up again. */
    async recheck(ids: string[], signal: AbortSignal): Promise<string[]> {
      const uris = ids.filter((id) => id.startsWith('bluesky:at://')).slice(0, 25).map((id) => id.slice('bluesky:'.length))
      if (uris.length === 0) return []
      const present = await (ownSession ?? session()).call(async (agent) => {
        const res = await agent.app.bsky.feed.getPosts({ uris }, { signal })
        return new Set(res.data.posts.map((post) => post.uri))
      }, { signal })
      // A post that getPosts no longer returns was deleted (or its author now hides it from us).
      return uris.filter((uri) => !present.has(uri)).map((uri) => `bluesky:${uri}`)
    },

    /** app.bsky.feed.getPostThread: the post, its parents and the replies the AppView shows this account. */
    async conversation(remoteId: string, signal: AbortSignal): Promise<IncomingPost[]> {
      const thread = await (ownSession ?? session()).call(
        async (agent) => (await agent.app.bsky.feed.getPostThread({ uri: remoteId, parentHeight: THREAD_PARENT_HEIGHT, depth: THREAD_DEPTH }, { signal })).data.thread,
        { signal, notFound: 'Bluesky no longer shows this post (deleted, or hidden from this account)' }
      )
      return mapThread(sourceId, thread)
    }
  }
}
