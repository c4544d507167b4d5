import { randomUUID } from 'node:crypto'
import type { Account, AccountNetwork } from '@shared/domain/account'
import { ApiError } from '@shared/contract/errors'
import type { DomainHandlers } from '../api/registry'
import { ConnectorError } from '../connectors/types'
import type { SecretStore } from '../secrets/store'
import type { AccountRecord } from '../storage/repositories/accounts'
import type { ServiceDeps } from './handlers'
import { listSources } from './handlers'
import { removeSources, type SourceControl } from './sources'

/** What a network confirmed about credentials, and the secret to keep for it. */
export interface VerifiedAccount {
  remoteId: string
  handle: string
  displayName: string
  serviceUrl: string
  /** Stored in the SecretStore only (token, or app password plus session). */
  secret: string
}

/** Checks credentials against the network (throws ConnectorError with a plain sentence). */
export interface AccountVerifiers {
  mastodon(instanceUrl: string, accessToken: string): Promise<VerifiedAccount>
  bluesky(handle: string, appPassword: string, serviceUrl: string): Promise<VerifiedAccount>
  /** Mastodon's browser sign-in (OAuth, out of band): the client secret and the token stay in the core. */
  mastodonSignIn: {
    start(instanceUrl: string): Promise<{ flowId: string; authorizeUrl: string }>
    /** Trades the code for an access token (not yet checked with verify_credentials). */
    finish(flowId: string, code: string): Promise<{ instanceUrl: string; accessToken: string }>
  }
}

export const DEFAULT_BLUESKY_SERVICE = 'https://bsky.social'

/** The public view of an account: everything but the secret. */
export function toAccount(record: AccountRecord): Account {
  return {
    id: record.id,
    network: record.network,
    handle: record.handle,
    displayName: record.displayName,
    serviceUrl: record.serviceUrl,
    status: record.status,
    lastError: record.lastError,
    createdAt: record.createdAt
  }
}

function normaliseServiceUrl(raw: string, label: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new ApiError('invalid_input', `"${raw}" is not a ${label} address.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ApiError('invalid_input', `"${raw}" is not a ${label} address.`)
  return url.origin
}

/**
 * Accounts: connect (credentials checked with the network before anything is stored), list,
 * disconnect. Secrets go to the SecretStore; the database and the UI only ever see the profile.
 */
export function accountHandlers(
  deps: ServiceDeps,
  secrets: SecretStore,
  verifiers: AccountVerifiers,
  control: Pick<SourceControl, 'forget'> & {
    /** Drops what is cached in memory for the account (sessions), before its secret goes. */
    forgetAccount(accountId: string): void
  }
): DomainHandlers<'accounts'> {
  const { store, events, now } = deps

  const announce = (): void => {
    events.emit('accounts:changed', { accounts: store.accounts.list().map(toAccount) })
  }

  /** Runs a network step; a ConnectorError becomes an ApiError with the sentence after `prefix`. */
  const inWords = async <T>(prefix: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      if (error instanceof ConnectorError) {
        throw new ApiError(error.kind === 'network' ? 'unavailable' : 'invalid_input', `${prefix}: ${error.message}.`)
      }
      throw error
    }
  }

  const connect = async (network: AccountNetwork, verify: () => Promise<VerifiedAccount>): Promise<Account> => {
    const verified = await inWords('Could not connect', verify)
    const record = store.accounts.upsert({
      id: `${network}-${randomUUID()}`,
      network,
      remoteId: verified.remoteId,
      handle: verified.handle,
      displayName: verified.displayName,
      serviceUrl: verified.serviceUrl,
      status: 'ok',
      lastError: null,
      createdAt: now()
    })
    secrets.set(record.id, verified.secret)
    announce()
    return toAccount(record)
  }

  return {
    list: () => store.accounts.list().map(toAccount),

    connectMastodon: ({ instanceUrl, accessToken }) =>
      connect('mastodon', () => verifiers.mastodon(normaliseServiceUrl(instanceUrl, 'Mastodon server'), accessToken)),

    startMastodonSignIn: ({ instanceUrl }) =>
      inWords('Could not start the sign-in', () => verifiers.mastodonSignIn.start(normaliseServiceUrl(instanceUrl, 'Mastodon server'))),

    // The same path as an access token typed by hand: verify_credentials, then the secret store.
    finishMastodonSignIn: ({ flowId, code }) =>
      connect('mastodon', async () => {
        const { instanceUrl, accessToken } = await verifiers.mastodonSignIn.finish(flowId, code)
        return verifiers.mastodon(instanceUrl, accessToken)
      }),

    connectBluesky: ({ handle, appPassword, serviceUrl }) =>
      connect('bluesky', () =>
        verifiers.bluesky(handle.replace(/^@/, ''), appPassword, normaliseServiceUrl(serviceUrl ?? DEFAULT_BLUESKY_SERVICE, 'Bluesky service'))
      ),

    disconnect: ({ id, keepPosts }) => {
      if (!store.accounts.get(id)) throw new ApiError('not_found', 'That account is no longer connected.')
      const sourceIds = store.sources
        .list()
        .filter((source) => source.config.accountId === id)
        .map((source) => source.id)
      removeSources(deps, control, sourceIds, keepPosts)
      control.forgetAccount(id)
      secrets.delete(id)
      store.accounts.remove(id)
      announce()
      events.emit('sources:changed', { sources: listSources(store) })
    }
  }
}
