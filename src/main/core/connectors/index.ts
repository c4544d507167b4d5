import { randomUUID } from 'node:crypto'
import type { SecretStore } from '../secrets/store'
import type { AccountVerifiers } from '../services/accounts'
import type { AccountRepository } from '../storage/repositories/accounts'
import type { SourceRecord } from '../storage/repositories/sources'
import type { Publisher } from '../sync/outbox'
import type { Connector } from './types'
import { ConnectorError } from './types'
import { createRssConnector } from './rss/connector'
import {
  createMastodonConnector,
  normalizeInstanceUrl,
  parseMastodonPostId,
  instanceHost,
  publishStatus,
  verifyMastodonAccount,
  type MastodonSourceKind
} from './mastodon'

export interface ConnectorDeps {
  version: string
  now: () => number
  accounts: AccountRepository
  secrets: SecretStore
}

const MASTODON_KINDS: readonly string[] = ['home', 'mentions', 'list', 'hashtag', 'search'] satisfies MastodonSourceKind[]

/**
 * Builds and caches the connector of each source and the publisher of each account, from the
 * source's config and the account's secret. Networks without a connector here yet give null,
 * and the sync engine leaves such sources alone.
 */
export class ConnectorRegistry {
  private readonly connectors = new Map<string, { key: string; connector: Connector }>()

  constructor(private readonly deps: ConnectorDeps) {}

  for(source: SourceRecord): Connector | null {
    const key = JSON.stringify(source.config)
    const cached = this.connectors.get(source.id)
    if (cached?.key === key) return cached.connector
    const connector = this.create(source)
    if (connector) this.connectors.set(source.id, { key, connector })
    else this.connectors.delete(source.id)
    return connector
  }

  forget(id: string): void {
    this.connectors.delete(id)
  }

  /** Forgets cached connectors of an account (after it was reconnected or removed). */
  forgetAccount(accountId: string, sources: SourceRecord[]): void {
    for (const source of sources) if (source.config.accountId === accountId) this.connectors.delete(source.id)
  }

  /** How an account publishes through the outbox, or null when it cannot. */
  publisherFor(accountId: string): Publisher | null {
    const account = this.deps.accounts.get(accountId)
    const secret = account ? this.deps.secrets.get(account.id) : null
    if (!account || !secret) return null
    if (account.network === 'mastodon') {
      const host = instanceHost(account.serviceUrl)
      return {
        network: 'mastodon',
        // Mastodon remembers an Idempotency-Key for an hour and answers a repeat with the first status.
        newKey: () => randomUUID(),
        publish: async (item, signal) => {
          const target = item.inReplyToId ? parseMastodonPostId(item.inReplyToId) : null
          if (item.inReplyToId && target?.host !== host) {
            throw new ConnectorError('invalid_response', 'replies to posts from another Mastodon server are not supported yet')
          }
          const published = await publishStatus({
            instanceUrl: account.serviceUrl,
            accessToken: secret,
            text: item.text,
            ...(target ? { inReplyToRemoteId: target.statusId } : {}),
            idempotencyKey: item.idempotencyKey,
            signal
          })
          return { remoteId: published.remoteId, url: published.url }
        }
      }
    }
    return null
  }

  /** Credential checks for connecting accounts. */
  verifiers(): AccountVerifiers {
    return {
      mastodon: async (instanceUrl, accessToken) => {
        const serviceUrl = normalizeInstanceUrl(instanceUrl)
        const account = await verifyMastodonAccount(serviceUrl, accessToken)
        return { remoteId: account.id, handle: account.acct, displayName: account.displayName, serviceUrl, secret: accessToken }
      },
      bluesky: () => Promise.reject(new ConnectorError('server', 'Bluesky accounts cannot be connected in this build yet'))
    }
  }

  private create(source: SourceRecord): Connector | null {
    const { config } = source
    switch (source.network) {
      case 'rss':
        return typeof config.url === 'string'
          ? createRssConnector({ sourceId: source.id, feedUrl: config.url, version: this.deps.version, now: this.deps.now })
          : null
      case 'mastodon': {
        const account = typeof config.accountId === 'string' ? this.deps.accounts.get(config.accountId) : null
        const token = account ? this.deps.secrets.get(account.id) : null
        const kind = typeof config.kind === 'string' && MASTODON_KINDS.includes(config.kind) ? (config.kind as MastodonSourceKind) : null
        if (!account || !token || !kind) return null
        return createMastodonConnector({
          sourceId: source.id,
          instanceUrl: account.serviceUrl,
          accessToken: token,
          kind,
          ...(typeof config.value === 'string' ? { value: config.value } : {}),
          now: this.deps.now,
          // Two pages per run keep one fetch well inside the engine's time-out.
          maxPagesPerFetch: 2
        })
      }
      case 'bluesky':
      case 'demo':
        return null
    }
  }
}
