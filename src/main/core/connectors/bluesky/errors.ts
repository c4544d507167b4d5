/**
 * Every Bluesky failure becomes a `ConnectorError` whose message is a plain sentence for the
 * source's health line or the connect dialog (lower case, no final period: the core wraps it).
 *
 * `@atproto/api` reports everything as an `XRPCError`: `status` 1 ("Unknown") when no response
 * arrived (the fetch failed: DNS, refused, reset, time-out, cancelled), 2 when the answer did not
 * match the lexicon, else the HTTP status, with the server's `error` name and response headers.
 */
import { XRPCError } from '@atproto/api'
import { networkReason } from '../network-errors'
import { ConnectorError } from '../types'

/** The sentence for a refused app password (login or re-login with the stored one). */
export const APP_PASSWORD_REFUSED = 'the app password was refused — reconnect the account'
/** Longest wait honoured from a rate-limit reset; a server asking for more is asked again after a day. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000

export interface ErrorContext {
  /** The service's host, for messages ("bsky.social"). */
  host: string
  /** The caller's signal: an aborted request is reported as cancelled, not as a network failure. */
  signal?: AbortSignal
  now: () => number
  /** The sentence for a missing resource (404, "not found"), e.g. "there is no Bluesky account @x". */
  notFound?: string
}

/** The host of a service URL for messages; the URL itself when it cannot be parsed. */
export function hostOf(serviceUrl: string): string {
  try {
    return new URL(serviceUrl).host
  } catch {
    return serviceUrl
  }
}

function header(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined
  const direct = headers[name]
  if (direct !== undefined) return direct
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name)
  return key === undefined ? undefined : headers[key]
}

/**
 * Milliseconds to wait from a 429's headers: `ratelimit-reset` (epoch seconds, Bluesky's form; a
 * small number is taken as seconds from now) or `retry-after` (seconds or an HTTP date), capped.
 */
export function retryAfterFromHeaders(headers: Record<string, string | undefined> | undefined, now: number): number | undefined {
  const reset = Number(header(headers, 'ratelimit-reset'))
  let ms: number | undefined
  if (Number.isFinite(reset) && reset > 0) ms = reset > 1e9 ? reset * 1000 - now : reset * 1000
  else {
    const retryAfter = header(headers, 'retry-after')?.trim()
    if (retryAfter && /^\d+$/.test(retryAfter)) ms = Number(retryAfter) * 1000
    else if (retryAfter) {
      const at = Date.parse(retryAfter)
      if (!Number.isNaN(at)) ms = at - now
    }
  }
  if (ms === undefined) return undefined
  return Math.min(Math.max(0, Math.ceil(ms)), MAX_RETRY_AFTER_MS)
}

/** "20 seconds", "5 minutes", "3 hours": for messages. */
export function describeDuration(ms: number): string {
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
  if (ms < 2 * 60_000) return unit(Math.max(1, Math.round(ms / 1000)), 'second')
  if (ms < 2 * 60 * 60_000) return unit(Math.round(ms / 60_000), 'minute')
  return unit(Math.round(ms / 3_600_000), 'hour')
}

/** The server's own words, when it sent some that differ from the bare error name. */
function serverWords(error: XRPCError): string {
  const message = error.message.trim()
  if (!message || message === error.error) return ''
  return `: ${message.length > 200 ? `${message.slice(0, 200)}…` : message}`
}

/** True when the error says the credentials or tokens are no good (not a missing resource). */
export function isAuthFailure(error: unknown): boolean {
  if (!(error instanceof XRPCError)) return false
  if (error.status === 401) return true
  return error.status === 400 && ['ExpiredToken', 'InvalidToken', 'AuthenticationRequired'].includes(error.error)
}

/** True when no response arrived (or it could not be read): the server may or may not have acted. */
export function isUnclearFailure(error: unknown): boolean {
  if (!(error instanceof XRPCError)) return !(error instanceof ConnectorError)
  return error.status === 1 || error.status === 2 || error.status >= 500
}

/** Maps any failure of a Bluesky call to a `ConnectorError`. */
export function toConnectorError(error: unknown, context: ErrorContext): ConnectorError {
  if (error instanceof ConnectorError) return error
  const { host } = context
  if (context.signal?.aborted) return new ConnectorError('network', `the request to ${host} was cancelled`)
  if (!(error instanceof XRPCError)) {
    return new ConnectorError('network', `could not reach ${host}: ${networkReason(error)}`)
  }
  const status = error.status as number
  if (status === 1) return new ConnectorError('network', `could not reach ${host}: ${networkReason(error.cause ?? error)}`)
  if (status === 2) return new ConnectorError('invalid_response', `${host} sent an answer Earshot could not read (it does not match the Bluesky API)`)
  switch (error.error) {
    case 'AuthFactorTokenRequired':
      return new ConnectorError('auth', 'this account asks for an email sign-in code — use an app password (Settings → Privacy and security → App passwords) instead')
    case 'AccountTakedown':
      return new ConnectorError('auth', `${host} has taken this account down`)
    case 'AccountDeactivated':
      return new ConnectorError('auth', 'this Bluesky account is deactivated — reactivate it, then reconnect the account')
    case 'ExpiredToken':
    case 'InvalidToken':
      return new ConnectorError('auth', `${host} no longer accepts Earshot's session — reconnect the account`)
    case 'BlockedActor':
    case 'BlockedByActor':
      return new ConnectorError('not_found', 'that account blocks this one (or is blocked by it), so its posts cannot be read')
    default:
      break
  }
  if (status === 401) return new ConnectorError('auth', APP_PASSWORD_REFUSED)
  if (status === 403) return new ConnectorError('auth', `${host} refused access (HTTP 403)${serverWords(error)}`)
  if (status === 429) {
    const retryAfter = retryAfterFromHeaders(error.headers, context.now())
    const wait = retryAfter === undefined ? '' : `; trying again in ${describeDuration(retryAfter)}`
    return new ConnectorError('rate_limited', `${host} asks us to slow down (rate limit reached)${wait}`, retryAfter)
  }
  if (status === 404 || error.error === 'NotFound' || error.error === 'RecordNotFound' || /not found/i.test(error.message)) {
    return new ConnectorError('not_found', context.notFound ?? `${host} could not find it${serverWords(error)}`)
  }
  if (status >= 500) {
    const retryAfter = status === 503 ? retryAfterFromHeaders(error.headers, context.now()) : undefined
    return new ConnectorError('server', `${host} has a problem (HTTP ${status})${serverWords(error)}`, retryAfter)
  }
  return new ConnectorError('server', `${host} refused the request (HTTP ${status} ${error.error})${serverWords(error)}`)
}

export { networkReason }
