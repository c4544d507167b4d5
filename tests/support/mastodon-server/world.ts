/**
 * The in-memory world behind the Mastodon test server: accounts, statuses (with boosts,
 * replies, edits, mentions, hashtags), notifications, lists and follows of one signed-in owner.
 * The `*Json` methods render Mastodon's entities in full, with every field the OpenAPI
 * description requires, so that the server's answers validate.
 */

export interface WorldAccount {
  id: string
  username: string
  /** null for the instance's own users (then `acct` is the bare username). */
  domain: string | null
  displayName: string
  followers: number
  note: string
  createdAt: number
}

/** A media attachment as Mastodon stores it (rendered by `statusJson` as `media_attachments`). */
export interface WorldMedia {
  type: 'image' | 'gifv' | 'video' | 'audio' | 'unknown'
  /** The instance's copy; null while processing or for `unknown` (not fetched) remote media. */
  url: string | null
  previewUrl: string | null
  remoteUrl?: string | null
  description?: string | null
  /** `meta.original` size, when known. */
  width?: number
  height?: number
}

export interface WorldStatus {
  id: string
  accountId: string
  /** The status's HTML, as Mastodon stores it after rendering. */
  content: string
  /** The words that search matches (the plain text). */
  searchText: string
  createdAt: number
  editedAt: number | null
  inReplyToId: string | null
  reblogOfId: string | null
  language: string | null
  visibility: 'public' | 'unlisted' | 'private' | 'direct'
  spoilerText: string
  tags: string[]
  mentionIds: string[]
  counts: { favourites: number; reblogs: number; replies: number }
  media: WorldMedia[]
}

export interface WorldNotification {
  id: string
  type: 'mention' | 'status' | 'update' | 'favourite' | 'reblog' | 'follow'
  accountId: string
  statusId: string | null
  createdAt: number
}

/** What happened in the world, for the streaming API (the server fans these out to open streams). */
export type WorldEvent =
  | { type: 'status'; status: WorldStatus }
  | { type: 'edit'; status: WorldStatus }
  | { type: 'delete'; status: WorldStatus }
  | { type: 'notification'; notification: WorldNotification }

export interface PostOptions {
  /** Plain text (escaped into `<p>…</p>` with hashtag and mention links). */
  text?: string
  /** Raw HTML content instead of `text` (for sanitizer tests). */
  html?: string
  tags?: string[]
  mentions?: WorldAccount[]
  inReplyTo?: WorldStatus
  language?: string | null
  visibility?: WorldStatus['visibility']
  spoilerText?: string
  edited?: boolean
  counts?: Partial<WorldStatus['counts']>
  media?: WorldMedia[]
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

/** Compares two snowflake-like ids numerically. */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a)
  const y = BigInt(b)
  return x < y ? -1 : x > y ? 1 : 0
}

export class MastodonWorld {
  readonly accounts = new Map<string, WorldAccount>()
  readonly statuses = new Map<string, WorldStatus>()
  readonly notifications: WorldNotification[] = []
  readonly lists = new Map<string, Set<string>>()
  readonly follows = new Set<string>()
  readonly owner: WorldAccount
  /** Status ids look like Mastodon's (18 digits, growing); notification ids are a separate, shorter sequence. */
  private statusSeq = 113_000_000_000_000_000n
  private notificationSeq = 4_000
  private accountSeq = 100
  private clock = Date.parse('2026-11-01T09:00:00.000Z')
  private readonly listeners = new Set<(event: WorldEvent) => void>()

  constructor(readonly baseUrl: string) {
    this.owner = this.addAccount({ username: 'team', displayName: 'Earshot Team', followers: 1200 })
  }

  /** Calls `listener` for every new status, edit, deletion and notification; returns the unsubscribe. */
  subscribe(listener: (event: WorldEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(event: WorldEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  get host(): string {
    return new URL(this.baseUrl).host
  }

  private tick(): number {
    this.clock += 1000
    return this.clock
  }

  addAccount(options: { username: string; domain?: string | null; displayName?: string; followers?: number; note?: string }): WorldAccount {
    const account: WorldAccount = {
      id: String(++this.accountSeq),
      username: options.username,
      domain: options.domain ?? null,
      displayName: options.displayName ?? '',
      followers: options.followers ?? 0,
      note: options.note ?? '',
      createdAt: Date.parse('2024-01-01T00:00:00.000Z')
    }
    this.accounts.set(account.id, account)
    return account
  }

  follow(account: WorldAccount): void {
    this.follows.add(account.id)
  }

  addList(id: string, members: WorldAccount[]): void {
    this.lists.set(id, new Set(members.map((m) => m.id)))
  }

  private nextStatusId(): string {
    this.statusSeq += 1_000n
    return this.statusSeq.toString()
  }

  post(author: WorldAccount, options: PostOptions = {}): WorldStatus {
    const tags = (options.tags ?? []).map((t) => t.toLowerCase())
    const mentions = options.mentions ?? []
    const text = options.text ?? ''
    const tagLinks = tags.map((t) => ` <a href="${this.baseUrl}/tags/${t}" class="mention hashtag" rel="tag">#<span>${t}</span></a>`).join('')
    const mentionLinks = mentions
      .map((m) => `<span class="h-card"><a href="${this.profileUrl(m)}" class="u-url mention">@<span>${escapeHtml(m.username)}</span></a></span> `)
      .join('')
    const status: WorldStatus = {
      id: this.nextStatusId(),
      accountId: author.id,
      content: options.html ?? `<p>${mentionLinks}${escapeHtml(text)}${tagLinks}</p>`,
      searchText: options.html ?? `${mentions.map((m) => '@' + m.username).join(' ')} ${text} ${tags.map((t) => '#' + t).join(' ')}`,
      createdAt: this.tick(),
      editedAt: null,
      inReplyToId: options.inReplyTo?.id ?? null,
      reblogOfId: null,
      language: options.language === undefined ? 'en' : options.language,
      visibility: options.visibility ?? 'public',
      spoilerText: options.spoilerText ?? '',
      tags,
      mentionIds: mentions.map((m) => m.id),
      counts: { favourites: 0, reblogs: 0, replies: 0, ...options.counts },
      media: options.media ?? []
    }
    if (options.edited) status.editedAt = status.createdAt + 60_000
    this.statuses.set(status.id, status)
    if (options.inReplyTo) options.inReplyTo.counts.replies++
    // As Mastodon: the status reaches timelines first, then the mention notification.
    this.emit({ type: 'status', status })
    if (mentions.some((m) => m.id === this.owner.id) && author.id !== this.owner.id) this.notify('mention', author, status)
    return status
  }

  /** `booster` boosts `status`: a new status whose `reblog` is the original. */
  reblog(booster: WorldAccount, status: WorldStatus): WorldStatus {
    const wrapper: WorldStatus = {
      ...status,
      id: this.nextStatusId(),
      accountId: booster.id,
      content: '',
      searchText: '',
      createdAt: this.tick(),
      editedAt: null,
      inReplyToId: null,
      reblogOfId: status.id,
      tags: [],
      mentionIds: [],
      spoilerText: '',
      counts: { favourites: 0, reblogs: 0, replies: 0 },
      media: []
    }
    status.counts.reblogs++
    this.statuses.set(wrapper.id, wrapper)
    this.emit({ type: 'status', status: wrapper })
    return wrapper
  }

  /** The author edits `status`: new text (same escaping as `post`), `edited_at` set. */
  edit(status: WorldStatus, text: string): WorldStatus {
    const tagLinks = status.tags.map((t) => ` <a href="${this.baseUrl}/tags/${t}" class="mention hashtag" rel="tag">#<span>${t}</span></a>`).join('')
    status.content = `<p>${escapeHtml(text)}${tagLinks}</p>`
    status.searchText = `${text} ${status.tags.map((t) => '#' + t).join(' ')}`
    status.editedAt = this.tick()
    this.emit({ type: 'edit', status })
    return status
  }

  /** The author deletes `status`: its boosts and the notifications about it go with it, as on Mastodon. */
  delete(status: WorldStatus): void {
    for (const wrapper of [...this.statuses.values()]) {
      if (wrapper.reblogOfId === status.id) this.delete(wrapper)
    }
    this.statuses.delete(status.id)
    for (let i = this.notifications.length - 1; i >= 0; i--) if (this.notifications[i]?.statusId === status.id) this.notifications.splice(i, 1)
    this.emit({ type: 'delete', status })
  }

  notify(type: WorldNotification['type'], from: WorldAccount, status: WorldStatus | null): WorldNotification {
    const notification: WorldNotification = { id: String(++this.notificationSeq), type, accountId: from.id, statusId: status?.id ?? null, createdAt: this.tick() }
    this.notifications.push(notification)
    this.emit({ type: 'notification', notification })
    return notification
  }

  account(id: string): WorldAccount {
    const account = this.accounts.get(id)
    if (!account) throw new Error(`no account ${id}`)
    return account
  }

  acct(account: WorldAccount): string {
    return account.domain ? `${account.username}@${account.domain}` : account.username
  }

  profileUrl(account: WorldAccount): string {
    return account.domain ? `https://${account.domain}/@${account.username}` : `${this.baseUrl}/@${account.username}`
  }

  private actorUri(account: WorldAccount): string {
    return account.domain ? `https://${account.domain}/users/${account.username}` : `${this.baseUrl}/users/${account.username}`
  }

  statusUrl(status: WorldStatus): string {
    const author = this.account(status.accountId)
    return author.domain ? `https://${author.domain}/@${author.username}/${status.id}` : `${this.baseUrl}/@${author.username}/${status.id}`
  }

  accountJson(account: WorldAccount): Record<string, unknown> {
    const statuses = [...this.statuses.values()].filter((s) => s.accountId === account.id)
    const last = statuses.at(-1)
    const media = account.domain ? `https://${account.domain}` : this.baseUrl
    return {
      id: account.id,
      username: account.username,
      acct: this.acct(account),
      display_name: account.displayName,
      locked: false,
      bot: false,
      discoverable: true,
      indexable: true,
      group: false,
      created_at: iso(account.createdAt),
      note: account.note ? `<p>${escapeHtml(account.note)}</p>` : '',
      url: this.profileUrl(account),
      uri: this.actorUri(account),
      avatar: `${media}/system/accounts/avatars/${account.id}/original/avatar.png`,
      avatar_static: `${media}/system/accounts/avatars/${account.id}/original/avatar.png`,
      header: `${this.baseUrl}/headers/original/missing.png`,
      header_static: `${this.baseUrl}/headers/original/missing.png`,
      followers_count: account.followers,
      following_count: 3,
      statuses_count: statuses.length,
      last_status_at: last ? iso(last.createdAt).slice(0, 10) : null,
      hide_collections: false,
      noindex: false,
      emojis: [],
      roles: [],
      fields: [{ name: 'Website', value: '<a href="https://example.org">example.org</a>', verified_at: null }]
    }
  }

  credentialAccountJson(account: WorldAccount): Record<string, unknown> {
    return {
      ...this.accountJson(account),
      source: { privacy: 'public', sensitive: false, language: 'en', note: account.note, fields: [], follow_requests_count: 0, indexable: true, hide_collections: false, discoverable: true },
      role: { id: '-99', name: '', permissions: '0', color: '', highlighted: false }
    }
  }

  statusJson(status: WorldStatus): Record<string, unknown> {
    const author = this.account(status.accountId)
    const original = status.reblogOfId ? this.statuses.get(status.reblogOfId) : undefined
    const replyTo = status.inReplyToId ? this.statuses.get(status.inReplyToId) : undefined
    return {
      id: status.id,
      created_at: iso(status.createdAt),
      edited_at: status.editedAt === null ? null : iso(status.editedAt),
      in_reply_to_id: status.inReplyToId,
      in_reply_to_account_id: replyTo?.accountId ?? null,
      sensitive: status.spoilerText !== '',
      spoiler_text: status.spoilerText,
      visibility: status.visibility,
      language: original ? null : status.language,
      uri: original ? `${this.actorUri(author)}/statuses/${status.id}/activity` : `${this.actorUri(author)}/statuses/${status.id}`,
      url: original ? null : this.statusUrl(status),
      replies_count: status.counts.replies,
      reblogs_count: status.counts.reblogs,
      favourites_count: status.counts.favourites,
      quotes_count: 0,
      favourited: false,
      reblogged: false,
      muted: false,
      bookmarked: false,
      pinned: false,
      content: status.content,
      filtered: [],
      reblog: original ? this.statusJson(original) : null,
      application: author.domain ? null : { name: 'Web', website: null },
      account: this.accountJson(author),
      media_attachments: status.media.map((media, index) => ({
        id: `${status.id}${index + 1}`,
        type: media.type,
        url: media.url,
        preview_url: media.previewUrl,
        remote_url: media.remoteUrl ?? null,
        preview_remote_url: null,
        text_url: null,
        meta:
          media.width !== undefined && media.height !== undefined
            ? { original: { width: media.width, height: media.height, aspect: media.width / media.height } }
            : null,
        description: media.description ?? null,
        blurhash: null
      })),
      mentions: status.mentionIds.map((id) => {
        const m = this.account(id)
        return { id: m.id, username: m.username, url: this.profileUrl(m), acct: this.acct(m) }
      }),
      tags: status.tags.map((name) => ({ name, url: `${this.baseUrl}/tags/${name}` })),
      emojis: [],
      card: null,
      poll: null
    }
  }

  notificationJson(notification: WorldNotification): Record<string, unknown> {
    const status = notification.statusId ? this.statuses.get(notification.statusId) : undefined
    return {
      id: notification.id,
      type: notification.type,
      group_key: `ungrouped-${notification.id}`,
      created_at: iso(notification.createdAt),
      account: this.accountJson(this.account(notification.accountId)),
      ...(status ? { status: this.statusJson(status) } : {})
    }
  }

  /** Newest first, as every Mastodon timeline. */
  sortedStatuses(filter: (s: WorldStatus) => boolean): WorldStatus[] {
    return [...this.statuses.values()].filter(filter).sort((a, b) => compareIds(b.id, a.id))
  }

  /** Whether `viewer` may see `status`: a direct status only its author and the people it names. */
  canSee(viewer: WorldAccount, status: WorldStatus): boolean {
    return status.visibility !== 'direct' || status.accountId === viewer.id || status.mentionIds.includes(viewer.id)
  }

  /**
   * The thread around `status` as `GET /api/v1/statuses/:id/context` shows it to `viewer`: the
   * ancestors oldest first, then the descendants depth first, each level in the order posted
   * (Mastodon's order). Boosts are never part of a thread; statuses the viewer may not see are left out.
   */
  context(status: WorldStatus, viewer: WorldAccount): { ancestors: WorldStatus[]; descendants: WorldStatus[] } {
    const visible = (s: WorldStatus): boolean => s.reblogOfId === null && this.canSee(viewer, s)
    const ancestors: WorldStatus[] = []
    for (let parent = this.statuses.get(status.inReplyToId ?? ''); parent; parent = this.statuses.get(parent.inReplyToId ?? '')) {
      if (visible(parent)) ancestors.unshift(parent)
    }
    const descendants: WorldStatus[] = []
    const below = (id: string): void => {
      const replies = [...this.statuses.values()].filter((s) => s.inReplyToId === id && visible(s)).sort((a, b) => compareIds(a.id, b.id))
      for (const reply of replies) {
        descendants.push(reply)
        below(reply.id)
      }
    }
    below(status.id)
    return { ancestors, descendants }
  }

  /** A status the owner publishes through the API. */
  publish(text: string, inReplyTo: WorldStatus | undefined, language: string | null): WorldStatus {
    return this.post(this.owner, { text, ...(inReplyTo ? { inReplyTo } : {}), language })
  }
}
