import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Connector, FetchRequest, FetchResult, StreamHandlers } from '../../src/main/core/connectors/types'
import { ConnectorError } from '../../src/main/core/connectors/types'
import { CoreEvents } from '../../src/main/core/events'
import { openRepositories, type Store } from '../../src/main/core/storage'
import { Ingest } from '../../src/main/core/sync/ingest'
import { SyncEngine, DEFAULT_POLL_MS, STREAMING_POLL_MS } from '../../src/main/core/sync/engine'
import { makePost } from '../support/posts'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()

/** A connector that answers from a script, one step per fetch, and records the cursors it was given. */
class ScriptedConnector implements Connector {
  readonly network = 'rss' as const
  readonly capabilities: Connector['capabilities'] = { read: true, publish: false, streaming: false }
  readonly cursors: Array<string | null> = []
  recheck?: (ids: string[], signal: AbortSignal) => Promise<string[]>
  constructor(private readonly steps: Array<FetchResult | Error | ((request: FetchRequest) => Promise<FetchResult>)>) {}
  async fetch(request: FetchRequest): Promise<FetchResult> {
    this.cursors.push(request.cursor)
    const step = this.steps.shift()
    if (!step) return { posts: [], deletedIds: [], cursor: request.cursor, more: false }
    if (step instanceof Error) throw step
    if (typeof step === 'function') return step(request)
    return step
  }
}

function page(from: number, count: number, cursor: string, more = false): FetchResult {
  return { posts: Array.from({ length: count }, (_, i) => makePost(from + i, { network: 'rss', sourceId: 'feed' })), deletedIds: [], cursor, more }
}

describe('sync engine', () => {
  let store: Store
  let events: CoreEvents
  let clock: number
  const emitted: Array<{ event: string; payload: unknown }> = []

  beforeEach(() => {
    vi.useFakeTimers()
    clock = 1_000_000
    store = openRepositories(tempDir(), () => clock)
    events = new CoreEvents()
    emitted.length = 0
    events.on((event, payload) => emitted.push({ event, payload }))
    store.sources.ensure({ id: 'feed', network: 'rss', name: 'Blog', enabled: true, demo: false, config: {} })
    store.sources.ensure({ id: 'other', network: 'rss', name: 'Other', enabled: true, demo: false, config: {} })
  })

  afterEach(() => {
    vi.useRealTimers()
    store.close()
  })

  function engine(connectors: Record<string, Connector>): SyncEngine {
    return new SyncEngine({
      sources: store.sources,
      ingest: new Ingest(store.posts, events),
      newestPostIds: (sourceId, limit) => store.posts.newestIdsBySource(sourceId, limit),
      events,
      connectorFor: (source) => connectors[source.id] ?? null,
      onHealthChanged: () => undefined,
      now: () => clock,
      random: () => 0.5,
      backoff: { baseMs: 1000, capMs: 60_000 }
    })
  }

  it('stores posts, persists the cursor after them and resumes from it after a restart', async () => {
    const first = new ScriptedConnector([page(0, 3, 'c1', true), page(3, 2, 'c2')])
    const sync = engine({ feed: first })
    await sync.syncNow('feed')
    await sync.syncNow('feed')
    sync.stop()
    expect(first.cursors).toEqual([null, 'c1'])
    expect(store.posts.count()).toBe(5)
    expect(store.sources.syncState('feed')).toMatchObject({ cursor: 'c2', lastError: null, status: 'ok', lastSyncAt: clock, nextSyncAt: clock + DEFAULT_POLL_MS })

    const afterRestart = new ScriptedConnector([page(4, 2, 'c3')])
    const again = engine({ feed: afterRestart })
    await again.syncNow('feed')
    again.stop()
    expect(afterRestart.cursors).toEqual(['c2'])
    expect(store.posts.count()).toBe(6) // post 4 came twice: stored once
  })

  it('does not move the cursor when a fetch fails, and backs off with jitter, growing per failure', async () => {
    const connector = new ScriptedConnector([page(0, 1, 'c1'), new ConnectorError('server', 'the server answered HTTP 500'), new ConnectorError('server', 'the server answered HTTP 502')])
    const sync = engine({ feed: connector })
    await sync.syncNow('feed')
    await sync.syncNow('feed')
    expect(store.sources.syncState('feed')).toMatchObject({ cursor: 'c1', lastError: 'the server answered HTTP 500', nextSyncAt: clock + 500 })
    await sync.syncNow('feed')
    expect(store.sources.syncState('feed')).toMatchObject({ cursor: 'c1', lastError: 'the server answered HTTP 502', nextSyncAt: clock + 1000 })
    sync.stop()
  })

  it('honours Retry-After on a rate limit', async () => {
    const sync = engine({ feed: new ScriptedConnector([new ConnectorError('rate_limited', 'too many requests', 120_000)]) })
    await sync.syncNow('feed')
    sync.stop()
    expect(store.sources.syncState('feed').nextSyncAt).toBe(clock + 120_000)
  })

  it('stays under 80% of the budget the network reports', async () => {
    const result: FetchResult = { ...page(0, 1, 'c'), rateLimit: { limit: 300, remaining: 10, resetAt: clock + 240_000 } }
    const sync = engine({ feed: new ScriptedConnector([result]) })
    await sync.syncNow('feed')
    sync.stop()
    expect(store.sources.syncState('feed').nextSyncAt).toBe(clock + 240_000)
  })

  it('stops on a revoked token and says what to do, instead of hammering the network', async () => {
    const connector = new ScriptedConnector([new ConnectorError('auth', 'the token was revoked — reconnect the account')])
    const sync = engine({ feed: connector })
    sync.start()
    await vi.runOnlyPendingTimersAsync()
    await vi.advanceTimersByTimeAsync(60 * 60_000)
    sync.stop()
    expect(connector.cursors).toHaveLength(1)
    expect(store.sources.syncState('feed')).toMatchObject({ status: 'error', lastError: 'the token was revoked — reconnect the account', nextSyncAt: null })
  })

  it('keeps other sources running while one hangs or fails', async () => {
    const hanging = new ScriptedConnector([(request) => new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(new ConnectorError('network', 'timed out'))))])
    const healthy = new ScriptedConnector([page(0, 2, 'h1'), page(2, 2, 'h2')])
    const sync = engine({ feed: hanging, other: healthy })
    sync.start()
    await vi.advanceTimersByTimeAsync(DEFAULT_POLL_MS + 10)
    sync.stop()
    expect(healthy.cursors).toEqual([null, 'h1'])
    expect(store.posts.count()).toBe(4)
  })

  it('says once that the network is gone, and again when it is back', async () => {
    const offline = (): ConnectorError => new ConnectorError('network', 'could not reach blog.example: connection refused')
    const sync = engine({
      feed: new ScriptedConnector([offline(), offline(), page(0, 1, 'c')]),
      other: new ScriptedConnector([offline(), offline()])
    })
    await sync.syncNow('feed')
    await sync.syncNow('other')
    await sync.syncNow('feed')
    await sync.syncNow('other')
    expect(emitted.filter((e) => e.event === 'connectivity:changed')).toEqual([{ event: 'connectivity:changed', payload: { online: false, since: clock } }])
    expect(sync.offline).toBe(clock)
    await sync.syncNow('feed')
    sync.stop()
    expect(emitted.filter((e) => e.event === 'connectivity:changed').map((e) => (e.payload as { online: boolean }).online)).toEqual([false, true])
    expect(sync.offline).toBeNull()
  })

  it('asks connectors that cannot see deletions which stored posts are gone, and removes them', async () => {
    const connector = new ScriptedConnector([page(0, 3, 'c1'), page(3, 0, 'c1')])
    const asked: string[][] = []
    connector.recheck = async (ids: string[]) => {
      asked.push(ids)
      return ids.filter((id) => id === 'rss:1')
    }
    const sync = engine({ feed: connector })
    await sync.syncNow('feed')
    sync.stop()
    expect(asked[0]).toEqual(['rss:2', 'rss:1', 'rss:0'])
    expect(store.posts.get('rss:1')).toBeNull()
    expect(store.posts.count()).toBe(2)
  })

  it('leaves paused sources alone', async () => {
    store.sources.setEnabled('feed', false)
    const connector = new ScriptedConnector([page(0, 1, 'c')])
    const sync = engine({ feed: connector })
    sync.start()
    await vi.advanceTimersByTimeAsync(DEFAULT_POLL_MS * 3)
    sync.stop()
    expect(connector.cursors).toHaveLength(0)
  })
})

/** A connector with a push stream the test drives by hand. */
class StreamingConnector extends ScriptedConnector {
  override readonly capabilities: Connector["capabilities"] = { read: true, publish: false, streaming: true }
  opened = 0
  handlers: StreamHandlers | null = null
  private finish: ((error?: Error) => void) | null = null
  stream(handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
    this.opened++
    this.handlers = handlers
    return new Promise((resolve, reject) => {
      this.finish = (error) => (error ? reject(error) : resolve())
      signal.addEventListener('abort', () => resolve())
      handlers.onOpen()
    })
  }
  end(error?: Error): void {
    this.finish?.(error)
  }
}

describe('sync engine with push streams', () => {
  let store: Store
  let clock: number

  beforeEach(() => {
    vi.useFakeTimers()
    clock = 1_000_000
    store = openRepositories(tempDir(), () => clock)
    store.sources.ensure({ id: 'feed', network: 'rss', name: 'Live', enabled: true, demo: false, config: {} })
  })

  afterEach(() => {
    vi.useRealTimers()
    store.close()
  })

  function engine(connector: Connector): SyncEngine {
    const events = new CoreEvents()
    return new SyncEngine({
      sources: store.sources,
      ingest: new Ingest(store.posts, events),
      newestPostIds: (sourceId, limit) => store.posts.newestIdsBySource(sourceId, limit),
      events,
      connectorFor: () => connector,
      onHealthChanged: () => undefined,
      now: () => clock,
      random: () => 0.5,
      backoff: { baseMs: 1000, capMs: 60_000 }
    })
  }

  it('opens the stream after the first poll, stores streamed posts and deletions, and polls rarely meanwhile', async () => {
    const connector = new StreamingConnector([page(0, 2, 'c1'), page(2, 1, 'c2')])
    const sync = engine(connector)
    sync.start()
    await vi.advanceTimersByTimeAsync(1)
    expect(connector.opened).toBe(1)
    connector.handlers?.onPosts([makePost(10, { network: 'rss', sourceId: 'feed', text: 'streamed' })])
    connector.handlers?.onDeleted(['rss:0'])
    await vi.advanceTimersByTimeAsync(0) // stored asynchronously, in order
    expect(store.posts.get('rss:10')?.text).toBe('streamed')
    expect(store.posts.get('rss:0')).toBeNull()
    await sync.syncNow('feed')
    expect(store.sources.syncState('feed').nextSyncAt).toBe(clock + STREAMING_POLL_MS)
    expect(connector.opened).toBe(1)
    sync.stop()
  })

  it('when the stream drops, polls after a back-off to fill the gap and reopens it', async () => {
    const connector = new StreamingConnector([page(0, 1, 'c1'), page(1, 1, 'c2')])
    const sync = engine(connector)
    sync.start()
    await vi.advanceTimersByTimeAsync(1)
    expect(connector.opened).toBe(1)
    connector.end(new ConnectorError('network', 'the live stream went silent'))
    await vi.advanceTimersByTimeAsync(600)
    expect(connector.cursors).toEqual([null, 'c1'])
    expect(connector.opened).toBe(2)
    expect(store.posts.count()).toBe(2)
    sync.stop()
  })

  it('stops and asks for a reconnect when the stream refuses the token', async () => {
    const connector = new StreamingConnector([page(0, 1, 'c1')])
    const sync = engine(connector)
    sync.start()
    await vi.advanceTimersByTimeAsync(1)
    connector.end(new ConnectorError('auth', 'the access token was revoked — reconnect the account'))
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    sync.stop()
    expect(store.sources.syncState('feed')).toMatchObject({ status: 'error', lastError: 'the access token was revoked — reconnect the account' })
    expect(connector.cursors).toHaveLength(1)
  })
})
