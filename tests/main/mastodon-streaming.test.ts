/**
 * The Mastodon connector's live stream (the streaming API over Server-Sent Events) against the
 * Mastodon API test server on 127.0.0.1, whose stream requests and every event payload (Status,
 * Notification) are checked against Mastodon's published OpenAPI description.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IncomingPost } from '@shared/domain/post'
import { ConnectorError, type Connector, type StreamHandlers } from '../../src/main/core/connectors/types'
import { createMastodonConnector, type MastodonConnectorOptions } from '../../src/main/core/connectors/mastodon/connector'
import { AUTH_SENTENCE } from '../../src/main/core/connectors/mastodon/client'
import { mastodonPostId } from '../../src/main/core/connectors/mastodon/map'
import { openMastodonStream, type MastodonStreamOptions } from '../../src/main/core/connectors/mastodon/stream'
import { startHtmlServer, startMastodonServer, type MastodonServerOptions, type MastodonTestServer, type WorldAccount } from '../support/mastodon-server'

let server: MastodonTestServer
let alice: WorldAccount
let carol: WorldAccount
const NOW = Date.parse('2026-11-25T10:00:00.000Z')
/** Streams the tests opened, aborted after each test so nothing outlives it. */
let controllers: AbortController[] = []

async function start(options: MastodonServerOptions = {}): Promise<void> {
  server = await startMastodonServer(options)
  alice = server.world.addAccount({ username: 'alice', displayName: 'Alice Local', followers: 321 })
  carol = server.world.addAccount({ username: 'carol', domain: 'other.example', displayName: 'Carol', followers: 45_000 })
  server.world.follow(alice)
  server.world.addList('7', [carol])
}

beforeEach(async () => {
  controllers = []
  await start()
})

afterEach(async () => {
  for (const controller of controllers) controller.abort()
  // Every stream request and every event payload matched the OpenAPI description.
  const violations = [...server.violations]
  await server.close()
  expect(violations).toEqual([])
})

function connector(overrides: Partial<MastodonConnectorOptions> = {}): Connector {
  return createMastodonConnector({ sourceId: 'src-1', instanceUrl: server.url, accessToken: server.token, kind: 'home', now: () => NOW, ...overrides })
}

/** Handlers that record what arrives, and a signal the test (or afterEach) aborts. */
function recorder(): { handlers: StreamHandlers; posts: IncomingPost[]; deleted: string[]; opens: () => number; opened: Promise<void>; controller: AbortController } {
  const posts: IncomingPost[] = []
  const deleted: string[] = []
  let opens = 0
  let markOpen: () => void = () => undefined
  const opened = new Promise<void>((resolve) => (markOpen = resolve))
  const controller = new AbortController()
  controllers.push(controller)
  return {
    handlers: {
      onOpen: () => {
        opens++
        markOpen()
      },
      onPosts: (batch) => posts.push(...batch),
      onDeleted: (ids) => deleted.push(...ids)
    },
    posts,
    deleted,
    opens: () => opens,
    opened,
    controller
  }
}

function stream(c: Connector, r: ReturnType<typeof recorder>): Promise<void> {
  if (!c.stream) throw new Error('this connector has no stream')
  return c.stream(r.handlers, r.controller.signal)
}

/** Waits until the stream is open; fails at once when it ended or failed before opening. */
function opened(r: ReturnType<typeof recorder>, done: Promise<unknown>): Promise<void> {
  return Promise.race([
    r.opened,
    done.then(
      () => Promise.reject(new Error('the stream ended before it opened')),
      (error: unknown) => Promise.reject(error instanceof Error ? error : new Error(String(error)))
    )
  ])
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
const waitFor = (check: () => void): Promise<void> => vi.waitFor(check, { timeout: 5_000, interval: 10 })

describe('home (the user stream)', () => {
  it('receives a new post, its edit and its deletion, and ignores what the home timeline does not show', async () => {
    const c = connector()
    expect(c.capabilities.streaming).toBe(true)
    const r = recorder()
    const done = stream(c, r)
    await opened(r, done)
    expect(server.streams.map((s) => s.name)).toEqual(['user'])

    server.world.post(carol, { text: 'not followed, not on home' })
    const status = server.world.post(alice, { text: 'fresh from the stream' })
    await waitFor(() => expect(r.posts.map((p) => p.id)).toContain(idOf(status.id)))
    expect(r.posts).toHaveLength(1)
    const first = r.posts[0]
    expect(first?.text).toBe('fresh from the stream')
    expect(first?.editedAt).toBeNull()
    expect(first?.author.handle).toBe(`alice@${server.host}`)
    expect(first?.sourceId).toBe('src-1')

    server.world.edit(status, 'fixed a typo')
    await waitFor(() => expect(r.posts).toHaveLength(2))
    const edited = r.posts[1]
    expect(edited?.id).toBe(idOf(status.id))
    expect(edited?.text).toBe('fixed a typo')
    expect(edited?.editedAt).toBe(Date.parse(String(server.world.statusJson(status).edited_at)))
    expect(edited?.editedAt).toBeGreaterThan(edited?.createdAt ?? Number.POSITIVE_INFINITY)

    server.world.delete(status)
    await waitFor(() => expect(r.deleted).toEqual([idOf(status.id)]))

    // The user stream's notifications are for the mentions source, not home.
    server.world.post(carol, { text: 'hey', mentions: [server.world.owner] })
    server.world.post(alice, { text: 'after the mention' })
    await waitFor(() => expect(r.posts.map((p) => p.text)).toContain('after the mention'))
    expect(r.posts.map((p) => p.text)).not.toContain('hey')

    r.controller.abort()
    await expect(done).resolves.toBeUndefined()
    expect(r.opens()).toBe(1)
  })

  it('opens GET /api/v1/streaming/user (checked against the description like every request)', async () => {
    const r = recorder()
    const done = stream(connector(), r)
    await opened(r, done)
    const request = server.apiRequests('/api/v1/streaming/user')
    expect(request).toHaveLength(1)
    r.controller.abort()
    await done
    expect(server.requests.at(-1)?.template).toBe('/api/v1/streaming/user')
  })
})

describe('mentions (the notification stream)', () => {
  it('receives a mention as a post and nothing else', async () => {
    const r = recorder()
    const done = stream(connector({ kind: 'mentions' }), r)
    await opened(r, done)
    expect(server.streams.map((s) => s.name)).toEqual(['user/notification'])
    server.world.post(alice, { text: 'a plain post' })
    const mention = server.world.post(carol, { text: 'what do you think?', mentions: [server.world.owner] })
    await waitFor(() => expect(r.posts.map((p) => p.id)).toEqual([idOf(mention.id)]))
    expect(r.posts[0]?.text).toContain('what do you think?')
    expect(r.posts[0]?.author.handle).toBe('carol@other.example')
    // A like is a notification, but not a post.
    server.world.notify('favourite', alice, mention)
    const second = server.world.post(alice, { text: 'and you?', mentions: [server.world.owner] })
    await waitFor(() => expect(r.posts.map((p) => p.id)).toEqual([idOf(mention.id), idOf(second.id)]))
    r.controller.abort()
    await done
  })
})

describe('hashtag and list streams', () => {
  it('a hashtag source opens the hashtag stream (without the #) and receives matching posts', async () => {
    const r = recorder()
    const done = stream(connector({ kind: 'hashtag', value: '#Earshot' }), r)
    await opened(r, done)
    expect(server.apiRequests('/api/v1/streaming/hashtag')[0]?.url.searchParams.get('tag')).toBe('Earshot')
    server.world.post(carol, { text: 'untagged' })
    const tagged = server.world.post(carol, { text: 'tagged', tags: ['earshot'] })
    await waitFor(() => expect(r.posts.map((p) => p.id)).toEqual([idOf(tagged.id)]))
    server.world.delete(tagged)
    await waitFor(() => expect(r.deleted).toEqual([idOf(tagged.id)]))
    r.controller.abort()
    await done
  })

  it('a list source opens the list stream and receives its members’ posts', async () => {
    const r = recorder()
    const done = stream(connector({ kind: 'list', value: '7' }), r)
    await opened(r, done)
    server.world.post(alice, { text: 'not a member' })
    const member = server.world.post(carol, { text: 'a member speaks' })
    await waitFor(() => expect(r.posts.map((p) => p.id)).toEqual([idOf(member.id)]))
    r.controller.abort()
    await done
  })

  it('a list that does not exist is not_found', async () => {
    const error = await failure(stream(connector({ kind: 'list', value: '999' }), recorder()))
    expect(error.kind).toBe('not_found')
    expect(error.message).toBe(`${server.host} has no such timeline, list or account (HTTP 404) — check the source`)
  })
})

describe('search', () => {
  it('has no stream: capabilities say so and there is no stream method', async () => {
    const c = connector({ kind: 'search', value: 'earshot' })
    expect(c.capabilities.streaming).toBe(false)
    expect(c.stream).toBeUndefined()
    // Asked directly, the stream function refuses in words, without a request.
    const options: MastodonStreamOptions = { sourceId: 's', instanceUrl: server.url, accessToken: server.token, kind: 'search', value: 'earshot' }
    const error = await failure(openMastodonStream(options, recorder().handlers, new AbortController().signal))
    expect(error.kind).toBe('not_found')
    expect(error.message).toBe(`${server.host} offers no live stream for a search — it is read by polling`)
    expect(server.apiRequests()).toHaveLength(0)
  })
})

describe('failures', () => {
  it('a revoked token on open is auth, and the stream never opened', async () => {
    server.revokeToken(server.token)
    const r = recorder()
    const error = await failure(stream(connector(), r))
    expect(error.kind).toBe('auth')
    expect(error.message).toBe(AUTH_SENTENCE)
    expect(r.opens()).toBe(0)
  })

  it('a token refused as the stream opens (injected 401) is auth', async () => {
    server.injectFault({ kind: 'unauthorized' }, '/api/v1/streaming/')
    expect((await failure(stream(connector(), recorder()))).kind).toBe('auth')
  })

  it('429 on open is rate_limited with the wait; 503 is server', async () => {
    server.injectFault({ kind: 'rate_limited', retryAfterSeconds: 42 }, '/api/v1/streaming/')
    const limited = await failure(stream(connector(), recorder()))
    expect(limited.kind).toBe('rate_limited')
    expect(limited.retryAfterMs).toBe(42_000)
    expect(limited.message).toBe(`${server.host} asked us to slow down (HTTP 429) — trying again in 42 s`)
    server.injectFault({ kind: 'server_error', status: 503 }, '/api/v1/streaming/')
    const down = await failure(stream(connector(), recorder()))
    expect(down.kind).toBe('server')
    expect(down.message).toBe('the server answered HTTP 503')
  })

  it('the server ending the stream resolves the promise', async () => {
    const r = recorder()
    const done = stream(connector(), r)
    await opened(r, done)
    server.endStreams()
    await expect(done).resolves.toBeUndefined()
    expect(r.controller.signal.aborted).toBe(false)
  })

  it('a dropped connection is network', async () => {
    const r = recorder()
    const done = stream(connector(), r)
    await opened(r, done)
    server.dropStreams()
    const error = await failure(done)
    expect(error.kind).toBe('network')
    expect(error.message).toMatch(new RegExp(`^lost the live stream from ${server.host.replace(/\./g, '\\.')}: `))
  })

  it('a refused connection is network', async () => {
    const url = server.url
    await server.close()
    await start()
    const options: MastodonStreamOptions = { sourceId: 's', instanceUrl: url, accessToken: 't', kind: 'home' }
    const error = await failure(openMastodonStream(options, recorder().handlers, new AbortController().signal))
    expect(error.kind).toBe('network')
    expect(error.message).toBe(`could not reach ${new URL(url).host}: connection refused`)
  })

  it('an answer that is not an event stream is invalid_response', async () => {
    const html = await startHtmlServer(200)
    try {
      const options: MastodonStreamOptions = { sourceId: 's', instanceUrl: html.url, accessToken: 't', kind: 'home' }
      const error = await failure(openMastodonStream(options, recorder().handlers, new AbortController().signal))
      expect(error.kind).toBe('invalid_response')
      expect(error.message).toBe(`${new URL(html.url).host} answered the live stream with something that is not an event stream — is this a Mastodon server?`)
    } finally {
      await html.close()
    }
  })
})

describe('liveness', () => {
  it('a stream silent beyond the limit is network, “went silent”', async () => {
    const r = recorder()
    const started = Date.now()
    const error = await failure(stream(connector({ streamSilenceTimeoutMs: 300 }), r))
    expect(r.opens()).toBe(1)
    expect(error.kind).toBe('network')
    expect(error.message).toBe(`the live stream from ${server.host} went silent (nothing for 0.3 s)`)
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    // The client closed its side: the server forgets the stream.
    await waitFor(() => expect(server.streams).toHaveLength(0))
  })

  it('heartbeats keep a quiet stream alive', async () => {
    await server.close()
    await start({ streamHeartbeatMs: 50 })
    const r = recorder()
    let settled = false
    const done = stream(connector({ streamSilenceTimeoutMs: 300 }), r).finally(() => (settled = true))
    await opened(r, done)
    await new Promise((resolve) => setTimeout(resolve, 900))
    expect(settled).toBe(false)
    r.controller.abort()
    await expect(done).resolves.toBeUndefined()
  })

  it('aborting closes the stream quietly, on both sides', async () => {
    const r = recorder()
    const done = stream(connector(), r)
    await opened(r, done)
    expect(server.streams).toHaveLength(1)
    r.controller.abort()
    await expect(done).resolves.toBeUndefined()
    await waitFor(() => expect(server.streams).toHaveLength(0))
    // Aborted before it starts: resolves without a request.
    const early = recorder()
    early.controller.abort()
    await expect(stream(connector(), early)).resolves.toBeUndefined()
    expect(server.apiRequests('/api/v1/streaming/user')).toHaveLength(1)
  })
})

describe('robustness', () => {
  it('skips and counts an unreadable event without ending the stream', async () => {
    const r = recorder()
    const skipped: string[] = []
    const options: MastodonStreamOptions = { sourceId: 'src-1', instanceUrl: server.url, accessToken: server.token, kind: 'home', onSkipped: (event, reason) => skipped.push(`${event}: ${reason}`) }
    const done = openMastodonStream(options, r.handlers, r.controller.signal)
    await opened(r, done)
    server.writeToStreams('event: update\ndata: {"id": "1", oops\n\n')
    server.writeToStreams('event: update\ndata: {"id": "2"}\n\n')
    server.writeToStreams('event: delete\ndata: not an id!\n\n')
    server.writeToStreams('event: filters_changed\ndata: \n\n')
    const good = server.world.post(alice, { text: 'still streaming' })
    await waitFor(() => expect(r.posts.map((p) => p.id)).toEqual([idOf(good.id)]))
    expect(skipped).toEqual(['update: not valid JSON', 'update: not a Status', 'delete: not a status id'])
    server.endStreams()
    const stats = await done
    expect(stats).toEqual({ events: 5, posts: 1, deleted: 0, skipped: 3, ignored: 1 })
    expect(r.deleted).toEqual([])
  })

  it('follows a redirect to a streaming server on another host, keeping the token', async () => {
    // As mastodon.social answers /api/v1/streaming/* with a redirect to streaming.mastodon.social.
    const redirector = createServer((req, res) => {
      res.writeHead(301, { Location: new URL(req.url ?? '/', server.url).toString() }).end()
    })
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve))
    try {
      const instanceUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`
      const r = recorder()
      const done = stream(connector({ instanceUrl }), r)
      await opened(r, done)
      const status = server.world.post(alice, { text: 'via the streaming host' })
      await waitFor(() => expect(r.posts.map((p) => p.remoteId)).toEqual([status.id]))
      // Ids are namespaced by the instance the source names, not the streaming host.
      expect(r.posts[0]?.id).toBe(mastodonPostId(new URL(instanceUrl).host, status.id))
      r.controller.abort()
      await done
    } finally {
      redirector.closeAllConnections()
      await new Promise<void>((resolve) => redirector.close(() => resolve()))
    }
  })

  it('an error thrown by a handler ends the stream with that error', async () => {
    const r = recorder()
    const bug = new Error('engine bug')
    r.handlers.onPosts = () => {
      throw bug
    }
    const done = stream(connector(), r)
    await opened(r, done)
    server.world.post(alice, { text: 'boom' })
    await expect(done).rejects.toBe(bug)
  })
})
