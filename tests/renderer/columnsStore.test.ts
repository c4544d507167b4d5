import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { ApiError } from '@shared/contract/errors'
import { transportStatus } from '@renderer/lib/api'
import { MAX_HELD, PAGE_SIZE, READ_MARK_PREFIX, REFRESH_INTERVAL_MS, SINCE_LIMIT, TOP_WINDOW, UNREAD_RECOUNT_MS, useColumnsStore } from '@renderer/stores/columns'
import { useConnectionStore } from '@renderer/stores/connection'
import { createFakeApi, type FakeApi } from './support/fakeApi'
import { makePost, makePosts } from './support/fixtures'
import { disposeStores, useFake } from './support/mountApp'

const KEY = 'main/all'

/** Lets pending promise chains run without advancing time. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

let fake: FakeApi

async function openColumn(posts = makePosts(1, 10)) {
  fake = createFakeApi({ posts })
  useFake(fake)
  const store = useColumnsStore()
  store.open(KEY, { type: 'stream', filter: {} })
  await settle()
  const feed = store.feedOf(KEY)
  if (!feed) throw new Error('no feed')
  return { store, feed }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})

afterEach(() => {
  disposeStores()
  vi.useRealTimers()
})

describe('columns store', () => {
  test('opens a column with its newest page', async () => {
    const { feed } = await openColumn(makePosts(1, 100))
    expect(feed.status).toBe('ready')
    expect(feed.posts).toHaveLength(PAGE_SIZE)
    expect(feed.posts[0]?.id).toBe('demo:100')
    expect(feed.history.kind).toBe('cursor')
    expect(feed.latestSeq).toBe(100)
  })

  test('coalesces bursts of posts:added into one since() per 500 ms, one in flight', async () => {
    const { feed } = await openColumn()
    const release = fake.hold('posts.since')

    fake.addPosts([makePost(11)])
    fake.addPosts([makePost(12)])
    fake.addPosts([makePost(13)])
    await settle()
    expect(fake.callsOf('posts.since')).toHaveLength(1)

    release()
    await settle()
    expect(feed.posts[0]?.id).toBe('demo:13')
    // The two later announcements were folded into one follow-up, after the interval.
    expect(fake.callsOf('posts.since')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS)
    expect(fake.callsOf('posts.since')).toHaveLength(2)
    expect(fake.callsOf('posts.since')[1]?.input).toMatchObject({ afterSeq: 13 })
    await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS * 4)
    expect(fake.callsOf('posts.since')).toHaveLength(2)
  })

  test('ignores announcements it has already seen', async () => {
    await openColumn()
    fake.emit('posts:added', { count: 0, latestSeq: 10 })
    await settle()
    expect(fake.callsOf('posts.since')).toHaveLength(0)
  })

  test('holds new posts while the reader is scrolled down and merges them on request', async () => {
    const { store, feed } = await openColumn()
    store.setAtTop(KEY, false)
    fake.addPosts(makePosts(11, 13))
    await settle()
    expect(feed.posts[0]?.id).toBe('demo:10')
    expect(feed.held.map((p) => p.id)).toEqual(['demo:13', 'demo:12', 'demo:11'])

    // Back at the top, new arrivals still queue behind the held ones (order stays right).
    store.setAtTop(KEY, true)
    await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS)
    fake.addPosts([makePost(14)])
    await settle()
    expect(feed.held).toHaveLength(4)

    store.showNew(KEY)
    expect(feed.held).toHaveLength(0)
    expect(feed.posts.slice(0, 5).map((p) => p.id)).toEqual(['demo:14', 'demo:13', 'demo:12', 'demo:11', 'demo:10'])
  })

  test(`at the top keeps only its newest ${TOP_WINDOW} posts and finds its way back into history afterwards`, async () => {
    const { store, feed } = await openColumn(makePosts(1, 100))
    await store.loadMore(KEY)
    expect(feed.posts).toHaveLength(2 * PAGE_SIZE)
    let n = 100
    while (n < 1000) {
      fake.addPosts(makePosts(n + 1, n + 150))
      n += 150
      await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS)
    }
    expect(feed.posts).toHaveLength(TOP_WINDOW)
    expect(feed.posts[0]?.id).toBe(`demo:${n}`)
    expect(feed.history.kind).toBe('resync')

    const oldest = feed.posts[feed.posts.length - 1]
    await store.loadMore(KEY)
    const next = feed.posts[feed.posts.indexOf(oldest as never) + 1]
    expect(next?.createdAt).toBeLessThan(oldest?.createdAt ?? 0)
    expect(Number(next?.id.split(':')[1])).toBe(Number(oldest?.id.split(':')[1]) - 1)
    expect(new Set(feed.posts.map((p) => p.id)).size).toBe(feed.posts.length)
  })

  test('more new posts than one since() returns replaces the list instead of leaving a gap', async () => {
    const { feed } = await openColumn()
    fake.addPosts(makePosts(11, 11 + SINCE_LIMIT + 49))
    await settle()
    expect(feed.posts).toHaveLength(TOP_WINDOW)
    expect(feed.posts[0]?.id).toBe(`demo:${11 + SINCE_LIMIT + 49}`)
    expect(feed.history.kind).toBe('resync')
  })

  test(`holds at most ${MAX_HELD} new posts behind the pill while the reader is scrolled down`, async () => {
    const { store, feed } = await openColumn()
    store.setAtTop(KEY, false)
    let n = 10
    while (n < 10 + 2 * MAX_HELD) {
      fake.addPosts(makePosts(n + 1, n + 100))
      n += 100
      await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS)
    }
    expect(feed.held).toHaveLength(MAX_HELD)
    expect(feed.held[0]?.id).toBe(`demo:${n}`)
    expect(feed.heldReplaces).toEqual({ kind: 'resync' })
    expect(feed.posts[0]?.id).toBe('demo:10')
  })

  test('a reload of every column waits until the reader scrolled down is back at the top', async () => {
    const { store, feed } = await openColumn(makePosts(1, 100))
    await store.loadMore(KEY)
    store.setAtTop(KEY, false)
    const queries = fake.callsOf('posts.query').length
    fake.emit('posts:changed', { ids: [] })
    await settle()
    // What the reader reads stays put, with the history loaded so far.
    expect(fake.callsOf('posts.query')).toHaveLength(queries)
    expect(feed.posts).toHaveLength(2 * PAGE_SIZE)
    store.setAtTop(KEY, true)
    await settle()
    expect(fake.callsOf('posts.query')).toHaveLength(queries + 1)
    expect(feed.posts).toHaveLength(PAGE_SIZE)
  })

  test('history pages follow the cursor and stop at the end', async () => {
    const { store, feed } = await openColumn(makePosts(1, 90))
    await store.loadMore(KEY)
    expect(feed.posts).toHaveLength(80)
    expect(fake.callsOf('posts.query')[1]?.input).toMatchObject({ cursor: expect.any(String), limit: PAGE_SIZE })
    await store.loadMore(KEY)
    expect(feed.posts).toHaveLength(90)
    expect(feed.history.kind).toBe('end')
    await store.loadMore(KEY)
    expect(fake.callsOf('posts.query')).toHaveLength(3)
  })

  test('a failed history page keeps the posts and can be retried', async () => {
    const { store, feed } = await openColumn(makePosts(1, 90))
    fake.failNext('posts.query', new ApiError('unavailable', 'Earshot is not reachable.'))
    await store.loadMore(KEY)
    expect(feed.moreError).toBe('Earshot is not reachable')
    expect(feed.posts).toHaveLength(40)
    await store.loadMore(KEY)
    expect(feed.moreError).toBeNull()
    expect(feed.posts).toHaveLength(80)
  })

  test('after a reconnect every column asks what it missed', async () => {
    const { feed } = await openColumn()
    const connection = useConnectionStore()
    transportStatus.set('online')
    // Posts stored while the event stream was down: no announcement reached us.
    fake.setPost('demo:11', makePost(11))
    transportStatus.set('offline')
    expect(connection.offlineSince).not.toBeNull()
    transportStatus.set('online')
    await settle()
    expect(connection.reconnects).toBe(1)
    expect(fake.callsOf('posts.since')).toHaveLength(1)
    expect(feed.posts[0]?.id).toBe('demo:11')
  })

  test('edited and deleted posts are updated in place', async () => {
    const { store, feed } = await openColumn()
    fake.setPost('demo:9', { ...makePost(9), text: 'Edited text' })
    fake.setPost('demo:8', null)
    await store.applyChanged(['demo:9', 'demo:8', 'demo:999'])
    expect(feed.posts.find((p) => p.id === 'demo:9')?.text).toBe('Edited text')
    expect(feed.posts.some((p) => p.id === 'demo:8')).toBe(false)
    expect(fake.callsOf('posts.get').map((c) => c.input)).toEqual([{ id: 'demo:9' }, { id: 'demo:8' }])
  })

  test('closing a column drops its posts and ignores late answers', async () => {
    const { store } = await openColumn()
    const release = fake.hold('posts.since')
    fake.addPosts([makePost(11)])
    await settle()
    store.close(KEY)
    release()
    await settle()
    expect(store.feedOf(KEY)).toBeUndefined()
  })
})

describe('unread counts and read marks', () => {
  beforeEach(() => localStorage.clear())

  test('a column seen for the first time has nothing unread; what arrives afterwards is', async () => {
    const { store, feed } = await openColumn()
    expect(feed.readSeq).toBe(10)
    expect(feed.unread).toBe(0)
    expect(localStorage.getItem(`${READ_MARK_PREFIX}${KEY}`)).toBe('10')

    fake.addPosts(makePosts(11, 13))
    await vi.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS)
    await settle()
    // Counted by the column as the posts arrive; the store's exact count follows within UNREAD_RECOUNT_MS.
    expect(feed.unread).toBe(3)
    expect(fake.callsOf('posts.count')).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(UNREAD_RECOUNT_MS)
    await settle()
    expect(fake.callsOf('posts.count').at(-1)?.input).toMatchObject({ afterSeq: 10 })
    expect(feed.unread).toBe(3)

    store.markAllRead(KEY)
    expect(feed.unread).toBe(0)
    expect(feed.readSeq).toBe(13)
    expect(localStorage.getItem(`${READ_MARK_PREFIX}${KEY}`)).toBe('13')
  })

  test('the mark survives a reload: what arrived meanwhile counts as unread', async () => {
    localStorage.setItem(`${READ_MARK_PREFIX}${KEY}`, '7')
    const { feed } = await openColumn()
    expect(feed.readSeq).toBe(7)
    expect(feed.unread).toBe(3)
  })

  test('a mark from before a cache rebuild (beyond the newest post) starts afresh', async () => {
    localStorage.setItem(`${READ_MARK_PREFIX}${KEY}`, '5000')
    const { feed } = await openColumn()
    expect(feed.readSeq).toBe(10)
    expect(feed.unread).toBe(0)
  })

  test('a count that travelled while the reader marked all read does not bring the number back', async () => {
    localStorage.setItem(`${READ_MARK_PREFIX}${KEY}`, '4')
    fake = createFakeApi({ posts: makePosts(1, 10) })
    useFake(fake)
    const store = useColumnsStore()
    const release = fake.hold('posts.count')
    store.open(KEY, { type: 'stream', filter: {} })
    await settle()
    store.markAllRead(KEY)
    release()
    await settle()
    expect(store.feedOf(KEY)?.unread).toBe(0)
  })
})
