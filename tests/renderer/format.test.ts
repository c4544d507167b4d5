import { describe, expect, test } from 'vitest'
import { countLabel, describeRelative, formatCompact, formatRelative, formatUntil, initials, quoteSearch, safeExternalUrl } from '@renderer/lib/format'
import { ApiError } from '@shared/contract/errors'
import { errorSentence } from '@renderer/lib/errors'
import { newPostsLabel } from '@renderer/composables/useColumnFeed'

describe('formatCompact', () => {
  test.each([
    [0, '0'],
    [999, '999'],
    [1000, '1k'],
    [1234, '1.2k'],
    [12_345, '12.3k'],
    [99_999, '99.9k'],
    [123_456, '123k'],
    [999_999, '999k'],
    [1_000_000, '1M'],
    [1_250_000, '1.2M'],
    [3_400_000_000, '3.4B'],
    [-1500, '-1.5k']
  ])('%d -> %s', (n, expected) => {
    expect(formatCompact(n)).toBe(expected)
  })
})

describe('relative time', () => {
  const now = Date.UTC(2025, 10, 25, 12, 0, 0)
  test.each([
    [now - 10_000, 'now'],
    [now + 30_000, 'now'],
    [now - 60_000, '1 min'],
    [now - 3 * 60_000, '3 min'],
    [now - 59 * 60_000, '59 min'],
    [now - 2 * 3_600_000, '2 h'],
    [now - 3 * 86_400_000, '3 d']
  ])('%d -> %s', (time, expected) => {
    expect(formatRelative(time, now)).toBe(expected)
  })

  test('older posts show a date, with the year only when it differs', () => {
    expect(formatRelative(now - 30 * 86_400_000, now)).not.toMatch(/2025/)
    expect(formatRelative(Date.UTC(2023, 2, 4), now)).toMatch(/2023/)
  })

  test('spoken forms', () => {
    expect(describeRelative(now - 60_000, now)).toBe('1 minute ago')
    expect(describeRelative(now - 5 * 3_600_000, now)).toBe('5 hours ago')
  })
})

describe('labels', () => {
  test('new posts pill', () => {
    expect(newPostsLabel(1, false)).toBe('1 new post')
    expect(newPostsLabel(3, false)).toBe('3 new posts')
    expect(newPostsLabel(1000, true)).toBe('1000+ new posts')
  })

  test('counts and initials', () => {
    expect(countLabel(1, 'reply', 'replies')).toBe('1 reply')
    expect(countLabel(12_000, 'like', 'likes')).toBe('12,000 likes')
    expect(initials('Anna Schmidt')).toBe('AS')
    expect(initials('@brand')).toBe('B')
    expect(initials('Chloé van der Berg')).toBe('CB')
  })

  test('only http(s) links leave the app', () => {
    expect(safeExternalUrl('https://a.example/x')).toBe('https://a.example/x')
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull()
    expect(safeExternalUrl('file:///etc/passwd')).toBeNull()
    expect(safeExternalUrl(null)).toBeNull()
  })
})

describe('quoteSearch', () => {
  test('quotes plain words, leaves phrases that bring their own quotes', () => {
    expect(quoteSearch('laptop')).toBe('“laptop”')
    expect(quoteSearch('"Book 14"')).toBe('"Book 14"')
  })
})

describe('formatUntil', () => {
  const now = Date.UTC(2025, 10, 25, 9, 0, 0)
  test.each([
    [now - 5_000, 'soon'],
    [now + 30_000, 'soon'],
    [now + 90_000, 'in 2 min'],
    [now + 12 * 60_000, 'in 12 min'],
    [now + 3 * 3_600_000, 'in 3 h'],
    [now + 2 * 86_400_000, 'in 2 d']
  ])('%s is %s', (time, expected) => {
    expect(formatUntil(time, now)).toBe(expected)
  })
})

describe('errorSentence', () => {
  test('keeps the core’s sentence as it is, adding a full stop only when it has no end mark', () => {
    expect(errorSentence(new ApiError('invalid_input', '"foo" is not a web address.'))).toBe('"foo" is not a web address.')
    expect(errorSentence(new ApiError('invalid_input', 'That feed is already a source: "Blog".'))).toBe('That feed is already a source: "Blog".')
    expect(errorSentence(new ApiError('unavailable', 'Could not reach example.com'))).toBe('Could not reach example.com.')
    expect(errorSentence(new Error('Really?'))).toBe('Really?')
    expect(errorSentence('boom')).toBe('Something went wrong inside Earshot.')
  })
})
