/**
 * One signed-in Bluesky session (an `AtpAgent` with a `CredentialSession`), kept and resumed
 * rather than re-created, because logins (`createSession`) are rate-limited per account (30 per
 * 5 minutes, 300 a day on bsky.social).
 *
 * - First use: with a stored session, `resumeSession` (one token refresh, which also confirms the
 *   session is still valid and learns the account's PDS from its DID document). Without one, or
 *   when the refresh token has expired or been revoked, a login with the stored app password.
 * - While running: `@atproto/api` refreshes the access token by itself when a call answers
 *   `ExpiredToken`. If even the refresh fails, the next call logs in again once with the app
 *   password; only a refused app password is final ("reconnect the account").
 * - Every new or refreshed session is handed to `onSessionChange` as a complete new secret
 *   (see secret.ts), so the core can persist it; the refresh token rotates on each refresh.
 *
 * Sessions are shared per process by service and identifier (`openBlueskySession`): the sources
 * of one account (timeline, notifications, searches) and the outbox use one session, so they do
 * not refresh over one another's rotating tokens. A changed app password (account reconnected)
 * starts a new session.
 */
import { AtpAgent, type AtpSessionData, type AtpSessionEvent } from '@atproto/api'
import { ConnectorError } from '../types'
import { hostOf, isAuthFailure, toConnectorError } from './errors'
import { type BlueskySecret, parseBlueskySecret, serializeBlueskySecret, type StoredSession } from './secret'

export const DEFAULT_BLUESKY_SERVICE_URL = 'https://bsky.social'

export interface BlueskySessionOptions {
  /** The account's service (PDS or entryway), e.g. https://bsky.social. */
  serviceUrl: string
  /** The stored secret (see secret.ts). */
  secret: string
  /** Receives the new secret whenever the session changes (login, refresh, expiry). */
  onSessionChange?: (secret: string) => void
  now?: () => number
  /** Replaces global fetch (tests, proxies). Sessions with their own fetch are not shared. */
  fetch?: typeof globalThis.fetch
}

function toStored(session: AtpSessionData): StoredSession {
  return {
    did: session.did,
    handle: session.handle,
    accessJwt: session.accessJwt,
    refreshJwt: session.refreshJwt,
    active: session.active,
    ...(session.email !== undefined ? { email: session.email } : {}),
    ...(session.emailConfirmed !== undefined ? { emailConfirmed: session.emailConfirmed } : {}),
    ...(session.emailAuthFactor !== undefined ? { emailAuthFactor: session.emailAuthFactor } : {}),
    ...(session.status !== undefined ? { status: session.status } : {})
  }
}

/** Resolves with `promise`, or rejects as soon as `signal` aborts (the request itself may go on). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) {
    promise.catch(() => undefined) // its outcome no longer matters to this caller
    return Promise.reject(signal.reason as Error)
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error as Error)
      }
    )
  })
}

export class BlueskySession {
  readonly agent: AtpAgent
  readonly serviceUrl: string
  readonly host: string
  /** Latest callback wins: every callback of one account writes the same secret slot. */
  onSessionChange: ((secret: string) => void) | undefined
  private current: BlueskySecret
  private readonly now: () => number
  private starting: Promise<void> | null = null

  constructor(options: BlueskySessionOptions) {
    this.serviceUrl = options.serviceUrl
    this.host = hostOf(options.serviceUrl)
    this.current = parseBlueskySecret(options.secret)
    this.onSessionChange = options.onSessionChange
    this.now = options.now ?? Date.now
    this.agent = new AtpAgent({
      service: options.serviceUrl,
      persistSession: (event, session) => this.persist(event, session),
      ...(options.fetch ? { fetch: options.fetch } : {})
    })
  }

  /** The stored secret as it is now (with the latest session). */
  get secret(): string {
    return serializeBlueskySecret(this.current)
  }

  get appPassword(): string {
    return this.current.appPassword
  }

  /** The account's DID once signed in. */
  get did(): string {
    const did = this.agent.session?.did ?? this.current.session?.did
    if (!did) throw new ConnectorError('auth', 'Earshot is not signed in to this Bluesky account — reconnect the account')
    return did
  }

  /** The account's current handle once signed in. */
  get handle(): string {
    return this.agent.session?.handle ?? this.current.session?.handle ?? this.current.identifier
  }

  private persist(event: AtpSessionEvent, session: AtpSessionData | undefined): void {
    if ((event === 'create' || event === 'update') && session) this.current = { ...this.current, session: toStored(session) }
    else if (event === 'expired') this.current = { ...this.current, session: null }
    else return
    try {
      this.onSessionChange?.(this.secret)
    } catch {
      // Persisting is the core's business; a failure there must not break the request.
    }
  }

  private context(signal?: AbortSignal): { host: string; now: () => number; signal?: AbortSignal } {
    return { host: this.host, now: this.now, ...(signal ? { signal } : {}) }
  }

  /** Logs in with the stored identifier and app password (rate-limited: only when needed). */
  async login(signal?: AbortSignal): Promise<void> {
    try {
      await abortable(this.agent.login({ identifier: this.current.identifier, password: this.current.appPassword }), signal)
    } catch (error) {
      throw toConnectorError(error, this.context(signal))
    }
  }

  /** Not cancellable on purpose: a sign-in that is under way is finished and kept for the next caller. */
  private async start(): Promise<void> {
    const stored = this.current.session
    if (stored) {
      try {
        await this.agent.resumeSession(stored)
        return
      } catch (error) {
        // A transient failure keeps the session (the agent says "network-error"): report it.
        // An expired or revoked refresh token clears it: fall through to a fresh login.
        if (this.agent.hasSession || !isAuthFailure(error)) throw toConnectorError(error, this.context())
      }
    }
    await this.login()
  }

  /** Signs in once (resume or login); concurrent callers share the attempt, each with its own signal. */
  async ready(signal?: AbortSignal): Promise<AtpAgent> {
    if (this.agent.hasSession && !this.starting) return this.agent
    this.starting ??= this.start().finally(() => {
      this.starting = null
    })
    await abortable(this.starting, signal)
    return this.agent
  }

  /**
   * Runs one API call with a signed-in agent and maps failures to ConnectorErrors. When the
   * session is gone for good (refresh refused), logs in again once and repeats the call.
   */
  async call<T>(run: (agent: AtpAgent) => Promise<T>, options: { signal?: AbortSignal; notFound?: string } = {}): Promise<T> {
    const { signal } = options
    const context = { ...this.context(signal), ...(options.notFound ? { notFound: options.notFound } : {}) }
    try {
      await this.ready(signal)
    } catch (error) {
      throw toConnectorError(error, context)
    }
    try {
      return await run(this.agent)
    } catch (error) {
      if (!isAuthFailure(error) || this.agent.hasSession || signal?.aborted) throw toConnectorError(error, context)
    }
    await this.login(signal)
    try {
      return await run(this.agent)
    } catch (error) {
      throw toConnectorError(error, context)
    }
  }
}

const shared = new Map<string, BlueskySession>()

function sharedKey(serviceUrl: string, identifier: string): string {
  return `${serviceUrl.replace(/\/+$/, '').toLowerCase()}\n${identifier.replace(/^@/, '').toLowerCase()}`
}

/**
 * The process-wide session for this account (created on first use). A secret with a different
 * app password replaces it; the latest `onSessionChange` is the one called.
 */
export function openBlueskySession(options: BlueskySessionOptions): BlueskySession {
  if (options.fetch) return new BlueskySession(options)
  const parsed = parseBlueskySecret(options.secret)
  const key = sharedKey(options.serviceUrl, parsed.identifier)
  const existing = shared.get(key)
  if (existing && existing.appPassword === parsed.appPassword) {
    if (options.onSessionChange) existing.onSessionChange = options.onSessionChange
    return existing
  }
  const session = new BlueskySession(options)
  shared.set(key, session)
  return session
}

/** Drops the shared session of an account (disconnect) or all of them (tests, shutdown). */
export function forgetBlueskySessions(serviceUrl?: string, identifier?: string): void {
  if (serviceUrl === undefined || identifier === undefined) shared.clear()
  else shared.delete(sharedKey(serviceUrl, identifier))
}
