/**
 * Publishing a post or reply, exactly once even when the outcome of a request is unclear.
 *
 * The record key (rkey) is chosen by the client — a TID from `newRecordKey()`, picked once when
 * the outbox item is created and kept with it — and sent with `com.atproto.repo.createRecord`.
 * A repo holds at most one record per key, so:
 * - if the answer is lost (connection cut after the server committed, time-out, 5xx), the
 *   record is looked up by that key (`com.atproto.repo.getRecord`): present means published;
 * - a retry (the outbox tries again later, maybe after a restart) with the same key cannot make
 *   a second post: the server refuses to create an existing key, and that refusal is checked the
 *   same way and reported as success.
 * A refused post (too long, invalid record, a 400) is `invalid_response` — final, the outbox
 * does not retry it; a vanished parent is `not_found`; auth and rate limits map as everywhere. A
 * failure that leaves the outcome unknown is `network` (or `server` for a 5xx without a record),
 * and retrying with the same rkey is always safe.
 *
 * Mentions, links and hashtags in the text become facets (mentions are resolved to DIDs), so they
 * are clickable in Bluesky apps. Bluesky allows 300 graphemes per post.
 */
import { type AtpAgent, RichText, XRPCError } from '@atproto/api'
import { ConnectorError } from '../types'
import { isAuthFailure, isUnclearFailure } from './errors'
import { postUrl } from './map'
export { newRecordKey } from './record-key'
import { openBlueskySession } from './session'

export const BLUESKY_MAX_GRAPHEMES = 300
const POST_COLLECTION = 'app.bsky.feed.post'

export interface BlueskyReplyTarget {
  /** The post answered (parent): its AT URI (an Earshot post's `remoteId`; its id `bluesky:<at-uri>` works too). */
  uri: string
  /** The parent's CID; looked up (app.bsky.feed.getPosts) when absent. */
  cid?: string
  /** The thread's first post (the parent itself when it starts the thread); looked up when absent. */
  rootUri?: string
  rootCid?: string
}

interface StrongRefs {
  parent: { uri: string; cid: string }
  root: { uri: string; cid: string }
}

/** The reply's parent and root references, completed from the AppView when the caller lacks them. */
async function replyRefs(agent: AtpAgent, target: BlueskyReplyTarget, signal: AbortSignal): Promise<StrongRefs> {
  const uri = target.uri.replace(/^bluesky:/, '')
  if (target.cid && target.rootUri && target.rootCid) {
    return { parent: { uri, cid: target.cid }, root: { uri: target.rootUri.replace(/^bluesky:/, ''), cid: target.rootCid } }
  }
  const res = await agent.app.bsky.feed.getPosts({ uris: [uri] }, { signal })
  const parent = res.data.posts[0]
  if (!parent) throw new ConnectorError('not_found', 'the post to reply to no longer exists (deleted, or its author blocks this account)')
  const reply = parent.record.reply as { root?: { uri?: unknown; cid?: unknown } } | undefined
  const root =
    typeof reply?.root?.uri === 'string' && typeof reply.root.cid === 'string'
      ? { uri: reply.root.uri, cid: reply.root.cid }
      : { uri: parent.uri, cid: parent.cid }
  return { parent: { uri: parent.uri, cid: target.cid ?? parent.cid }, root }
}

export interface PublishBlueskyOptions {
  serviceUrl: string
  secret: string
  text: string
  replyTo?: BlueskyReplyTarget
  /** The record key: `newRecordKey()`, chosen once per outbox item and reused for every attempt. */
  rkey: string
  signal: AbortSignal
  /** BCP-47 language tags of the text, e.g. ["en"]. */
  langs?: string[]
  onSessionChange?: (secret: string) => void
  now?: () => number
  /** Replaces global fetch (tests, proxies). */
  fetch?: typeof globalThis.fetch
}

export interface PublishedBlueskyPost {
  /** at://<did>/app.bsky.feed.post/<rkey> */
  uri: string
  /** https://bsky.app/profile/<handle>/post/<rkey> */
  url: string
  /** The record's CID (needed to reply to it). */
  cid: string
  /** True when the post had already been created by an earlier attempt with this rkey. */
  alreadyPublished: boolean
}


const RKEY = /^[a-zA-Z0-9._:~-]{1,512}$/

/** The post at `rkey` in the account's repo, or null when there is none. Unclear answers throw. */
async function findRecord(agent: AtpAgent, did: string, rkey: string, signal: AbortSignal): Promise<{ uri: string; cid: string; text: string } | null> {
  try {
    const res = await agent.com.atproto.repo.getRecord({ repo: did, collection: POST_COLLECTION, rkey }, { signal })
    const value = res.data.value as { text?: unknown }
    return { uri: res.data.uri, cid: res.data.cid ?? '', text: typeof value.text === 'string' ? value.text : '' }
  } catch (error) {
    const status = (error as { status?: unknown }).status
    const name = (error as { error?: unknown }).error
    if (name === 'RecordNotFound' || status === 404) return null
    if (status === 400 && /not found|could not locate/i.test((error as Error).message)) return null
    throw error
  }
}

export async function publishPost(options: PublishBlueskyOptions): Promise<PublishedBlueskyPost> {
  const { signal, rkey } = options
  const now = options.now ?? Date.now
  if (!RKEY.test(rkey) || rkey === '.' || rkey === '..') throw new ConnectorError('invalid_response', `"${rkey.slice(0, 40)}" is not a valid Bluesky record key`)
  const session = openBlueskySession({
    serviceUrl: options.serviceUrl,
    secret: options.secret,
    now,
    ...(options.onSessionChange ? { onSessionChange: options.onSessionChange } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {})
  })

  return session.call(
    async (agent) => {
      const did = session.did
      const rich = new RichText({ text: options.text })
      if (rich.graphemeLength > BLUESKY_MAX_GRAPHEMES) {
        throw new ConnectorError('invalid_response', `the post is ${rich.graphemeLength} characters long; Bluesky allows ${BLUESKY_MAX_GRAPHEMES}`)
      }
      try {
        await rich.detectFacets(agent)
      } catch {
        // Mentions that cannot be resolved stay plain text; the post itself is still fine.
        rich.detectFacetsWithoutResolution()
        rich.facets = rich.facets?.filter((facet) => !facet.features.some((feature) => feature.$type === 'app.bsky.richtext.facet#mention'))
      }
      const refs = options.replyTo ? await replyRefs(agent, options.replyTo, signal) : null
      const record = {
        $type: POST_COLLECTION,
        text: rich.text,
        createdAt: new Date(now()).toISOString(),
        ...(rich.facets && rich.facets.length > 0 ? { facets: rich.facets } : {}),
        ...(options.langs && options.langs.length > 0 ? { langs: options.langs.slice(0, 3) } : {}),
        ...(refs ? { reply: refs } : {})
      }
      const published = (uri: string, cid: string, alreadyPublished: boolean): PublishedBlueskyPost => ({
        uri,
        cid,
        url: postUrl(uri, session.handle) ?? uri,
        alreadyPublished
      })
      try {
        const res = await agent.com.atproto.repo.createRecord({ repo: did, collection: POST_COLLECTION, rkey, record }, { signal })
        return published(res.data.uri, res.data.cid, false)
      } catch (error) {
        // Lost answer, or "already exists" from an earlier attempt: the key tells.
        if (error instanceof ConnectorError || (!isUnclearFailure(error) && isDefiniteRefusal(error))) throw error
        let existing: Awaited<ReturnType<typeof findRecord>>
        try {
          existing = await findRecord(agent, did, rkey, signal)
        } catch {
          throw new ConnectorError('network', `could not tell whether ${session.host} published the post (the answer was lost); it is safe to try again`)
        }
        if (existing) return published(existing.uri, existing.cid, true)
        throw refusal(error, session.host)
      }
    },
    { signal }
  )
}

/**
 * A createRecord failure after the look-up found no record. A 400 is the post itself being
 * refused (invalid record, bad reply reference): final, so it is reported as `invalid_response`,
 * which the outbox does not retry. Anything else keeps its usual mapping (retried later).
 */
function refusal(error: unknown, host: string): unknown {
  if (error instanceof XRPCError && error.status === 400 && !isAuthFailure(error)) {
    const words = error.message && error.message !== error.error ? `: ${error.message.slice(0, 200)}` : ''
    return new ConnectorError('invalid_response', `${host} refused the post (${error.error})${words}`)
  }
  return error
}

/** Failures that certainly created nothing and need no look-up: auth and rate limits. */
function isDefiniteRefusal(error: unknown): boolean {
  const status = (error as { status?: unknown }).status
  return status === 401 || status === 403 || status === 429
}
