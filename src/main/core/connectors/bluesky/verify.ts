/**
 * Checks a handle and app password with the account's service before anything is stored: one
 * login, then the profile (display name). The login's session goes into the returned secret, so
 * the connectors resume it instead of logging in again.
 *
 * A refused login does not say whether the handle or the password was wrong; to tell the user
 * which, the handle is looked up (`resolveHandle`, unauthenticated) only after a refusal.
 */
import { AtpAgent } from '@atproto/api'
import type { VerifiedAccount } from '../../services/accounts'
import { ConnectorError } from '../types'
import { hostOf, toConnectorError } from './errors'
import { newBlueskySecret } from './secret'
import { BlueskySession } from './session'

export interface VerifyBlueskyOptions {
  now?: () => number
  /** Replaces global fetch (tests, proxies). */
  fetch?: typeof globalThis.fetch
}

/** True when the service says no account has this handle (false when it cannot tell). */
async function handleIsUnknown(handle: string, serviceUrl: string, fetchImpl: typeof globalThis.fetch | undefined): Promise<boolean> {
  if (handle.includes('@') || handle.startsWith('did:')) return false
  const agent = new AtpAgent({ service: serviceUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) })
  try {
    await agent.com.atproto.identity.resolveHandle({ handle })
    return false
  } catch (error) {
    const status = (error as { status?: unknown }).status
    return status === 400 || status === 404
  }
}

/**
 * `handle` without a leading @ (an email address or DID also works as the login identifier);
 * `serviceUrl` normalised by the caller (origin only). Rejects with a `ConnectorError`.
 */
export async function verifyBlueskyAccount(
  handle: string,
  appPassword: string,
  serviceUrl: string,
  options: VerifyBlueskyOptions = {}
): Promise<VerifiedAccount> {
  const identifier = handle.trim().replace(/^@/, '')
  const now = options.now ?? Date.now
  if (!identifier) throw new ConnectorError('auth', 'enter the account\'s handle, e.g. yourname.bsky.social')
  if (!appPassword.trim()) throw new ConnectorError('auth', 'enter an app password (Bluesky: Settings → Privacy and security → App passwords)')
  const session = new BlueskySession({
    serviceUrl,
    secret: newBlueskySecret(identifier, appPassword.trim()),
    now,
    ...(options.fetch ? { fetch: options.fetch } : {})
  })
  try {
    await session.login()
  } catch (error) {
    if (error instanceof ConnectorError && error.kind === 'auth' && (await handleIsUnknown(identifier, serviceUrl, options.fetch))) {
      throw new ConnectorError('not_found', `there is no Bluesky account @${identifier} on ${hostOf(serviceUrl)} — check the handle (and the server, for a custom PDS)`)
    }
    throw error
  }
  const did = session.did
  let displayName = ''
  try {
    const profile = await session.agent.app.bsky.actor.getProfile({ actor: did })
    displayName = profile.data.displayName?.trim() ?? ''
  } catch (error) {
    // A PDS without an AppView behind it cannot show profiles; the login itself succeeded.
    const mapped = toConnectorError(error, { host: session.host, now })
    if (mapped.kind === 'network' || mapped.kind === 'rate_limited') throw mapped
  }
  return {
    remoteId: did,
    handle: session.handle,
    displayName: displayName || session.handle,
    serviceUrl,
    secret: session.secret
  }
}
