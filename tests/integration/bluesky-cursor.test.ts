/**
 * The incremental walk (cursor.ts) on hand-made pages: the edge cases a live network does not
 * produce on demand. No servers; this file could as well live in tests/unit.
 */
import { describe, expect, it } from 'vitest'
import { advance, keyHash, type ListItem, readCursor, writeCursor } from '../../src/main/core/connectors/bluesky/cursor'
import type { IncomingPost } from '../../src/shared/domain/post'

const T0 = Date.parse('2026-11-25T10:00:00Z')

function item(n: number, secondsAfterT0: number): ListItem {
  const uri = `at://did:plc:x/app.bsky.feed.post/${n}`
  return { key: uri, time: T0 + secondsAfterT0 * 1000, post: { id: `bluesky:${uri}`, remoteId: uri } as IncomingPost }
}

const ids = (posts: IncomingPost[]): string[] => posts.map((p) => p.remoteId.split('/').at(-1) ?? '')

describe('bluesky cursor', () => {
  it('first sync: the newest page, no backfill', () => {
    const step = advance(null, 'timeline', { items: [item(3, 30), item(2, 20), item(1, 10)], cursor: 'older' })
    expect(ids(step.posts)).toEqual(['3', '2', '1'])
    expect(step.more).toBe(false)
    expect(step.cursor.newest).toBe(T0 + 30_000)
    expect(Object.keys(step.cursor.seen)).toHaveLength(3)
  })

  it('pages down to the seen ones, then commits the new newest', () => {
    const first = advance(null, 'timeline', { items: [item(2, 20), item(1, 10)], cursor: 'c1' }).cursor
    const a = advance(first, 'timeline', { items: [item(5, 50), item(4, 40)], cursor: 'c2' })
    expect(ids(a.posts)).toEqual(['5', '4'])
    expect(a.more).toBe(true)
    expect(a.cursor.newest).toBe(first.newest) // not committed mid-run
    expect(a.cursor.run?.page).toBe('c2')
    const b = advance(a.cursor, 'timeline', { items: [item(3, 30), item(2, 20)], cursor: 'c3' })
    expect(ids(b.posts)).toEqual(['3'])
    // Item 2 is seen but inside the overlap window, so the walk goes on until the list is older than it.
    const c = b.more ? advance(b.cursor, 'timeline', { items: [item(1, 10), item(0, -600)], cursor: 'c4' }) : b
    expect(c.posts).toEqual([])
    expect(c.more).toBe(false)
    expect(c.cursor.newest).toBe(T0 + 50_000)
    expect(c.cursor.run).toBeUndefined()
  })

  it('stops on time when the seen posts were deleted', () => {
    const first = advance(null, 'timeline', { items: [item(2, 0)], cursor: 'c1' }).cursor
    // Item 2 is gone; item 1 is older than the overlap window: the walk ends there.
    const step = advance(first, 'timeline', { items: [item(3, 10), item(1, -300)], cursor: 'c2' })
    expect(ids(step.posts)).toEqual(['3'])
    expect(step.more).toBe(false)
  })

  it('picks up a late-indexed post that sorts below the newest seen one, inside the overlap', () => {
    const first = advance(null, 'timeline', { items: [item(2, 60), item(1, 0)] , cursor: 'c1' }).cursor
    const step = advance(first, 'timeline', { items: [item(2, 60), item(9, 45), item(1, 0)], cursor: undefined })
    expect(ids(step.posts)).toEqual(['9'])
  })

  it('bounds a catch-up run', () => {
    let state = advance(null, 'search:x', { items: [item(0, 0)], cursor: 'c' }).cursor
    let pages = 0
    for (let more = true; more; pages++) {
      const step = advance(state, 'search:x', { items: [item(1000 - pages, 1000 - pages)], cursor: `p${pages}` }, { maxRunPages: 5 })
      state = step.cursor
      more = step.more
    }
    expect(pages).toBe(5)
    expect(state.newest).toBe(T0 + 1000_000)
  })

  it('ignores a cursor written for another list or in an unknown format', () => {
    const cursor = writeCursor(advance(null, 'search:acme', { items: [item(1, 0)], cursor: undefined }).cursor)
    expect(readCursor(cursor, 'search:acme')).not.toBeNull()
    expect(readCursor(cursor, 'search:other')).toBeNull()
    expect(readCursor('{"v":2}', 'search:acme')).toBeNull()
    expect(readCursor('not json', 'search:acme')).toBeNull()
    expect(keyHash('a')).toHaveLength(12)
  })
})
