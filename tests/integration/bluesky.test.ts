/**
 * The Bluesky connector against a real local Bluesky network (PLC + PDS + AppView on
 * PostgreSQL, see support/network.ts): a brand account and a customer account; the customer's
 * mention, reply, quote and keyword post reach Earshot through notifications, the timeline (the
 * brand follows the customer), search and the author feed; incremental syncs return only new
 * posts; the brand's reply is published exactly once, even when the answer to the write is lost.
 */
import { AtpAgent, RichText } from '@atproto/api'
import { readFileSync, readdirSync, readlinkSync } from 'node:fs'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBlueskyConnector, type BlueskyConnectorOptions } from '../../src/main/core/connectors/bluesky/connector'
import { APP_PASSWORD_REFUSED } from '../../src/main/core/connectors/bluesky/errors'
import { newRecordKey, publishPost } from '../../src/main/core/connectors/bluesky/publish'
import { newBlueskySecret, parseBlueskySecret } from '../../src/main/core/connectors/bluesky/secret'
import { forgetBlueskySessions } from '../../src/main/core/connectors/bluesky/session'
import { verifyBlueskyAccount } from '../../src/main/core/connectors/bluesky/verify'
import type { Connector, FetchResult } from '../../src/main/core/connectors/types'
import { ConnectorError } from '../../src/main/core/connectors/types'
import type { IncomingPost } from '../../src/shared/domain/post'
import { startLocalBluesky, type LocalBluesky } from './support/network'

const KEYWORD = 'Rocketship' // the dev AppView's search is a case-sensitive LIKE

let bsky: LocalBluesky
let brand: AtpAgent
let customer: AtpAgent
let brandAppPassword: string
let brandSecret: string
let brandPost: { uri: string; cid: string }
const secretUpdates: string[] = []

async function createAccount(handle: string): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: bsky.pdsUrl })
  await agent.createAccount({ handle, email: `${handle}@example.test`, password: `${handle}-password` })
  return agent
}

/** Posts as `agent`, with mentions and links turned into facets like a Bluesky app would. */
async function post(agent: AtpAgent, text: string, extra: Record<string, unknown> = {}): Promise<{ uri: string; cid: string }> {
  const rich = new RichText({ text })
  await rich.detectFacets(agent)
  return agent.post({ text: rich.text, facets: rich.facets, ...extra })
}

function connector(kind: BlueskyConnectorOptions['kind'], value?: string, more: Partial<BlueskyConnectorOptions> = {}): Connector {
  return createBlueskyConnector({
    sourceId: `src-${kind}`,
    serviceUrl: bsky.pdsUrl,
    secret: brandSecret,
    kind,
    ...(value !== undefined ? { value } : {}),
    onSessionChange: (secret) => secretUpdates.push(secret),
    now: Date.now,
    ...more
  })
}

/** Fetches until `more` is false; returns every page's result and the final cursor. */
async function syncAll(source: Connector, cursor: string | null): Promise<{ posts: IncomingPost[]; cursor: string | null; pages: FetchResult[] }> {
  const pages: FetchResult[] = []
  let current = cursor
  for (let i = 0; i < 100; i++) {
    const result = await source.fetch({ cursor: current, signal: AbortSignal.timeout(30_000) })
    pages.push(result)
    current = result.cursor
    if (!result.more) return { posts: pages.flatMap((page) => page.posts), cursor: current, pages }
  }
  throw new Error('the connector never finished its run')
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  return typeof address === 'object' && address ? address.port : 1
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ConnectorError) return error
    throw error
  }
  throw new Error('expected a ConnectorError, got success')
}

beforeAll(async () => {
  bsky = await startLocalBluesky()
  console.info(`local Bluesky network ready in ${bsky.startupMs} ms (PostgreSQL ${bsky.postgresMs} ms; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB)`)
  brand = await createAccount('brand.test')
  customer = await createAccount('customer.test')
  brandAppPassword = (await brand.com.atproto.server.createAppPassword({ name: 'Earshot' })).data.password
  await brand.follow(customer.assertDid)
  brandPost = await post(brand, 'Welcome to Acme! Tell us how we are doing.')
  await post(customer, 'Just setting up my bsky')
  await bsky.network.processAll()
})

afterAll(async () => {
  forgetBlueskySessions()
  await bsky?.stop()
})

describe('verifyBlueskyAccount', () => {
  it('refuses a wrong app password with a plain sentence', async () => {
    const error = await rejection(verifyBlueskyAccount('brand.test', 'wrong-password', bsky.pdsUrl))
    expect(error.kind).toBe('auth')
    expect(error.message).toBe(APP_PASSWORD_REFUSED)
  })

  it('says so when no account has the handle', async () => {
    const error = await rejection(verifyBlueskyAccount('nobody.test', 'whatever', bsky.pdsUrl))
    expect(error.kind).toBe('not_found')
    expect(error.message).toMatch(/^there is no Bluesky account @nobody\.test on localhost:\d+ — check the handle/)
  })

  it('reports an unreachable service as a network problem', async () => {
    const port = await closedPort()
    const error = await rejection(verifyBlueskyAccount('brand.test', brandAppPassword, `http://127.0.0.1:${port}`))
    expect(error.kind).toBe('network')
    expect(error.message).toBe(`could not reach 127.0.0.1:${port}: connection refused`)
  })

  it('confirms the account and returns a secret holding the session', async () => {
    await brand.upsertProfile((profile) => ({ ...profile, displayName: 'Acme Support' }))
    await bsky.network.processAll()
    const verified = await verifyBlueskyAccount('@brand.test', brandAppPassword, bsky.pdsUrl)
    expect(verified).toMatchObject({ remoteId: brand.assertDid, handle: 'brand.test', displayName: 'Acme Support', serviceUrl: bsky.pdsUrl })
    const secret = parseBlueskySecret(verified.secret)
    expect(secret).toMatchObject({ identifier: 'brand.test', appPassword: brandAppPassword })
    expect(secret.session?.did).toBe(brand.assertDid)
    brandSecret = verified.secret
  })
})

describe('sessions', () => {
  it('resumes the stored session (a refresh, no login) and hands the rotated secret back', async () => {
    const calls: string[] = []
    const counting: typeof fetch = (input, init) => {
      calls.push(new URL(input instanceof Request ? input.url : String(input)).pathname)
      return fetch(input, init)
    }
    const updates: string[] = []
    const source = connector('timeline', undefined, { fetch: counting, onSessionChange: (s) => updates.push(s) })
    await source.fetch({ cursor: null, signal: AbortSignal.timeout(30_000) })
    expect(calls.filter((path) => path.endsWith('createSession'))).toHaveLength(0)
    expect(calls.filter((path) => path.endsWith('refreshSession'))).toHaveLength(1)
    expect(updates.length).toBeGreaterThan(0)
    const latest = parseBlueskySecret(updates.at(-1) ?? '')
    expect(latest.session?.refreshJwt).not.toBe(parseBlueskySecret(brandSecret).session?.refreshJwt)
  })

  it('logs in again with the app password when the stored session is no longer valid', async () => {
    const stale = parseBlueskySecret(brandSecret)
    const broken = JSON.stringify({ ...stale, session: { ...stale.session, accessJwt: 'nope', refreshJwt: 'nope' } })
    const calls: string[] = []
    const counting: typeof fetch = (input, init) => {
      calls.push(new URL(input instanceof Request ? input.url : String(input)).pathname)
      return fetch(input, init)
    }
    const source = connector('timeline', undefined, { secret: broken, fetch: counting })
    const result = await source.fetch({ cursor: null, signal: AbortSignal.timeout(30_000) })
    expect(result.posts.length).toBeGreaterThan(0)
    expect(calls.filter((path) => path.endsWith('createSession'))).toHaveLength(1)
  })

  it('stops with the reconnect sentence when the app password was revoked', async () => {
    const source = connector('timeline', undefined, { secret: newBlueskySecret('brand.test', 'revoked-password'), fetch: (i, n) => fetch(i, n) })
    const error = await rejection(source.fetch({ cursor: null, signal: AbortSignal.timeout(30_000) }))
    expect(error).toMatchObject({ kind: 'auth', message: APP_PASSWORD_REFUSED })
  })

  it('reports a cancelled fetch as such', async () => {
    const controller = new AbortController()
    controller.abort()
    const error = await rejection(connector('timeline').fetch({ cursor: null, signal: controller.signal }))
    expect(error.kind).toBe('network')
    expect(error.message).toMatch(/^the request to localhost:\d+ was cancelled$/)
  })

  it('maps a 429 to rate_limited with the wait from ratelimit-reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 90
    const limited: typeof fetch = async (input, init) => {
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname
      if (!path.endsWith('getTimeline')) return fetch(input, init)
      return new Response(JSON.stringify({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }), {
        status: 429,
        headers: { 'content-type': 'application/json', 'ratelimit-limit': '3000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) }
      })
    }
    const error = await rejection(connector('timeline', undefined, { fetch: limited }).fetch({ cursor: null, signal: AbortSignal.timeout(30_000) }))
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterMs).toBeGreaterThan(80_000)
    expect(error.retryAfterMs).toBeLessThanOrEqual(90_000)
    expect(error.message).toMatch(/^localhost:\d+ asks us to slow down \(rate limit reached\); trying again in (8\d|90) seconds$/)
  })
})

describe('reading', () => {
  const cursors: Record<string, string | null> = {}
  let mention: { uri: string; cid: string }
  let reply: { uri: string; cid: string }
  let quote: { uri: string; cid: string }
  let keyword: { uri: string; cid: string }

  it('takes the newest page on the first sync', async () => {
    const timeline = await syncAll(connector('timeline'), null)
    expect(timeline.pages).toHaveLength(1)
    expect(timeline.posts.map((p) => p.text).sort()).toEqual(['Just setting up my bsky', 'Welcome to Acme! Tell us how we are doing.'])
    cursors.timeline = timeline.cursor
    const notifications = await syncAll(connector('notifications'), null)
    expect(notifications.posts).toEqual([])
    cursors.notifications = notifications.cursor
    const search = await syncAll(connector('search', KEYWORD), null)
    expect(search.posts).toEqual([])
    cursors.search = search.cursor
    const author = await syncAll(connector('author', '@customer.test'), null)
    expect(author.posts.map((p) => p.text)).toEqual(['Just setting up my bsky'])
    cursors.author = author.cursor
  })

  it("delivers the customer's mention, reply, quote and keyword post through every list, once", async () => {
    mention = await post(customer, 'Hey @brand.test my order #1234 is late, see https://example.com/orders/1234', { langs: ['en-US'] })
    reply = await post(customer, 'Thanks, love the new app!', { reply: { root: brandPost, parent: brandPost } })
    quote = await post(customer, 'Look at this', { embed: { $type: 'app.bsky.embed.record', record: brandPost } })
    keyword = await post(customer, `Flying the ${KEYWORD} today`)
    await bsky.network.processAll()

    const notifications = await syncAll(connector('notifications'), cursors.notifications ?? null)
    expect(notifications.posts.map((p) => p.remoteId).sort()).toEqual([mention.uri, reply.uri, quote.uri].sort())
    cursors.notifications = notifications.cursor

    const timeline = await syncAll(connector('timeline'), cursors.timeline ?? null)
    expect(timeline.posts.map((p) => p.remoteId).sort()).toEqual([mention.uri, reply.uri, quote.uri, keyword.uri].sort())
    cursors.timeline = timeline.cursor

    const search = await syncAll(connector('search', KEYWORD), cursors.search ?? null)
    expect(search.posts.map((p) => p.remoteId)).toEqual([keyword.uri])
    cursors.search = search.cursor

    const author = await syncAll(connector('author', 'customer.test'), cursors.author ?? null)
    expect(author.posts.map((p) => p.remoteId).sort()).toEqual([mention.uri, reply.uri, quote.uri, keyword.uri].sort())
    cursors.author = author.cursor

    // The mapping, on the mention (from notifications) and the reply (from the timeline).
    const mapped = notifications.posts.find((p) => p.remoteId === mention.uri)
    const rkey = mention.uri.split('/').at(-1)
    expect(mapped).toMatchObject({
      id: `bluesky:${mention.uri}`,
      sourceId: 'src-notifications',
      network: 'bluesky',
      url: `https://bsky.app/profile/customer.test/post/${rkey}`,
      text: 'Hey @brand.test my order #1234 is late, see https://example.com/orders/1234',
      language: 'en',
      replyToId: null,
      editedAt: null,
      author: { id: `bluesky:${customer.assertDid}`, network: 'bluesky', handle: 'customer.test', url: 'https://bsky.app/profile/customer.test' }
    })
    expect(mapped?.html).toBe(
      `Hey <a href="https://bsky.app/profile/${encodeURIComponent(brand.assertDid)}" rel="nofollow noopener noreferrer">@brand.test</a> my order #1234 is late, see ` +
        '<a href="https://example.com/orders/1234" rel="nofollow noopener noreferrer">https://example.com/orders/1234</a>'
    )
    expect(Math.abs((mapped?.createdAt ?? 0) - Date.now())).toBeLessThan(60_000)
    const mappedReply = timeline.posts.find((p) => p.remoteId === reply.uri)
    expect(mappedReply).toMatchObject({ replyToId: `bluesky:${brandPost.uri}`, html: null, language: null })
    expect(mappedReply?.counts).toEqual({ likes: 0, reposts: 0, replies: 0 })
  })

  it('returns nothing on the next sync when nothing is new', async () => {
    for (const [kind, value] of [['notifications'], ['timeline'], ['search', KEYWORD], ['author', 'customer.test']] as const) {
      const result = await syncAll(connector(kind, value), cursors[kind] ?? null)
      expect(result.posts, kind).toEqual([])
      expect(result.pages, kind).toHaveLength(1)
    }
  })

  it('carries counts, reposts and the newest seen across pages without gaps or duplicates', async () => {
    await brand.like(keyword.uri, keyword.cid)
    await brand.repost(mention.uri, mention.cid)
    const burst: string[] = []
    for (let i = 1; i <= 7; i++) burst.push((await post(customer, `${KEYWORD} update ${i}`)).uri)
    await bsky.network.processAll()

    // Two per page: the run pages back to the last seen post, `more` until it gets there.
    const timeline = await syncAll(connector('timeline', undefined, { pageSize: 2 }), cursors.timeline ?? null)
    expect(timeline.pages.length).toBeGreaterThan(3)
    expect(timeline.pages.slice(0, -1).every((page) => page.more)).toBe(true)
    const ids = timeline.pages.flatMap((page) => page.posts.map((p) => p.remoteId))
    expect(new Set(ids).size).toBe(ids.length)
    // The brand's repost brings the (already seen) mention back as a new timeline entry.
    expect([...ids].sort()).toEqual([...burst, mention.uri].sort())
    cursors.timeline = timeline.cursor

    const search = await syncAll(connector('search', KEYWORD, { pageSize: 3 }), cursors.search ?? null)
    expect(search.posts.map((p) => p.remoteId).sort()).toEqual([...burst].sort())
    cursors.search = search.cursor

    const again = await syncAll(connector('search', KEYWORD, { pageSize: 3 }), cursors.search)
    expect(again.posts).toEqual([])

    const refreshed = await syncAll(connector('search', KEYWORD, { pageSize: 50 }), null)
    expect(refreshed.posts.find((p) => p.remoteId === keyword.uri)?.counts).toEqual({ likes: 1, reposts: 0, replies: 0 })
  })

  it('says plainly when the followed account does not exist', async () => {
    const error = await rejection(connector('author', 'nobody.test').fetch({ cursor: null, signal: AbortSignal.timeout(30_000) }))
    expect(error).toMatchObject({ kind: 'not_found', message: "there is no Bluesky account @nobody.test (or it is no longer visible) — check the source's handle" })
  })
})

describe('publishing', () => {
  async function repliesTo(uri: string): Promise<Array<{ uri: string; text: string }>> {
    await bsky.network.processAll()
    const thread = await brand.getPostThread({ uri, depth: 1 })
    const replies = (thread.data.thread as { replies?: Array<{ post?: { uri: string; record: { text?: string } } }> }).replies ?? []
    return replies.flatMap((r) => (r.post ? [{ uri: r.post.uri, text: r.post.record.text ?? '' }] : []))
  }

  it("publishes the brand's reply into the customer's thread exactly once", async () => {
    const mention = await post(customer, 'Is anyone at @brand.test there?')
    await bsky.network.processAll()
    const rkey = newRecordKey()
    expect(rkey).toMatch(/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/)
    const published = await publishPost({
      serviceUrl: bsky.pdsUrl,
      secret: brandSecret,
      text: 'Hi @customer.test, we are here — sending you a DM.',
      replyTo: { uri: `bluesky:${mention.uri}` }, // an Earshot post id works as well as the AT URI
      rkey,
      signal: AbortSignal.timeout(30_000)
    })
    expect(published).toMatchObject({
      uri: `at://${brand.assertDid}/app.bsky.feed.post/${rkey}`,
      url: `https://bsky.app/profile/brand.test/post/${rkey}`,
      alreadyPublished: false
    })
    const replies = await repliesTo(mention.uri)
    expect(replies).toEqual([{ uri: published.uri, text: 'Hi @customer.test, we are here — sending you a DM.' }])

    // The customer is notified (the reply mentions them, with a resolved facet).
    const record = await customer.com.atproto.repo.getRecord({ repo: brand.assertDid, collection: 'app.bsky.feed.post', rkey })
    expect(JSON.stringify(record.data.value)).toContain(customer.assertDid)
  })

  it('refuses a post that is too long, or whose parent is gone, as final errors', async () => {
    const request = { serviceUrl: bsky.pdsUrl, secret: brandSecret, rkey: newRecordKey(), signal: AbortSignal.timeout(30_000) }
    const tooLong = await rejection(publishPost({ ...request, text: 'a'.repeat(301) }))
    expect(tooLong).toMatchObject({ kind: 'invalid_response', message: 'the post is 301 characters long; Bluesky allows 300' })
    const gone = await rejection(
      publishPost({ ...request, text: 'hello', replyTo: { uri: `bluesky:at://${customer.assertDid}/app.bsky.feed.post/3jzfcijpj2z2a` } })
    )
    expect(gone).toMatchObject({ kind: 'not_found', message: 'the post to reply to no longer exists (deleted, or its author blocks this account)' })
  })

  it('publishes exactly once when the connection is cut after the server committed', async () => {
    const mention = await post(customer, 'Hello? @brand.test')
    await bsky.network.processAll()
    const rkey = newRecordKey()
    let cut = 0
    const cutAfterCommit: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname
      if (path.endsWith('com.atproto.repo.createRecord') && response.ok) {
        cut++
        await response.body?.cancel()
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })
      }
      return response
    }
    const request = {
      serviceUrl: bsky.pdsUrl,
      secret: brandSecret,
      text: 'Sorry for the wait — we are on it.',
      replyTo: { uri: mention.uri },
      rkey,
      signal: AbortSignal.timeout(30_000)
    }
    // The write lands, its answer is lost: the key tells it was published.
    const first = await publishPost({ ...request, fetch: cutAfterCommit })
    expect(cut).toBe(1)
    expect(first).toMatchObject({ uri: `at://${brand.assertDid}/app.bsky.feed.post/${rkey}`, alreadyPublished: true })
    // The outbox retries anyway (say, after a restart): the same key cannot make a second post.
    const retry = await publishPost(request)
    expect(retry).toMatchObject({ uri: first.uri, cid: first.cid, alreadyPublished: true })

    const replies = await repliesTo(mention.uri)
    expect(replies).toEqual([{ uri: first.uri, text: 'Sorry for the wait — we are on it.' }])

    // What the retry relied on: the PDS refuses a second record under the same key.
    const duplicate = brand.com.atproto.repo.createRecord({
      repo: brand.assertDid,
      collection: 'app.bsky.feed.post',
      rkey,
      record: { $type: 'app.bsky.feed.post', text: 'duplicate', createdAt: new Date().toISOString() }
    })
    await expect(duplicate).rejects.toMatchObject({ status: expect.any(Number) as number })
    console.info('createRecord on an existing rkey:', await duplicate.catch((error: { status?: number; error?: string; message?: string }) => `${error.status} ${error.error}: ${error.message}`))
  })
})

describe('the test network', () => {
  it('listens on 127.0.0.1 only', () => {
    const inodes = new Set<string>()
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))
        if (match?.[1]) inodes.add(match[1])
      } catch {
        // The descriptor closed while we looked.
      }
    }
    const listening: string[] = []
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      let text = ''
      try {
        text = readFileSync(table, 'utf8')
      } catch {
        continue
      }
      for (const line of text.split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/)
        const [local, state, inode] = [cols[1], cols[3], cols[9]]
        if (state === '0A' && inode && inodes.has(inode) && local) listening.push(local)
      }
    }
    expect(listening.length).toBeGreaterThan(3)
    expect(listening.filter((local) => !local.startsWith('0100007F:'))).toEqual([])
  })
})
