import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { ApiError } from '@shared/contract/errors'
import type { ColumnQuery } from '@shared/domain/column'
import { READ_MARK_PREFIX, useColumnsStore } from '@renderer/stores/columns'
import { createFakeApi, type FakeApi } from './support/fakeApi'
import { makePost, makePosts } from './support/fixtures'
import { disposeStores, useFake } from './support/mountApp'

/**
 * How a deck opens: first pages asked for ahead of the columns, shown together, and no unread
 * count asked for when nothing can be unread.
 */
const ALL: ColumnQuery = { type: 'stream', filter: {} }
const DEMO: ColumnQuery = { type: 'stream', filter: { networks: ['demo'] } }

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

let fake: FakeApi

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  localStorage.clear()
  fake = createFakeApi({ posts: makePosts(1, 10) })
  useFake(fake)
})

afterEach(() => {
  disposeStores()
  vi.useRealTimers()
})

describe('opening a deck', () => {
  test('a first page asked for ahead of its column is the one the column shows', async () => {
    const store = useColumnsStore()
    store.prefetch('main/all', ALL)
    store.prefetch('main/demo', DEMO)
    store.open('main/all', ALL)
    // The column's query changed before it opened: its early page no longer fits.
    store.open('main/demo', { type: 'stream', filter: { networks: ['mastodon'] } })
    await settle()

    expect(fake.callsOf('posts.query')).toHaveLength(3)
    expect(store.feedOf('main/all')?.status).toBe('ready')
    expect(store.feedOf('main/all')?.posts).toHaveLength(10)
  })

  test('a first page that failed early is the column’s error, with its Retry', async () => {
    const store = useColumnsStore()
    fake.failNext('posts.query', new ApiError('unavailable', 'The store is busy.'))
    store.prefetch('main/all', ALL)
    store.open('main/all', ALL)
    await settle()
    expect(store.feedOf('main/all')?.status).toBe('error')
    expect(fake.callsOf('posts.query')).toHaveLength(1)
  })

  test('columns opened together are shown together', async () => {
    const store = useColumnsStore()
    store.open('main/all', ALL)
    const release = fake.hold('posts.query')
    store.open('main/demo', DEMO)
    await settle()
    // The first answer is in, but waits for the second so the deck renders once.
    expect(store.feedOf('main/all')?.status).toBe('loading')

    release()
    await settle()
    expect(store.feedOf('main/all')?.status).toBe('ready')
    expect(store.feedOf('main/demo')?.status).toBe('ready')
  })

  test('a slow column does not hold the others back for long', async () => {
    const store = useColumnsStore()
    store.open('main/all', ALL)
    const release = fake.hold('posts.query')
    store.open('main/demo', DEMO)
    await settle()
    await vi.advanceTimersByTimeAsync(150)
    expect(store.feedOf('main/all')?.status).toBe('ready')
    expect(store.feedOf('main/demo')?.status).toBe('loading')
    release()
    await settle()
    expect(store.feedOf('main/demo')?.status).toBe('ready')
  })

  test('a column opened later on its own does not wait', async () => {
    const store = useColumnsStore()
    store.open('main/all', ALL)
    await vi.advanceTimersByTimeAsync(200)
    const release = fake.hold('posts.query')
    store.open('main/demo', DEMO)
    release()
    await settle()
    expect(store.feedOf('main/demo')?.status).toBe('ready')
  })

  test('asks for no unread count when nothing was stored after the read mark', async () => {
    const store = useColumnsStore()
    store.open('main/all', ALL)
    await settle()
    expect(store.feedOf('main/all')?.unread).toBe(0)
    expect(fake.callsOf('posts.count')).toHaveLength(0)
    store.close('main/all')

    // Posts arrived after the mark: now there is something to count.
    const mark = Number(localStorage.getItem(`${READ_MARK_PREFIX}main/all`))
    fake.addPosts([makePost(11), makePost(12)])
    localStorage.setItem(`${READ_MARK_PREFIX}main/all`, String(mark))
    store.open('main/all', ALL)
    await settle()
    expect(fake.callsOf('posts.count')).toHaveLength(1)
    expect(store.feedOf('main/all')?.unread).toBe(2)
  })
})
