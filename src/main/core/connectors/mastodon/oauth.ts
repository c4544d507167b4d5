/**
 * Signing in to a Mastodon server through the person's own browser, out of band: Earshot
 * registers itself as an app on the instance (`POST /api/v1/apps`, redirect
 * `urn:ietf:wg:oauth:2.0:oob`), the person approves it on the instance's own sign-in page and
 * copies the code the page shows back into Earshot, which trades it for an access token
 * (`POST /oauth/token`). No local redirect server is needed, so the same flow works on the
 * desktop and in `earshot serve` opened from another machine.
 *
 * The client secret and the access token never leave the core: the renderer only ever sees the
 * flow id and the authorize URL (the client id in it is public).
 */
import { randomUUID } from 'node:crypto'
import { ConnectorError } from '../types'
import { DEFAULT_MASTODON_TIMEOUT_MS, instanceHost, normalizeInstanceUrl, toConnectorError, type ErrorContext } from './client'

export const OOB_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob'
export const SIGN_IN_SCOPES = 'read write'
export const WRONG_CODE_SENTENCE = 'that code was not accepted — copy the whole code again'
export const EXPIRED_FLOW_SENTENCE = 'this sign-in has expired — open the sign-in page again'

/** What `start` gives the renderer: nothing secret. */
export interface SignInStart {
  flowId: string
  authorizeUrl: string
}

/** What `finish` gives the core: the instance and the new token (for the secret store only). */
export interface SignInResult {
  instanceUrl: string
  accessToken: string
}

export interface MastodonSignInOptions {
  /** Shown on the instance's authorization page and in the person's authorized apps. */
  clientName?: string
  website?: string
  timeoutMs?: number
  now?: () => number
  /** How long a started sign-in may wait for its code (default 30 minutes). */
  flowTtlMs?: number
}

interface AppClient {
  clientId: string
  clientSecret: string
}

interface Flow {
  instanceUrl: string
  startedAt: number
}

/** At most this many sign-ins wait for their code at once (the oldest is dropped). */
const MAX_FLOWS = 20

function notMastodon(host: string): ConnectorError {
  return new ConnectorError('invalid_response', `${host} does not look like a Mastodon server — check the instance address`)
}

/**
 * The sign-in flows of one core. App registrations are cached per instance in memory only
 * (a new start after a restart registers again, which Mastodon allows), so no client secret is
 * ever written anywhere.
 */
export class MastodonSignIn {
  private readonly clients = new Map<string, AppClient>()
  private readonly flows = new Map<string, Flow>()
  private readonly clientName: string
  private readonly website: string | undefined
  private readonly timeoutMs: number
  private readonly now: () => number
  private readonly flowTtlMs: number

  constructor(options: MastodonSignInOptions = {}) {
    this.clientName = options.clientName ?? 'Earshot'
    this.website = options.website
    this.timeoutMs = options.timeoutMs ?? DEFAULT_MASTODON_TIMEOUT_MS
    this.now = options.now ?? Date.now
    this.flowTtlMs = options.flowTtlMs ?? 30 * 60_000
  }

  /** Registers Earshot on the instance (once per instance) and gives the page to approve it on. */
  async start(rawInstanceUrl: string): Promise<SignInStart> {
    const instanceUrl = normalizeInstanceUrl(rawInstanceUrl)
    const client = this.clients.get(instanceUrl) ?? (await this.register(instanceUrl))
    this.clients.set(instanceUrl, client)
    this.prune()
    const flowId = randomUUID()
    this.flows.set(flowId, { instanceUrl, startedAt: this.now() })
    const authorize = new URL('/oauth/authorize', instanceUrl)
    authorize.searchParams.set('response_type', 'code')
    authorize.searchParams.set('client_id', client.clientId)
    authorize.searchParams.set('redirect_uri', OOB_REDIRECT_URI)
    authorize.searchParams.set('scope', SIGN_IN_SCOPES)
    return { flowId, authorizeUrl: authorize.toString() }
  }

  /**
   * Trades the code the person copied for an access token. A refused code keeps the flow, so
   * the person can paste it again; a used flow is gone.
   */
  async finish(flowId: string, rawCode: string): Promise<SignInResult> {
    this.prune()
    const flow = this.flows.get(flowId)
    if (!flow) throw new ConnectorError('not_found', EXPIRED_FLOW_SENTENCE)
    const client = this.clients.get(flow.instanceUrl)
    if (!client) {
      this.flows.delete(flowId)
      throw new ConnectorError('not_found', EXPIRED_FLOW_SENTENCE)
    }
    const code = rawCode.trim()
    if (!code) throw new ConnectorError('auth', WRONG_CODE_SENTENCE)
    const host = instanceHost(flow.instanceUrl)
    const { status, data } = await this.post(flow.instanceUrl, '/oauth/token', {
      grant_type: 'authorization_code',
      code,
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uri: OOB_REDIRECT_URI,
      scope: SIGN_IN_SCOPES
    })
    if (status === 401 && oauthError(data) === 'invalid_client') {
      // The app was removed on the instance: register again on the next start.
      this.clients.delete(flow.instanceUrl)
      this.flows.delete(flowId)
      throw new ConnectorError('auth', `${host} no longer knows Earshot’s sign-in — open the sign-in page again`)
    }
    if (status === 400 || status === 401 || status === 403) throw new ConnectorError('auth', WRONG_CODE_SENTENCE)
    if (status === 404) throw notMastodon(host)
    if (status < 200 || status >= 300) throw this.httpFailure(status, host)
    const token = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).access_token : undefined
    if (typeof token !== 'string' || !token) throw notMastodon(host)
    this.flows.delete(flowId)
    return { instanceUrl: flow.instanceUrl, accessToken: token }
  }

  private async register(instanceUrl: string): Promise<AppClient> {
    const host = instanceHost(instanceUrl)
    const { status, data } = await this.post(instanceUrl, '/api/v1/apps', {
      client_name: this.clientName,
      redirect_uris: [OOB_REDIRECT_URI],
      scopes: SIGN_IN_SCOPES,
      ...(this.website ? { website: this.website } : {})
    })
    if (status === 404 || status === 405) throw notMastodon(host)
    if (status < 200 || status >= 300) throw this.httpFailure(status, host)
    const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
    if (typeof record.client_id !== 'string' || typeof record.client_secret !== 'string' || !record.client_id) throw notMastodon(host)
    return { clientId: record.client_id, clientSecret: record.client_secret }
  }

  private httpFailure(status: number, host: string): ConnectorError {
    if (status === 429) return new ConnectorError('rate_limited', `${host} asked us to slow down (HTTP 429) — try again in a minute`)
    if (status >= 500) return new ConnectorError('server', `the server answered HTTP ${status}`)
    return new ConnectorError('server', `the server refused the request (HTTP ${status})`)
  }

  /** One JSON POST; anything that is not JSON is "not a Mastodon server". */
  private async post(instanceUrl: string, path: string, body: Record<string, unknown>): Promise<{ status: number; data: unknown }> {
    const host = instanceHost(instanceUrl)
    const context: ErrorContext = { host, timeoutMs: this.timeoutMs, now: this.now }
    let response: Response
    let text: string
    try {
      response = await fetch(new URL(path, instanceUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs)
      })
      text = await response.text()
    } catch (error) {
      // A redirect (to a login page, another site) means this is not the API.
      if (error instanceof TypeError && error.cause instanceof Error && /redirect/i.test(error.cause.message)) throw notMastodon(host)
      throw toConnectorError(error, context)
    }
    if (response.status >= 500 && !(response.headers.get('content-type') ?? '').includes('json')) {
      throw new ConnectorError('server', `${host} answered with an error page instead of the Mastodon API — it may be down or overloaded`)
    }
    try {
      return { status: response.status, data: JSON.parse(text) as unknown }
    } catch {
      throw notMastodon(host)
    }
  }

  /** Drops flows past their time and the oldest beyond the cap (memory stays bounded). */
  private prune(): void {
    const cutoff = this.now() - this.flowTtlMs
    for (const [id, flow] of this.flows) if (flow.startedAt < cutoff) this.flows.delete(id)
    while (this.flows.size >= MAX_FLOWS) {
      const oldest = this.flows.keys().next().value
      if (oldest === undefined) break
      this.flows.delete(oldest)
    }
  }
}

function oauthError(data: unknown): string | null {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).error : undefined
  return typeof value === 'string' ? value : null
}
