import { describe, expect, test } from 'vitest'
import {
  compactCount,
  compactFilter,
  defaultColumnTitle,
  describeQuery,
  describeQueryParts,
  languageName,
  MAX_COLUMN_TITLE,
  windowWords
} from '@shared/domain/describe-query'

const names = {
  source: (id: string) => ({ 'rss:1': 'Tech news', demo: 'Demo workspace' })[id],
  team: (id: string) => ({ support: 'Support', sales: 'Sales' })[id],
  person: (id: string) => ({ anna: 'Anna' })[id]
}

describe('a query in words', () => {
  test('reads like the issue asks, most telling part first', () => {
    expect(
      describeQuery({
        type: 'needs-reply',
        filter: { text: '"Book 14"', languages: ['de', 'en'], intents: ['complaint'], minFollowers: 1000, withinHours: 24 }
      })
    ).toBe('Needs a reply · German or English · complaints · 1k+ followers · last 24 h · “Book 14”')
  })

  test('an unfiltered stream is everything; an unfiltered queue is just the queue', () => {
    expect(describeQuery({ type: 'stream', filter: {} })).toBe('Everything')
    expect(describeQuery({ type: 'needs-reply', filter: {} })).toBe('Needs a reply')
  })

  test('names sources, teams and people, and says when one is gone', () => {
    const parts = describeQueryParts(
      { type: 'stream', filter: { sourceIds: ['rss:1', 'gone'], teamIds: ['support', 'sales'], assignees: ['anna'] } },
      names
    )
    expect(parts).toEqual(['from Tech news or a removed source', 'teams Support or Sales', 'assigned to Anna'])
    expect(describeQuery({ type: 'stream', filter: { teamIds: ['support'] } }, names)).toBe('team Support')
    // Without a lookup, ids never leak into the words.
    expect(describeQuery({ type: 'stream', filter: { assignees: ['anna'] } })).toBe('assigned to a removed person')
  })

  test('covers every condition in a fixed order', () => {
    expect(
      describeQueryParts({
        type: 'stream',
        filter: {
          hasMedia: true,
          topics: ['Voltic', 'Nexaro', 'Book 14'],
          watchlistOnly: true,
          statuses: ['new', 'snoozed'],
          sentiments: ['negative', 'unknown'],
          networks: ['demo', 'mastodon', 'bluesky'],
          intents: ['help_explicit', 'purchase_intent'],
          withinHours: 72,
          text: 'Voltic OR Nexaro'
        }
      })
    ).toEqual([
      'Demo, Mastodon or Bluesky',
      'negative or unknown sentiment',
      'help requests or purchase interest',
      'new or snoozed',
      'watchlist authors',
      'about Voltic, Nexaro or Book 14',
      'with media',
      'last 3 days',
      '“Voltic OR Nexaro”'
    ])
  })

  test('numbers, time windows and languages read naturally', () => {
    expect([999, 1000, 1500, 12_345, 2_000_000].map(compactCount)).toEqual(['999', '1k', '1.5k', '12.3k', '2M'])
    expect([1, 6, 24, 36, 48, 168].map(windowWords)).toEqual(['last hour', 'last 6 h', 'last 24 h', 'last 36 h', 'last 2 days', 'last 7 days'])
    expect(languageName('fr')).toBe('French')
    expect(languageName('qq')).toBe('QQ')
  })

  test('a default title is the words, shortened to what a title may hold', () => {
    expect(defaultColumnTitle({ type: 'stream', filter: { networks: ['demo'] } })).toBe('Demo')
    const long = defaultColumnTitle({ type: 'stream', filter: { topics: Array.from({ length: 30 }, (_, i) => `topic ${i}`) } })
    expect(long.length).toBe(MAX_COLUMN_TITLE)
    expect(long.endsWith('…')).toBe(true)
  })
})

describe('compactFilter', () => {
  test('leaves out empty conditions and trims words', () => {
    expect(
      compactFilter({
        text: '  ',
        networks: [],
        languages: ['de'],
        watchlistOnly: false,
        hasMedia: true,
        minFollowers: 0,
        topics: [' Book 14 ', ''],
        withinHours: 24
      })
    ).toEqual({ languages: ['de'], hasMedia: true, topics: ['Book 14'], withinHours: 24 })
    expect(compactFilter({})).toEqual({})
  })
})
