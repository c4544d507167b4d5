/**
 * Mastodon's streaming API, read as Server-Sent Events over plain HTTP (Node's fetch), parsed
 * with eventsource-parser.
 *
 * Which stream a source opens (`mastodonStreamTarget`):
 * - home → `/api/v1/streaming/user`: `update` and `status.update` (an edit) → `onPosts`,
 *   `delete` → `onDeleted` (the stable id `mastodon:<host>:<status id>`). The user stream also
 *   carries `notification`, `filters_changed` and announcements: ignored here (the mentions
 *   source has its own stream).
 * - mentions → `/api/v1/streaming/user/notification`: `notification` of type mention, status or
 *   update (the same types `mapNotification` maps) → `onPosts`.
 * - hashtag → `/api/v1/streaming/hashtag?tag=<tag>`, list → `/api/v1/streaming/list?list=<id>`:
 *   like home.
 * - search → no stream (Mastodon has none for a search).
 *
 * Why fetch and not masto's streaming client: masto 8 streams over WebSocket only, and a plain
 * GET keeps the request checkable against the OpenAPI description, the errors mappable from the
 * HTTP status (`httpStatusError`, the same sentences as the REST calls), and needs no second
 * connection library.
 *
 * Liveness. Mastodon's streaming server writes a `:thump` comment about every 15 s, so a stream
 * that gives no byte at all for `silenceTimeoutMs` (default 90 s) is dead even if the socket
 * looks open (a NAT or proxy dropped it silently): it is closed and the promise rejects with
 * `network` so that the engine reconnects. Opening has its own timeout (`connectTimeoutMs`,
 * until the response headers arrive).
 *
 * Robustness. One event that cannot be read (bad JSON, an entity of the wrong shape, an id that
 * is not one) is skipped and counted (`MastodonStreamStats.skipped`, `onSkipped`); it never ends
 * the stream. Event payloads are snake_case JSON; they are turned into the camelCase shape masto
 * gives (which `mapStatus` reads) by renaming keys, nothing else.
 *
 * Redirects. An instance whose streaming server lives on another host (mastodon.social →
 * streaming.mastodon.social) answers `/api/v1/streaming/*` with a redirect. fetch's own
 * redirect handling drops `Authorization` when the origin changes, which would turn every such
 * stream into a 401; so redirects are followed here (at most 3), keeping the token unless the
 * hop would send it over plain http from https.
 */
import { knownNetworkReason } from '../network-errors'
import { createParser, type EventSourceMessage } from 'eventsource-parser'
import type { mastodon } from 'masto'
import type { IncomingPost } from '@shared/domain/post'
import { ConnectorError, type StreamHandlers } from '../types'
import { DEFAULT_MASTODON_TIMEOUT_MS, httpStatusError, instanceHost, normalizeInstanceUrl, seconds, toConnectorError, type ErrorContext } from './client'
import { mapNotification, mapStatus, mastodonPostId, type MapContext } from './map'
import type { MastodonSourceKind } from './connector'

/** No byte (not even a heartbeat) for this long and the stream counts as dead. */
export const DEFAULT_STREAM_SILENCE_MS = 90_000
/** Redirect hops followed when opening a stream (see the header). */
const MAX_REDIRECTS = 3
/** One event may not grow beyond this (a server that never ends an event must not eat memory). */
const MAX_EVENT_CHARS = 4_000_000

export interface MastodonStreamOptions {
  sourceId: string
  instanceUrl: string
  accessToken: string
  kind: MastodonSourceKind
  /** The list id (`list`), the hashtag with or without `#` (`hashtag`). */
  value?: string
  now?: () => number
  /** Until the response headers arrive (default 30 s, as a REST request). */
  connectTimeoutMs?: number
  /** No byte for this long ends the stream with a `network` error (default 90 s). */
  silenceTimeoutMs?: number
  /** Called for every event that was skipped because it could not be read (for logs). */
  onSkipped?: (event: string, reason: string) => void
}

/** What one stream delivered, resolved when the server ended it or it was aborted. */
export interface MastodonStreamStats {
  /** Events received (comments and heartbeats not counted). */
  events: number
  /** Posts handed to `onPosts`. */
  posts: number
  /** Ids handed to `onDeleted`. */
  deleted: number
  /** Events that could not be read and were skipped. */
  skipped: number
  /** Events of kinds this source does not use (`filters_changed`, announcements, …). */
  ignored: number
}

export interface MastodonStreamTarget {
  /** e.g. `/api/v1/streaming/hashtag`. */
  path: string
  query: Record<string, string>
}

/**
 * The stream for a source, or null when the network offers none (search). Throws `not_found`
 * when a list or hashtag source names nothing, as `fetch` does.
 */
export function mastodonStreamTarget(kind: MastodonSourceKind, value: string | undefined): MastodonStreamTarget | null {
  const named = (what: string, strip: RegExp): string => {
    const v = value?.trim().replace(strip, '') ?? ''
    if (!v) throw new ConnectorError('not_found', `this source names no ${what} — edit the source`)
    return v
  }
  switch (kind) {
    case 'home':
      return { path: '/api/v1/streaming/user', query: {} }
    case 'mentions':
      return { path: '/api/v1/streaming/user/notification', query: {} }
    case 'hashtag':
      return { path: '/api/v1/streaming/hashtag', query: { tag: named('hashtag', /^#+/) } }
    case 'list':
      return { path: '/api/v1/streaming/list', query: { list: named('list', /^$/) } }
    case 'search':
      return null
  }
}

/** snake_case → camelCase, as masto renames keys (`edited_at` → `editedAt`); values untouched. */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys)
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) out[key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())] = camelizeKeys(inner)
  return out
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The fields `mapStatus` cannot do without (the rest it reads defensively). */
function looksLikeStatus(value: unknown): value is mastodon.v1.Status {
  if (!isRecord(value)) return false
  const account = value.account
  const core =
    typeof value.id === 'string' &&
    typeof value.content === 'string' &&
    typeof value.spoilerText === 'string' &&
    isRecord(account) &&
    typeof account.id === 'string' &&
    typeof account.acct === 'string' &&
    typeof account.username === 'string' &&
    typeof account.displayName === 'string'
  return core && (value.reblog === null || value.reblog === undefined || looksLikeStatus(value.reblog))
}

function looksLikeNotification(value: unknown): value is mastodon.v1.Notification {
  return isRecord(value) && typeof value.id === 'string' && typeof value.type === 'string' && (value.status === undefined || value.status === null || looksLikeStatus(value.status))
}

/** Mastodon sends a deleted status's id bare (`data: 1132…`); a JSON-quoted one is accepted too. */
function deletedStatusId(data: string): string | null {
  const raw = data.trim().replace(/^"(.*)"$/, '$1')
  return /^[A-Za-z0-9_-]{1,64}$/.test(raw) ? raw : null
}

class Skip extends Error {}

/** Reads an event's JSON payload (after renaming keys), or throws `Skip`. */
function payload(data: string): unknown {
  try {
    return camelizeKeys(JSON.parse(data))
  } catch {
    throw new Skip('not valid JSON')
  }
}

/** The Authorization header survives a redirect unless it would go from https to plain http. */
function keepsToken(from: URL, to: URL): boolean {
  return !(from.protocol === 'https:' && to.protocol !== 'https:')
}

/**
 * Opens the source's stream and delivers its events until the server ends it (resolves with
 * what was delivered), it fails (rejects with a `ConnectorError`), or `signal` is aborted
 * (resolves quietly). An error thrown by a handler ends the stream and is rethrown as it is.
 */
export async function openMastodonStream(options: MastodonStreamOptions, handlers: StreamHandlers, signal: AbortSignal): Promise<MastodonStreamStats> {
  const instanceUrl = normalizeInstanceUrl(options.instanceUrl)
  const host = instanceHost(instanceUrl)
  const target = mastodonStreamTarget(options.kind, options.value)
  if (!target) throw new ConnectorError('not_found', `${host} offers no live stream for a search — it is read by polling`)
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_MASTODON_TIMEOUT_MS
  const silenceTimeoutMs = options.silenceTimeoutMs ?? DEFAULT_STREAM_SILENCE_MS
  const context: ErrorContext = { host, timeoutMs: connectTimeoutMs, now: options.now ?? Date.now }
  const stats: MastodonStreamStats = { events: 0, posts: 0, deleted: 0, skipped: 0, ignored: 0 }
  if (signal.aborted) return stats

  // One controller for the request: the caller's signal, the connect timeout and the silence
  // watchdog all abort it; `why` says which, so the error can say so.
  const controller = new AbortController()
  let why: 'caller' | 'connect' | 'silence' | null = null
  const abort = (reason: 'caller' | 'connect' | 'silence'): void => {
    why ??= reason
    controller.abort()
  }
  const onCallerAbort = (): void => abort('caller')
  signal.addEventListener('abort', onCallerAbort, { once: true })
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort('connect'), connectTimeoutMs)
  const silentError = (): ConnectorError => new ConnectorError('network', `the live stream from ${host} went silent (nothing for ${seconds(silenceTimeoutMs)})`)

  try {
    let response: Response
    try {
      response = await open(new URL(target.path, instanceUrl), target.query, options.accessToken, controller.signal)
    } catch (error) {
      if (why === 'caller') return stats
      if (why === 'connect') throw new ConnectorError('network', `${host} did not open the live stream within ${seconds(connectTimeoutMs)}`)
      throw error instanceof ConnectorError ? error : toConnectorError(error, context)
    }
    clearTimeout(timer)
    timer = undefined

    if (!response.ok) {
      const reason = await errorReason(response)
      throw httpStatusError(response.status, response.headers, reason, context)
    }
    const type = response.headers.get('content-type') ?? ''
    if (!/^text\/event-stream\b/i.test(type) || !response.body) {
      await response.body?.cancel().catch(() => undefined)
      throw new ConnectorError('invalid_response', `${host} answered the live stream with something that is not an event stream — is this a Mastodon server?`)
    }

    const mapContext: MapContext = { sourceId: options.sourceId, host }
    const skip = (event: string, reason: string): void => {
      stats.skipped++
      options.onSkipped?.(event, reason)
    }
    // Set from the parser's callbacks (an object, so that the loop below sees the writes).
    const state: { handlerError: { error: unknown } | null; parserBroken: boolean } = { handlerError: null, parserBroken: false }
    const deliverPosts = (posts: IncomingPost[]): void => {
      if (posts.length === 0) return
      stats.posts += posts.length
      handlers.onPosts(posts)
    }
    const onEvent = (message: EventSourceMessage): void => {
      if (state.handlerError) return
      const name = message.event ?? 'message'
      stats.events++
      let posts: IncomingPost[] | null = null
      let deleted: string | null = null
      try {
        posts = readEvent(name, message.data)
        if (posts === null && name === 'delete' && (options.kind === 'home' || options.kind === 'hashtag' || options.kind === 'list')) {
          const id = deletedStatusId(message.data)
          if (id === null) throw new Skip('not a status id')
          deleted = mastodonPostId(host, id)
        }
      } catch (error) {
        skip(name, error instanceof Error ? error.message : String(error))
        return
      }
      if (posts === null && deleted === null) {
        stats.ignored++
        return
      }
      // Handler errors are the caller's bugs, not the stream's: they end the stream as they are.
      try {
        if (posts) deliverPosts(posts)
        if (deleted !== null) {
          stats.deleted++
          handlers.onDeleted([deleted])
        }
      } catch (error) {
        state.handlerError ??= { error }
      }
    }

    /** The posts in a `update`/`status.update`/`notification` event, or null for other events. */
    const readEvent = (name: string, data: string): IncomingPost[] | null => {
      const timeline = options.kind === 'home' || options.kind === 'hashtag' || options.kind === 'list'
      if (timeline && (name === 'update' || name === 'status.update')) {
        const status = payload(data)
        if (!looksLikeStatus(status)) throw new Skip('not a Status')
        return [mapStatus(status, mapContext)]
      }
      if (options.kind === 'mentions' && name === 'notification') {
        const notification = payload(data)
        if (!looksLikeNotification(notification)) throw new Skip('not a Notification')
        const post = mapNotification(notification, mapContext)
        return post ? [post] : []
      }
      return null
    }

    const parser = createParser({
      onEvent,
      maxBufferSize: MAX_EVENT_CHARS,
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') state.parserBroken = true
      }
    })
    const armSilence = (): void => {
      clearTimeout(timer)
      timer = setTimeout(() => abort('silence'), silenceTimeoutMs)
    }

    handlers.onOpen()
    armSilence()
    const reader = response.body.getReader()
    const decoder = new TextDecoder()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        armSilence()
        parser.feed(decoder.decode(value, { stream: true }))
        if (state.handlerError) throw state.handlerError.error
        if (state.parserBroken) throw new ConnectorError('invalid_response', `${host} sent a live-stream event larger than ${MAX_EVENT_CHARS / 1_000_000} M characters — the stream was closed`)
      }
      parser.feed(decoder.decode())
      if (state.handlerError) throw state.handlerError.error
      return stats
    } catch (error) {
      await reader.cancel().catch(() => undefined)
      if (state.handlerError && error === state.handlerError.error) throw error
      if (error instanceof ConnectorError) throw error
      if (why === 'caller') return stats
      if (why === 'silence') throw silentError()
      throw new ConnectorError('network', `lost the live stream from ${host}: ${knownNetworkReason(error) ?? 'the connection was cut'}`)
    }
  } finally {
    clearTimeout(timer)
    signal.removeEventListener('abort', onCallerAbort)
  }
}

/** GET with the token, following redirects by hand (see the header). */
async function open(url: URL, query: Record<string, string>, token: string, signal: AbortSignal): Promise<Response> {
  let current = new URL(url)
  for (const [name, value] of Object.entries(query)) current.searchParams.set(name, value)
  let withToken = true
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { Accept: 'text/event-stream', 'Cache-Control': 'no-cache' }
    if (withToken) headers.Authorization = `Bearer ${token}`
    const response = await fetch(current, { headers, signal, redirect: 'manual' })
    const location = response.headers.get('location')
    if (response.status < 300 || response.status >= 400 || !location) return response
    await response.body?.cancel().catch(() => undefined)
    if (hop >= MAX_REDIRECTS) throw new ConnectorError('server', `${current.host} redirected the live stream too many times`)
    const next = new URL(location, current)
    if (next.protocol !== 'https:' && next.protocol !== 'http:') throw new ConnectorError('server', `${current.host} redirected the live stream to an address that is not http(s)`)
    withToken = withToken && keepsToken(current, next)
    current = next
  }
}

/** Mastodon's `{"error": "…"}` for the sentence of an unexpected status, else nothing. */
async function errorReason(response: Response): Promise<string> {
  try {
    const body: unknown = JSON.parse((await response.text()).slice(0, 10_000))
    return isRecord(body) && typeof body.error === 'string' ? body.error : ''
  } catch {
    return ''
  }
}
