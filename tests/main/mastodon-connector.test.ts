/**
 * The Mastodon connector against a Mastodon API test server on 127.0.0.1 whose every answer is
 * validated against Mastodon's published OpenAPI description, and which checks every request the
 * connector sends against the same description.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IncomingPost } from '@shared/domain/post'
import { ConnectorError, type Connector, type FetchResult } from '../../src/main/core/connectors/types'
import { createMastodonConnector, parseMastodonCursor, type MastodonConnectorOptions } from '../../src/main/core/connectors/mastodon/connector'
import { AUTH_SENTENCE } from '../../src/main/core/connectors/mastodon/client'
import { mastodonPostId, parseMastodonPostId } from '../../src/main/core/connectors/mastodon/map'
import { publishStatus } from '../../src/main/core/connectors/mastodon/publish'
import { verifyMastodonAccount, WRONG_TOKEN_SENTENCE } from '../../src/main/core/connectors/mastodon/verify'
import { mastodonOpenApi, startHtmlServer, startMastodonServer, type MastodonTestServer, type WorldAccount } from '../support/mastodon-server'

let server: MastodonTestServer
let alice: WorldAccount
let bob: WorldAccount
let carol: WorldAccount
const NOW = Date.parse('2026-11-25T10:00:00.000Z')

beforeEach(async () => {
  server = await startMastodonServer({ rateLimit: { limit: 300, windowMs: 5 * 60_000 } })
  const world = server.world
  alice = world.addAccount({ username: 'alice', displayName: 'Alice Local', followers: 321 })
  bob = world.addAccount({ username: 'bob', domain: 'remote.example', displayName: '', followers: 12 })
  carol = world.addAccount({ username: 'carol', domain: 'other.example', displayName: 'Carol', followers: 45_000 })
  world.follow(alice)
  world.follow(bob)
})

afterEach(async () => {
  // Every answer the server gave matched the OpenAPI description, and so did every request.
  const violations = [...server.violations]
  await server.close()
  expect(violations).toEqual([])
})

afterAll(() => {
  const checker = mastodonOpenApi()
  // How much of the description these tests exercised (printed for the report).
  console.info(
    `[mastodon openapi] operations: ${[...checker.used.operations].join(", ")}; responses: ${[...checker.used.responses].join(", ")}; component schemas reached: ${checker.componentSchemasReached().length}`
  )
})

function connector(overrides: Partial<MastodonConnectorOptions> = {}): Connector {
  return createMastodonConnector({ sourceId: 'src-1', instanceUrl: server.url, accessToken: server.token, kind: 'home', now: () => NOW, ...overrides })
}

async function fetchOnce(c: Connector, cursor: string | null): Promise<FetchResult> {
  return c.fetch({ cursor, signal: new AbortController().signal })
}

/** What the engine does: fetch again while `more`, bounded. */
async function syncUntilCaughtUp(c: Connector, cursor: string | null): Promise<{ posts: IncomingPost[]; cursor: string | null; steps: number }> {
  const posts: IncomingPost[] = []
  let steps = 0
  for (; steps < 20; steps++) {
    const result = await fetchOnce(c, cursor)
    posts.push(...result.posts)
    cursor = result.cursor
    if (!result.more) return { posts, cursor, steps: steps + 1 }
  }
  throw new Error('never caught up')
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ConnectorError) return error
    throw error
  }
  throw new Error('expected a ConnectorError')
}

const idOf = (statusId: string): string => mastodonPostId(server.host, statusId)

describe('home timeline', () => {
  it('first sync takes the newest page; later syncs follow min_id with no gaps and no duplicates', async () => {
    const world = server.world
    const early = Array.from({ length: 45 }, (_, i) => world.post(i % 2 ? alice : bob, { text: `early ${i}` }))
    world.post(carol, { text: 'not followed: never in the home timeline' })

    const home = connector({ maxPagesPerFetch: 1 })
    const first = await fetchOnce(home, null)
    expect(first.posts).toHaveLength(40)
    expect(first.more).toBe(false)
    const newestEarly = early.at(-1)?.id ?? ''
    expect(parseMastodonCursor(first.cursor)).toEqual({ minId: newestEarly })
    expect(new Set(first.posts.map((p) => p.id))).toEqual(new Set(early.slice(5).map((s) => idOf(s.id))))

    // 50 new statuses: more than one page, read page by page (one page per step here).
    const burst = Array.from({ length: 50 }, (_, i) => world.post(i % 3 ? alice : bob, { text: `burst ${i}` }))
    const second = await syncUntilCaughtUp(home, first.cursor)
    expect(second.steps).toBe(2)
    const minIds = server.apiRequests('/api/v1/timelines/home').map((r) => r.url.searchParams.get('min_id'))
    expect(minIds).toEqual([null, newestEarly, burst[39]?.id])
    expect(server.apiRequests('/api/v1/timelines/home').every((r) => r.url.searchParams.get('limit') === '40')).toBe(true)

    const late = Array.from({ length: 3 }, (_, i) => world.post(alice, { text: `late ${i}` }))
    const third = await syncUntilCaughtUp(home, second.cursor)
    expect(third.steps).toBe(1)

    const all = [...first.posts, ...second.posts, ...third.posts].map((p) => p.id)
    expect(new Set(all).size).toBe(all.length) // no duplicates
    expect(new Set(all)).toEqual(new Set([...early.slice(5), ...burst, ...late].map((s) => idOf(s.id)))) // no gaps
    expect(parseMastodonCursor(third.cursor)).toEqual({ minId: late.at(-1)?.id })

    // Nothing new: nothing fetched, the cursor stays.
    const idle = await fetchOnce(home, third.cursor)
    expect(idle.posts).toEqual([])
    expect(idle.more).toBe(false)
    expect(idle.cursor).toBe(third.cursor)
  })

  it('follows several pages in one step, then says more when it stopped on a full page', async () => {
    const world = server.world
    world.post(alice, { text: 'seed' })
    const home = connector({ maxPagesPerFetch: 2 })
    const first = await fetchOnce(home, null)
    const burst = Array.from({ length: 100 }, (_, i) => world.post(alice, { text: `n${i}` }))
    const step = await fetchOnce(home, first.cursor)
    expect(step.posts).toHaveLength(80)
    expect(step.more).toBe(true)
    const rest = await fetchOnce(home, step.cursor)
    expect(rest.posts.map((p) => p.remoteId).sort()).toEqual(burst.slice(80).map((s) => s.id).sort())
    expect(rest.more).toBe(false)
  })

  it('starts afresh on an unreadable cursor instead of failing forever', async () => {
    server.world.post(alice, { text: 'hello' })
    const result = await fetchOnce(connector(), '{not json')
    expect(result.posts.map((p) => p.text)).toEqual(['hello'])
  })
})

describe('other source kinds', () => {
  it('mentions come from notifications (types[]=mention), paged by notification id', async () => {
    const world = server.world
    const team = world.owner
    const m1 = world.post(carol, { text: 'hey, your app is down?', mentions: [team] })
    const liked = world.post(team, { text: 'our own post' })
    world.notify('favourite', bob, liked)
    world.notify('follow', alice, null)
    const m2 = world.post(bob, { text: 'love it', mentions: [team, alice] })

    const mentions = connector({ kind: 'mentions' })
    const first = await fetchOnce(mentions, null)
    expect(first.posts.map((p) => p.remoteId)).toEqual([m2.id, m1.id])
    expect(first.posts[1]?.author.handle).toBe('carol@other.example')
    const request = server.apiRequests('/api/v1/notifications')[0]
    expect(request?.url.searchParams.getAll('types[]')).toEqual(['mention'])
    const newestNotification = world.notifications.filter((n) => n.type === 'mention').at(-1)?.id
    expect(parseMastodonCursor(first.cursor)).toEqual({ minId: newestNotification })

    const m3 = world.post(alice, { text: 'ping', mentions: [team] })
    const second = await fetchOnce(mentions, first.cursor)
    expect(second.posts.map((p) => p.remoteId)).toEqual([m3.id])
    expect(server.apiRequests('/api/v1/notifications')[1]?.url.searchParams.get('min_id')).toBe(newestNotification)
  })

  it('hashtag timeline (the # is optional, case does not matter)', async () => {
    const world = server.world
    const tagged = world.post(carol, { text: 'trying', tags: ['Earshot'] })
    world.post(carol, { text: 'untagged' })
    const second = world.post(bob, { text: 'also', tags: ['earshot', 'social'] })
    const result = await fetchOnce(connector({ kind: 'hashtag', value: '#Earshot' }), null)
    expect(result.posts.map((p) => p.remoteId)).toEqual([second.id, tagged.id])
    expect(server.apiRequests()[0]?.url.pathname).toBe('/api/v1/timelines/tag/Earshot')
  })

  it('list timeline', async () => {
    const world = server.world
    world.addList('7', [carol])
    const inList = world.post(carol, { text: 'in the list' })
    world.post(alice, { text: 'not in the list' })
    const result = await fetchOnce(connector({ kind: 'list', value: '7' }), null)
    expect(result.posts.map((p) => p.remoteId)).toEqual([inList.id])

    const missing = await failure(fetchOnce(connector({ kind: 'list', value: '999' }), null))
    expect(missing.kind).toBe('not_found')
    const unnamed = await failure(fetchOnce(connector({ kind: 'list' }), null))
    expect(unnamed.message).toBe('this source names no list — edit the source')
  })

  it('search (v2, statuses) is incremental with min_id', async () => {
    const world = server.world
    const hit = world.post(carol, { text: 'The Lumora launch was great' })
    world.post(carol, { text: 'nothing to see' })
    const search = connector({ kind: 'search', value: 'lumora launch' })
    const first = await fetchOnce(search, null)
    expect(first.posts.map((p) => p.remoteId)).toEqual([hit.id])
    const later = world.post(bob, { text: 'lumora launch, day two' })
    const second = await fetchOnce(search, first.cursor)
    expect(second.posts.map((p) => p.remoteId)).toEqual([later.id])
    const sent = server.apiRequests('/api/v2/search').map((r) => Object.fromEntries(r.url.searchParams))
    expect(sent).toEqual([
      { q: 'lumora launch', type: 'statuses', limit: '40' },
      { q: 'lumora launch', type: 'statuses', limit: '40', min_id: hit.id }
    ])
  })
})

describe('mapping', () => {
  it('maps reblogs, replies, edits, language, counts, authors and sanitizes the HTML', async () => {
    const world = server.world
    const original = world.post(carol, { text: 'Original by Carol', language: 'de', counts: { favourites: 7, reblogs: 2 } })
    world.reblog(bob, original)
    const reply = world.post(alice, { text: 'a reply', inReplyTo: original, edited: true })
    world.post(alice, { html: '<p>safe <script>alert(1)</script><a href="javascript:alert(2)">x</a> <img src="https://tracker.example/p.gif" alt="pixel"></p>', language: null })
    world.post(bob, { text: 'spoilers inside', spoilerText: 'film ending' })

    const result = await fetchOnce(connector(), null)
    const byRemote = new Map(result.posts.map((p) => [p.remoteId, p]))
    // The boost is stored once, as the original status by its original author.
    expect(result.posts).toHaveLength(4)
    const boosted = byRemote.get(original.id)
    expect(boosted).toMatchObject({
      id: `mastodon:${server.host}:${original.id}`,
      sourceId: 'src-1',
      network: 'mastodon',
      url: `https://other.example/@carol/${original.id}`,
      text: 'Original by Carol',
      language: 'de',
      editedAt: null,
      replyToId: null,
      counts: { likes: 7, reposts: 3, replies: 1 },
      author: {
        id: `mastodon:${server.host}:${carol.id}`,
        network: 'mastodon',
        handle: 'carol@other.example',
        displayName: 'Carol',
        followers: 45_000,
        url: 'https://other.example/@carol'
      }
    })
    expect(boosted?.createdAt).toBe(original.createdAt)

    expect(parseMastodonPostId(boosted?.id ?? '')).toEqual({ host: server.host, statusId: original.id })
    expect(parseMastodonPostId('bluesky:at://x')).toBeNull()

    const mappedReply = byRemote.get(reply.id)
    expect(mappedReply?.replyToId).toBe(idOf(original.id))
    expect(mappedReply?.editedAt).toBe(reply.editedAt)
    expect(mappedReply?.editedAt).not.toBeNull()
    expect(mappedReply?.author.handle).toBe(`alice@${server.host}`)
    expect(mappedReply?.author.displayName).toBe('Alice Local')

    const hostile = result.posts.find((p) => p.text.startsWith('safe'))
    expect(hostile?.html).not.toMatch(/script|javascript:|<img|tracker/i)
    expect(hostile?.text).not.toContain('alert(1)')
    expect(hostile?.language).toBeNull()

    const warned = result.posts.find((p) => p.text.includes('spoilers'))
    expect(warned?.text).toMatch(/^CW: film ending/)
    expect(warned?.author.displayName).toBe('bob') // no display name → the username
    expect(warned?.author.handle).toBe('bob@remote.example')
  })

  it('marks a direct status (a private mention) as direct, and only that visibility', async () => {
    const world = server.world
    const direct = world.post(bob, { text: 'my order number is 4711', visibility: 'direct', mentions: [world.owner] })
    const followersOnly = world.post(bob, { text: 'for my followers', visibility: 'private' })
    const unlisted = world.post(alice, { text: 'quietly public', visibility: 'unlisted' })
    const open = world.post(alice, { text: 'out in the open' })

    const result = await fetchOnce(connector(), null)
    const directById = new Map(result.posts.map((p) => [p.remoteId, p.direct]))
    expect(directById).toEqual(new Map([[direct.id, true], [followersOnly.id, false], [unlisted.id, false], [open.id, false]]))
  })

  it('maps media attachments (images, gifv as video, audio) and leaves out unknown ones and other schemes', async () => {
    const world = server.world
    const status = world.post(carol, {
      text: 'look at this',
      media: [
        { type: 'image', url: 'https://files.other.example/a.png', previewUrl: 'https://files.other.example/a-small.png', description: 'A laptop on a desk', width: 1200, height: 800 },
        { type: 'gifv', url: 'https://files.other.example/b.mp4', previewUrl: 'https://files.other.example/b.png' },
        { type: 'audio', url: null, remoteUrl: 'https://audio.other.example/c.mp3', previewUrl: null },
        { type: 'unknown', url: null, remoteUrl: 'https://other.example/d.bin', previewUrl: null },
        { type: 'image', url: 'ftp://files.other.example/e.png', previewUrl: null }
      ]
    })
    const plain = world.post(bob, { text: 'no media' })
    world.reblog(alice, status)

    const result = await fetchOnce(connector(), null)
    const byRemote = new Map(result.posts.map((p) => [p.remoteId, p]))
    expect(byRemote.get(plain.id)?.media).toEqual([])
    // The boost is the original status, with the original's media.
    expect(byRemote.get(status.id)?.media).toEqual([
      { kind: 'image', url: 'https://files.other.example/a.png', previewUrl: 'https://files.other.example/a-small.png', description: 'A laptop on a desk', width: 1200, height: 800 },
      { kind: 'video', url: 'https://files.other.example/b.mp4', previewUrl: 'https://files.other.example/b.png', description: null, width: null, height: null },
      { kind: 'audio', url: 'https://audio.other.example/c.mp3', previewUrl: null, description: null, width: null, height: null }
    ])
  })
})

describe('rate limits and failures', () => {
  it('reads the rate-limit headers into RateLimitInfo', async () => {
    server.world.post(alice, { text: 'x' })
    const home = connector()
    const first = await fetchOnce(home, null)
    expect(first.rateLimit?.limit).toBe(300)
    expect(first.rateLimit?.remaining).toBe(299)
    const second = await fetchOnce(home, first.cursor)
    expect(second.rateLimit?.remaining).toBe(298)
    expect(second.rateLimit?.resetAt).toBeGreaterThan(Date.now())
    expect(second.rateLimit?.resetAt).toBeLessThanOrEqual(Date.now() + 5 * 60_000)
  })

  it('a spent budget answers 429 with Retry-After, read as rate_limited', async () => {
    await server.close()
    server = await startMastodonServer({ rateLimit: { limit: 2, windowMs: 60_000 } })
    const home = connector()
    await fetchOnce(home, null)
    await fetchOnce(home, null)
    const error = await failure(fetchOnce(home, null))
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterMs).toBeGreaterThan(50_000)
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000)
  })

  it('429 + Retry-After → rate_limited with the wait', async () => {
    server.injectFault({ kind: 'rate_limited', retryAfterSeconds: 30 })
    const error = await failure(fetchOnce(connector(), null))
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterMs).toBe(30_000)
    expect(error.message).toBe(`${server.host} asked us to slow down (HTTP 429) — trying again in 30 s`)
  })

  it('500 → server', async () => {
    server.injectFault({ kind: 'server_error', status: 500 })
    const error = await failure(fetchOnce(connector(), null))
    expect(error.kind).toBe('server')
    expect(error.message).toBe('the server answered HTTP 500')
    expect(server.undescribed).toEqual(['GET /api/v1/timelines/home 500'])
  })

  it('503 with a JSON error → server', async () => {
    server.injectFault({ kind: 'server_error', status: 503 })
    const error = await failure(fetchOnce(connector(), null))
    expect(error).toMatchObject({ kind: 'server', message: 'the server answered HTTP 503' })
  })

  it('an HTML 502 page from a proxy → server, in words', async () => {
    server.injectFault({ kind: 'error_page', status: 502 })
    const error = await failure(fetchOnce(connector(), null))
    expect(error.kind).toBe('server')
    expect(error.message).toBe(`${server.host} answered with an error page instead of the Mastodon API — it may be down or overloaded`)
  })

  it('a revoked token → auth, with the sentence', async () => {
    const home = connector()
    await fetchOnce(home, null)
    server.revokeToken(server.token)
    const error = await failure(fetchOnce(home, null))
    expect(error.kind).toBe('auth')
    expect(error.message).toBe(AUTH_SENTENCE)
    expect(error.message).toBe('the access token was revoked or lacks read access — reconnect the account')
  })

  it('a connection dropped mid-body → network', async () => {
    server.injectFault({ kind: 'drop' })
    const error = await failure(fetchOnce(connector(), null))
    expect(error.kind).toBe('network')
    expect(error.message).toBe(`lost the connection to ${server.host} before the answer was complete`)
  })

  it('a hanging answer → time-out → network', async () => {
    server.injectFault({ kind: 'hang' })
    const started = Date.now()
    const error = await failure(fetchOnce(connector({ timeoutMs: 300 }), null))
    expect(error.kind).toBe('network')
    expect(error.message).toBe(`${server.host} did not answer within 0.3 s`)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('a refused connection → network, "could not reach"', async () => {
    const url = server.url
    const host = server.host
    await server.close()
    const error = await failure(createMastodonConnector({ sourceId: 's', instanceUrl: url, accessToken: 't', kind: 'home', now: () => NOW }).fetch({ cursor: null, signal: new AbortController().signal }))
    expect(error.kind).toBe('network')
    expect(error.message).toBe(`could not reach ${host}: connection refused`)
    server = await startMastodonServer()
  })

  it('a cancelled fetch → network, cancelled', async () => {
    server.injectFault({ kind: 'hang' })
    const controller = new AbortController()
    const pending = connector().fetch({ cursor: null, signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    const error = await failure(pending)
    expect(error).toMatchObject({ kind: 'network', message: 'the request was cancelled' })
  })
})

describe('publish', () => {
  it('sends the Idempotency-Key; the same key twice makes one status', async () => {
    const before = server.world.statuses.size
    const options = { instanceUrl: server.url, accessToken: server.token, text: 'Thanks for the report, we are on it', idempotencyKey: 'outbox-42' }
    const first = await publishStatus(options)
    const again = await publishStatus(options)
    expect(again).toEqual(first)
    expect(server.world.statuses.size).toBe(before + 1)
    const created = server.world.statuses.get(first.remoteId)
    expect(created?.content).toBe('<p>Thanks for the report, we are on it</p>')
    expect(first.url).toBe(`${server.url}/@team/${first.remoteId}`)
    expect(first.id).toBe(idOf(first.remoteId))
    const posts = server.apiRequests('/api/v1/statuses')
    expect(posts.map((r) => r.idempotencyKey)).toEqual(['outbox-42', 'outbox-42'])
    expect(posts[0]?.body).toEqual({ status: 'Thanks for the report, we are on it' })

    const other = await publishStatus({ ...options, idempotencyKey: 'outbox-43' })
    expect(other.remoteId).not.toBe(first.remoteId)
    expect(server.world.statuses.size).toBe(before + 2)
  })

  it('remembers a key only for its window (then the same key posts again)', async () => {
    await server.close()
    let clock = NOW
    server = await startMastodonServer({ now: () => clock, idempotencyWindowMs: 60_000 })
    const options = { instanceUrl: server.url, accessToken: server.token, text: 'hello again', idempotencyKey: 'same' }
    const first = await publishStatus(options)
    clock += 59_000
    expect((await publishStatus(options)).remoteId).toBe(first.remoteId)
    clock += 2_000
    expect((await publishStatus(options)).remoteId).not.toBe(first.remoteId)
  })

  it('replies with in_reply_to_id and maps refusals', async () => {
    const original = server.world.post(carol, { text: 'is it down?' })
    const reply = await publishStatus({ instanceUrl: server.url, accessToken: server.token, text: '@carol fixed now', inReplyToRemoteId: original.id, idempotencyKey: 'r-1' })
    expect(server.world.statuses.get(reply.remoteId)?.inReplyToId).toBe(original.id)
    expect(server.apiRequests('/api/v1/statuses')[0]?.body).toEqual({ status: '@carol fixed now', in_reply_to_id: original.id })

    const tooLong = await failure(publishStatus({ instanceUrl: server.url, accessToken: server.token, text: 'x'.repeat(501), idempotencyKey: 'r-2' }))
    expect(tooLong).toMatchObject({ kind: 'server', message: 'the server refused the request (HTTP 422): Validation failed: Text character limit of 500 exceeded' })
    server.revokeToken(server.token)
    const revoked = await failure(publishStatus({ instanceUrl: server.url, accessToken: server.token, text: 'hi', idempotencyKey: 'r-3' }))
    expect(revoked).toMatchObject({ kind: 'auth', message: 'the access token was revoked or lacks write access — reconnect the account' })
  })
})

describe('verify', () => {
  it('returns the signed-in account', async () => {
    const account = await verifyMastodonAccount(server.url, server.token)
    expect(account).toEqual({
      id: server.world.owner.id,
      authorId: `mastodon:${server.host}:${server.world.owner.id}`,
      acct: `team@${server.host}`,
      displayName: 'Earshot Team',
      url: `${server.url}/@team`,
      avatarUrl: `${server.url}/system/accounts/avatars/${server.world.owner.id}/original/avatar.png`,
      followers: 1200
    })
  })

  it('a wrong token → auth, in words', async () => {
    const error = await failure(verifyMastodonAccount(server.url, 'wrong-token'))
    expect(error).toMatchObject({ kind: 'auth', message: WRONG_TOKEN_SENTENCE })
  })

  it('not a Mastodon server (an HTML site answering 200 or 404) → invalid_response', async () => {
    for (const status of [200, 404]) {
      const site = await startHtmlServer(status)
      try {
        const error = await failure(verifyMastodonAccount(site.url, 'token'))
        expect(error.kind).toBe('invalid_response')
        expect(error.message).toBe(`${new URL(site.url).host} does not look like a Mastodon server — check the instance address`)
      } finally {
        await site.close()
      }
    }
  })

  it('unreachable → network', async () => {
    const site = await startHtmlServer()
    const url = site.url
    await site.close()
    const error = await failure(verifyMastodonAccount(url, 'token'))
    expect(error).toMatchObject({ kind: 'network', message: `could not reach ${new URL(url).host}: connection refused` })
  })
})

describe('the OpenAPI checks themselves', () => {
  it('reject a status missing required fields and a wrongly typed one', () => {
    const checker = mastodonOpenApi()
    const good = server.world.statusJson(server.world.post(alice, { text: 'ok' }))
    expect(checker.checkResponse({ method: 'GET', template: '/api/v1/timelines/home', status: 200, body: [good], headers: {} }).violations).toEqual([])
    const { uri: _uri, ...missing } = good
    const bad = checker.checkResponse({ method: 'GET', template: '/api/v1/timelines/home', status: 200, body: [missing, { ...good, favourites_count: '7' }], headers: { 'x-ratelimit-remaining': 'many' } })
    expect(bad.violations.join('\n')).toMatch(/must have required property 'uri'/)
    expect(bad.violations.join('\n')).toMatch(/favourites_count must be integer/)
    expect(bad.violations.join('\n')).toMatch(/X-RateLimit-Remaining/)
  })

  it('records undeclared and missing request parameters', async () => {
    const response = await fetch(`${server.url}/api/v1/timelines/home?limit=5&bogus=1`, { headers: { Authorization: `Bearer ${server.token}` } })
    expect(response.status).toBe(200)
    await fetch(`${server.url}/api/v2/search?type=statuses`, { headers: { Authorization: `Bearer ${server.token}` } })
    await fetch(`${server.url}/api/v1/not/a/thing`)
    expect(server.violations).toEqual([
      'GET /api/v1/timelines/home: query parameter "bogus" is not declared for GET /api/v1/timelines/home',
      'GET /api/v2/search: required query parameter "q" is missing',
      'GET /api/v1/not/a/thing: the path is not in the OpenAPI description'
    ])
    server.violations.length = 0
  })

  it('the connector sent only declared parameters on every endpoint it uses', async () => {
    const world = server.world
    world.addList('1', [alice])
    world.post(alice, { text: 'hello #tag', tags: ['tag'], mentions: [world.owner] })
    for (const options of [{ kind: 'home' }, { kind: 'mentions' }, { kind: 'list', value: '1' }, { kind: 'hashtag', value: 'tag' }, { kind: 'search', value: 'hello' }] as const) {
      const c = connector(options)
      const first = await fetchOnce(c, null)
      expect(first.posts.length).toBeGreaterThan(0)
      await fetchOnce(c, first.cursor)
    }
    await publishStatus({ instanceUrl: server.url, accessToken: server.token, text: 'x', idempotencyKey: 'k' })
    await verifyMastodonAccount(server.url, server.token)
    expect(new Set(server.requests.map((r) => `${r.method} ${r.template}`))).toEqual(
      new Set([
        'GET /api/v1/timelines/home',
        'GET /api/v1/notifications',
        'GET /api/v1/timelines/list/{list_id}',
        'GET /api/v1/timelines/tag/{hashtag}',
        'GET /api/v2/search',
        'POST /api/v1/statuses',
        'GET /api/v1/accounts/verify_credentials'
      ])
    )
    expect(server.violations).toEqual([])
  })
})
