import { describe, expect, test } from 'vitest'
import { appendOlder, applyPostChanges, columnOrder, comparePosts, mergePosts, overlayPage } from '@renderer/lib/timeline'
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

  test('the needs-reply queue keeps the core’s order; streams are ordered by time', () => {
    expect(columnOrder({ type: 'needs-reply', filter: {} })).toBe('server')
    expect(columnOrder({ type: 'stream', filter: { text: 'x' } })).toBe('time')
    const shown = [makePost(1), makePost(5)]
    expect(appendOlder('server', shown, [makePost(5), makePost(9), makePost(2)]).map((p) => p.id)).toEqual(['demo:1', 'demo:5', 'demo:9', 'demo:2'])
    expect(appendOlder('time', shown, [makePost(9)]).map((p) => p.id)).toEqual(['demo:9', 'demo:5', 'demo:1'])
  })

  test('a fresh first page is laid over the list only when no post came, went or moved', () => {
    const [a, b, c, d] = [makePost(1), makePost(2), makePost(3), makePost(4)]
    const edited = { ...makePost(1), text: 'edited' }
    expect(overlayPage([a, b, c], [edited, b, c], true)?.[0]?.text).toBe('edited')
    // Something new below everything shown.
    expect(overlayPage([a, b], [a, b, d], true)?.map((p) => p.id)).toEqual(['demo:1', 'demo:2', 'demo:4'])
    // A full page over a longer list: the rest lies beyond it and stays.
    expect(overlayPage([a, b, c, d], [a, b], false)?.map((p) => p.id)).toEqual(['demo:1', 'demo:2', 'demo:3', 'demo:4'])
    // The whole queue is shorter: posts left it.
    expect(overlayPage([a, b, c], [a, b], true)).toBeNull()
    expect(overlayPage([a, b, c], [b, a, c], true)).toBeNull()
    expect(overlayPage([a, b], [d, a, b], true)).toBeNull()
  })
})
