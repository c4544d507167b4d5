/**
 * The Mastodon REST client (masto 8) and the one place where what can go wrong talking to an
 * instance is turned into a `ConnectorError` with a sentence a community manager can act on.
 *
 * Why masto's `$raw` methods: they return `{ headers, data }`, so rate-limit and Link headers are
 * read from masto's own responses, without a second HTTP stack. masto has no custom `fetch`
 * option; it calls the global `fetch` with its own `Request`. Two consequences, both handled in
 * `toConnectorError`:
 * - masto's `list` actions drop the per-call `meta` (and with it a per-call `signal`), so the
 *   caller's signal goes into the client's `requestInit` instead: one client per fetch step is
 *   cheap (masto's client is a set of proxies, no connection state of its own).
 * - An error answer that is not JSON (a proxy's HTML 502 page) makes masto fail while reading
 *   the error body, and the status code is lost: that case becomes a `server` error that says
 *   the instance answered with an error page instead of the Mastodon API.
 */
import { knownNetworkReason } from '../network-errors'
import { createRestAPIClient, MastoDeserializeError, MastoHttpError, MastoTimeoutError, MastoUnexpectedError, type mastodon } from 'masto'
import { ConnectorError, type RateLimitInfo } from '../types'

/** How long one request may take (connect + answer) before it counts as a network failure. */
export const DEFAULT_MASTODON_TIMEOUT_MS = 30_000

/** When a 429 names no time at all, wait this long (Mastodon's windows are 5 minutes). */
const DEFAULT_RETRY_AFTER_MS = 60_000

export const AUTH_SENTENCE = 'the access token was revoked or lacks read access — reconnect the account'

export interface MastodonClientOptions {
  /** The instance, e.g. `https://social.example` (a bare host name means https). */
  instanceUrl: string
  accessToken: string
  /** Per request; defaults to `DEFAULT_MASTODON_TIMEOUT_MS`. */
  timeoutMs?: number
  /** Cancels every request made through this client (the engine's pause/shutdown). */
  signal?: AbortSignal
}

/**
 * The instance's base URL in one normal form (`https://host[:port]`, no path, no trailing
 * slash). A bare host name is taken as https; any other scheme than http(s) is refused.
 */
export function normalizeInstanceUrl(raw: string): string {
  const trimmed = raw.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new ConnectorError('not_found', `“${raw}” is not an instance address — use the form social.example`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnectorError('not_found', `“${raw}” is not an instance address — use the form social.example`)
  }
  return url.origin
}

/** The instance's host (with a port when it has one): the namespace of its ids. */
export function instanceHost(instanceUrl: string): string {
  return new URL(normalizeInstanceUrl(instanceUrl)).host
}

/** A masto REST client for one instance and token. */
export function createMastodonClient(options: MastodonClientOptions): mastodon.rest.Client {
  return createRestAPIClient({
    url: normalizeInstanceUrl(options.instanceUrl),
    accessToken: options.accessToken,
    timeout: options.timeoutMs ?? DEFAULT_MASTODON_TIMEOUT_MS,
    ...(options.signal ? { requestInit: { signal: options.signal } } : {})
  })
}

/** What `toConnectorError` needs to know to write its sentence. */
export interface ErrorContext {
  host: string
  timeoutMs: number
  now: () => number
  signal?: AbortSignal
  /** Overrides the sentence for 401/403 (verify says "this token", sync says "reconnect"). */
  authMessage?: string
}

/** Runs one masto call and turns whatever it throws into a `ConnectorError`. */
export async function callMastodon<T>(context: ErrorContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw toConnectorError(error, context)
  }
}

/** The `code` of an error or of any error in its `cause` chain (bounded). */
export function errorCode(error: unknown): string | null {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code
    if (typeof code === 'string') return code
    current = current.cause
  }
  return null
}

/** A duration in words for sentences: `30 s`, `1.5 s`. */
export function seconds(ms: number): string {
  const s = ms / 1000
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
}

/** The Response masto attaches as the `cause` of a `MastoHttpError`, if any. */
function responseOf(error: MastoHttpError): Response | null {
  return error.cause instanceof Response ? error.cause : null
}

/** Maps anything masto (or fetch underneath it) throws to the engine's error kinds. */
export function toConnectorError(error: unknown, context: ErrorContext): ConnectorError {
  if (error instanceof ConnectorError) return error
  const { host } = context
  if (context.signal?.aborted) return new ConnectorError('network', 'the request was cancelled')
  if (error instanceof MastoHttpError) return httpError(error, context)
  if (error instanceof MastoTimeoutError) {
    return new ConnectorError('network', `${host} did not answer within ${seconds(context.timeoutMs)}`)
  }
  if (error instanceof MastoDeserializeError) {
    return new ConnectorError('invalid_response', `${host} answered with something that is not valid JSON — is this a Mastodon server?`)
  }
  if (error instanceof MastoUnexpectedError) {
    return new ConnectorError('invalid_response', `${host} answered with something that is not the Mastodon API — check the instance address`)
  }
  if (error instanceof Error && error.name === 'AbortError') return new ConnectorError('network', 'the request was cancelled')
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new ConnectorError('network', `${host} did not answer within ${seconds(context.timeoutMs)}`)
  }
  if (error instanceof TypeError) {
    const code = errorCode(error.cause)
    // undici: "terminated" = the body stopped mid-way (socket closed); "fetch failed" = no answer.
    if (error.message === 'terminated' || code === 'UND_ERR_SOCKET') {
      return new ConnectorError('network', `lost the connection to ${host} before the answer was complete`)
    }
    if (error.message === 'fetch failed' || code !== null) {
      const words = knownNetworkReason(error) ?? 'the connection failed'
      return new ConnectorError('network', `could not reach ${host}: ${words}`)
    }
    // masto read an error answer that was not JSON (an HTML error page) and could not parse it.
    return new ConnectorError('server', `${host} answered with an error page instead of the Mastodon API — it may be down or overloaded`)
  }
  const message = error instanceof Error ? error.message : String(error)
  return new ConnectorError('server', `unexpected error talking to ${host}: ${message}`)
}

function httpError(error: MastoHttpError, context: ErrorContext): ConnectorError {
  return httpStatusError(error.statusCode, responseOf(error)?.headers ?? null, error.message || '', context)
}

/**
 * An HTTP error status in the engine's terms (shared by the REST calls and the streaming API):
 * 401/403 auth, 404/410 not_found, 429 rate_limited (with the wait), 5xx server (a 503's
 * `Retry-After` kept), anything else a refusal in the server's own words (capped).
 */
export function httpStatusError(status: number, headers: Headers | null, reason: string, context: ErrorContext): ConnectorError {
  if (status === 401 || status === 403) return new ConnectorError('auth', context.authMessage ?? AUTH_SENTENCE)
  if (status === 404 || status === 410) {
    return new ConnectorError('not_found', `${context.host} has no such timeline, list or account (HTTP ${status}) — check the source`)
  }
  if (status === 429) {
    const wait = headers ? retryAfterMs(headers, context.now()) : DEFAULT_RETRY_AFTER_MS
    return new ConnectorError('rate_limited', `${context.host} asked us to slow down (HTTP 429) — trying again in ${seconds(Math.ceil(wait / 1000) * 1000)}`, wait)
  }
  if (status >= 500) {
    const wait = status === 503 && headers?.has('retry-after') ? retryAfterMs(headers, context.now()) : undefined
    return new ConnectorError('server', `the server answered HTTP ${status}`, wait)
  }
  // 422 and friends: the server refused what we sent; its own words say why (capped).
  const words = reason.slice(0, 200)
  return new ConnectorError('server', words ? `the server refused the request (HTTP ${status}): ${words}` : `the server refused the request (HTTP ${status})`)
}

/**
 * How long a 429 (or 503) asks us to wait: `Retry-After` (seconds or an HTTP date), else
 * Mastodon's `X-RateLimit-Reset` (an ISO date), else a minute. Never negative.
 */
export function retryAfterMs(headers: Headers, now: number): number {
  const retryAfter = headers.get('retry-after')?.trim()
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000
    const at = Date.parse(retryAfter)
    if (!Number.isNaN(at)) return Math.max(0, at - now)
  }
  const reset = headers.get('x-ratelimit-reset')
  if (reset) {
    const at = Date.parse(reset)
    if (!Number.isNaN(at)) return Math.max(0, at - now)
  }
  return DEFAULT_RETRY_AFTER_MS
}

/** Mastodon's `X-RateLimit-*` headers, when all three are present and readable. */
export function readRateLimit(headers: Headers): RateLimitInfo | undefined {
  const limit = Number(headers.get('x-ratelimit-limit') ?? Number.NaN)
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN)
  const resetAt = Date.parse(headers.get('x-ratelimit-reset') ?? '')
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || Number.isNaN(resetAt)) return undefined
  return { limit, remaining, resetAt }
}

/** The `min_id` of a Link header's `rel="prev"` URL (where Mastodon says "newer starts here"). */
export function prevMinId(link: string | null): string | null {
  if (!link) return null
  for (const part of link.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim())
    if (!match) continue
    const [, target, params] = match
    if (target === undefined || params === undefined || !/\brel="?prev"?/.test(params)) continue
    try {
      return new URL(target).searchParams.get('min_id')
    } catch {
      return null
    }
  }
  return null
}
