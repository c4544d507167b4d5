/**
 * Checking an instance address and access token when an account is connected: one call to
 * `verify_credentials`, with errors that say which of the three usual mistakes it was (a wrong
 * or revoked token, an address that is not a Mastodon server, a server that cannot be reached).
 */
import { callMastodon, createMastodonClient, DEFAULT_MASTODON_TIMEOUT_MS, instanceHost } from './client'
import { fullHandle, mastodonAuthorId } from './map'
import { ConnectorError } from '../types'
import type { mastodon } from 'masto'

export interface VerifiedMastodonAccount {
  /** The account's id on the instance. */
  id: string
  /** Its stable author id (`mastodon:<host>:<id>`). */
  authorId: string
  /** The full handle, `user@domain`. */
  acct: string
  displayName: string
  url: string | null
  avatarUrl: string | null
  followers: number
}

export interface VerifyOptions {
  signal?: AbortSignal
  timeoutMs?: number
  now?: () => number
}

export const WRONG_TOKEN_SENTENCE = 'the server did not accept this access token — copy it again from Preferences → Development on your instance'

function notMastodon(host: string): ConnectorError {
  return new ConnectorError('invalid_response', `${host} does not look like a Mastodon server — check the instance address`)
}

function isCredentialAccount(value: unknown): value is mastodon.v1.CredentialAccount {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return typeof record.id === 'string' && typeof record.acct === 'string' && typeof record.username === 'string'
}

export async function verifyMastodonAccount(instanceUrl: string, accessToken: string, options: VerifyOptions = {}): Promise<VerifiedMastodonAccount> {
  const host = instanceHost(instanceUrl)
  const timeoutMs = options.timeoutMs ?? DEFAULT_MASTODON_TIMEOUT_MS
  const client = createMastodonClient({ instanceUrl, accessToken, timeoutMs, ...(options.signal ? { signal: options.signal } : {}) })
  const context = { host, timeoutMs, now: options.now ?? Date.now, ...(options.signal ? { signal: options.signal } : {}), authMessage: WRONG_TOKEN_SENTENCE }
  let data: unknown
  try {
    data = (await callMastodon(context, () => client.v1.accounts.verifyCredentials.$raw())).data
  } catch (error) {
    // A 404 or a page that is not the API: whatever answers there is not a Mastodon server.
    if (error instanceof ConnectorError && (error.kind === 'not_found' || error.kind === 'invalid_response')) throw notMastodon(host)
    if (error instanceof ConnectorError && error.kind === 'server' && error.message.includes('instead of the Mastodon API')) throw notMastodon(host)
    throw error
  }
  if (!isCredentialAccount(data)) throw notMastodon(host)
  return {
    id: data.id,
    authorId: mastodonAuthorId(host, data.id),
    acct: fullHandle(data, host),
    displayName: data.displayName?.trim() || data.username,
    url: data.url ?? null,
    avatarUrl: data.avatar || null,
    followers: typeof data.followersCount === 'number' ? data.followersCount : 0
  }
}
