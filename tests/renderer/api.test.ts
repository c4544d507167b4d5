import { afterEach, describe, expect, test, vi } from 'vitest'
import { ApiError } from '@shared/contract/errors'
import { contractMethods } from '@shared/contract/methods'
import { createHttpApi, type EventSourceLike } from '@renderer/lib/api'
import { TransportStatus } from '@renderer/lib/transportStatus'

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

function mockFetch(response: Response | (() => Promise<Response>)) {
  return vi.fn<typeof fetch>(() => (typeof response === 'function' ? response() : Promise.resolve(response)))
}

/** A scriptable EventSource: the test opens it, fails it and sends named events. */
class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = []
  readyState = 0
  closed = false
  private readonly listeners = new Map<string, Array<(event: Event) => void>>()

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this)
  }

  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  close(): void {
    this.closed = true
    this.readyState = 2
  }

  fire(type: string, event: Event = new Event(type)): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event)
  }

  open(): void {
    this.readyState = 1
    this.fire('open')
  }

  send(name: string, data: unknown): void {
    this.fire(name, new MessageEvent(name, { data: typeof data === 'string' ? data : JSON.stringify(data) }))
  }

  fail(readyState: 0 | 2): void {
    this.readyState = readyState
    this.fire('error')
  }
}

function newEventSource(url: string): EventSourceLike {
  return new FakeEventSource(url)
}

afterEach(() => {
  FakeEventSource.instances = []
  vi.useRealTimers()
})

describe('HTTP client: calls', () => {
  test('POSTs /api/<domain>/<method> with the input wrapped, the call header and same-origin credentials', async () => {
    const fetch = mockFetch(jsonResponse(200, { result: { posts: [], nextCursor: null, latestSeq: 7 } }))
    const client = createHttpApi({ fetch })

    const page = await client.posts.query({ query: { type: 'stream', filter: { networks: ['mastodon'] } }, cursor: 'c1', limit: 20 })

    expect(page).toEqual({ posts: [], nextCursor: null, latestSeq: 7 })
    expect(fetch).toHaveBeenCalledTimes(1)
    const [url, init] = fetch.mock.calls[0] ?? []
    expect(url).toBe('/api/posts/query')
    expect(init?.method).toBe('POST')
    expect(init?.credentials).toBe('same-origin')
    expect(init?.headers).toEqual({ 'Content-Type': 'application/json', 'X-Earshot': '1' })
    expect(JSON.parse(String(init?.body))).toEqual({
      input: { query: { type: 'stream', filter: { networks: ['mastodon'] } }, cursor: 'c1', limit: 20 }
    })
  })

  test('a method without an argument sends an empty body object', async () => {
    const info = { version: '1.0.0', transport: 'web', access: 'read', demoOnly: true, postCount: 3 }
    const fetch = mockFetch(jsonResponse(200, { result: info }))
    const client = createHttpApi({ fetch })

    expect(await client.system.info()).toEqual(info)
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/system/info')
    expect(fetch.mock.calls[0]?.[1]?.body).toBe('{}')
  })

  test('null results come through as null', async () => {
    const client = createHttpApi({ fetch: mockFetch(jsonResponse(200, { result: null })) })
    expect(await client.posts.get({ id: 'demo:1' })).toBeNull()
  })

  test('an error body becomes the ApiError it describes', async () => {
    const client = createHttpApi({
      fetch: mockFetch(jsonResponse(403, { error: { code: 'forbidden', message: 'This link may only look.' } }))
    })
    const failure = await client.settings.update({ theme: 'dark' }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ApiError)
    expect(failure).toMatchObject({ code: 'forbidden', message: 'This link may only look.' })
  })

  test('an error without a usable body still becomes an ApiError', async () => {
    const client = createHttpApi({ fetch: mockFetch(new Response('<html>Bad gateway</html>', { status: 502 })) })
    await expect(client.decks.list()).rejects.toMatchObject({ name: 'ApiError', code: 'unavailable' })

    const odd = createHttpApi({ fetch: mockFetch(jsonResponse(500, { error: 'nope' })) })
    await expect(odd.decks.list()).rejects.toMatchObject({ code: 'internal' })
  })

  test('a network failure says Earshot is not reachable', async () => {
    const client = createHttpApi({ fetch: mockFetch(() => Promise.reject(new TypeError('Failed to fetch'))) })
    const failure = await client.sources.list().catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ApiError)
    expect(failure).toMatchObject({ code: 'unavailable' })
    expect((failure as ApiError).message).toMatch(/^Earshot is not reachable/)
  })

  test('every method of the contract is reachable, at the path the table gives', async () => {
    const fetch = mockFetch(() => Promise.resolve(jsonResponse(200, { result: null })))
    const client = createHttpApi({ fetch }) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>
    for (const { domain, method } of contractMethods()) {
      const fn = client[domain]?.[method]
      expect(typeof fn, `${domain}.${method}`).toBe('function')
      await fn?.({})
      expect(fetch.mock.calls.at(-1)?.[0]).toBe(`/api/${domain}/${method}`)
    }
  })
})

describe('HTTP client: events', () => {
  test('one EventSource, opened on the first subscription, serves every subscriber', () => {
    const client = createHttpApi({ createEventSource: newEventSource, fetch: mockFetch(jsonResponse(200, { result: null })) })
    expect(FakeEventSource.instances).toHaveLength(0)

    const a = vi.fn()
    const b = vi.fn()
    const c = vi.fn()
    const offA = client.on('posts:added', a)
    const offB = client.on('posts:added', b)
    const offC = client.on('sources:changed', c)
    expect(FakeEventSource.instances).toHaveLength(1)
    const es = FakeEventSource.instances[0] as FakeEventSource
    expect(es.url).toBe('/api/events')

    es.send('posts:added', { count: 2, latestSeq: 41 })
    expect(a).toHaveBeenCalledWith({ count: 2, latestSeq: 41 })
    expect(b).toHaveBeenCalledWith({ count: 2, latestSeq: 41 })
    expect(c).not.toHaveBeenCalled()

    es.send('posts:added', '{not json')
    expect(a).toHaveBeenCalledTimes(1)

    offA()
    offB()
    expect(es.closed).toBe(false)
    offC()
    expect(es.closed).toBe(true)
  })

  test('reports online and offline, and starts over when the browser gives up', () => {
    vi.useFakeTimers()
    const status = new TransportStatus()
    const client = createHttpApi({ createEventSource: newEventSource, status })
    const states: string[] = []
    status.subscribe((state) => states.push(state))
    const listener = vi.fn()
    client.on('posts:added', listener)

    const first = FakeEventSource.instances[0] as FakeEventSource
    first.open()
    expect(status.state).toBe('online')
    first.fail(0) // the browser reconnects by itself
    expect(status.state).toBe('offline')
    expect(FakeEventSource.instances).toHaveLength(1)
    first.open()
    expect(status.state).toBe('online')

    first.fail(2) // closed for good (e.g. the host answered 503 while restarting)
    expect(status.state).toBe('offline')
    vi.advanceTimersByTime(1000)
    expect(FakeEventSource.instances).toHaveLength(2)
    const second = FakeEventSource.instances[1] as FakeEventSource
    second.open()
    second.send('posts:added', { count: 1, latestSeq: 2 })
    expect(listener).toHaveBeenCalledWith({ count: 1, latestSeq: 2 })
    expect(states).toEqual(['online', 'offline', 'online', 'offline', 'online'])
  })
})
