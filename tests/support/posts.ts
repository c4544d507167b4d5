import type { IncomingPost, Network } from '@shared/domain/post'

/** A believable post for store tests; every field can be overridden. */
export function makePost(n: number, overrides: Partial<IncomingPost> = {}): IncomingPost {
  const network: Network = overrides.network ?? 'mastodon'
  return {
    id: `${network}:${n}`,
    sourceId: 'test-source',
    network,
    remoteId: String(n),
    url: `https://social.example/@user${n % 7}/${n}`,
    author: {
      id: `${network}:user${n % 7}`,
      network,
      handle: `user${n % 7}@social.example`,
      displayName: `User ${n % 7}`,
      followers: 100 * (n % 7),
      avatarUrl: null,
      url: null
    },
    text: `Post number ${n} about the Lumora Book 14`,
    html: null,
    language: 'en',
    createdAt: 1_700_000_000_000 + n * 1000,
    editedAt: null,
    replyToId: null,
    counts: { likes: n % 5, reposts: n % 3, replies: n % 2 },
    media: [],
    direct: false,
    ...overrides
  }
}
