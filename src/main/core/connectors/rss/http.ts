/**
 * The one way the RSS connector (and feed discovery) talks HTTP: Node's global `fetch` (undici)
 * with what polite, robust feed polling needs and nothing else.
 *
 * - Conditional GET: `If-None-Match` (ETag) and `If-Modified-Since` (Last-Modified); a 304 is a
 *   normal answer ("nothing new"), not an error.
 * - One deadline for the whole exchange (connect, headers and body), combined with the caller's
 *   signal through `AbortSignal.any`, so a server that answers slowly or stops halfway cannot
 *   hold a sync run open.
 * - A cap on the body (decompressed bytes, since undici inflates gzip/br itself): a Content-Length
 *   over the cap is refused before reading, and a body without one is streamed and abandoned as
 *   soon as it passes the cap, so a huge or endless feed never sits in memory.
 * - Redirects followed by hand (at most five, http/https only), so the count is ours and the
 *   caller learns the final address and whether every hop was permanent (301/308).
 * - Failures become `ConnectorError`s whose message is a plain sentence for the source's health
 *   line, e.g. "could not reach example.com: connection refused".
 */
import { networkReason } from '../network-errors'
import { ConnectorError } from '../types'

/** Whole-request deadline when the caller sets none. */
export const DEFAULT_TIMEOUT_MS = 20_000
/** Largest body read; beyond it the response is abandoned. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024
/** Redirects followed before giving up. */
export const MAX_REDIRECTS = 5
/** Longest Retry-After honoured; a server asking for more is asked again after a day anyway. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000

/** What a feed request accepts: feed types first, generic XML/JSON after, anything last (many servers send text/html for feeds). */
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.5'
/** What a discovery request accepts: a web page, or a feed if that is what the address is. */
export const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, application/rss+xml;q=0.8, application/atom+xml;q=0.8, */*;q=0.5'

/** The User-Agent every feed request carries, so feed owners can see who polls them. */
export function feedUserAgent(version: string): string {
  return `Earshot/${version} (+feed reader)`
}

export interface HttpGetOptions {
  /** The caller's cancel signal (sync engine pause, shutdown, its own time-out). */
  signal: AbortSignal
  userAgent: string
  accept?: string
  /** ETag from the last 200, sent as If-None-Match. */
  etag?: string | null
  /** Last-Modified from the last 200, sent as If-Modified-Since. */
  lastModified?: string | null
  timeoutMs?: number
  maxBytes?: number
  /** Clock for Retry-After dates. */
  now?: () => number
}

export interface HttpResponse {
  /** True for a 304: `body` is empty, the cached copy is current. */
  notModified: boolean
  status: number
  /** The address that answered, after redirects. */
  url: string
  /** The new permanent address when every redirect on the way was a 301/308, else null. */
  movedTo: string | null
  headers: Headers
  body: Uint8Array
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** "20 seconds", "0.3 seconds", "2 minutes", "3 hours": for messages. */
export function describeDuration(ms: number): string {
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
  if (ms < 120_000) return unit(Math.round(ms / 100) / 10, 'second')
  if (ms < 2 * 60 * 60_000) return unit(Math.round(ms / 60_000), 'minute')
  return unit(Math.round(ms / 3_600_000), 'hour')
}

/** Retry-After (delta-seconds or an HTTP date) in ms from `now`, capped; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  let ms: number
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000
  else {
    const at = Date.parse(trimmed)
    if (Number.isNaN(at)) return undefined
    ms = Math.max(0, at - now)
  }
  return Math.min(ms, MAX_RETRY_AFTER_MS)
}

/** The address as a URL if it is http(s), else a ConnectorError the user can act on. */
function httpUrl(address: string): URL {
  let url: URL
  try {
    url = new URL(address)
  } catch {
    throw new ConnectorError('not_found', `"${address}" is not a web address — check the feed's address`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnectorError('not_found', `Earshot reads feeds over http and https only, not ${url.protocol.replace(/:$/, '')}`)
  }
  return url
}

interface Deadline {
  caller: AbortSignal
  timeout: AbortSignal
  timeoutMs: number
}

/** The ConnectorError for a fetch that failed before a response arrived. */
function requestError(url: URL, error: unknown, deadline: Deadline): ConnectorError {
  if (deadline.caller.aborted) return new ConnectorError('network', `the request to ${url.host} was cancelled`)
  if (deadline.timeout.aborted) {
    return new ConnectorError('network', `could not reach ${url.host}: no answer within ${describeDuration(deadline.timeoutMs)}`)
  }
  return new ConnectorError('network', `could not reach ${url.host}: ${networkReason(error)}`)
}

/** The ConnectorError for a body that stopped before its end. */
function bodyError(url: URL, error: unknown, deadline: Deadline): ConnectorError {
  if (deadline.caller.aborted) return new ConnectorError('network', `the request to ${url.host} was cancelled`)
  if (deadline.timeout.aborted) {
    return new ConnectorError('network', `could not read the feed from ${url.host}: it took longer than ${describeDuration(deadline.timeoutMs)}`)
  }
  return new ConnectorError('network', `lost the connection to ${url.host} before the feed was complete (${networkReason(error)})`)
}

function tooLarge(maxBytes: number): ConnectorError {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10
  return new ConnectorError('invalid_response', `the feed is larger than ${mb} MB, more than Earshot reads from one feed`)
}

/** The ConnectorError for an HTTP status other than 2xx, 304 and redirects. */
function statusError(response: Response, now: number): ConnectorError {
  const status = response.status
  const code = `HTTP ${status}`
  if (status === 401 || status === 403) return new ConnectorError('auth', `the feed asks for a login we don't have (${code})`)
  if (status === 404 || status === 410) return new ConnectorError('not_found', `the feed is gone (${code}) — check the address`)
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now)
  const wait = retryAfter === undefined ? '' : `; trying again in ${describeDuration(retryAfter)}`
  if (status === 429) return new ConnectorError('rate_limited', `the feed server asks us to slow down (${code})${wait}`, retryAfter)
  if (status === 503 && retryAfter !== undefined) {
    return new ConnectorError('rate_limited', `the feed server is busy (${code})${wait}`, retryAfter)
  }
  if (status >= 500) return new ConnectorError('server', `the feed server has a problem (${code})`)
  return new ConnectorError('server', `the feed server refused the request (${code})`)
}

/** Lets go of a response body we will not read (frees the connection). */
async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel()
  } catch {
    // Already broken or consumed: nothing to free.
  }
}

/** Reads the body up to `maxBytes`; abandons the response beyond it. */
async function readCapped(response: Response, url: URL, maxBytes: number, deadline: Deadline): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discard(response)
    throw tooLarge(maxBytes)
  }
  const body = response.body
  if (!body) return new Uint8Array(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        // Cancelling the stream aborts the request: the rest is never downloaded.
        await reader.cancel().catch(() => undefined)
        throw tooLarge(maxBytes)
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof ConnectorError) throw error
    throw bodyError(url, error, deadline)
  }
  return Buffer.concat(chunks, total)
}

/**
 * GET `address` as described in the header. Resolves with the body (or `notModified`); rejects
 * only with a `ConnectorError`.
 */
export async function httpGet(address: string, options: HttpGetOptions): Promise<HttpResponse> {
  const now = options.now ?? Date.now
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const timeout = AbortSignal.timeout(timeoutMs)
  const deadline: Deadline = { caller: options.signal, timeout, timeoutMs }
  const signal = AbortSignal.any([options.signal, timeout])

  const headers: Record<string, string> = {
    'User-Agent': options.userAgent,
    Accept: options.accept ?? FEED_ACCEPT
  }
  if (options.etag) headers['If-None-Match'] = options.etag
  if (options.lastModified) headers['If-Modified-Since'] = options.lastModified

  let url = httpUrl(address)
  let permanent = true
  for (let hops = 0; ; hops++) {
    let response: Response
    try {
      response = await fetch(url, { headers, redirect: 'manual', signal })
    } catch (error) {
      throw requestError(url, error, deadline)
    }
    if (REDIRECTS.has(response.status)) {
      await discard(response)
      const location = response.headers.get('location')
      if (!location) throw new ConnectorError('server', `the feed server sent a redirect without an address (HTTP ${response.status})`)
      if (hops >= MAX_REDIRECTS) throw new ConnectorError('server', `the feed redirects too often (more than ${MAX_REDIRECTS} times)`)
      let next: URL
      try {
        next = new URL(location, url)
      } catch {
        throw new ConnectorError('server', `the feed server redirects to an address that is not valid: ${location.slice(0, 100)}`)
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new ConnectorError('server', `the feed server redirects to a ${next.protocol.replace(/:$/, '')} address, which Earshot does not open`)
      }
      if (response.status !== 301 && response.status !== 308) permanent = false
      url = next
      continue
    }
    const common = { status: response.status, url: url.href, movedTo: hops > 0 && permanent ? url.href : null, headers: response.headers }
    if (response.status === 304) {
      await discard(response)
      return { ...common, notModified: true, body: new Uint8Array(0) }
    }
    if (response.status < 200 || response.status > 299) {
      await discard(response)
      throw statusError(response, now())
    }
    return { ...common, notModified: false, body: await readCapped(response, url, maxBytes, deadline) }
  }
}
