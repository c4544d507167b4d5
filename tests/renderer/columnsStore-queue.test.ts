import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import type { ColumnQuery } from '@shared/domain/column'
import type { Post } from '@shared/domain/post'
import { pillLabel } from '@renderer/composables/useColumnFeed'
import { PAGE_SIZE, QUEUE_DRIFT_MS, REFRESH_INTERVAL_MS, useColumnsStore } from '@renderer/stores/columns'
import { createFakeApi, type FakeApi } from './support/fakeApi'
import { T0, makePost, makePosts } from './support/fixtures'
import { makeTriage } from './support/triage'
import { disposeStores, useFake } from './support/mountApp'

const KEY = 'main/needs-reply'
const QUEUE: ColumnQuery = { type: 'needs-reply', filter: {} }

/** Post `n` waiting for a reply with this priority (the core's queue order: most urgent first). */
function waiting(n: number, priority: number): Post {
  return makePost(n, { triage: makeTriage(T0, { priority }) })
}

/** Priorities that do not follow time: the queue order must differ from newest first. */
const priorityOf = (n: number): number => (n * 37) % 97

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

/** Lets a refresh wait out the once-per-interval limit and answer. */
async function refreshed(): Promise<void> {
  await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS)
  await settle()
}

const ids = (posts: readonly Post[]): string[] => posts.map((post) => post.id)

let fake: FakeApi

async function openQueue(posts: Post[], query: ColumnQuery = QUEUE) {
  fake = createFakeApi({ posts })
  useFake(fake)
  const store = useColumnsStore()
  store.open(KEY, query)
  await settle()
  const feed = store.feedOf(KEY)
  if (!feed) throw new Error('no feed')
  return { store, feed }
}

/** What the fake core answers for the queue's first page right now. */
async function serverOrder(limit = PAGE_SIZE): Promise<string[]> {
  return ids((await fake.api.posts.query({ query: QUEUE, limit })).posts)
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})

afterEach(() => {
  disposeStores()
  vi.useRealTimers()
})

describe('the needs-reply queue in the columns store', () => {
  test('keeps the core’s order (most urgent first) and appends older pages as the cursor gives them', async () => {
    const queued = Array.from({ length: 60 }, (_, i) => waiting(i + 1, priorityOf(i + 1)))
    // Not in the queue: nothing to answer, or already done.
    const other = [makePost(61), makePost(62, { triage: makeTriage(T0, { status: 'done', priority: 99 }) })]
    const { store, feed } = await openQueue([...queued, ...other])
    const expected = [...queued].sort((a, b) => (b.triage?.priority ?? 0) - (a.triage?.priority ?? 0) || b.createdAt - a.createdAt).map((p) => p.id)

    expect(feed.order).toBe('server')
    expect(ids(feed.posts)).toEqual(expected.slice(0, PAGE_SIZE))
    expect(feed.posts[0]?.id).not.toBe('demo:60')

    await store.loadMore(KEY)
    expect(fake.callsOf('posts.query')[1]?.input).toMatchObject({ query: QUEUE, cursor: expect.any(String) })
    expect(ids(feed.posts)).toEqual(expected)
    expect(feed.history.kind).toBe('end')
  })

  test('at the top, a new urgent post goes on top and a post marked done leaves, read from the core again', async () => {
    const { feed } = await openQueue(makePosts(1, 5).map((p, i) => waiting(i + 1, 50 + i)))

    fake.addPosts([waiting(6, 10), waiting(7, 99)])
    await settle()
    expect(ids(feed.posts)).toEqual(await serverOrder())
    expect(feed.posts[0]?.id).toBe('demo:7')
    // Placed by urgency, not on top by time.
    expect(feed.posts.at(-1)?.id).toBe('demo:6')
    expect(fake.callsOf('posts.since')).toHaveLength(0)

    await fake.api.triage.update({ ids: ['demo:5'], change: { status: 'done' } })
    await refreshed()
    expect(ids(feed.posts)).not.toContain('demo:5')
    expect(ids(feed.posts)).toEqual(await serverOrder())
    expect(pillLabel(feed)).toBeNull()
  })

  test('refreshes quietly: what is shown stays until the answer replaces it', async () => {
    const { feed } = await openQueue([waiting(1, 40), waiting(2, 30)])
    const release = fake.hold('posts.query')
    fake.addPosts([waiting(3, 90)])
    await settle()
    expect(feed.status).toBe('ready')
    expect(ids(feed.posts)).toEqual(['demo:1', 'demo:2'])

    release()
    await settle()
    expect(ids(feed.posts)).toEqual(['demo:3', 'demo:1', 'demo:2'])
  })

  test('scrolled down, a changed queue waits behind “Queue changed” and applies on request', async () => {
    const { store, feed } = await openQueue(Array.from({ length: 10 }, (_, i) => waiting(i + 1, priorityOf(i + 1))))
    const shown = ids(feed.posts)
    store.setAtTop(KEY, false)

    fake.addPosts([waiting(20, 99)])
    await settle()
    await fake.api.triage.update({ ids: [shown[3] ?? ''], change: { status: 'done' } })
    await refreshed()

    // Nothing moved under the reader; the done post only shows its new status until the queue is applied.
    expect(ids(feed.posts)).toEqual(shown)
    expect(feed.posts[3]?.triage?.status).toBe('done')
    expect(pillLabel(feed)).toBe('Queue changed · 1 new')

    store.showNew(KEY)
    expect(ids(feed.posts)).toEqual(await serverOrder())
    expect(feed.posts[0]?.id).toBe('demo:20')
    expect(ids(feed.posts)).not.toContain(shown[3])
    expect(pillLabel(feed)).toBeNull()
  })

  test('a queue that only lost posts says so without a count', async () => {
    const { store, feed } = await openQueue([waiting(1, 40), waiting(2, 30), waiting(3, 20)])
    store.setAtTop(KEY, false)
    await fake.api.triage.update({ ids: ['demo:2'], change: { status: 'ignored' } })
    await settle()
    expect(ids(feed.posts)).toEqual(['demo:1', 'demo:2', 'demo:3'])
    expect(pillLabel(feed)).toBe('Queue changed')
    store.showNew(KEY)
    expect(ids(feed.posts)).toEqual(['demo:1', 'demo:3'])
  })

  test('posts pulled up from beyond the shown page to fill a gap are not counted as new', async () => {
    const { store, feed } = await openQueue(Array.from({ length: 50 }, (_, i) => waiting(i + 1, priorityOf(i + 1))))
    store.setAtTop(KEY, false)
    await fake.api.triage.update({ ids: [feed.posts[0]?.id ?? ''], change: { status: 'done' } })
    await settle()
    expect(pillLabel(feed)).toBe('Queue changed')
    fake.addPosts([waiting(90, 99)])
    await refreshed()
    expect(pillLabel(feed)).toBe('Queue changed · 1 new')
  })

  test('changes that move nothing apply in place even while scrolled down', async () => {
    const { store, feed } = await openQueue([waiting(1, 40), waiting(2, 30)])
    store.setAtTop(KEY, false)

    await fake.api.triage.update({ ids: ['demo:1'], change: { addTags: ['vip'] } })
    await settle()
    expect(feed.posts[0]?.triage?.tags).toEqual(['vip'])
    // A newcomer below everything shown moves nothing either.
    fake.addPosts([waiting(3, 5)])
    await refreshed()
    expect(ids(feed.posts)).toEqual(['demo:1', 'demo:2', 'demo:3'])
    expect(pillLabel(feed)).toBeNull()
  })

  test('a refresh while scrolled deep keeps the pages below the first', async () => {
    const { store, feed } = await openQueue(Array.from({ length: 60 }, (_, i) => waiting(i + 1, priorityOf(i + 1))))
    await store.loadMore(KEY)
    expect(feed.posts).toHaveLength(60)
    store.setAtTop(KEY, false)
    const last = feed.posts.at(-1)?.id ?? ''
    // A change far below the first page: the first page reads the same.
    await fake.api.triage.update({ ids: [last], change: { addTags: ['later'] } })
    await settle()
    expect(feed.posts).toHaveLength(60)
    expect(feed.posts.at(-1)?.triage?.tags).toEqual(['later'])
    expect(feed.history.kind).toBe('end')
    expect(pillLabel(feed)).toBeNull()
  })

  test('with nothing happening, the queue is read again now and then: its order drifts with the SLA clocks', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
    const { feed } = await openQueue([waiting(1, 40), waiting(2, 30)])
    // Post 2's deadline came closer: the core now reads it as more urgent (no event says so).
    fake.setPost('demo:2', waiting(2, 60))
    await vi.advanceTimersByTimeAsync(QUEUE_DRIFT_MS - 1000)
    expect(ids(feed.posts)).toEqual(['demo:1', 'demo:2'])
    await vi.advanceTimersByTimeAsync(1000)
    await settle()
    expect(ids(feed.posts)).toEqual(['demo:2', 'demo:1'])
  })

  test('stream columns keep reading only what is new by time', async () => {
    fake = createFakeApi({ posts: [waiting(1, 40), waiting(2, 30)] })
    useFake(fake)
    const store = useColumnsStore()
    store.open('main/all', { type: 'stream', filter: {} })
    await settle()
    const feed = store.feedOf('main/all')
    expect(feed?.order).toBe('time')

    await fake.api.triage.update({ ids: ['demo:1'], change: { status: 'done' } })
    fake.addPosts([waiting(3, 99)])
    await refreshed()
    expect(fake.callsOf('posts.query')).toHaveLength(1)
    expect(fake.callsOf('posts.since')).toHaveLength(1)
    expect(ids(feed?.posts ?? [])).toEqual(['demo:3', 'demo:2', 'demo:1'])
  })
})
