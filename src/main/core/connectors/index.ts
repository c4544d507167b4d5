import { randomUUID } from 'node:crypto'
import type { SecretStore } from '../secrets/store'
import type { AccountVerifiers } from '../services/accounts'
import type { AccountRepository } from '../storage/repositories/accounts'
import type { SourceRecord } from '../storage/repositories/sources'
import type { Publisher } from '../sync/outbox'
import type { AccountNetwork } from '@shared/domain/account'
import type { IncomingPost } from '@shared/domain/post'
import type { Connector } from './types'
import { ConnectorError } from './types'
import { BLUESKY_CAPABILITIES } from './bluesky/capabilities'
import { RSS_CAPABILITIES } from './rss/capabilities'
import {
  createMastodonConnector,
  normalizeInstanceUrl,
  parseMastodonPostId,
  instanceHost,
  MastodonSignIn,
  publishStatus,
  verifyMastodonAccount,
  type MastodonSourceKind
} from './mastodon'
import type { BlueskySourceKind } from './bluesky/connector'
import type * as BlueskyModule from './bluesky'
import type * as RssModule from './rss/connector'
import { newRecordKey } from './bluesky/record-key'
import { parseBlueskySecret } from './bluesky/secret'

/**
 * The AT Protocol client takes about half a second to load; `earshot serve` and the desktop app
 * must paint the deck well before that, and most workspaces have no Bluesky account. So the
 * Bluesky modules load on first use.
 */
let bluesky: Promise<typeof BlueskyModule> | null = null
const loadBluesky = (): Promise<typeof BlueskyModule> => (bluesky ??= import('./bluesky'))

/**
 * The feed parsers (feedsmith, fast-xml-parser) are a third of the core's start-up: a feed
 * connector loads them on its first fetch, after the first page is on screen.
 */
let rss: Promise<typeof RssModule> | null = null
const loadRss = (): Promise<typeof RssModule> => (rss ??= import('./rss/connector'))

/**
 * A connector whose implementation is loaded on its first use. `conversations` says whether the
 * loaded connector reads conversations: the lazy one must know before loading it.
 */
function lazyConnector(
  network: Connector['network'],
  capabilities: Connector['capabilities'],
  load: () => Promise<Connector>,
  { conversations = false }: { conversations?: boolean } = {}
): Connector {
  let loaded: Promise<Connector> | null = null
  const get = (): Promise<Connector> => (loaded ??= load())
  return {
    network,
    capabilities,
    fetch: async (request) => (await get()).fetch(request),
    recheck: async (ids, signal) => (await get()).recheck?.(ids, signal) ?? [],
    ...(conversations ? { conversation: async (remoteId: string, signal: AbortSignal) => (await get()).conversation?.(remoteId, signal) ?? [] } : {})
  }
}

/**
 * Whether the conversation around a stored post can be read from its network, through the
 * account of the source that brought the post, and if not, why not (none of these is an error).
 */
export type ConversationAccess =
  | {
      available: true
      network: AccountNetwork
      /** The instance or service asked (for sentences: "Rate limited by bsky.social"). */
      host: string
      read: (remoteId: string, signal: AbortSignal) => Promise<IncomingPost[]>
    }
  | {
      available: false
      /**
       * `no_conversations`: the network has none to read (feeds, the demo); `no_account`: the
       * post's source or its account is gone; `reconnect`: the account's credentials were refused.
       */
      reason: 'no_conversations' | 'no_account' | 'reconnect'
    }

export interface ConnectorDeps {
  version: string
  now: () => number
  accounts: AccountRepository
  secrets: SecretStore
  /** Shown as the app's homepage on a Mastodon server's sign-in page. */
  website?: string
}

const MASTODON_KINDS: readonly string[] = ['home', 'mentions', 'list', 'hashtag', 'search'] satisfies MastodonSourceKind[]
const BLUESKY_KINDS: readonly string[] = ['timeline', 'notifications', 'author', 'search'] satisfies BlueskySourceKind[]

/**
 * Builds and caches the connector of each source and the publisher of each account, from the
 * source's config and the account's secret. Networks without a connector here yet give null,
 * and the sync engine leaves such sources alone.
 */
export class ConnectorRegistry {
  private readonly connectors = new Map<string, { key: string; connector: Connector }>()
  /** Browser sign-ins in progress (app registrations and flows live in memory only). */
  private readonly mastodonSignIn: MastodonSignIn

  constructor(private readonly deps: ConnectorDeps) {
    this.mastodonSignIn = new MastodonSignIn({ now: deps.now, ...(deps.website ? { website: deps.website } : {}) })
  }

  for(source: SourceRecord): Connector | null {
    const key = JSON.stringify(source.config)
    const cached = this.connectors.get(source.id)
    if (cached?.key === key) return cached.connector
    const connector = this.create(source)
    if (connector) this.connectors.set(source.id, { key, connector })
    else this.connectors.delete(source.id)
    return connector
  }

  /**
   * How to read the conversation around a post that `source` brought (null: the source was
   * removed and its posts kept). Reads through the source's own connector, so a Mastodon post's
   * id is asked of the instance that gave it.
   */
  conversationFor(source: SourceRecord | null): ConversationAccess {
    if (!source) return { available: false, reason: 'no_account' }
    if (source.network !== 'mastodon' && source.network !== 'bluesky') return { available: false, reason: 'no_conversations' }
    const accountId = source.config.accountId
    const account = typeof accountId === 'string' ? this.deps.accounts.get(accountId) : null
    if (!account || !this.deps.secrets.get(account.id)) return { available: false, reason: 'no_account' }
    if (account.status === 'error') return { available: false, reason: 'reconnect' }
    const connector = this.for(source)
    const read = connector?.conversation?.bind(connector)
    if (!read) return { available: false, reason: 'no_account' }
    let host: string
    try {
      host = new URL(account.serviceUrl).host
    } catch {
      host = account.serviceUrl
    }
    return { available: true, network: account.network, host, read }
  }

  forget(id: string): void {
    this.connectors.delete(id)
  }

  /** Drops what is kept in memory for an account about to be disconnected (Bluesky sessions). */
  forgetAccount(accountId: string): void {
    const account = this.deps.accounts.get(accountId)
    const secret = account ? this.deps.secrets.get(account.id) : null
    // Sessions exist only if the Bluesky modules were ever loaded.
    if (account?.network === 'bluesky' && secret && bluesky) {
      const identifier = parseBlueskySecret(secret).identifier
      void bluesky.then((module) => module.forgetBlueskySessions(account.serviceUrl, identifier))
    }
  }

  /** Bluesky rotates its refresh token on every refresh: keep the newest session, or the next start logs in again. */
  private sessionSaver(accountId: string): (secret: string) => void {
    return (secret) => {
      if (this.deps.accounts.get(accountId)) this.deps.secrets.set(accountId, secret)
    }
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
    if (account.network === 'bluesky') {
      return {
        network: 'bluesky',
        // A record key chosen by us: a retry creates the same record or finds it already there.
        newKey: () => newRecordKey(this.deps.now),
        publish: async (item, signal) => {
          const { publishPost } = await loadBluesky()
          const published = await publishPost({
            serviceUrl: account.serviceUrl,
            secret: this.deps.secrets.get(account.id) ?? secret,
            text: item.text,
            ...(item.inReplyToId ? { replyTo: { uri: item.inReplyToId } } : {}),
            rkey: item.idempotencyKey,
            signal,
            onSessionChange: this.sessionSaver(account.id),
            now: this.deps.now
          })
          return { remoteId: published.uri, url: published.url }
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
      mastodonSignIn: {
        start: (instanceUrl) => this.mastodonSignIn.start(instanceUrl),
        finish: (flowId, code) => this.mastodonSignIn.finish(flowId, code)
      },
      bluesky: async (handle, appPassword, serviceUrl) => {
        const { verifyBlueskyAccount } = await loadBluesky()
        return verifyBlueskyAccount(handle, appPassword, serviceUrl, { now: this.deps.now })
      }
    }
  }

  private create(source: SourceRecord): Connector | null {
    const { config } = source
    switch (source.network) {
      case 'rss':
        return typeof config.url === 'string'
          ? lazyConnector('rss', RSS_CAPABILITIES, async () =>
              (await loadRss()).createRssConnector({ sourceId: source.id, feedUrl: config.url as string, version: this.deps.version, now: this.deps.now })
            )
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
      case 'bluesky': {
        const account = typeof config.accountId === 'string' ? this.deps.accounts.get(config.accountId) : null
        const secret = account ? this.deps.secrets.get(account.id) : null
        const kind = typeof config.kind === 'string' && BLUESKY_KINDS.includes(config.kind) ? (config.kind as BlueskySourceKind) : null
        if (!account || !secret || !kind) return null
        const options = {
          sourceId: source.id,
          serviceUrl: account.serviceUrl,
          secret,
          kind,
          ...(typeof config.value === 'string' ? { value: config.value } : {}),
          onSessionChange: this.sessionSaver(account.id),
          now: this.deps.now
        }
        return lazyConnector('bluesky', BLUESKY_CAPABILITIES, async () => (await loadBluesky()).createBlueskyConnector(options), { conversations: true })
      }
      case 'demo':
        return null
    }
  }
}
