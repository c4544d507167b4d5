/**
 * Mastodon entities (as masto hands them over: camelCase keys) → the shared Post/Author shapes.
 *
 * Ids. Status and account ids are local to the instance that served them: the same federated
 * post has a different id on every instance, and two instances can use the same number for
 * different posts. So every stable id is namespaced by the instance host (with the port, if
 * any): posts `mastodon:<host>:<status id>`, authors `mastodon:<host>:<account id>`. That is
 * unique across instances and stable (Mastodon never reuses or changes an id), and `remoteId`
 * stays the id the same instance needs for a reply. The price: a post seen through accounts on
 * two instances is stored twice (once per instance); the federation `uri` would merge them, but
 * then a reply could be sent from the wrong instance with an id it does not know.
 *
 * Reblogs (boosts). What a team needs to triage is the boosted post, not the boost: a boost is
 * stored as the original status (its id, author, text, counts), so the same post boosted by
 * three people is one post, and it is attributed to its original author. Who boosted it is not
 * kept (the Post shape has no place for it yet).
 *
 * Media: `media_attachments` of type image, gifv (a looping video), video and audio become
 * `PostMedia` (the instance's copy, else the remote one; preview, alt text, original size);
 * `unknown` attachments (not fetched by the instance) and the link `card` are left out.
 *
 * Content warnings (`spoiler_text`) are kept in front of the text and HTML (“CW: …”), so nobody
 * answers a post without seeing its warning.
 *
 * Visibility: a `direct` status (a private mention, seen only by the accounts it names) is marked
 * `direct`, so that the wall screen can keep it off the office TV; the other visibilities are public
 * enough to show (unlisted and followers-only posts reach the team's own account anyway).
 */
import type { mastodon } from 'masto'
import type { Author, IncomingPost, PostMedia, PostMediaKind } from '@shared/domain/post'
import { htmlToPlainText, sanitizePostHtml } from '../../sanitize/html'
import { compactMedia, mediaItem } from '../media'

export interface MapContext {
  /** The source that delivered the post. */
  sourceId: string
  /** `instanceHost(instanceUrl)`: the namespace of the instance's ids. */
  host: string
}

/** Stable id of a status seen on `host`. */
export function mastodonPostId(host: string, statusId: string): string {
  return `mastodon:${host}:${statusId}`
}

/**
 * The instance host and status id inside a stable post id, or null when it is not a Mastodon
 * post id. The host may carry a port, so the status id is what follows the last colon. The
 * outbox uses this to reply: the status id is only valid on that same host (a reply from an
 * account on another instance has to look the post up there first).
 */
export function parseMastodonPostId(id: string): { host: string; statusId: string } | null {
  if (!id.startsWith('mastodon:')) return null
  const rest = id.slice('mastodon:'.length)
  const cut = rest.lastIndexOf(':')
  if (cut <= 0 || cut === rest.length - 1) return null
  return { host: rest.slice(0, cut), statusId: rest.slice(cut + 1) }
}

/** Stable id of an account seen on `host`. */
export function mastodonAuthorId(host: string, accountId: string): string {
  return `mastodon:${host}:${accountId}`
}

/** Notification types whose `status` is a post worth showing (the rest are likes, follows, …). */
export const STATUS_NOTIFICATION_TYPES: readonly string[] = ['mention', 'status', 'update']

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    return new URL(url).host
  } catch {
    return null
  }
}

/**
 * The full handle `user@domain`. Mastodon's `acct` has no domain for the instance's own users;
 * their domain is taken from their profile URL (or the instance host).
 */
export function fullHandle(account: mastodon.v1.Account, host: string): string {
  const acct = account.acct.replace(/^@/, '')
  if (acct.includes('@')) return acct
  return `${acct}@${hostOf(account.url) ?? host}`
}

export function mapAccount(account: mastodon.v1.Account, host: string): Author {
  return {
    id: mastodonAuthorId(host, account.id),
    network: 'mastodon',
    handle: fullHandle(account, host),
    displayName: account.displayName.trim() || account.username,
    followers: Number.isFinite(account.followersCount) ? Math.max(0, account.followersCount) : 0,
    avatarUrl: account.avatar || null,
    url: account.url ?? null
  }
}

function timeOf(iso: string | null | undefined): number | null {
  if (!iso) return null
  const at = Date.parse(iso)
  return Number.isNaN(at) ? null : at
}

function count(n: number | null | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.max(0, n) : 0
}

/** A language tag as given (ISO 639-1, or 639-3 where Mastodon uses it), else null. */
function language(tag: string | null | undefined): string | null {
  if (!tag) return null
  const lower = tag.trim().toLowerCase()
  return /^[a-z]{2,3}$/.test(lower) ? lower : null
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

const MEDIA_KINDS: Readonly<Record<string, PostMediaKind>> = { image: 'image', gifv: 'video', video: 'video', audio: 'audio' }

/** A status's attachments as `PostMedia` (see the header). */
export function mapMediaAttachments(attachments: readonly mastodon.v1.MediaAttachment[] | null | undefined): PostMedia[] {
  if (!attachments || attachments.length === 0) return []
  return compactMedia(
    attachments.map((attachment) => {
      const kind = MEDIA_KINDS[attachment.type]
      if (!kind) return null
      const original = attachment.meta?.original
      return mediaItem(kind, {
        url: attachment.url ?? attachment.remoteUrl,
        previewUrl: attachment.previewUrl ?? attachment.previewRemoteUrl,
        description: attachment.description,
        width: original?.width,
        height: original?.height
      })
    })
  )
}

/** One status (a boost is unwrapped to the boosted status, see the header). */
export function mapStatus(status: mastodon.v1.Status, context: MapContext): IncomingPost {
  const original = status.reblog ?? status
  const { host } = context
  const url = original.url ?? original.uri ?? null
  const warning = original.spoilerText.trim()
  const content = warning ? `<p>CW: ${escapeHtml(warning)}</p>${original.content}` : original.content
  const createdAt = timeOf(original.createdAt)
  return {
    id: mastodonPostId(host, original.id),
    sourceId: context.sourceId,
    network: 'mastodon',
    remoteId: original.id,
    url,
    author: mapAccount(original.account, host),
    text: htmlToPlainText(content),
    html: sanitizePostHtml(content, url ? { baseUrl: url } : {}),
    language: language(original.language),
    createdAt: createdAt ?? 0,
    editedAt: timeOf(original.editedAt),
    replyToId: original.inReplyToId ? mastodonPostId(host, original.inReplyToId) : null,
    counts: {
      likes: count(original.favouritesCount),
      reposts: count(original.reblogsCount),
      replies: count(original.repliesCount)
    },
    media: mapMediaAttachments(original.mediaAttachments),
    direct: original.visibility === 'direct'
  }
}

/** A notification's status (mention, subscribed status, edit), or null for the other kinds. */
export function mapNotification(notification: mastodon.v1.Notification, context: MapContext): IncomingPost | null {
  if (!STATUS_NOTIFICATION_TYPES.includes(notification.type)) return null
  const status = 'status' in notification ? notification.status : undefined
  return status ? mapStatus(status, context) : null
}
