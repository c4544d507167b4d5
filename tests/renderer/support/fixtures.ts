import type { Deck } from '@shared/domain/column'
import type { Network, Post } from '@shared/domain/post'
import type { Source } from '@shared/domain/source'

/** A base time for fixtures; tests that care about "now" pin Date with fake timers. */
export const T0 = Date.UTC(2025, 10, 25, 9, 0, 0)

const NAMES = ['Anna Schmidt', 'Ben Okafor', 'Chloé Martin', 'Dmitri Ivanov', 'Emma Larsen', 'Farah Haddad']

/** Post number `n` (newer for larger n), with overrides. */
export function makePost(n: number, overrides: Partial<Post> = {}): Post {
  const network: Network = overrides.network ?? 'demo'
  const name = NAMES[n % NAMES.length] ?? 'Someone'
  const handle = name.toLowerCase().replace(/[^a-z]+/g, '')
  return {
    id: `${network}:${n}`,
    sourceId: 'demo',
    network,
    remoteId: String(n),
    url: null,
    author: {
      id: `${network}:author-${n % NAMES.length}`,
      network,
      handle: `${handle}@social.example`,
      displayName: name,
      followers: 100 + n,
      avatarUrl: null,
      url: null
    },
    text: `Post number ${n} about the Nimbus laptop.`,
    html: null,
    language: 'en',
    createdAt: T0 + n * 60_000,
    editedAt: null,
    replyToId: null,
    counts: { likes: 0, reposts: 0, replies: 0 },
    media: [],
    direct: false,
    triage: null,
    ...overrides
  }
}

/** Posts numbered from..to (inclusive). */
export function makePosts(from: number, to: number, overrides: Partial<Post> = {}): Post[] {
  const out: Post[] = []
  for (let n = from; n <= to; n++) out.push(makePost(n, overrides))
  return out
}

export const DEFAULT_DECK: Deck = {
  id: 'main',
  name: 'Main deck',
  columns: [
    { id: 'all', title: 'All mentions', query: { type: 'stream', filter: {} }, width: 340, collapsed: false },
    { id: 'masto', title: 'Mastodon', query: { type: 'stream', filter: { networks: ['mastodon'] } }, width: 280, collapsed: false },
    { id: 'laptop', title: 'Laptop questions', query: { type: 'stream', filter: { text: 'laptop' } }, width: 460, collapsed: false }
  ]
}

export const DEMO_SOURCE: Source = {
  id: 'demo',
  network: 'demo',
  name: 'Demo workspace',
  enabled: true,
  demo: true,
  status: 'ok',
  lastSyncAt: T0,
  nextSyncAt: null,
  postCount: 0,
  lastError: null,
  kind: null,
  address: null
}
