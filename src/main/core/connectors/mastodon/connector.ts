/**
 * A Mastodon source: the home timeline, mentions, a list, a hashtag or a status search on one
 * instance, read incrementally by polling, plus Mastodon's live stream where it has one.
 *
 * Cursor: JSON `{"minId": "<id>"}` — the newest item id seen (a status id for timelines and
 * search, a notification id for mentions, a boost's own id for a boost in a timeline: always the
 * id the endpoint paginates by). Ids are opaque strings; the next `min_id` is taken from the
 * Link header's `rel="prev"` URL, which is Mastodon's own "newer starts here", and only when
 * there is none (v2 search sends no Link header) from the largest id on the page, compared as
 * Mastodon's numeric ids (by length, then digits).
 *
 * - First sync (no cursor): the newest page (`limit=40`) and no more. History before the source
 *   was added is not back-filled, so adding a busy hashtag does not burn the rate budget.
 * - Later syncs: `min_id=<cursor>` returns the page *immediately newer* than the cursor (oldest
 *   first in time, newest first in the array), so following `min_id` forward page by page
 *   misses nothing however much came in between. Up to `maxPagesPerFetch` pages are read in one
 *   step; when the last page was full, `more: true` makes the engine call again soon (within the
 *   rate budget the engine reads from `rateLimit`).
 * - The store de-duplicates by stable id, so a page read twice (a crash before the cursor was
 *   saved) costs nothing.
 *
 * Edits and deletions: polling with `min_id` does not revisit old statuses, so edits and
 * deletions of posts already read are not seen by `fetch` (`deletedIds` stays empty; an edited
 * status seen again is applied by the store through `editedAt`). They arrive through `stream()`
 * (stream.ts): home, mentions, hashtag and list sources have Mastodon's streaming API
 * (`capabilities.streaming`), whose `status.update` events carry edits (mapped like any status,
 * `editedAt` set) and `delete` events the ids of deleted statuses. Search has no stream:
 * `streaming: false` and no `stream` method at all, so the engine cannot open one by mistake.
 * The stream complements polling and never touches the cursor: a status that arrives both ways
 * is one post (same stable id).
 */
import type { mastodon } from 'masto'
import type { IncomingPost } from '@shared/domain/post'
import { ConnectorError, type Connector, type FetchRequest, type FetchResult, type RateLimitInfo, type StreamHandlers } from '../types'
import { callMastodon, createMastodonClient, DEFAULT_MASTODON_TIMEOUT_MS, instanceHost, prevMinId, readRateLimit, type ErrorContext } from './client'
import { mapNotification, mapStatus, type MapContext } from './map'
import { openMastodonStream } from './stream'

export type MastodonSourceKind = 'home' | 'mentions' | 'list' | 'hashtag' | 'search'

export interface MastodonConnectorOptions {
  sourceId: string
  /** e.g. `https://social.example`. */
  instanceUrl: string
  accessToken: string
  kind: MastodonSourceKind
  /** The list id (`list`), the hashtag with or without `#` (`hashtag`), the query (`search`). */
  value?: string
  now: () => number
  /** Per request (default 30 s). */
  timeoutMs?: number
  /** Items per page (default and Mastodon's maximum for these endpoints: 40). */
  pageLimit?: number
  /** Pages read in one fetch step before handing back with `more: true` (default 4). */
  maxPagesPerFetch?: number
  /** The live stream's silence limit (default 90 s; see stream.ts). */
  streamSilenceTimeoutMs?: number
  /** Called for each live-stream event skipped because it could not be read (for logs). */
  onStreamEventSkipped?: (event: string, reason: string) => void
}

/** The persisted cursor (see the header). */
export interface MastodonCursor {
  minId: string
}

export const MASTODON_PAGE_LIMIT = 40
const DEFAULT_MAX_PAGES_PER_FETCH = 4

/** A cursor from storage, or null when absent or unreadable (then the next sync starts fresh). */
export function parseMastodonCursor(raw: string | null): MastodonCursor | null {
  if (!raw) return null
  try {
    const value: unknown = JSON.parse(raw)
    if (typeof value === 'object' && value !== null && 'minId' in value && typeof value.minId === 'string' && value.minId) {
      return { minId: value.minId }
    }
  } catch {
    // fall through: an unreadable cursor means a fresh first sync, never a crash loop
  }
  return null
}

/** Orders Mastodon ids (numeric strings of growing length); non-numeric ids compare as text. */
export function compareMastodonIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

/** What masto's `$raw` methods resolve to (masto does not export the type). */
interface RawResponse<T> {
  headers: Headers
  data: T
}

interface Page {
  posts: IncomingPost[]
  /** How many items the endpoint returned (notifications without a status count too). */
  size: number
  /** The `min_id` that continues after this page, or null when the page was empty. */
  nextMinId: string | null
  rateLimit: RateLimitInfo | undefined
}

function newestId(ids: readonly string[]): string | null {
  let best: string | null = null
  for (const id of ids) if (best === null || compareMastodonIds(id, best) > 0) best = id
  return best
}

function requireValue(options: MastodonConnectorOptions, what: string): string {
  const value = options.value?.trim().replace(options.kind === 'hashtag' ? /^#+/ : /^$/, '') ?? ''
  if (!value) throw new ConnectorError('not_found', `this source names no ${what} — edit the source`)
  return value
}

export function createMastodonConnector(options: MastodonConnectorOptions): Connector {
  const host = instanceHost(options.instanceUrl)
  const limit = Math.min(Math.max(1, options.pageLimit ?? MASTODON_PAGE_LIMIT), MASTODON_PAGE_LIMIT)
  const maxPages = Math.max(1, options.maxPagesPerFetch ?? DEFAULT_MAX_PAGES_PER_FETCH)
  const timeoutMs = options.timeoutMs ?? DEFAULT_MASTODON_TIMEOUT_MS
  const mapContext: MapContext = { sourceId: options.sourceId, host }

  function statusPage(response: RawResponse<mastodon.v1.Status[]>): Page {
    const items = Array.isArray(response.data) ? response.data : invalid()
    return {
      posts: items.map((status) => mapStatus(status, mapContext)),
      size: items.length,
      nextMinId: prevMinId(response.headers.get('link')) ?? newestId(items.map((s) => s.id)),
      rateLimit: readRateLimit(response.headers)
    }
  }

  function invalid(): never {
    throw new ConnectorError('invalid_response', `${host} answered with something that is not a Mastodon timeline — is this a Mastodon server?`)
  }

  /** One request: the page after `minId` (or the newest page). */
  async function page(client: mastodon.rest.Client, minId: string | null): Promise<Page> {
    const params = { limit, ...(minId ? { minId } : {}) }
    switch (options.kind) {
      case 'home':
        return statusPage(await client.v1.timelines.home.list.$raw(params))
      case 'list':
        return statusPage(await client.v1.timelines.list.$select(encodeURIComponent(requireValue(options, 'list'))).list.$raw(params))
      case 'hashtag':
        return statusPage(await client.v1.timelines.tag.$select(encodeURIComponent(requireValue(options, 'hashtag'))).list.$raw(params))
      case 'mentions': {
        const response = await client.v1.notifications.list.$raw({ ...params, types: ['mention'] })
        const items = Array.isArray(response.data) ? response.data : invalid()
        return {
          posts: items.flatMap((n) => mapNotification(n, mapContext) ?? []),
          size: items.length,
          nextMinId: prevMinId(response.headers.get('link')) ?? newestId(items.map((n) => n.id)),
          rateLimit: readRateLimit(response.headers)
        }
      }
      case 'search': {
        const response = await client.v2.search.list.$raw({ q: requireValue(options, 'search query'), type: 'statuses', ...params })
        const statuses = response.data && Array.isArray(response.data.statuses) ? response.data.statuses : invalid()
        return {
          posts: statuses.map((status) => mapStatus(status, mapContext)),
          size: statuses.length,
          nextMinId: prevMinId(response.headers.get('link')) ?? newestId(statuses.map((s) => s.id)),
          rateLimit: readRateLimit(response.headers)
        }
      }
    }
  }

  const connector: Connector = {
    network: 'mastodon',
    capabilities: { read: true, publish: true, streaming: options.kind !== 'search' },
    async fetch(request: FetchRequest): Promise<FetchResult> {
      const cursor = parseMastodonCursor(request.cursor)
      const context: ErrorContext = { host, timeoutMs, now: options.now, signal: request.signal }
      const client = createMastodonClient({ instanceUrl: options.instanceUrl, accessToken: options.accessToken, timeoutMs, signal: request.signal })
      const byId = new Map<string, IncomingPost>()
      let minId = cursor?.minId ?? null
      let rateLimit: RateLimitInfo | undefined
      let more = false
      for (let n = 0; n < maxPages; n++) {
        const result = await callMastodon(context, () => page(client, minId))
        for (const post of result.posts) if (!byId.has(post.id)) byId.set(post.id, post)
        rateLimit = result.rateLimit ?? rateLimit
        if (result.nextMinId) minId = result.nextMinId
        // First sync: the newest page only (no back-fill). Later: go on while pages are full.
        more = cursor !== null && result.size >= limit
        if (!more) break
      }
      return {
        posts: [...byId.values()],
        deletedIds: [],
        cursor: minId ? JSON.stringify({ minId } satisfies MastodonCursor) : request.cursor,
        more,
        ...(rateLimit ? { rateLimit } : {})
      }
    },
    /**
     * `GET /api/v1/statuses/:id/context`: the ancestors and the descendants Mastodon shows this
     * account (the server bounds both lists itself). The status itself is not in the answer: the
     * caller asks about a post it has stored, and one request keeps inside the caller's time-out.
     */
    async conversation(remoteId: string, signal: AbortSignal): Promise<IncomingPost[]> {
      const context: ErrorContext = { host, timeoutMs, now: options.now, signal }
      const client = createMastodonClient({ instanceUrl: options.instanceUrl, accessToken: options.accessToken, timeoutMs, signal })
      const thread = await callMastodon(context, () => client.v1.statuses.$select(encodeURIComponent(remoteId)).context.fetch())
      if (!thread || !Array.isArray(thread.ancestors) || !Array.isArray(thread.descendants)) {
        throw new ConnectorError('invalid_response', `${host} answered with something that is not a Mastodon conversation — is this a Mastodon server?`)
      }
      return [...thread.ancestors, ...thread.descendants].map((status) => mapStatus(status, mapContext))
    }
  }
  if (options.kind === 'search') return connector
  return {
    ...connector,
    async stream(handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
      await openMastodonStream(
        {
          sourceId: options.sourceId,
          instanceUrl: options.instanceUrl,
          accessToken: options.accessToken,
          kind: options.kind,
          ...(options.value !== undefined ? { value: options.value } : {}),
          now: options.now,
          connectTimeoutMs: timeoutMs,
          ...(options.streamSilenceTimeoutMs !== undefined ? { silenceTimeoutMs: options.streamSilenceTimeoutMs } : {}),
          ...(options.onStreamEventSkipped ? { onSkipped: options.onStreamEventSkipped } : {})
        },
        handlers,
        signal
      )
    }
  }
}
