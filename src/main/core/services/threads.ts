/**
 * `posts.fetchThread`: the rest of a conversation from the network, stored like any other posts.
 *
 * The network is asked about the top of the stored chain (the oldest ancestor Earshot has), not
 * the opened post: a network answers with what is above and below the post it is asked about, so
 * asking higher up also brings the replies beside the chain. When the answer reaches above that
 * top, the network is asked once more, about the real top (at most two requests per fetch).
 *
 * Whatever goes wrong on the way (offline, refused token, rate limit, time-out) is a sentence in
 * `note`, never an error: the stored thread is always the answer.
 */
import { ApiError } from '@shared/contract/errors'
import type { FetchedThread } from '@shared/contract/domains'
import { NETWORK_LABELS, type IncomingPost, type Network, type Post } from '@shared/domain/post'
import type { ConversationAccess } from '../connectors'
import { ConnectorError } from '../connectors/types'
import type { Store } from '../storage'
import type { SourceRecord } from '../storage/repositories/sources'
import type { Ingest } from '../sync/ingest'

/** Long enough for a slow instance, short enough that the reader is not left waiting on a status line. */
export const THREAD_FETCH_TIMEOUT_MS = 8_000

export interface ThreadFetchDeps {
  store: Store
  ingest: Ingest
  conversationFor: (source: SourceRecord | null) => ConversationAccess
  timeoutMs?: number
}

const STORED = 'showing the posts Earshot has stored'

/** "30 s", "2 min", "3 h": how long to wait, rounded up so that trying then works. */
function waitWords(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.ceil(ms / 1000))} s`
  if (ms < 2 * 3600_000) return `${Math.ceil(ms / 60_000)} min`
  return `${Math.ceil(ms / 3600_000)} h`
}

/** Why the network was not asked, for the reader. */
function unavailableNote(network: Network, reason: Exclude<ConversationAccess, { available: true }>['reason']): string {
  const label = NETWORK_LABELS[network]
  switch (reason) {
    case 'no_conversations':
      return network === 'demo' ? 'Demo posts are invented: there is no network to ask for more.' : `${label} has no replies to fetch — ${STORED}.`
    case 'no_account':
      return `Connect a ${label} account to fetch the rest of the conversation — ${STORED}.`
    case 'reconnect':
      return `Reconnect the ${label} account to fetch the rest of the conversation — ${STORED}.`
  }
}

/** What went wrong asking the network, for the reader (the connector's own words are for health lines). */
function failureNote(error: unknown, access: Extract<ConversationAccess, { available: true }>, timedOutAfterMs: number | null): string {
  const { host } = access
  const label = NETWORK_LABELS[access.network]
  if (timedOutAfterMs !== null) return `${host} did not answer within ${waitWords(timedOutAfterMs)} — ${STORED}.`
  const kind = error instanceof ConnectorError ? error.kind : 'network'
  switch (kind) {
    case 'network':
      return `You're offline, or ${host} cannot be reached — ${STORED}.`
    case 'auth':
      return `${label} refused the request: reconnect the account.`
    case 'rate_limited': {
      const wait = error instanceof ConnectorError && error.retryAfterMs !== undefined ? error.retryAfterMs : 60_000
      return `Rate limited by ${host}; try again in ${waitWords(wait)}.`
    }
    case 'not_found':
      return `${host} no longer shows this conversation (deleted, or hidden from this account) — ${STORED}.`
    case 'server':
    case 'invalid_response':
      return `${host} could not answer right now — ${STORED}.`
  }
}

/** The top of `post`'s reply chain among `thread` (the post itself when its parent is not there). */
function topOfChain<T extends IncomingPost>(post: T, thread: readonly T[]): T {
  const byId = new Map(thread.map((item) => [item.id, item]))
  const seen = new Set([post.id])
  let top = post
  for (let parent = byId.get(post.replyToId ?? ''); parent && !seen.has(parent.id); parent = byId.get(parent.replyToId ?? '')) {
    seen.add(parent.id)
    top = parent
  }
  return top
}

export class ThreadFetcher {
  /** One network request per conversation at a time: a second reader waits for the first answer. */
  private readonly inFlight = new Map<string, Promise<FetchedThread>>()

  constructor(private readonly deps: ThreadFetchDeps) {}

  fetch(id: string): Promise<FetchedThread> {
    const stored = this.deps.store.posts.thread(id)
    if (!stored) return Promise.reject(new ApiError('not_found', 'That post is no longer stored, so its conversation cannot be shown.'))
    const post = stored.find((item) => item.id === id)
    if (!post) return Promise.resolve({ posts: stored, source: 'store', note: null })
    const top = topOfChain(post, stored)
    const running = this.inFlight.get(top.id)
    if (running) return running.then((answer) => ({ ...answer, posts: this.deps.store.posts.thread(id) ?? answer.posts }))
    const fetching = this.fromNetwork(id, post, top, stored).finally(() => this.inFlight.delete(top.id))
    this.inFlight.set(top.id, fetching)
    return fetching
  }

  private async fromNetwork(id: string, post: Post, top: Post, stored: Post[]): Promise<FetchedThread> {
    const { store, ingest } = this.deps
    const access = this.deps.conversationFor(store.sources.get(post.sourceId))
    if (!access.available) return { posts: stored, source: 'store', note: unavailableNote(post.network, access.reason) }
    const timeoutMs = this.deps.timeoutMs ?? THREAD_FETCH_TIMEOUT_MS
    const timeout = AbortSignal.timeout(timeoutMs)
    let found: IncomingPost[]
    try {
      found = await access.read(top.remoteId, timeout)
    } catch (error) {
      return { posts: store.posts.thread(id) ?? stored, source: 'store', note: failureNote(error, access, timeout.aborted ? timeoutMs : null) }
    }
    // The answer reached above what was stored: once more from the real top, for the replies
    // beside the chain. If that fails, what the first answer brought is still worth storing.
    const root = topOfChain(top, found)
    if (root.id !== top.id) {
      try {
        found = [...found, ...(await access.read(root.remoteId, timeout))]
      } catch {
        // keep the first answer
      }
    }
    // Store failures are not network trouble: they fail the call like any other store failure.
    // A source removed while the network answered gets nothing stored (as a sync's batch).
    const unique = [...new Map(found.map((item) => [item.id, item])).values()]
    await ingest.add(unique, { stillWanted: () => store.sources.get(post.sourceId) !== null })
    return { posts: store.posts.thread(id) ?? stored, source: 'network', note: null }
  }
}
