/**
 * A Mastodon API test server (node:http on 127.0.0.1, a free port) over an in-memory world.
 *
 * It serves the endpoints Earshot's connector uses (timelines, notifications, search, a status's
 * conversation at `/api/v1/statuses/{id}/context`, posting), with Mastodon's semantics: `max_id`,
 * `since_id`, `min_id` (the page *immediately newer* than it), `limit` with each endpoint's
 * default and maximum, Link headers (`next` = older, `prev` = newer), bearer tokens, per-token
 * rate-limit headers with a configurable budget, and `Idempotency-Key` on status creation.
 *
 * Every request is checked against the OpenAPI description (path, method, declared query
 * parameters and their types, required ones, request body) and every response body and declared
 * header is validated against its schema before it is sent; anything off is recorded in
 * `violations` (a test asserts there are none). Faults can be injected per request.
 *
 * Streaming API: `/api/v1/streaming/{user, user/notification, hashtag, list, public}` answer with
 * Server-Sent Events and stay open (bearer auth as everywhere; no REST rate budget, as Mastodon's
 * separate streaming server). The world pushes what happens: a new status → `update` to the
 * streams whose timeline shows it, `world.edit` → `status.update`, `world.delete` → `delete`
 * (the bare id), a notification → `notification` on `user` and `user/notification`. Every
 * entity payload is checked against its component schema (`Status`, `Notification`) and
 * recorded in `violations` like a response. `streamHeartbeatMs` sends `:thump` comments;
 * `endStreams`, `dropStreams`, `writeToStreams` and the `unauthorized` fault test the failures.
 *
 * OAuth (no bearer token needed): `POST /api/v1/apps` registers an app (`apps`),
 * `GET /oauth/authorize` is the page a person opens — the owner is signed in, so it approves at
 * once and shows the code in `<code id="code">` as Mastodon does for `urn:ietf:wg:oauth:2.0:oob`
 * — and `POST /oauth/token` trades a code once (checking client id, secret, redirect URI) for a
 * new bearer token of the owner. `approve(clientId)` gives a code without the page.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mastodonOpenApi, type OpenApiChecker } from './openapi'
import { compareIds, MastodonWorld, type WorldAccount, type WorldEvent, type WorldStatus } from './world'

export type Fault =
  /** 429 with `Retry-After: retryAfterSeconds` (and the rate-limit headers). */
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** A Mastodon JSON error with this status (default 500). */
  | { kind: 'server_error'; status?: number }
  /** An HTML error page, as a proxy in front of Mastodon sends when it is down. */
  | { kind: 'error_page'; status: number }
  /** Headers never come; the request hangs until the client gives up. */
  | { kind: 'hang' }
  /** Headers and half the body, then the connection is destroyed. */
  | { kind: 'drop' }
  /** 401 with Mastodon's JSON error, whatever the token (a token revoked as the request arrives). */
  | { kind: 'unauthorized' }

export interface RecordedRequest {
  method: string
  url: URL
  /** The OpenAPI path template it matched, or null. */
  template: string | null
  idempotencyKey: string | null
  body: unknown
}

export interface MastodonServerOptions {
  /** Requests per window per token (Mastodon: 300 per 5 minutes). */
  rateLimit?: { limit: number; windowMs: number }
  /** How long an Idempotency-Key is remembered (Mastodon: 1 hour). */
  idempotencyWindowMs?: number
  now?: () => number
  checker?: OpenApiChecker
  /**
   * Waits this long between committing a write (POST) and answering it: the window in which a
   * client that dies, or loses the connection, does not know that its post exists.
   */
  writeAnswerDelayMs?: number
  /** Streaming API: a `:thump` comment on every open stream this often (default: none). */
  streamHeartbeatMs?: number
}

/** An open streaming response (Server-Sent Events) and what it listens to. */
export interface OpenStream {
  /** `user`, `user/notification`, `hashtag`, `list`, `public`, `public/local`, … (after `/api/v1/streaming/`). */
  name: string
  accountId: string
  /** The tag (hashtag streams, lowercased) or list id (list streams). */
  param: string | null
  res: ServerResponse
  /** Events written (not counting comments). */
  sent: number
}

/** An app registered with `POST /api/v1/apps`. */
export interface TestApp {
  id: string
  name: string
  clientId: string
  clientSecret: string
  redirectUris: string[]
  scopes: string[]
  website: string | null
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

interface Budget {
  windowStart: number
  used: number
}

const MAX_BODY_BYTES = 1_000_000

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Field errors, for the endpoints whose 422 is Mastodon's `ValidationError`. */
    readonly details?: Record<string, { error: string; description: string }[]>
  ) {
    super(message)
  }
}

function pageLimit(raw: string | null, fallback: number, max: number): number {
  const n = raw === null ? fallback : Number.parseInt(raw, 10)
  if (!Number.isFinite(n) || n <= 0) return fallback
  return Math.min(n, max)
}

/** Mastodon's id pagination over a newest-first list. */
export function paginate<T extends { id: string }>(items: readonly T[], query: URLSearchParams, limit: number): T[] {
  const maxId = query.get('max_id')
  const sinceId = query.get('since_id')
  const minId = query.get('min_id')
  let selected = items.filter((item) => (maxId === null || compareIds(item.id, maxId) < 0) && (sinceId === null || compareIds(item.id, sinceId) > 0) && (minId === null || compareIds(item.id, minId) > 0))
  if (minId !== null) {
    // The `limit` items immediately newer than min_id (the oldest of the newer ones), newest first.
    selected = selected.slice(-limit)
  } else {
    selected = selected.slice(0, limit)
  }
  return selected
}

export class MastodonTestServer {
  readonly world: MastodonWorld
  readonly violations: string[] = []
  /** (method template status) answered with no description (e.g. injected 500s). */
  readonly undescribed: string[] = []
  readonly requests: RecordedRequest[] = []
  readonly tokens = new Map<string, string>()
  /** Registered apps by client id (`POST /api/v1/apps`). */
  readonly apps = new Map<string, TestApp>()
  /** Authorization codes not yet traded for a token. */
  private readonly codes = new Map<string, { clientId: string; redirectUri: string; accountId: string }>()
  private readonly faults: { fault: Fault; pathPrefix: string | null }[] = []
  private readonly budgets = new Map<string, Budget>()
  private readonly idempotency = new Map<string, { statusId: string; at: number }>()
  private readonly hanging = new Set<ServerResponse>()
  private readonly now: () => number
  private readonly checker: OpenApiChecker
  readonly rateLimit: { limit: number; windowMs: number }
  private readonly idempotencyWindowMs: number
  private readonly writeAnswerDelayMs: number
  private readonly streamHeartbeatMs: number | null
  private readonly heartbeat: ReturnType<typeof setInterval> | null
  /** Open streaming responses, in the order they were opened. */
  readonly streams: OpenStream[] = []
  private readonly streamWaiters: { name: string; resolve: (stream: OpenStream) => void }[] = []

  constructor(
    private readonly server: Server,
    readonly url: string,
    options: MastodonServerOptions
  ) {
    this.world = new MastodonWorld(url)
    this.now = options.now ?? Date.now
    this.checker = options.checker ?? mastodonOpenApi()
    this.rateLimit = options.rateLimit ?? { limit: 300, windowMs: 5 * 60_000 }
    this.idempotencyWindowMs = options.idempotencyWindowMs ?? 60 * 60_000
    this.writeAnswerDelayMs = options.writeAnswerDelayMs ?? 0
    this.tokens.set('token-team', this.world.owner.id)
    this.streamHeartbeatMs = options.streamHeartbeatMs ?? null
    this.heartbeat = this.streamHeartbeatMs ? setInterval(() => this.writeToStreams(':thump\n'), this.streamHeartbeatMs) : null
    this.world.subscribe((event) => this.fanOut(event))
  }

  get host(): string {
    return new URL(this.url).host
  }

  /** The owner's token (valid until revoked). */
  get token(): string {
    return 'token-team'
  }

  /** The next request (to a path starting with `pathPrefix`, if given) fails this way. */
  injectFault(fault: Fault, pathPrefix: string | null = null): void {
    this.faults.push({ fault, pathPrefix })
  }

  revokeToken(token: string): void {
    this.tokens.delete(token)
  }

  /** Requests to API paths (not counting anything else), for assertions. */
  apiRequests(pathname?: string): RecordedRequest[] {
    return this.requests.filter((r) => (pathname ? r.url.pathname === pathname : true))
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat)
    for (const stream of [...this.streams]) stream.res.socket?.destroy()
    this.streams.length = 0
    for (const res of this.hanging) res.socket?.destroy()
    this.hanging.clear()
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  /** Entry point for node:http. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    this.handleAsync(req, res).catch((error: unknown) => {
      this.violations.push(`server crashed on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`)
      if (!res.headersSent) res.writeHead(500).end()
    })
  }

  private async handleAsync(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', this.url)
    const raw = await readBody(req)
    let body: unknown
    if (raw.length > 0 && (req.headers['content-type'] ?? '').startsWith('application/json')) {
      try {
        body = JSON.parse(raw.toString('utf8'))
      } catch {
        this.violations.push(`${method} ${url.pathname}: the request body is not valid JSON`)
      }
    }
    const match = this.checker.matchPath(url.pathname)
    const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null
    this.requests.push({ method, url, template: match?.template ?? null, idempotencyKey, body })
    this.violations.push(...this.checker.checkRequest({ method, url, ...(body !== undefined ? { body } : {}) }))
    const template = match?.template ?? null

    const faultIndex = this.faults.findIndex((f) => f.pathPrefix === null || url.pathname.startsWith(f.pathPrefix))
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0]?.fault : undefined
    if (fault && this.fail(fault, method, template, res)) return

    // App registration and OAuth need no bearer token (they are how one is obtained).
    if (url.pathname === '/api/v1/apps' || url.pathname.startsWith('/oauth/')) {
      this.oauth(res, method, url, template, body)
      return
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const accountId = token ? this.tokens.get(token) : undefined
    if (!token || !accountId) {
      this.json(res, method, template, 401, { error: 'The access token is invalid' })
      return
    }
    // Mastodon's streaming server is a separate process without the REST rate limits.
    if (template?.startsWith('/api/v1/streaming/')) {
      this.openStream(req, res, method, url, template, accountId)
      return
    }
    const budget = this.spend(token)
    if (budget.used > this.rateLimit.limit) {
      const retryAfter = Math.ceil((budget.windowStart + this.rateLimit.windowMs - this.now()) / 1000)
      this.json(res, method, template, 429, { error: 'Too many requests' }, { 'Retry-After': String(retryAfter) }, token)
      return
    }
    try {
      const routed = this.route(method, url, match?.params ?? {}, body, idempotencyKey, this.world.account(accountId))
      if (method === 'POST' && this.writeAnswerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.writeAnswerDelayMs))
      if (res.destroyed) return
      this.json(res, method, template, routed.status ?? 200, routed.body, routed.link ? { Link: routed.link } : {}, token)
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error
      this.json(res, method, template, error.status, { error: error.message, ...(error.details ? { details: error.details } : {}) }, {}, token)
    }
  }

  /** Applies a fault; false when the fault leaves the request to be answered normally. */
  private fail(fault: Fault, method: string, template: string | null, res: ServerResponse): boolean {
    switch (fault.kind) {
      case 'rate_limited':
        this.json(res, method, template, 429, { error: 'Too many requests' }, { 'Retry-After': String(fault.retryAfterSeconds) })
        return true
      case 'server_error':
        this.json(res, method, template, fault.status ?? 500, { error: 'We’re sorry, but something went wrong on our end.' })
        return true
      case 'error_page': {
        const html = `<!DOCTYPE html><html><body><h1>${fault.status} Bad Gateway</h1></body></html>`
        res.writeHead(fault.status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) })
        res.end(html)
        return true
      }
      case 'hang':
        this.hanging.add(res)
        return true
      case 'unauthorized':
        this.json(res, method, template, 401, { error: 'The access token is invalid' })
        return true
      case 'drop': {
        const payload = JSON.stringify([this.world.statusJson(this.world.post(this.world.owner, { text: 'a status that never arrives whole' }))])
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(payload) })
        res.write(payload.slice(0, Math.floor(payload.length / 2)), () => res.socket?.destroy())
        return true
      }
    }
  }

  // ---- Apps and OAuth (the out-of-band authorization-code flow) ----

  /**
   * `POST /api/v1/apps`, `GET /oauth/authorize` (the owner is signed in on this server, so the
   * page approves at once and shows the code, as Mastodon does for `urn:ietf:wg:oauth:2.0:oob`,
   * in `<code id="code">`), `POST /oauth/token` (authorization_code grant: checks the client,
   * its secret, the redirect URI and the code, which works once; issues a new bearer token for
   * the owner).
   */
  private oauth(res: ServerResponse, method: string, url: URL, template: string | null, body: unknown): void {
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
    const error = (status: number, code: string, description: string): void => this.json(res, method, template, status, { error: code, error_description: description })
    if (method === 'POST' && url.pathname === '/api/v1/apps') {
      const name = typeof input.client_name === 'string' ? input.client_name.trim() : ''
      const redirectUris = Array.isArray(input.redirect_uris) ? input.redirect_uris.filter((u): u is string => typeof u === 'string') : []
      if (!name || redirectUris.length === 0) {
        this.json(res, method, template, 422, { error: "Validation failed: Name can't be blank, Redirect URI can't be blank" })
        return
      }
      const scopes = (typeof input.scopes === 'string' ? input.scopes : 'read').split(/\s+/).filter(Boolean)
      const id = String(this.apps.size + 1)
      const app: TestApp = { id, name, clientId: `client-${id}-${randomUUID()}`, clientSecret: `secret-${randomUUID()}`, redirectUris, scopes, website: typeof input.website === 'string' ? input.website : null }
      this.apps.set(app.clientId, app)
      this.json(res, method, template, 200, {
        id: app.id,
        name: app.name,
        website: app.website,
        scopes: app.scopes,
        redirect_uri: app.redirectUris.join('\n'),
        redirect_uris: app.redirectUris,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        client_secret_expires_at: 0,
        vapid_key: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M='
      })
      return
    }
    if (method === 'GET' && url.pathname === '/oauth/authorize') {
      const q = url.searchParams
      const app = this.apps.get(q.get('client_id') ?? '')
      const redirectUri = q.get('redirect_uri') ?? ''
      const scopes = (q.get('scope') ?? 'read').split(/[\s+]+/).filter(Boolean)
      if (!app || q.get('response_type') !== 'code' || !app.redirectUris.includes(redirectUri) || !scopes.every((scope) => app.scopes.includes(scope))) {
        error(400, 'invalid_request', 'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.')
        return
      }
      const code = this.approve(app.clientId, redirectUri)
      const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Authorization code</title></head><body><main><h1>${escapeHtml(app.name)} was authorized</h1><p>Copy this authorization code and paste it into the application.</p><code id="code">${escapeHtml(code)}</code></main></body></html>`
      const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(html)) }
      if (template) this.violations.push(...this.checker.checkResponse({ method, template, status: 200, body: undefined, headers: { 'content-type': headers['Content-Type'] } }).violations)
      res.writeHead(200, headers)
      res.end(html)
      return
    }
    if (method === 'POST' && url.pathname === '/oauth/token') {
      const app = this.apps.get(typeof input.client_id === 'string' ? input.client_id : '')
      if (!app || input.client_secret !== app.clientSecret) {
        error(401, 'invalid_client', 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.')
        return
      }
      if (input.grant_type !== 'authorization_code') {
        error(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.')
        return
      }
      const grant = typeof input.code === 'string' ? this.codes.get(input.code) : undefined
      if (!grant || grant.clientId !== app.clientId || grant.redirectUri !== input.redirect_uri) {
        error(400, 'invalid_grant', 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.')
        return
      }
      this.codes.delete(input.code as string)
      const token = `token-oauth-${randomUUID()}`
      this.tokens.set(token, grant.accountId)
      this.json(res, method, template, 200, { access_token: token, token_type: 'Bearer', scope: app.scopes.join(' '), created_at: Math.floor(this.now() / 1000) })
      return
    }
    this.json(res, method, template, 404, { error: 'Record not found' })
  }

  /** The owner approves an app (what clicking "Authorize" does): a one-time code for `/oauth/token`. */
  approve(clientId: string, redirectUri = 'urn:ietf:wg:oauth:2.0:oob'): string {
    if (!this.apps.has(clientId)) throw new Error(`no app with client id ${clientId}`)
    const code = `code-${randomUUID().replaceAll('-', '')}`
    this.codes.set(code, { clientId, redirectUri, accountId: this.world.owner.id })
    return code
  }

  // ---- Streaming API (Server-Sent Events) ----

  private openStream(req: IncomingMessage, res: ServerResponse, method: string, url: URL, template: string, accountId: string): void {
    const name = template.slice('/api/v1/streaming/'.length)
    let param: string | null = null
    if (name === 'hashtag' || name === 'hashtag/local') param = (url.searchParams.get('tag') ?? '').toLowerCase()
    if (name === 'list') {
      param = url.searchParams.get('list') ?? ''
      if (!this.world.lists.has(param)) {
        this.json(res, method, template, 404, { error: 'Record not found' })
        return
      }
    }
    const needsParam = name === 'hashtag' || name === 'hashtag/local' || name === 'list'
    if (method !== 'GET' || name === 'health' || (needsParam && !param)) {
      this.json(res, method, template, 404, { error: 'Record not found' })
      return
    }
    const headers = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'private, no-store' }
    const checked = this.checker.checkResponse({ method, template, status: 200, body: undefined, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) })
    this.violations.push(...checked.violations)
    const stream: OpenStream = { name, accountId, param, res, sent: 0 }
    this.streams.push(stream)
    const forget = (): void => {
      const index = this.streams.indexOf(stream)
      if (index >= 0) this.streams.splice(index, 1)
    }
    req.socket.setKeepAlive(true)
    res.on('close', forget)
    res.writeHead(200, headers)
    // Mastodon's streaming server greets an SSE client with a comment, which also sends the headers.
    res.write(':)\n')
    for (let i = this.streamWaiters.length - 1; i >= 0; i--) {
      const waiter = this.streamWaiters[i]
      if (waiter?.name === name) {
        this.streamWaiters.splice(i, 1)
        waiter.resolve(stream)
      }
    }
  }

  /** Resolves with the next stream of this name to open (or one already open). */
  waitForStream(name: string): Promise<OpenStream> {
    const open = this.streams.find((s) => s.name === name)
    if (open) return Promise.resolve(open)
    return new Promise((resolve) => this.streamWaiters.push({ name, resolve }))
  }

  /** The server ends every open stream normally (as on a restart of the streaming server). */
  endStreams(): void {
    for (const stream of [...this.streams]) stream.res.end()
  }

  /** Every open stream's connection is cut without an end (a crash, a proxy dropping it). */
  dropStreams(): void {
    for (const stream of [...this.streams]) stream.res.socket?.destroy()
  }

  /** Writes raw text to every open stream (for malformed events). */
  writeToStreams(text: string): void {
    for (const stream of this.streams) stream.res.write(text)
  }

  /** Sends one event to one stream; entity payloads are checked against their schema first. */
  private sendEvent(stream: OpenStream, event: string, payload: unknown, entity: 'Status' | 'Notification' | null): void {
    if (entity) this.violations.push(...this.checker.checkEntity(entity, payload, `stream ${stream.name} event ${event}`))
    const data = typeof payload === 'string' && entity === null ? payload : JSON.stringify(payload)
    stream.sent++
    stream.res.write(`event: ${event}\ndata: ${data}\n\n`)
  }

  /** Whether `status` belongs on the timeline a stream follows (as the REST timelines filter). */
  private streamShows(stream: OpenStream, status: WorldStatus): boolean {
    const world = this.world
    switch (stream.name) {
      case 'user':
        return (status.accountId === stream.accountId || world.follows.has(status.accountId)) && (status.visibility !== 'direct' || status.mentionIds.includes(stream.accountId))
      case 'hashtag':
        return status.reblogOfId === null && status.visibility === 'public' && status.tags.includes(stream.param ?? '')
      case 'list':
        return (world.lists.get(stream.param ?? '')?.has(status.accountId) ?? false) && status.visibility !== 'direct'
      case 'public':
        return status.reblogOfId === null && status.visibility === 'public'
      default:
        return false
    }
  }

  private fanOut(event: WorldEvent): void {
    const world = this.world
    for (const stream of [...this.streams]) {
      if (stream.res.destroyed || stream.res.writableEnded) continue
      switch (event.type) {
        case 'status':
          if (this.streamShows(stream, event.status)) this.sendEvent(stream, 'update', world.statusJson(event.status), 'Status')
          break
        case 'edit':
          if (this.streamShows(stream, event.status)) this.sendEvent(stream, 'status.update', world.statusJson(event.status), 'Status')
          break
        case 'delete':
          // Mastodon sends a deletion to every stream that may have shown the status, as its bare id.
          if (this.streamShows(stream, event.status)) this.sendEvent(stream, 'delete', event.status.id, null)
          break
        case 'notification':
          // Notifications in this world are all the owner's.
          if ((stream.name === 'user' || stream.name === 'user/notification') && stream.accountId === world.owner.id) {
            this.sendEvent(stream, 'notification', world.notificationJson(event.notification), 'Notification')
          }
          break
      }
    }
  }

  private spend(token: string): Budget {
    const now = this.now()
    let budget = this.budgets.get(token)
    if (!budget || now >= budget.windowStart + this.rateLimit.windowMs) {
      budget = { windowStart: now, used: 0 }
      this.budgets.set(token, budget)
    }
    budget.used++
    return budget
  }

  private rateHeaders(token: string | undefined): Record<string, string> {
    if (!token) return {}
    const budget = this.budgets.get(token)
    if (!budget) return {}
    return {
      'X-RateLimit-Limit': String(this.rateLimit.limit),
      'X-RateLimit-Remaining': String(Math.max(0, this.rateLimit.limit - budget.used)),
      'X-RateLimit-Reset': new Date(budget.windowStart + this.rateLimit.windowMs).toISOString()
    }
  }

  /** Validates, then sends a JSON answer. */
  private json(res: ServerResponse, method: string, template: string | null, status: number, body: unknown, extra: Record<string, string> = {}, token?: string): void {
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', ...this.rateHeaders(token), ...extra }
    if (template) {
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
      const checked = this.checker.checkResponse({ method, template, status, body, headers: lower })
      this.violations.push(...checked.violations)
      if (checked.undescribed) this.undescribed.push(`${method} ${template} ${status}`)
    }
    const payload = JSON.stringify(body)
    res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(payload) })
    res.end(payload)
  }

  /** A Link header for a page, keeping the request's other parameters (as Mastodon does). */
  private link(url: URL, page: readonly { id: string }[]): string | undefined {
    const first = page[0]
    const last = page.at(-1)
    if (!first || !last) return undefined
    const make = (name: 'max_id' | 'min_id', id: string): string => {
      const next = new URL(url.pathname, this.url)
      for (const [k, v] of url.searchParams) if (k !== 'max_id' && k !== 'min_id' && k !== 'since_id') next.searchParams.append(k, v)
      next.searchParams.set(name, id)
      return next.toString()
    }
    return `<${make('max_id', last.id)}>; rel="next", <${make('min_id', first.id)}>; rel="prev"`
  }

  private route(method: string, url: URL, params: Record<string, string>, body: unknown, idempotencyKey: string | null, me: WorldAccount): { status?: number; body: unknown; link?: string | undefined } {
    const world = this.world
    const q = url.searchParams
    const path = url.pathname
    const statusesPage = (filter: (s: WorldStatus) => boolean): { body: unknown; link: string | undefined } => {
      const page = paginate(world.sortedStatuses(filter), q, pageLimit(q.get('limit'), 20, 40))
      return { body: page.map((s) => world.statusJson(s)), link: this.link(url, page) }
    }
    if (method === 'GET' && path === '/api/v1/accounts/verify_credentials') return { body: world.credentialAccountJson(me) }
    if (method === 'GET' && path === '/api/v1/timelines/home') {
      return statusesPage((s) => (s.accountId === me.id || world.follows.has(s.accountId)) && (s.visibility !== 'direct' || s.mentionIds.includes(me.id)))
    }
    if (method === 'GET' && path.startsWith('/api/v1/timelines/list/')) {
      const members = world.lists.get(params.list_id ?? '')
      if (!members) throw new HttpFailure(404, 'Record not found')
      return statusesPage((s) => members.has(s.accountId) && s.visibility !== 'direct')
    }
    if (method === 'GET' && path.startsWith('/api/v1/timelines/tag/')) {
      const tag = (params.hashtag ?? '').toLowerCase()
      return statusesPage((s) => s.reblogOfId === null && s.visibility === 'public' && s.tags.includes(tag))
    }
    if (method === 'GET' && path === '/api/v1/notifications') {
      const types = q.getAll('types[]')
      const excluded = q.getAll('exclude_types[]')
      const mine = world.notifications
        .filter((n) => (types.length === 0 || types.includes(n.type)) && !excluded.includes(n.type))
        .sort((a, b) => compareIds(b.id, a.id))
      const page = paginate(mine, q, pageLimit(q.get('limit'), 40, 80))
      return { body: page.map((n) => world.notificationJson(n)), link: this.link(url, page) }
    }
    if (method === 'GET' && path === '/api/v2/search') {
      const query = (q.get('q') ?? '').trim().toLowerCase()
      if (!query) throw new HttpFailure(422, "Validation failed: Query can't be blank", { q: [{ error: 'ERR_BLANK', description: "can't be blank" }] })
      const type = q.get('type')
      const limit = pageLimit(q.get('limit'), 20, 40)
      const statuses = type === null || type === 'statuses' ? paginate(world.sortedStatuses((s) => s.reblogOfId === null && s.visibility === 'public' && s.searchText.toLowerCase().includes(query)), q, limit) : []
      return { body: { accounts: [], statuses: statuses.map((s) => world.statusJson(s)), hashtags: [] } }
    }
    if (method === 'GET' && /^\/api\/v1\/statuses\/[^/]+\/context$/.test(path)) {
      const status = world.statuses.get(params.id ?? '')
      if (!status || status.reblogOfId !== null || !world.canSee(me, status)) throw new HttpFailure(404, 'Record not found')
      const { ancestors, descendants } = world.context(status, me)
      return { body: { ancestors: ancestors.map((s) => world.statusJson(s)), descendants: descendants.map((s) => world.statusJson(s)) } }
    }
    if (method === 'POST' && path === '/api/v1/statuses') return this.createStatus(body, idempotencyKey, me)
    throw new HttpFailure(404, 'Record not found')
  }

  private createStatus(body: unknown, idempotencyKey: string | null, me: WorldAccount): { body: unknown } {
    const world = this.world
    const now = this.now()
    const key = idempotencyKey ? `${me.id}:${idempotencyKey}` : null
    if (key) {
      const seen = this.idempotency.get(key)
      const status = seen && now - seen.at < this.idempotencyWindowMs ? world.statuses.get(seen.statusId) : undefined
      if (status) return { body: world.statusJson(status) }
    }
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
    const text = typeof input.status === 'string' ? input.status.trim() : ''
    if (!text) throw new HttpFailure(422, "Validation failed: Text can't be blank")
    if (text.length > 500) throw new HttpFailure(422, 'Validation failed: Text character limit of 500 exceeded')
    const replyId = typeof input.in_reply_to_id === 'string' ? input.in_reply_to_id : null
    const inReplyTo = replyId ? world.statuses.get(replyId) : undefined
    if (replyId && !inReplyTo) throw new HttpFailure(404, 'Record not found')
    const status = world.publish(text, inReplyTo, typeof input.language === 'string' ? input.language : 'en')
    if (key) this.idempotency.set(key, { statusId: status.id, at: now })
    return { body: world.statusJson(status) }
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buffer.length
    if (size > MAX_BODY_BYTES) throw new Error('request body too large')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

/** Starts a Mastodon test server on 127.0.0.1 and a free port. */
export async function startMastodonServer(options: MastodonServerOptions = {}): Promise<MastodonTestServer> {
  let instance: MastodonTestServer | null = null
  const server = createServer((req, res) => {
    if (instance) instance.handle(req, res)
    else res.writeHead(503).end()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  instance = new MastodonTestServer(server, `http://127.0.0.1:${port}`, options)
  return instance
}

/** A plain web server (not Mastodon) that answers every request with an HTML page. */
export async function startHtmlServer(status = 200): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    const html = '<!DOCTYPE html><html><head><title>Welcome</title></head><body><p>My blog</p></body></html>'
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) })
    res.end(html)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
