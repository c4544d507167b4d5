import type Database from 'better-sqlite3'
import type { ColumnQuery } from '@shared/domain/column'
import type { Author, IncomingPost, Network, Post, PostMedia } from '@shared/domain/post'
import type { PostPage } from '@shared/contract/domains'
import { ApiError } from '@shared/contract/errors'
import { toFtsQuery } from '../fts-query'

const AUTHOR_CACHE_SIZE = 50_000

interface PostRow {
  seq: number
  uid: string
  source_id: string
  network: string
  remote_id: string
  url: string | null
  text: string
  html: string | null
  language: string | null
  created_at: number
  edited_at: number | null
  reply_to: string | null
  likes: number
  reposts: number
  replies: number
  media: string | null
  author_uid: string
  author_handle: string
  author_name: string
  author_followers: number
  author_avatar: string | null
  author_url: string | null
}

const POST_COLUMNS = `p.id AS seq, p.uid, p.source_id, p.network, p.remote_id, p.url, p.text, p.html, p.language,
  p.created_at, p.edited_at, p.reply_to, p.likes, p.reposts, p.replies, p.media,
  a.uid AS author_uid, a.handle AS author_handle, a.display_name AS author_name,
  a.followers AS author_followers, a.avatar_url AS author_avatar, a.url AS author_url`

/** The stored form of a post's media: JSON, or NULL when it has none (the common case costs nothing). */
function mediaColumn(media: PostMedia[]): string | null {
  return media.length === 0 ? null : JSON.stringify(media)
}

/** The media column read back; a value that is not a JSON array (never written by Earshot) reads as none. */
function parseMedia(raw: string | null): PostMedia[] {
  if (raw === null) return []
  try {
    const value: unknown = JSON.parse(raw)
    return Array.isArray(value) ? (value as PostMedia[]) : []
  } catch {
    return []
  }
}

function toPost(row: PostRow): Post {
  const network = row.network as Network
  return {
    id: row.uid,
    sourceId: row.source_id,
    network,
    remoteId: row.remote_id,
    url: row.url,
    author: {
      id: row.author_uid,
      network,
      handle: row.author_handle,
      displayName: row.author_name,
      followers: row.author_followers,
      avatarUrl: row.author_avatar,
      url: row.author_url
    },
    text: row.text,
    html: row.html,
    language: row.language,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    replyToId: row.reply_to,
    counts: { likes: row.likes, reposts: row.reposts, replies: row.replies },
    media: parseMedia(row.media)
  }
}

/**
 * Page cursors. Time-ordered columns page by (created_at, seq); search pages by seq, because
 * ranking or re-sorting a whole FTS result set is exactly what a bounded query must not do.
 */
type Cursor = { kind: 't'; createdAt: number; seq: number } | { kind: 's'; seq: number }

function encodeCursor(cursor: Cursor): string {
  return cursor.kind === 't' ? `t.${cursor.createdAt}.${cursor.seq}` : `s.${cursor.seq}`
}

function decodeCursor(raw: string | null | undefined): Cursor | null {
  if (!raw) return null
  const time = /^t\.(-?\d+)\.(\d+)$/.exec(raw)
  if (time) return { kind: 't', createdAt: Number(time[1]), seq: Number(time[2]) }
  const seq = /^s\.(\d+)$/.exec(raw)
  if (seq) return { kind: 's', seq: Number(seq[1]) }
  throw new ApiError('invalid_input', 'That page cursor is not one Earshot gave out.')
}

/**
 * The filter part of a non-search column query. For time pages the filter drives the index
 * (network, created_at) / (source_id, created_at). For "since" queries it is written `+col` so the
 * planner walks the rowid range instead: only the few newest rows are read, already in order.
 */
function columnFilter(query: Exclude<ColumnQuery, { type: 'search' }>, mode: 'time' | 'since'): { where: string; params: unknown[] } {
  const plus = mode === 'since' ? '+' : ''
  switch (query.type) {
    case 'all':
      return { where: '', params: [] }
    case 'network':
      return { where: `${plus}p.network = ? AND`, params: [query.network] }
    case 'source':
      return { where: `${plus}p.source_id = ? AND`, params: [query.sourceId] }
  }
}

/**
 * Search reads the FTS index newest-first and stops at LIMIT; CROSS JOIN pins the join order so
 * the planner cannot decide to scan posts and probe the hits instead.
 */
function searchSql(direction: '<' | '>'): string {
  return `WITH hits AS (
      SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? AND rowid ${direction} ? ORDER BY rowid DESC LIMIT ?)
    SELECT ${POST_COLUMNS} FROM hits CROSS JOIN posts p ON p.id = hits.rowid CROSS JOIN authors a ON a.id = p.author_id
    ORDER BY hits.rowid DESC`
}

export interface InsertResult {
  /** Posts that were new to the store. */
  inserted: number
  /** Stored posts whose text, counts, media or edit time changed (upstream edits). */
  updated: number
  /** Stable ids of those changed posts. */
  updatedIds: string[]
  /** Highest ingest sequence after the batch. */
  latestSeq: number
}

/**
 * The posts aggregate: posts, their authors and the full-text index. Owns every statement
 * that touches them. All column queries are bounded by LIMIT and served by an index
 * (tests/main/query-plans.test.ts proves there is no full scan).
 */
export class PostRepository {
  private readonly upsertAuthor: Database.Statement
  private readonly findByUid: Database.Statement
  private readonly insertPost: Database.Statement
  private readonly updatePost: Database.Statement
  private readonly insertFts: Database.Statement
  private readonly deleteFts: Database.Statement
  private readonly deletePost: Database.Statement
  private readonly getByUid: Database.Statement
  private readonly selectBySource: Database.Statement
  private readonly newestBySource: Database.Statement
  private readonly deleteBySeq: Database.Statement
  private readonly maxSeq: Database.Statement
  private readonly countAll: Database.Statement
  private readonly countBySourceStmt: Database.Statement
  private readonly timePages = new Map<string, Database.Statement>()
  private readonly sincePages = new Map<string, Database.Statement>()
  private readonly searchPage: Database.Statement
  private readonly searchSince: Database.Statement
  private readonly insertBatch: (posts: IncomingPost[]) => InsertResult
  /** Authors written by this repository (the store has one writer): uid → local id and profile. */
  private readonly authors = new Map<string, { id: number; fingerprint: string }>()

  constructor(private readonly db: Database.Database) {
    this.upsertAuthor = db.prepare(`INSERT INTO authors (uid, network, handle, display_name, followers, avatar_url, url)
      VALUES (@id, @network, @handle, @displayName, @followers, @avatarUrl, @url)
      ON CONFLICT(uid) DO UPDATE SET handle = excluded.handle, display_name = excluded.display_name,
        followers = excluded.followers, avatar_url = excluded.avatar_url, url = excluded.url
      RETURNING id`)
    this.findByUid = db.prepare('SELECT id, text, edited_at, likes, reposts, replies, media FROM posts WHERE uid = ?')
    this.insertPost = db.prepare(`INSERT INTO posts (uid, source_id, network, remote_id, url, author_id, text, html, language,
        created_at, edited_at, reply_to, likes, reposts, replies, media)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uid) DO NOTHING`)
    this.updatePost = db.prepare(`UPDATE posts SET url = ?, text = ?, html = ?, language = ?, edited_at = ?,
        likes = ?, reposts = ?, replies = ?, media = ? WHERE id = ?`)
    this.insertFts = db.prepare('INSERT INTO posts_fts (rowid, text, author) VALUES (?, ?, ?)')
    this.deleteFts = db.prepare('DELETE FROM posts_fts WHERE rowid = ?')
    this.deletePost = db.prepare('DELETE FROM posts WHERE uid = ? RETURNING id')
    this.getByUid = db.prepare(`SELECT ${POST_COLUMNS} FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.uid = ?`)
    this.selectBySource = db.prepare('SELECT id FROM posts WHERE source_id = ? LIMIT ?')
    this.newestBySource = db.prepare('SELECT uid FROM posts WHERE source_id = ? ORDER BY created_at DESC LIMIT ?')
    this.deleteBySeq = db.prepare('DELETE FROM posts WHERE id = ?')
    this.maxSeq = db.prepare('SELECT coalesce(max(id), 0) AS seq FROM posts')
    this.countAll = db.prepare('SELECT count(*) AS n FROM posts')
    this.countBySourceStmt = db.prepare('SELECT count(*) AS n FROM posts WHERE source_id = ?')
    this.searchPage = db.prepare(searchSql('<'))
    this.searchSince = db.prepare(searchSql('>'))
    this.insertBatch = db.transaction((posts: IncomingPost[]) => this.writeBatch(posts))
  }

  /**
   * Stores a batch in one transaction: new posts are inserted and indexed; known ones take
   * upstream edits (text, counts, media, edit time). Authors are upserted with their latest profile.
   */
  insertMany(posts: IncomingPost[]): InsertResult {
    if (posts.length === 0) return { inserted: 0, updated: 0, updatedIds: [], latestSeq: this.latestSeq() }
    return this.insertBatch(posts)
  }

  private writeBatch(posts: IncomingPost[]): InsertResult {
    let inserted = 0
    const updatedIds: string[] = []
    let latestSeq = 0
    for (const post of posts) {
      const authorId = this.authorId(post.author)
      const authorText = `${post.author.displayName} ${post.author.handle}`
      const media = mediaColumn(post.media)
      // New posts are the common case: try the insert first and fall back to the edit path.
      const info = this.insertPost.run(post.id, post.sourceId, post.network, post.remoteId, post.url, authorId, post.text,
        post.html, post.language, post.createdAt, post.editedAt, post.replyToId, post.counts.likes, post.counts.reposts,
        post.counts.replies, media)
      if (info.changes > 0) {
        const seq = Number(info.lastInsertRowid)
        this.insertFts.run(seq, post.text, authorText)
        inserted++
        latestSeq = Math.max(latestSeq, seq)
        continue
      }
      const existing = this.findByUid.get(post.id) as
        | { id: number; text: string; edited_at: number | null; likes: number; reposts: number; replies: number; media: string | null }
        | undefined
      if (!existing) continue
      const changed =
        existing.text !== post.text ||
        existing.edited_at !== post.editedAt ||
        existing.likes !== post.counts.likes ||
        existing.reposts !== post.counts.reposts ||
        existing.replies !== post.counts.replies ||
        existing.media !== media
      if (!changed) continue
      this.updatePost.run(post.url, post.text, post.html, post.language, post.editedAt, post.counts.likes,
        post.counts.reposts, post.counts.replies, media, existing.id)
      if (existing.text !== post.text) {
        this.deleteFts.run(existing.id)
        this.insertFts.run(existing.id, post.text, authorText)
      }
      updatedIds.push(post.id)
    }
    return { inserted, updated: updatedIds.length, updatedIds, latestSeq: latestSeq || this.latestSeq() }
  }

  /**
   * The local id of an author, upserting only when the profile differs from what this
   * repository last wrote: most posts come from authors it has just seen.
   */
  private authorId(author: Author): number {
    const fingerprint = `${author.handle}\u0000${author.displayName}\u0000${author.followers}\u0000${author.avatarUrl}\u0000${author.url}`
    const known = this.authors.get(author.id)
    if (known?.fingerprint === fingerprint) return known.id
    const id = (this.upsertAuthor.get(author) as { id: number }).id
    if (this.authors.size >= AUTHOR_CACHE_SIZE) this.authors.clear()
    this.authors.set(author.id, { id, fingerprint })
    return id
  }

  /** Applies upstream deletions; returns the stable ids that were actually removed. */
  removeMany(ids: string[]): string[] {
    return this.db.transaction(() => {
      const removed: string[] = []
      for (const id of ids) {
        const row = this.deletePost.get(id) as { id: number } | undefined
        if (!row) continue
        this.deleteFts.run(row.id)
        removed.push(id)
      }
      return removed
    })()
  }

  /**
   * Removes every post a source brought (a source removed with its posts). Works in chunks so
   * that a large source never holds the write lock for long.
   */
  removeBySource(sourceId: string, chunk = 2000): number {
    let removed = 0
    for (;;) {
      const count = this.db.transaction(() => {
        const rows = this.selectBySource.all(sourceId, chunk) as Array<{ id: number }>
        for (const row of rows) {
          this.deleteFts.run(row.id)
          this.deleteBySeq.run(row.id)
        }
        return rows.length
      })()
      removed += count
      if (count < chunk) return removed
    }
  }

  /** Stable ids of a source's newest posts (by creation time). */
  newestIdsBySource(sourceId: string, limit: number): string[] {
    return (this.newestBySource.all(sourceId, limit) as Array<{ uid: string }>).map((row) => row.uid)
  }

  get(id: string): Post | null {
    const row = this.getByUid.get(id) as PostRow | undefined
    return row ? toPost(row) : null
  }

  latestSeq(): number {
    return (this.maxSeq.get() as { seq: number }).seq
  }

  count(): number {
    return (this.countAll.get() as { n: number }).n
  }

  countBySource(sourceId: string): number {
    return (this.countBySourceStmt.get(sourceId) as { n: number }).n
  }

  /** One page of a column, newest first. */
  page(query: ColumnQuery, cursorText: string | null | undefined, limit: number): PostPage {
    const latestSeq = this.latestSeq()
    const cursor = decodeCursor(cursorText)
    if (query.type === 'search') {
      const match = toFtsQuery(query.text)
      if (!match) return { posts: [], nextCursor: null, latestSeq }
      const before = cursor?.kind === 's' ? cursor.seq : Number.MAX_SAFE_INTEGER
      const rows = this.searchPage.all(match, before, limit) as PostRow[]
      const last = rows[rows.length - 1]
      return {
        posts: rows.map(toPost),
        nextCursor: rows.length === limit && last ? encodeCursor({ kind: 's', seq: last.seq }) : null,
        latestSeq
      }
    }
    const { where, params } = columnFilter(query, 'time')
    const statement = this.timePage(query.type, where, cursor?.kind === 't')
    const rows = (cursor?.kind === 't'
      ? statement.all(...params, cursor.createdAt, cursor.seq, limit)
      : statement.all(...params, limit)) as PostRow[]
    const last = rows[rows.length - 1]
    return {
      posts: rows.map(toPost),
      nextCursor: rows.length === limit && last ? encodeCursor({ kind: 't', createdAt: last.created_at, seq: last.seq }) : null,
      latestSeq
    }
  }

  /** Posts of a column stored after `afterSeq`, newest first (what a live column asks after `posts:added`). */
  since(query: ColumnQuery, afterSeq: number, limit: number): PostPage {
    const latestSeq = this.latestSeq()
    let rows: PostRow[]
    if (query.type === 'search') {
      const match = toFtsQuery(query.text)
      rows = match ? (this.searchSince.all(match, afterSeq, limit) as PostRow[]) : []
    } else {
      const { where, params } = columnFilter(query, 'since')
      let statement = this.sincePages.get(query.type)
      if (!statement) {
        statement = this.db.prepare(`SELECT ${POST_COLUMNS} FROM posts p JOIN authors a ON a.id = p.author_id
          WHERE ${where} p.id > ? ORDER BY p.id DESC LIMIT ?`)
        this.sincePages.set(query.type, statement)
      }
      rows = statement.all(...params, afterSeq, limit) as PostRow[]
    }
    return { posts: rows.map(toPost), nextCursor: null, latestSeq }
  }

  private timePage(type: string, where: string, withCursor: boolean): Database.Statement {
    const key = `${type}:${withCursor}`
    let statement = this.timePages.get(key)
    if (!statement) {
      // A row value keeps the whole (created_at, id) comparison inside one index range.
      const cursorClause = withCursor ? '(p.created_at, p.id) < (?, ?) AND' : ''
      statement = this.db.prepare(`SELECT ${POST_COLUMNS} FROM posts p JOIN authors a ON a.id = p.author_id
        WHERE ${where} ${cursorClause} 1 ORDER BY p.created_at DESC, p.id DESC LIMIT ?`)
      this.timePages.set(key, statement)
    }
    return statement
  }
}
