import { describe, expect, test } from 'vitest'
import { applyPostChanges, comparePosts, mergePosts } from '@renderer/lib/timeline'
import { makePost } from './support/fixtures'

describe('timeline', () => {
  test('merge keeps newest first, removes duplicates and takes the incoming version', () => {
    const existing = [makePost(5), makePost(3), makePost(1)]
    const incoming = [makePost(4), { ...makePost(3), text: 'edited' }, makePost(6)]
    const merged = mergePosts(existing, incoming)
    expect(merged.map((p) => p.id)).toEqual(['demo:6', 'demo:5', 'demo:4', 'demo:3', 'demo:1'])
    expect(merged[3]?.text).toBe('edited')
  })

  test('same time: ordered by id, so every list reads the same', () => {
    const a = makePost(1, { id: 'demo:a' })
    const b = makePost(1, { id: 'demo:b' })
    expect([a, b].sort(comparePosts).map((p) => p.id)).toEqual(['demo:b', 'demo:a'])
  })

  test('changes replace or drop posts and leave untouched lists alone', () => {
    const list = [makePost(3), makePost(2), makePost(1)]
    const changed = applyPostChanges(list, new Map([['demo:2', null], ['demo:1', { ...makePost(1), text: 'new' }]]))
    expect(changed.map((p) => p.id)).toEqual(['demo:3', 'demo:1'])
    expect(changed[1]?.text).toBe('new')
    expect(applyPostChanges(list, new Map([['demo:9', null]]))).toBe(list)
  })
})
