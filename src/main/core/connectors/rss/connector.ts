/**
 * The RSS/Atom/RDF/JSON Feed connector: one feed address, polled politely.
 *
 * Feeds have no "since": every fetch returns the whole window the feed currently shows (up to
 * `MAX_ITEMS`), and the store de-duplicates by the stable ids `parse.ts` builds. Items that fall
 * off the end of a feed are not deletions (feeds never announce deletions), so `deletedIds` is
 * always empty, and `more` is always false.
 *
 * The cursor stays tiny (a few hundred bytes at most): the validators for a conditional GET, a
 * digest of the last body, and the feed's own update interval, as JSON:
 * `{"v":1,"etag":"…","lastModified":"…","digest":"…","interval":3600000}`.
 * - `etag` / `lastModified` are sent back as If-None-Match / If-Modified-Since; a 304 returns no
 *   posts and the very same cursor.
 * - `digest` (SHA-256 of the body, 32 hex digits) lets a server that sends no validators, or
 *   changes its ETag on every request, still cost us nothing when the feed did not change: the
 *   body is not decoded or mapped again.
 * - `interval` remembers the feed's `ttl` / `sy:*` hint so that 304 answers, which carry no body,
 *   still honour it.
 * A cursor that cannot be read (older format, hand-edited) counts as none: the next fetch is a
 * plain GET, and the store absorbs the duplicates.
 *
 * `notBefore` is the fetch time plus the largest of: 15 minutes (the floor for every feed), the
 * feed's `ttl` or `sy:updatePeriod`/`sy:updateFrequency`, and HTTP freshness (`Cache-Control:
 * max-age` minus `Age`, else `Expires` minus `Date`). Each hint is capped at one day, so a feed
 * that says "yearly" or a server that says "cache for a month" is still looked at daily.
 */
import { createHash } from 'node:crypto'
import type { Connector, FetchRequest, FetchResult } from '../types'
import { decodeFeedBytes } from './decode'
import { feedUserAgent, httpGet } from './http'
import { parseFeedText } from './parse'
import { RSS_CAPABILITIES } from './capabilities'

/** No feed is polled more often than this, whatever it says. */
export const MIN_POLL_MS = 15 * 60_000
/** No single hint may push the next poll further out than this. */
export const MAX_HINT_MS = 24 * 60 * 60_000
/** Validators longer than this are not kept (the cursor stays small; a sane ETag is far shorter). */
const MAX_VALIDATOR_LENGTH = 512

export interface RssConnectorOptions {
  /** The source the posts belong to. */
  sourceId: string
  /** The feed's address as the user configured it (also the namespace of the post ids). */
  feedUrl: string
  /** Earshot's version, for the User-Agent. */
  version: string
  now?: () => number
  /** Whole-request deadline (default 20 s). */
  timeoutMs?: number
  /** Largest feed read (default 10 MB). */
  maxBytes?: number
}

/** The persisted cursor (see the header). Every field is optional: absent means unknown. */
interface RssCursor {
  v: 1
  etag?: string
  lastModified?: string
  digest?: string
  interval?: number
}

function readCursor(cursor: string | null): RssCursor {
  if (cursor === null) return { v: 1 }
  try {
    const value = JSON.parse(cursor) as unknown
    if (typeof value !== 'object' || value === null || (value as { v?: unknown }).v !== 1) return { v: 1 }
    const { etag, lastModified, digest, interval } = value as Record<string, unknown>
    return {
      v: 1,
      ...(typeof etag === 'string' ? { etag } : {}),
      ...(typeof lastModified === 'string' ? { lastModified } : {}),
      ...(typeof digest === 'string' ? { digest } : {}),
      ...(typeof interval === 'number' && Number.isFinite(interval) && interval > 0 ? { interval } : {})
    }
  } catch {
    return { v: 1 }
  }
}

function validator(value: string | null): string | undefined {
  return value !== null && value !== '' && value.length <= MAX_VALIDATOR_LENGTH ? value : undefined
}

/** How long HTTP says the response stays fresh, in ms, or null when it does not say. */
export function httpFreshnessMs(headers: Headers, now: number): number | null {
  const cacheControl = headers.get('cache-control')
  if (cacheControl) {
    if (/(?:^|,)\s*(?:no-cache|no-store)\b/i.test(cacheControl)) return null
    const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl)
    if (maxAge?.[1] !== undefined) {
      const age = Number(headers.get('age') ?? 0)
      return Math.max(0, (Number(maxAge[1]) - (Number.isFinite(age) ? age : 0)) * 1000)
    }
  }
  const expires = headers.get('expires')
  if (expires) {
    const at = Date.parse(expires)
    if (Number.isNaN(at)) return 0 // "Expires: 0" and other junk mean "already stale"
    const date = Date.parse(headers.get('date') ?? '')
    // Relative to the server's own clock when it sends one, so a skewed clock on either side does not matter.
    return Math.max(0, at - (Number.isNaN(date) ? now : date))
  }
  return null
}

/** The delay before the next poll: see the header. */
export function pollDelayMs(feedIntervalMs: number | null | undefined, headers: Headers, now: number): number {
  const hints = [MIN_POLL_MS]
  if (feedIntervalMs) hints.push(Math.min(feedIntervalMs, MAX_HINT_MS))
  const fresh = httpFreshnessMs(headers, now)
  if (fresh !== null) hints.push(Math.min(fresh, MAX_HINT_MS))
  return Math.max(...hints)
}

export function createRssConnector(options: RssConnectorOptions): Connector {
  const now = options.now ?? Date.now
  const userAgent = feedUserAgent(options.version)

  async function fetchFeed({ cursor, signal }: FetchRequest): Promise<FetchResult> {
    const previous = readCursor(cursor)
    const fetchedAt = now()
    const response = await httpGet(options.feedUrl, {
      signal,
      userAgent,
      etag: previous.etag,
      lastModified: previous.lastModified,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes,
      now
    })
    if (response.notModified) {
      return { posts: [], deletedIds: [], cursor, more: false, notBefore: fetchedAt + pollDelayMs(previous.interval, response.headers, fetchedAt) }
    }

    const digest = createHash('sha256').update(response.body).digest('hex').slice(0, 32)
    let posts: FetchResult['posts'] = []
    let interval = previous.interval ?? null
    if (digest !== previous.digest) {
      const { text } = decodeFeedBytes(response.body, { contentType: response.headers.get('content-type') })
      const parsed = await parseFeedText(text, { sourceId: options.sourceId, feedUrl: options.feedUrl, baseUrl: response.url, fetchedAt }, signal)
      posts = parsed.posts
      interval = parsed.updateIntervalMs
    }
    const next: RssCursor = { v: 1 }
    const etag = validator(response.headers.get('etag'))
    const lastModified = validator(response.headers.get('last-modified'))
    if (etag !== undefined) next.etag = etag
    if (lastModified !== undefined) next.lastModified = lastModified
    next.digest = digest
    if (interval !== null) next.interval = interval
    return {
      posts,
      deletedIds: [],
      cursor: JSON.stringify(next),
      more: false,
      notBefore: fetchedAt + pollDelayMs(interval, response.headers, fetchedAt)
    }
  }

  return {
    network: 'rss',
    capabilities: RSS_CAPABILITIES,
    fetch: fetchFeed
  }
}
