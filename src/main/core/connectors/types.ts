import type { IncomingPost, Network } from '@shared/domain/post'

/**
 * The one interface every network sits behind (Mastodon, Bluesky, RSS/Atom now; X, Facebook,
 * LinkedIn, YouTube later). A connector maps network data into the shared Post/Author shapes and
 * knows nothing about storage or scheduling: the sync engine owns cursors, timing and health.
 */
export interface ConnectorCapabilities {
  /** Can read posts (every connector). */
  read: true
  /** Can publish posts and replies through the outbox. */
  publish: boolean
  /** Offers a push stream (e.g. Mastodon's streaming API) besides polling. */
  streaming: boolean
}

/** What a source is allowed to ask of the network at one time. */
export interface FetchRequest {
  /** The opaque cursor the connector returned last time, or null on the first sync. */
  cursor: string | null
  /** Cancels the request (pause, shutdown, time-out). */
  signal: AbortSignal
}

/** What the network told us about its rate-limit budget (from its headers). */
export interface RateLimitInfo {
  /** Requests allowed in the window. */
  limit: number
  /** Requests left in the window. */
  remaining: number
  /** When the window resets (epoch ms). */
  resetAt: number
}

export interface FetchResult {
  /** New and changed posts, any order; the store de-duplicates by stable id. */
  posts: IncomingPost[]
  /** Stable ids of posts the network says were deleted. */
  deletedIds: string[]
  /** The cursor to pass next time (persisted durably by the engine only after the posts are stored). */
  cursor: string | null
  /** True when the network has more right now (the engine fetches again soon, within budget). */
  more: boolean
  /** The earliest the source should be polled again, when the network says so (feed TTL, Cache-Control, Retry-After). */
  notBefore?: number
  rateLimit?: RateLimitInfo
}

/** Why a fetch failed, in the engine's terms; `message` is a plain sentence for the source's health. */
export type ConnectorErrorKind =
  /** Credentials were refused or revoked: stop, ask the user to reconnect. */
  | 'auth'
  /** 429 or a budget exhausted: wait until `retryAfterMs`. */
  | 'rate_limited'
  /** The network could not be reached (DNS, refused, reset, time-out): we may be offline. */
  | 'network'
  /** The server answered with something unusable (bad XML, wrong shape, 5xx). */
  | 'server'
  | 'invalid_response'
  /** The resource is gone (404/410): stop until the user edits the source. */
  | 'not_found'

export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    /** For rate limits and 503s: how long the network asked us to wait. */
    readonly retryAfterMs?: number
  ) {
    super(message)
    this.name = 'ConnectorError'
  }
}

/** What a push stream delivers, as it happens. */
export interface StreamHandlers {
  /** The stream is connected (the engine then polls only as a safety net). */
  onOpen(): void
  /** New or edited posts. */
  onPosts(posts: IncomingPost[]): void
  /** Stable ids of posts deleted upstream. */
  onDeleted(ids: string[]): void
}

export interface Connector {
  readonly network: Network
  readonly capabilities: ConnectorCapabilities
  /** One incremental step: everything new since `cursor` (bounded; `more` when there is more). */
  fetch(request: FetchRequest): Promise<FetchResult>
  /**
   * The network's push stream for this source, where it has one (`capabilities.streaming`).
   * Resolves when the server ends the stream, rejects with a ConnectorError when it fails;
   * aborting `signal` closes it. Streamed posts complement polling, never replace its cursor.
   */
  stream?(handlers: StreamHandlers, signal: AbortSignal): Promise<void>
  /**
   * For networks that cannot tell a poller about deletions: which of these stored posts (stable
   * ids, newest first, at most 25) no longer exist upstream. The engine asks after each poll.
   */
  recheck?(ids: string[], signal: AbortSignal): Promise<string[]>
  /**
   * The conversation around one post (its remote id on this network): the posts it replies to
   * and the replies below it, as far as the network shows them to this account, in any order.
   * Networks without conversations (feeds) have no such method. Rejects with a ConnectorError.
   */
  conversation?(remoteId: string, signal: AbortSignal): Promise<IncomingPost[]>
}
