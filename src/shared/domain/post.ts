import type { PostTriage } from './triage'

/**
 * The network-neutral shapes every connector maps into. Times are epoch milliseconds (UTC);
 * ids are stable strings (never a local rowid) so that a future team backend can share them.
 */

/** Networks Earshot can hear. `demo` is the built-in demo workspace. */
export const NETWORKS = ['demo', 'mastodon', 'bluesky', 'rss'] as const
export type Network = (typeof NETWORKS)[number]

/** Human names for networks, for badges and column titles. */
export const NETWORK_LABELS: Record<Network, string> = {
  demo: 'Demo',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  rss: 'RSS/Atom'
}

export interface Author {
  /** Stable id: `network:remote author id`. */
  id: string
  network: Network
  /** Handle without a leading @, e.g. `anna@social.example` or `anna.bsky.social`. */
  handle: string
  displayName: string
  followers: number
  avatarUrl: string | null
  /** Profile URL on the network, if it has one. */
  url: string | null
}

export interface PostCounts {
  likes: number
  reposts: number
  replies: number
}

/** What kind of thing a media attachment is; `link` is a link card (a page preview), not a file. */
export type PostMediaKind = 'image' | 'video' | 'audio' | 'link'

/**
 * One attachment of a post (picture, video, audio, link card). Connectors keep only http(s)
 * addresses; anything else is dropped before it reaches the store.
 */
export interface PostMedia {
  /** Image, video, audio, or a link card. */
  kind: PostMediaKind
  /** The full-size file (or, for a link card, the page it points to): an absolute http(s) URL. */
  url: string
  /** A smaller still image to show in place of the media (http(s)), or null when there is none. */
  previewUrl: string | null
  /** Alt text (or a link card's title), as the author wrote it, or null when there is none. */
  description: string | null
  /** Width in pixels of the original, or null when unknown. */
  width: number | null
  /** Height in pixels of the original, or null when unknown. */
  height: number | null
}

/** What a connector hands to the store: a post before it has been stored and triaged. */
export interface IncomingPost {
  /** Stable id: `network:remote post id`. */
  id: string
  /** The source (account, search, feed, demo) that delivered it. */
  sourceId: string
  network: Network
  /** The post's id on its network. */
  remoteId: string
  url: string | null
  author: Author
  /** Plain text, used for search, triage and display when there is no HTML. */
  text: string
  /** Sanitized HTML from the network (allowlist sanitizer), or null. */
  html: string | null
  /** ISO 639-1 code as given by the network or detected, or null when unknown. */
  language: string | null
  createdAt: number
  editedAt: number | null
  /** Stable id of the post this one replies to, if any. */
  replyToId: string | null
  counts: PostCounts
  /** Attachments in the order the network gave them; empty when the post has none. */
  media: PostMedia[]
  /**
   * A private message (Mastodon visibility `direct`), seen only by the people it names: the wall
   * screen hides it when private data is hidden. False on networks whose private chats are never
   * ingested (Bluesky) or that have none (RSS, demo).
   */
  direct: boolean
}

/** A stored post: what the network gave, plus what triage made of it (null until classified). */
export interface Post extends IncomingPost {
  triage: PostTriage | null
}
