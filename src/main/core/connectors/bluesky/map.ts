/**
 * Bluesky views → Earshot's network-neutral `IncomingPost` / `Author`.
 *
 * Ids (stable across handle changes, built from the DID-based AT URI):
 * - post:   `bluesky:<at-uri>`, e.g. `bluesky:at://did:plc:abc…/app.bsky.feed.post/3lxyz…`;
 *           `remoteId` is the AT URI itself, so a reply's `replyToId` is simply
 *           `bluesky:` + `record.reply.parent.uri`.
 * - author: `bluesky:<did>`.
 *
 * Text is `record.text`. `html` is null unless the post has facets (links, mentions, hashtags):
 * then it is the text, HTML-escaped, with those ranges as `<a href>` (http/https only) and line
 * breaks as `<br>` — nothing else, so it is safe by construction (the store's sanitizer may run
 * over it anyway). `language` is the primary subtag of `record.langs[0]` when it is a two-letter
 * code. `createdAt` is the record's `createdAt` (what the author's client claims), else
 * `indexedAt`. Counts: likes, reposts (+ quotes), replies; 0 where a view has none
 * (notifications carry no counts). Followers are known only from detailed profiles, else 0.
 *
 * Media come from the post view's `embed` (notifications carry none, so their posts have none):
 * `images#view` (fullsize, thumb, alt, aspect ratio as width/height), `video#view` (playlist,
 * thumbnail, alt), `external#view` (a link card: uri, thumb, title as description) and the media
 * part of `recordWithMedia#view`; a quoted post (`record#view`) is not media of this post.
 *
 * Items that are not posts (likes, follows, a record of another type, a view without a usable
 * record) map to null and are skipped; a page with a few odd items still delivers the rest.
 */
import {
  type AppBskyActorDefs,
  AppBskyFeedDefs,
  type AppBskyNotificationListNotifications,
  type AppBskyRichtextFacet,
  RichText
} from '@atproto/api'
import type { Author, IncomingPost, PostMedia } from '@shared/domain/post'
import { compactMedia, mediaItem } from '../media'

const POST_COLLECTION = 'app.bsky.feed.post'
/** Notification reasons that carry a post addressed to the account. */
export const POST_NOTIFICATION_REASONS = ['mention', 'reply', 'quote'] as const

export const BSKY_APP = 'https://bsky.app'

type Profile = AppBskyActorDefs.ProfileViewBasic | AppBskyActorDefs.ProfileView | AppBskyActorDefs.ProfileViewDetailed

/** The parts of an AT URI `at://<did>/<collection>/<rkey>`, or null. */
export function parseAtUri(uri: string): { did: string; collection: string; rkey: string } | null {
  const match = /^at:\/\/([^/]+)\/([^/]+)\/([^/?#]+)$/.exec(uri)
  if (!match) return null
  const [, did, collection, rkey] = match
  if (!did || !collection || !rkey) return null
  return { did, collection, rkey }
}

export function postId(uri: string): string {
  return `bluesky:${uri}`
}

export function authorId(did: string): string {
  return `bluesky:${did}`
}

/** Who to put in a bsky.app address: the handle, or the DID when the handle is not valid. */
function profileSlug(did: string, handle: string): string {
  return handle && handle !== 'handle.invalid' ? handle : did
}

/** https://bsky.app/profile/<handle>/post/<rkey> */
export function postUrl(uri: string, handle: string): string | null {
  const parts = parseAtUri(uri)
  if (!parts) return null
  return `${BSKY_APP}/profile/${encodeURIComponent(profileSlug(parts.did, handle))}/post/${encodeURIComponent(parts.rkey)}`
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0
}

export function mapAuthor(profile: Profile): Author {
  const followers = 'followersCount' in profile ? count(profile.followersCount) : 0
  return {
    id: authorId(profile.did),
    network: 'bluesky',
    handle: profile.handle,
    displayName: profile.displayName?.trim() || profile.handle,
    followers,
    avatarUrl: profile.avatar ?? null,
    url: `${BSKY_APP}/profile/${encodeURIComponent(profileSlug(profile.did, profile.handle))}`
  }
}

/** The record fields Earshot reads, when `record` is a post. */
interface PostRecordFields {
  text: string
  createdAt: string | null
  langs: string[]
  facets: AppBskyRichtextFacet.Main[]
  parentUri: string | null
}

function readPostRecord(record: Record<string, unknown>): PostRecordFields | null {
  if (record.$type !== undefined && record.$type !== POST_COLLECTION) return null
  if (typeof record.text !== 'string') return null
  const reply = record.reply as { parent?: { uri?: unknown } } | undefined
  const parentUri = typeof reply?.parent?.uri === 'string' ? reply.parent.uri : null
  return {
    text: record.text,
    createdAt: typeof record.createdAt === 'string' ? record.createdAt : null,
    langs: Array.isArray(record.langs) ? record.langs.filter((lang): lang is string => typeof lang === 'string') : [],
    facets: Array.isArray(record.facets) ? (record.facets.filter(isFacet) as AppBskyRichtextFacet.Main[]) : [],
    parentUri
  }
}

function isFacet(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const { index, features } = value as { index?: { byteStart?: unknown; byteEnd?: unknown }; features?: unknown }
  return typeof index?.byteStart === 'number' && typeof index.byteEnd === 'number' && Array.isArray(features)
}

/** ISO 639-1 from a BCP-47 tag ("en-US" → "en"), or null. */
export function languageOf(langs: string[]): string | null {
  const primary = langs[0]?.split(/[-_]/)[0]?.toLowerCase()
  return primary && /^[a-z]{2}$/.test(primary) ? primary : null
}

function time(value: string | null | undefined): number | null {
  if (!value) return null
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? ms : null
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
}

function escapeText(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>')
}

function safeHref(uri: string): string | null {
  try {
    const url = new URL(uri)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null
  } catch {
    return null
  }
}

/** The text with its facets as links (see the header), or null when there are none. */
export function facetsToHtml(text: string, facets: AppBskyRichtextFacet.Main[]): string | null {
  if (facets.length === 0) return null
  let html = ''
  try {
    const rich = new RichText({ text, facets })
    for (const segment of rich.segments()) {
      let href: string | null = null
      if (segment.link) href = safeHref(segment.link.uri)
      else if (segment.mention) href = `${BSKY_APP}/profile/${encodeURIComponent(segment.mention.did)}`
      else if (segment.tag) href = `${BSKY_APP}/hashtag/${encodeURIComponent(segment.tag.tag)}`
      html += href ? `<a href="${escapeHtml(href)}" rel="nofollow noopener noreferrer">${escapeText(segment.text)}</a>` : escapeText(segment.text)
    }
  } catch {
    return null
  }
  return html
}

type Loose = Record<string, unknown>

function asObject(value: unknown): Loose | null {
  return typeof value === 'object' && value !== null ? (value as Loose) : null
}

function aspect(value: unknown): { width: unknown; height: unknown } {
  const ratio = asObject(value)
  return { width: ratio?.width, height: ratio?.height }
}

/**
 * The media of a post view's `embed` (see the header). Read defensively: the view comes from
 * the network, and a malformed part is dropped rather than failing the post.
 */
export function mapEmbedMedia(embed: unknown): PostMedia[] {
  const view = asObject(embed)
  if (!view) return []
  switch (view.$type) {
    case 'app.bsky.embed.images#view': {
      const images = Array.isArray(view.images) ? view.images : []
      return compactMedia(
        images.map((raw) => {
          const image = asObject(raw)
          if (!image) return null
          return mediaItem('image', { url: image.fullsize, previewUrl: image.thumb, description: image.alt, ...aspect(image.aspectRatio) })
        })
      )
    }
    case 'app.bsky.embed.video#view':
      return compactMedia([
        mediaItem('video', { url: view.playlist, previewUrl: view.thumbnail, description: view.alt, ...aspect(view.aspectRatio) })
      ])
    case 'app.bsky.embed.external#view': {
      const external = asObject(view.external)
      if (!external) return []
      return compactMedia([mediaItem('link', { url: external.uri, previewUrl: external.thumb, description: external.title })])
    }
    case 'app.bsky.embed.recordWithMedia#view':
      return mapEmbedMedia(view.media)
    default:
      return []
  }
}

interface PostParts {
  uri: string
  embed?: unknown
  author: Profile
  record: Record<string, unknown>
  indexedAt: string
  counts?: { likeCount?: number; repostCount?: number; quoteCount?: number; replyCount?: number }
}

function mapParts(sourceId: string, parts: PostParts): IncomingPost | null {
  const address = parseAtUri(parts.uri)
  if (!address || address.collection !== POST_COLLECTION) return null
  const record = readPostRecord(parts.record)
  if (!record) return null
  const createdAt = time(record.createdAt) ?? time(parts.indexedAt)
  if (createdAt === null) return null
  return {
    id: postId(parts.uri),
    sourceId,
    network: 'bluesky',
    remoteId: parts.uri,
    url: postUrl(parts.uri, parts.author.handle),
    author: mapAuthor(parts.author),
    text: record.text,
    html: facetsToHtml(record.text, record.facets),
    language: languageOf(record.langs),
    createdAt,
    editedAt: null,
    replyToId: record.parentUri ? postId(record.parentUri) : null,
    counts: {
      likes: count(parts.counts?.likeCount),
      reposts: count(parts.counts?.repostCount) + count(parts.counts?.quoteCount),
      replies: count(parts.counts?.replyCount)
    },
    media: mapEmbedMedia(parts.embed),
    // Bluesky's private chats are a separate service that Earshot never reads: every post is public.
    direct: false
  }
}

/** app.bsky.feed.defs#postView (search results, threads, the post inside a feed item). */
export function mapPostView(sourceId: string, view: AppBskyFeedDefs.PostView): IncomingPost | null {
  return mapParts(sourceId, {
    uri: view.uri,
    author: view.author,
    record: view.record,
    indexedAt: view.indexedAt,
    counts: view,
    embed: view.embed
  })
}

/**
 * app.bsky.feed.defs#feedViewPost (timeline, author feed): the post itself, whether it is an
 * original, a reply (`replyToId` set) or shown because someone reposted it (the original post,
 * by its author; the repost is not a post of its own).
 */
export function mapFeedViewPost(sourceId: string, item: AppBskyFeedDefs.FeedViewPost): IncomingPost | null {
  return mapPostView(sourceId, item.post)
}

/** A notification with reason mention, reply or quote → the post that mentions/answers/quotes; others → null. */
export function mapNotification(sourceId: string, notification: AppBskyNotificationListNotifications.Notification): IncomingPost | null {
  if (!(POST_NOTIFICATION_REASONS as readonly string[]).includes(notification.reason)) return null
  return mapParts(sourceId, {
    uri: notification.uri,
    author: notification.author,
    record: notification.record,
    indexedAt: notification.indexedAt
  })
}

/** What `getPostThread` answers with at each place of the tree (a post, or a gap: deleted, blocked, unknown). */
type ThreadNode = AppBskyFeedDefs.ThreadViewPost['parent'] | NonNullable<AppBskyFeedDefs.ThreadViewPost['replies']>[number]

/**
 * app.bsky.feed.getPostThread's tree → its posts: the post asked about, its parents up the chain
 * and every reply below it. Deleted and blocked places (`notFoundPost`, `blockedPost`) are gaps:
 * what is above or below a gap that the view still includes is kept.
 */
export function mapThread(sourceId: string, thread: ThreadNode): IncomingPost[] {
  const posts: IncomingPost[] = []
  const seen = new Set<string>()
  const add = (view: AppBskyFeedDefs.PostView): void => {
    if (seen.has(view.uri)) return
    seen.add(view.uri)
    const post = mapPostView(sourceId, view)
    if (post) posts.push(post)
  }
  const below = (node: ThreadNode): void => {
    if (!AppBskyFeedDefs.isThreadViewPost(node)) return
    add(node.post)
    for (const reply of node.replies ?? []) below(reply)
  }
  below(thread)
  let node: ThreadNode = thread
  while (AppBskyFeedDefs.isThreadViewPost(node)) {
    add(node.post)
    node = node.parent
  }
  return posts
}
