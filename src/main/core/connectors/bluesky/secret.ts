/**
 * The secret the core keeps for a Bluesky account (in the SecretStore only; never in the
 * database, logs or the UI). It is JSON:
 *
 *   {"v":1,"identifier":"brand.bsky.social","appPassword":"xxxx-xxxx-xxxx-xxxx",
 *    "session":{"did":"did:plc:…","handle":"brand.bsky.social","accessJwt":"…","refreshJwt":"…","active":true}}
 *
 * - `identifier` / `appPassword`: what the user typed; used only when no session can be resumed
 *   (first connect, or the refresh token expired or was revoked), because logins are rate-limited.
 * - `session`: the latest session (the refresh token rotates on every refresh), or null. The
 *   connector hands a new secret to `onSessionChange` whenever it changes; the core stores it.
 */
import { ConnectorError } from '../types'

export interface StoredSession {
  did: string
  handle: string
  accessJwt: string
  refreshJwt: string
  active: boolean
  email?: string
  emailConfirmed?: boolean
  emailAuthFactor?: boolean
  status?: string
}

export interface BlueskySecret {
  v: 1
  identifier: string
  appPassword: string
  session: StoredSession | null
}

const UNREADABLE = 'the saved Bluesky sign-in is unreadable — reconnect the account'

function readSession(value: unknown): StoredSession | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  if (typeof v.did !== 'string' || typeof v.handle !== 'string' || typeof v.accessJwt !== 'string' || typeof v.refreshJwt !== 'string') {
    return null
  }
  return {
    did: v.did,
    handle: v.handle,
    accessJwt: v.accessJwt,
    refreshJwt: v.refreshJwt,
    active: v.active !== false,
    ...(typeof v.email === 'string' ? { email: v.email } : {}),
    ...(typeof v.emailConfirmed === 'boolean' ? { emailConfirmed: v.emailConfirmed } : {}),
    ...(typeof v.emailAuthFactor === 'boolean' ? { emailAuthFactor: v.emailAuthFactor } : {}),
    ...(typeof v.status === 'string' ? { status: v.status } : {})
  }
}

/** Reads a stored secret; a secret that is not ours throws an `auth` ConnectorError (reconnect). */
export function parseBlueskySecret(secret: string): BlueskySecret {
  let value: unknown
  try {
    value = JSON.parse(secret)
  } catch {
    throw new ConnectorError('auth', UNREADABLE)
  }
  if (typeof value !== 'object' || value === null) throw new ConnectorError('auth', UNREADABLE)
  const v = value as Record<string, unknown>
  if (v.v !== 1 || typeof v.identifier !== 'string' || typeof v.appPassword !== 'string') throw new ConnectorError('auth', UNREADABLE)
  return { v: 1, identifier: v.identifier, appPassword: v.appPassword, session: readSession(v.session) }
}

export function serializeBlueskySecret(secret: BlueskySecret): string {
  return JSON.stringify(secret)
}

/** A secret for credentials that have not logged in yet (tests, or a core that connects lazily). */
export function newBlueskySecret(identifier: string, appPassword: string): string {
  return serializeBlueskySecret({ v: 1, identifier, appPassword, session: null })
}
