import type Database from 'better-sqlite3'
import type { ColumnQuery, PostFilter } from '@shared/domain/column'
import { isIntent, type Intent } from '@shared/domain/intent'
import type { Author, IncomingPost, Network, Post, PostMedia } from '@shared/domain/post'
import type { PostTriage, Sentiment, TriageStatus } from '@shared/domain/triage'
import type { PostPage } from '@shared/contract/domains'
import { ApiError } from '@shared/contract/errors'
import { NEEDS_RESPONSE, type BrandAddress, type PriorityFactor, type StoredTriage } from '@shared/triage/types'
import { computePriority, slaFactor, storedPriorityInput } from '../../triage/priority'
import { anyOfFtsQuery, toFtsQuery } from '../fts-query'

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
  direct: number
  author_uid: string
  author_handle: string
  author_name: string
  author_followers: number
  author_avatar: string | null
  author_url: string | null
  intent: string | null
  confidence: number | null
  sentiment: string | null
  sentiment_score: number | null
  needs_response: number
  base_priority: number | null
  addressed: number | null
  triage_followers: number | null
  triage_watchlist: number | null
  wf_rowid: number | null
  wf_status: string | null
  wf_team: string | null
  wf_assignee: string | null
  wf_tags: string | null
  wf_snoozed_until: number | null
  wf_intent_override: string | null
  wf_boost: number | null
  wf_due_at: number | null
  wf_first_response_at: number | null
  wf_note_count: number | null
  watched: number
}

/**
 * Every read joins the cache row with the people's decisions (post_workflow, state db) and the
 * watchlist: `w` is post_workflow, LEFT JOINed (or driving) in every statement.
 */
const POST_COLUMNS = `p.id AS seq, p.uid, p.source_id, p.network, p.remote_id, p.url, p.text, p.html, p.language,
  p.created_at, p.edited_at, p.reply_to, p.likes, p.reposts, p.replies, p.media, p.direct,
  a.uid AS author_uid, a.handle AS author_handle, a.display_name AS author_name,
  a.followers AS author_followers, a.avatar_url AS author_avatar, a.url AS author_url,
  p.intent, p.confidence, p.sentiment, p.sentiment_score, p.needs_response, p.base_priority,
  p.addressed, p.triage_followers, p.triage_watchlist,
  w.rowid AS wf_rowid, w.status AS wf_status, w.team_id AS wf_team, w.assignee AS wf_assignee, w.tags AS wf_tags,
  w.snoozed_until AS wf_snoozed_until, w.intent_override AS wf_intent_override, w.priority_boost AS wf_boost,
  w.due_at AS wf_due_at, w.first_response_at AS wf_first_response_at, w.note_count AS wf_note_count,
  EXISTS (SELECT 1 FROM watchlist wl WHERE wl.author_id = a.uid) AS watched`

/**
 * The usual way in: a post, (when there is one) its workflow row, and its author. The workflow row
 * comes first, so that a post the team has dealt with is dropped before its author is read.
 */
const JOIN_WORKFLOW_AUTHOR = 'LEFT JOIN post_workflow w ON w.post_id = p.uid CROSS JOIN authors a ON a.id = p.author_id'

/**
 * How far back the needs-reply queue reaches (unless a column sets its own time window): first
 * responses are due within the hour, so a post unanswered for a week has left the queue. Every page
 * of the queue checks each post needing a response in this window, so the window is its cost.
 */
export const NEEDS_REPLY_WINDOW_MS = 7 * 24 * 3600_000
/** An unread count stops here (the UI shows "10,000+"). */
export const COUNT_CAP = 10_000
/** How far a thread is followed up the reply chain, and how many posts it may hold. */
const THREAD_ANCESTORS = 50
const THREAD_MAX = 300
const STATEMENT_CACHE = 300

/** Still waiting for the team: no workflow row, new, assigned, or snoozed until a time that has come. */
const OPEN_SQL = "(w.status IS NULL OR w.status IN ('new', 'assigned') OR (w.status = 'snoozed' AND w.snoozed_until <= ?))"

function isOpen(status: TriageStatus, snoozedUntil: number | null, now: number): boolean {
  return status === 'new' || status === 'assigned' || (status === 'snoozed' && snoozedUntil !== null && snoozedUntil <= now)
}

/**
 * Priority as read: the stored base, the routing boost and (while the post waits) the SLA time
 * left. The needs-reply queue sorts by the same function, registered in SQLite.
 */
function readPriority(base: number, boost: number, dueAt: number | null, open: boolean, now: number): { priority: number; sla: PriorityFactor | null } {
  const sla = open && dueAt !== null ? slaFactor((dueAt - now) / 60_000) : null
  return { priority: Math.max(0, Math.min(100, Math.round(base + boost + (sla?.contribution ?? 0)))), sla }
}

function routingFactor(boost: number): PriorityFactor {
  return {
    factor: 'routing',
    weight: 50,
    contribution: boost,
    reason: `routing rule ${boost > 0 ? 'raised' : 'lowered'} the priority by ${Math.abs(boost)}`
  }
}

function parseJsonArray<T>(raw: string | null): T[] {
  if (raw === null) return []
  try {
    const value: unknown = JSON.parse(raw)
    return Array.isArray(value) ? (value as T[]) : []
  } catch {
    return []
  }
}

/** posts.addressed: how the post addressed the brand, as a small integer (0 not directly, 1 by name, 2 by @handle). */
const ADDRESSED_CODES: readonly BrandAddress[] = [null, 'name', 'handle']

/**
 * The factors behind a post's stored base priority, computed again from what the classifier read
 * (the cache keeps those few numbers, not the factors): the same computePriority, so they add up
 * to base_priority. An intent a person corrected is stored as certain and explained as corrected.
 */
function storedFactors(row: PostRow, intent: Intent, corrected: boolean): PriorityFactor[] {
  const stored = {
    intent,
    confidence: row.confidence ?? 0,
    sentiment: (row.sentiment ?? 'unknown') as Sentiment,
    sentimentScore: row.sentiment_score,
    addressed: ADDRESSED_CODES[row.addressed ?? 0] ?? null,
    followers: row.triage_followers,
    watchlist: row.triage_watchlist === 1
  }
  return computePriority(storedPriorityInput(stored, corrected)).factors
}

/** The stored form of a post's media: JSON, or NULL when it has none (the common case costs nothing). */
function mediaColumn(media: PostMedia[]): string | null {
  return media.length === 0 ? null : JSON.stringify(media)
}

/** What triage made of a post, with the team's decisions; null until the post is classified. */
function toTriage(row: PostRow, now: number): PostTriage | null {
  if (row.intent === null) return null
  const override = isIntent(row.wf_intent_override) ? row.wf_intent_override : null
  const status = (row.wf_status ?? 'new') as TriageStatus
  const boost = row.wf_boost ?? 0
  const { priority, sla } = readPriority(row.base_priority ?? 0, boost, row.wf_due_at, isOpen(status, row.wf_snoozed_until, now), now)
  const cached = row.intent as Intent
  const factors = storedFactors(row, cached, override === cached)
  if (boost !== 0) factors.push(routingFactor(boost))
  if (sla) factors.push(sla)
  return {
    intent: override ?? cached,
    confidence: override ? 1 : (row.confidence ?? 0),
    intentCorrected: override !== null,
    sentiment: (row.sentiment ?? 'unknown') as Sentiment,
    sentimentScore: row.sentiment_score,
    needsResponse: override ? NEEDS_RESPONSE.has(override) : row.needs_response === 1,
    priority,
    factors,
    watched: row.watched === 1,
    status,
    teamId: row.wf_team,
    assignee: row.wf_assignee,
    tags: parseJsonArray<string>(row.wf_tags),
    snoozedUntil: row.wf_snoozed_until,
    dueAt: row.wf_due_at,
    firstResponseAt: row.wf_first_response_at,
    noteCount: row.wf_note_count ?? 0
  }
}

function toPost(row: PostRow, now: number): Post {
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
    media: parseJsonArray<PostMedia>(row.media),
    direct: row.direct === 1,
    triage: toTriage(row, now)
  }
}

/**
 * Page cursors. Time-ordered columns page by (created_at, seq), or by (created_at, workflow row)
 * when the workflow drives; text columns page by seq, because ranking or re-sorting a whole FTS
 * result set is exactly what a bounded query must not do; the needs-reply queue pages by
 * (urgency, created_at, seq) computed at the moment its first page was read, carried in the cursor.
 */
type Cursor =
  | { kind: 't'; createdAt: number; seq: number }
  | { kind: 'w'; createdAt: number; row: number }
  | { kind: 's'; seq: number }
  | { kind: 'n'; now: number; urgency: number; createdAt: number; seq: number }

function encodeCursor(cursor: Cursor): string {
  switch (cursor.kind) {
    case 't':
      return `t.${cursor.createdAt}.${cursor.seq}`
    case 'w':
      return `w.${cursor.createdAt}.${cursor.row}`
    case 's':
      return `s.${cursor.seq}`
    case 'n':
      return `n.${cursor.now}.${cursor.urgency}.${cursor.createdAt}.${cursor.seq}`
  }
}

function decodeCursor(raw: string | null | undefined): Cursor | null {
  if (!raw) return null
  const parts = raw.split('.')
  const numbers = parts.slice(1).map(Number)
  const valid = numbers.every((n) => Number.isSafeInteger(n)) && parts.slice(1).every((part) => /^-?\d+$/.test(part))
  const [a = 0, b = 0, c = 0, d = 0] = numbers
  if (valid && parts[0] === 't' && numbers.length === 2) return { kind: 't', createdAt: a, seq: b }
  if (valid && parts[0] === 'w' && numbers.length === 2) return { kind: 'w', createdAt: a, row: b }
  if (valid && parts[0] === 's' && numbers.length === 1) return { kind: 's', seq: a }
  if (valid && parts[0] === 'n' && numbers.length === 4) return { kind: 'n', now: a, urgency: b, createdAt: c, seq: d }
  throw new ApiError('invalid_input', 'That page cursor is not one Earshot gave out.')
}

/** A piece of SQL with its positional parameters, in the order they appear. */
interface Sql {
  text: string
  params: unknown[]
}

function sql(text: string, ...params: unknown[]): Sql {
  return { text, params }
}

function joinSql(parts: Sql[], separator: string): Sql {
  return { text: parts.map((part) => part.text).join(separator), params: parts.flatMap((part) => part.params) }
}

function inList(column: string, values: readonly unknown[]): Sql {
  return sql(`${column} IN (${values.map(() => '?').join(', ')})`, ...values)
}

/** A PostFilter compiled to SQL over `p` (posts), `a` (authors) and `w` (post_workflow). */
interface CompiledFilter {
  /** FTS5 expression for the text and the topics, or null when the filter has neither. */
  match: string | null
  /** The filter asked for words that can never match (e.g. only punctuation): nothing matches. */
  nothing: boolean
  /** Lower bound on created_at (withinHours), or null. */
  createdFrom: number | null
  /** Conditions every row must meet, besides the text and the time window. */
  conditions: Sql[]
  /** Only posts with a workflow row can match (a team, an assignee, a status other than new). */
  needsWorkflowRow: boolean
  /**
   * Only assigned or snoozed posts: the open work, a small set wherever it lies in time, read by
   * status and sorted, rather than by walking the workflow's history until enough turn up.
   */
  openWorkOnly: boolean
  /** The time index that serves this filter's newest-first order. */
  index: string
}

function present<T>(values: readonly T[] | undefined): values is readonly T[] {
  return values !== undefined && values.length > 0
}

function compileFilter(filter: PostFilter, now: number): CompiledFilter {
  const conditions: Sql[] = []
  let nothing = false
  const matches: string[] = []
  if (filter.text !== undefined && filter.text.trim() !== '') {
    const text = toFtsQuery(filter.text)
    if (text) matches.push(`(${text})`)
    else nothing = true
  }
  if (present(filter.topics)) {
    const topics = anyOfFtsQuery(filter.topics)
    if (topics) matches.push(`(${topics})`)
    else nothing = true
  }
  if (present(filter.networks)) conditions.push(inList('p.network', filter.networks))
  if (present(filter.sourceIds)) conditions.push(inList('p.source_id', filter.sourceIds))
  if (present(filter.languages)) conditions.push(inList('p.language', filter.languages))
  if (present(filter.sentiments)) conditions.push(inList('p.sentiment', filter.sentiments))
  // A person's correction wins over the model, in the filter as on the card.
  if (present(filter.intents)) conditions.push(inList('coalesce(w.intent_override, p.intent)', filter.intents))
  // Without 'new' only posts with a workflow row qualify: the plain column lets its index serve.
  if (present(filter.statuses)) conditions.push(inList(filter.statuses.includes('new') ? "coalesce(w.status, 'new')" : 'w.status', filter.statuses))
  if (present(filter.teamIds)) conditions.push(inList('w.team_id', filter.teamIds))
  if (present(filter.assignees)) conditions.push(inList('w.assignee', filter.assignees))
  if (filter.watchlistOnly) conditions.push(sql('EXISTS (SELECT 1 FROM watchlist wl WHERE wl.author_id = a.uid)'))
  // A lookup per row, not a condition on the joined author: that one makes the planner read the
  // whole authors table up front to build a Bloom filter, while LIMIT means only a few rows are read.
  if (filter.minFollowers !== undefined && filter.minFollowers > 0) {
    conditions.push(sql('(SELECT followers FROM authors WHERE id = p.author_id) >= ?', filter.minFollowers))
  }
  if (filter.hasMedia) conditions.push(sql('p.media IS NOT NULL'))
  const needsWorkflowRow =
    present(filter.teamIds) || present(filter.assignees) || (present(filter.statuses) && !filter.statuses.includes('new'))
  // A single value of an indexed column serves the time order straight from its index.
  const index =
    filter.sourceIds?.length === 1
      ? 'posts_by_source_time'
      : filter.networks?.length === 1
        ? 'posts_by_network_time'
        : filter.languages?.length === 1
          ? 'posts_by_language_time'
          : 'posts_by_time'
  return {
    match: matches.length ? matches.join(' AND ') : null,
    nothing,
    createdFrom: filter.withinHours ? now - filter.withinHours * 3600_000 : null,
    conditions,
    needsWorkflowRow,
    openWorkOnly: present(filter.statuses) && filter.statuses.every((status) => status === 'assigned' || status === 'snoozed'),
    index
  }
}

/** The queue's own conditions: needs an answer (unless a correction says otherwise) and still open. */
function queueConditions(now: number): Sql[] {
  return [
    sql('p.needs_response = 1'),
    sql(OPEN_SQL, now),
    sql(`(w.intent_override IS NULL OR ${inList('w.intent_override', [...NEEDS_RESPONSE]).text})`, ...NEEDS_RESPONSE)
  ]
}

function where(parts: Sql[]): Sql {
  return parts.length ? joinSql([sql('WHERE'), joinSql(parts, ' AND ')], ' ') : sql('')
}

export interface InsertResult {
  /** Posts that were new to the store. */
  inserted: number
  /** Stable ids of those new posts (routing takes them from here). */
  insertedIds: string[]
  /** Stored posts whose text, counts, media or edit time changed (upstream edits). */
  updated: number
  /** Stable ids of those changed posts. */
  updatedIds: string[]
  /** Highest ingest sequence after the batch. */
  latestSeq: number
}

/** What the needs-reply queue holds right now: every post its pages would list, not one page. */
export interface NeedsReplyLoad {
  /** Posts in the queue. */
  total: number
  /** Creation time of the oldest of them, or null when the queue is empty. */
  oldestCreatedAt: number | null
  /** Per team (null: in no team, or not routed), the posts in the queue and those past their SLA deadline. */
  teams: Array<{ teamId: string | null; waiting: number; breached: number }>
}

/** A post as a connector gave it, with what triage made of it when it was classified before storing. */
export type PostToStore = IncomingPost & { triage?: StoredTriage }

/** The FROM clause, conditions and order of one way of reading posts. */
interface Plan {
  from: string
  conditions: Sql[]
  /** Extra output column (the queue's urgency), or null. */
  select: Sql | null
  order: Sql
}

/**
 * The posts aggregate: posts, their authors and the full-text index, read together with the
 * team's decisions (post_workflow, watchlist). Owns every statement that touches them. All column
 * queries are bounded by LIMIT and driven by an index (tests/main/query-plans.test.ts proves there
 * is no full scan): the text index for text and topics, the workflow's time index for teams,
 * assignees and statuses, the partial index of posts needing a response for the queue, and a time
 * index (per source, network or language when the filter names exactly one) for everything else.
 */
export class PostRepository {
  private readonly upsertAuthor: Database.Statement
  private readonly findByUid: Database.Statement
  private readonly insertPost: Database.Statement
  private readonly updatePost: Database.Statement
  private readonly writeTriage: Database.Statement
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
  private readonly selectUnclassified: Database.Statement
  private readonly selectCreatedSince: Database.Statement
  private readonly selectRepliesTo: Database.Statement
  /** Column statements, prepared once per shape (the SQL text is the shape). */
  private readonly statements = new Map<string, Database.Statement>()
  private readonly insertBatch: (posts: PostToStore[]) => InsertResult
  /** Authors written by this repository (the store has one writer): uid → local id and profile. */
  private readonly authors = new Map<string, { id: number; fingerprint: string }>()

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number
  ) {
    // The queue sorts by the priority a card shows; one function computes both.
    db.function('earshot_urgency', { deterministic: true }, (base: unknown, boost: unknown, dueAt: unknown, at: unknown) =>
      readPriority(Number(base ?? 0), Number(boost ?? 0), dueAt === null ? null : Number(dueAt), true, Number(at)).priority
    )
    this.upsertAuthor = db.prepare(`INSERT INTO authors (uid, network, handle, display_name, followers, avatar_url, url)
      VALUES (@id, @network, @handle, @displayName, @followers, @avatarUrl, @url)
      ON CONFLICT(uid) DO UPDATE SET handle = excluded.handle, display_name = excluded.display_name,
        followers = excluded.followers, avatar_url = excluded.avatar_url, url = excluded.url
      RETURNING id`)
    this.findByUid = db.prepare('SELECT id, text, edited_at, likes, reposts, replies, media, direct FROM posts WHERE uid = ?')
    this.insertPost = db.prepare(`INSERT INTO posts (uid, source_id, network, remote_id, url, author_id, text, html, language,
        created_at, edited_at, reply_to, likes, reposts, replies, media, direct,
        intent, confidence, sentiment, sentiment_score, needs_response, base_priority, addressed, triage_followers, triage_watchlist)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uid) DO NOTHING`)
    // An edit without a language tag keeps the one detected before.
    this.updatePost = db.prepare(`UPDATE posts SET url = ?, text = ?, html = ?, language = coalesce(?, language), edited_at = ?,
        likes = ?, reposts = ?, replies = ?, media = ?, direct = ? WHERE id = ?`)
    this.writeTriage = db.prepare(`UPDATE posts SET intent = ?, confidence = ?, sentiment = ?, sentiment_score = ?,
        needs_response = ?, base_priority = ?, addressed = ?, triage_followers = ?, triage_watchlist = ?,
        language = coalesce(language, ?) WHERE uid = ?`)
    this.insertFts = db.prepare('INSERT INTO posts_fts (rowid, text, author) VALUES (?, ?, ?)')
    this.deleteFts = db.prepare('DELETE FROM posts_fts WHERE rowid = ?')
    this.deletePost = db.prepare('DELETE FROM posts WHERE uid = ? RETURNING id')
    this.getByUid = db.prepare(`SELECT ${POST_COLUMNS} FROM posts p ${JOIN_WORKFLOW_AUTHOR} WHERE p.uid = ?`)
    this.selectBySource = db.prepare('SELECT id FROM posts WHERE source_id = ? LIMIT ?')
    this.newestBySource = db.prepare('SELECT uid FROM posts WHERE source_id = ? ORDER BY created_at DESC LIMIT ?')
    this.deleteBySeq = db.prepare('DELETE FROM posts WHERE id = ?')
    this.maxSeq = db.prepare('SELECT coalesce(max(id), 0) AS seq FROM posts')
    this.countAll = db.prepare('SELECT count(*) AS n FROM posts')
    this.countBySourceStmt = db.prepare('SELECT count(*) AS n FROM posts WHERE source_id = ?')
    this.selectUnclassified = db.prepare(`SELECT ${POST_COLUMNS} FROM posts p INDEXED BY posts_unclassified ${JOIN_WORKFLOW_AUTHOR}
      WHERE p.intent IS NULL ORDER BY p.id DESC LIMIT ?`)
    this.selectCreatedSince = db.prepare(`SELECT ${POST_COLUMNS} FROM posts p INDEXED BY posts_by_time ${JOIN_WORKFLOW_AUTHOR}
      WHERE p.created_at >= ? AND (p.created_at, p.id) < (?, ?) ORDER BY p.created_at DESC, p.id DESC LIMIT ?`)
    this.selectRepliesTo = db.prepare(`SELECT ${POST_COLUMNS} FROM posts p INDEXED BY posts_by_reply_to ${JOIN_WORKFLOW_AUTHOR}
      WHERE p.reply_to IN (SELECT value FROM json_each(?)) LIMIT ?`)
    this.insertBatch = db.transaction((posts: PostToStore[]) => this.writeBatch(posts))
  }

  /**
   * Stores a batch in one transaction: new posts are inserted and indexed, with their triage when
   * given; known ones take upstream edits (text, counts, media, edit time, whether it is direct,
   * and a new triage when the text changed). Authors are upserted with their latest profile. When
   * the network gave no language, the one triage detected is stored.
   */
  insertMany(posts: PostToStore[]): InsertResult {
    if (posts.length === 0) return { inserted: 0, insertedIds: [], updated: 0, updatedIds: [], latestSeq: this.latestSeq() }
    return this.insertBatch(posts)
  }

  private writeBatch(posts: PostToStore[]): InsertResult {
    const insertedIds: string[] = []
    const updatedIds: string[] = []
    let latestSeq = 0
    for (const post of posts) {
      const authorId = this.authorId(post.author)
      const authorText = `${post.author.displayName} ${post.author.handle}`
      const media = mediaColumn(post.media)
      const triage = post.triage
      const language = post.language ?? triage?.language ?? null
      // New posts are the common case: try the insert first and fall back to the edit path.
      const info = this.insertPost.run(post.id, post.sourceId, post.network, post.remoteId, post.url, authorId, post.text,
        post.html, language, post.createdAt, post.editedAt, post.replyToId, post.counts.likes, post.counts.reposts,
        post.counts.replies, media, post.direct ? 1 : 0, triage?.intent ?? null, triage?.confidence ?? null, triage?.sentiment ?? null,
        triage?.sentimentScore ?? null, triage?.needsResponse ? 1 : 0, triage?.basePriority ?? null,
        triage ? ADDRESSED_CODES.indexOf(triage.addressed) : null, triage?.followers ?? null, triage ? (triage.watchlist ? 1 : 0) : null)
      if (info.changes > 0) {
        const seq = Number(info.lastInsertRowid)
        this.insertFts.run(seq, post.text, authorText)
        insertedIds.push(post.id)
        latestSeq = Math.max(latestSeq, seq)
        continue
      }
      const existing = this.findByUid.get(post.id) as
        | { id: number; text: string; edited_at: number | null; likes: number; reposts: number; replies: number; media: string | null; direct: number }
        | undefined
      if (!existing) continue
      const changed =
        existing.text !== post.text ||
        existing.edited_at !== post.editedAt ||
        existing.likes !== post.counts.likes ||
        existing.reposts !== post.counts.reposts ||
        existing.replies !== post.counts.replies ||
        existing.media !== media ||
        // Posts stored before the column existed read as public until the network hands them over again.
        existing.direct !== (post.direct ? 1 : 0)
      if (!changed) continue
      this.updatePost.run(post.url, post.text, post.html, language, post.editedAt, post.counts.likes,
        post.counts.reposts, post.counts.replies, media, post.direct ? 1 : 0, existing.id)
      if (existing.text !== post.text) {
        this.deleteFts.run(existing.id)
        this.insertFts.run(existing.id, post.text, authorText)
        if (triage) this.runWriteTriage(post.id, triage)
      }
      updatedIds.push(post.id)
    }
    return { inserted: insertedIds.length, insertedIds, updated: updatedIds.length, updatedIds, latestSeq: latestSeq || this.latestSeq() }
  }

  private runWriteTriage(id: string, triage: StoredTriage): number {
    return this.writeTriage.run(triage.intent, triage.confidence, triage.sentiment, triage.sentimentScore,
      triage.needsResponse ? 1 : 0, triage.basePriority, ADDRESSED_CODES.indexOf(triage.addressed), triage.followers,
      triage.watchlist ? 1 : 0, triage.language, id).changes
  }

  /**
   * Replaces what triage made of stored posts (re-classification after a correction, backfill);
   * a language is filled in only where none is stored. Returns how many posts were found.
   */
  setTriage(updates: Array<{ id: string; triage: StoredTriage }>): number {
    if (updates.length === 0) return 0
    return this.db.transaction(() => updates.reduce((found, { id, triage }) => found + this.runWriteTriage(id, triage), 0))()
  }

  /** Posts never classified (stored before triage existed), newest first: the backfill's work list. */
  unclassified(limit: number): IncomingPost[] {
    const now = this.now()
    return (this.selectUnclassified.all(limit) as PostRow[]).map((row) => toPost(row, now))
  }

  /**
   * Every post created at or after `sinceMs`, newest first, read in small keyset pages so that no
   * statement stays open between items (the caller may write in between).
   */
  *scanCreatedSince(sinceMs: number, chunk = 500): Iterable<Post> {
    let createdAt = Number.MAX_SAFE_INTEGER
    let seq = Number.MAX_SAFE_INTEGER
    for (;;) {
      const rows = this.selectCreatedSince.all(sinceMs, createdAt, seq, chunk) as PostRow[]
      const now = this.now()
      for (const row of rows) yield toPost(row, now)
      const last = rows[rows.length - 1]
      if (!last || rows.length < chunk) return
      createdAt = last.created_at
      seq = last.seq
    }
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
    return row ? toPost(row, this.now()) : null
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

  /**
   * The conversation a post belongs to, oldest first: the chain of posts it replies to (as far as
   * the store has them, at most THREAD_ANCESTORS up), the post, and the stored replies to any of
   * them, level by level, up to THREAD_MAX posts. Null when the post is not stored.
   */
  thread(id: string): Post[] | null {
    const post = this.get(id)
    if (!post) return null
    const found = new Map<string, Post>([[post.id, post]])
    for (let parent = post.replyToId, steps = 0; parent && !found.has(parent) && steps < THREAD_ANCESTORS; steps++) {
      const ancestor = this.get(parent)
      if (!ancestor) break
      found.set(ancestor.id, ancestor)
      parent = ancestor.replyToId
    }
    const now = this.now()
    let level = [...found.keys()]
    while (level.length > 0 && found.size < THREAD_MAX) {
      const rows = this.selectRepliesTo.all(JSON.stringify(level), THREAD_MAX - found.size) as PostRow[]
      level = []
      for (const row of rows) {
        if (found.has(row.uid)) continue
        found.set(row.uid, toPost(row, now))
        level.push(row.uid)
      }
    }
    return [...found.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  /** One page of a column: newest first, or for the needs-reply queue most urgent first. */
  page(query: ColumnQuery, cursorText: string | null | undefined, limit: number): PostPage {
    const latestSeq = this.latestSeq()
    const cursor = decodeCursor(cursorText)
    // The queue's order depends on the clock: later pages keep the moment of the first one.
    const now = cursor?.kind === 'n' ? cursor.now : this.now()
    const filter = compileFilter(query.filter, now)
    if (filter.nothing) return { posts: [], nextCursor: null, latestSeq }
    const plan = query.type === 'needs-reply' ? this.queuePlan(filter, now) : this.streamPlan(filter)
    const kind = query.type === 'needs-reply' ? 'n' : this.streamCursorKind(filter)
    const after = this.cursorCondition(kind, cursor, now)
    const rows = this.run(plan, after ? [after] : [], limit) as Array<PostRow & { urgency?: number }>
    const last = rows[rows.length - 1]
    return {
      posts: rows.map((row) => toPost(row, now)),
      nextCursor: rows.length === limit && last ? encodeCursor(this.cursorAfter(kind, last, now)) : null,
      latestSeq
    }
  }

  /**
   * What the needs-reply queue with this filter holds at `now`, counted over the very plan its pages
   * read (same index, same conditions, same window), so that a counter never tells a different story
   * from the column: the wall screen's "waiting for reply" is this total.
   */
  needsReplyLoad(filter: PostFilter = {}, now: number = this.now()): NeedsReplyLoad {
    const compiled = compileFilter(filter, now)
    if (compiled.nothing) return { total: 0, oldestCreatedAt: null, teams: [] }
    const plan = this.queuePlan(compiled, now)
    const body = joinSql(
      [
        sql('SELECT w.team_id AS teamId, count(*) AS waiting, coalesce(sum(w.due_at <= ?), 0) AS breached, min(p.created_at) AS oldest', now),
        sql(`FROM ${plan.from}`),
        where(plan.conditions),
        sql('GROUP BY w.team_id')
      ],
      ' '
    )
    const rows = this.statement(body.text).all(...body.params) as Array<{ teamId: string | null; waiting: number; breached: number; oldest: number }>
    return {
      total: rows.reduce((sum, row) => sum + row.waiting, 0),
      oldestCreatedAt: rows.length ? Math.min(...rows.map((row) => row.oldest)) : null,
      teams: rows.map(({ teamId, waiting, breached }) => ({ teamId, waiting, breached }))
    }
  }

  /** Posts of a column stored after `afterSeq`, newest first (what a live column asks after `posts:added`). */
  since(query: ColumnQuery, afterSeq: number, limit: number): PostPage {
    const latestSeq = this.latestSeq()
    const now = this.now()
    const filter = compileFilter(query.filter, now)
    if (filter.nothing) return { posts: [], nextCursor: null, latestSeq }
    let rows: PostRow[]
    if (filter.match) {
      rows = []
      for (const row of this.textArrivals(query, filter, afterSeq, now, sql(POST_COLUMNS))) {
        rows.push(row)
        if (rows.length >= limit) break
      }
    } else {
      rows = this.run(this.arrivalPlan(query, filter, afterSeq, now), [], limit) as PostRow[]
    }
    return { posts: rows.map((row) => toPost(row, now)), nextCursor: null, latestSeq }
  }

  /** How many posts of a column were stored after `afterSeq` (its unread count), at most COUNT_CAP. */
  countSince(query: ColumnQuery, afterSeq: number): number {
    const now = this.now()
    const filter = compileFilter(query.filter, now)
    if (filter.nothing) return 0
    if (filter.match) {
      const arrivals = this.textArrivals(query, filter, afterSeq, now, sql('p.id AS seq'))
      let count = 0
      while (count < COUNT_CAP && !arrivals.next().done) count++
      arrivals.return(undefined) // ends the walk (and resets the statement) when the cap stopped it
      return count
    }
    // The arrivals are walked one by one, so many of them (a column read long ago, or never) would
    // mean a long walk; the needs-reply queue then counts through its own index, bounded by its window.
    const queue = query.type === 'needs-reply' && this.latestSeq() - afterSeq > COUNT_CAP
    const plan = queue ? this.queuePlan(filter, now) : this.arrivalPlan(query, filter, afterSeq, now)
    const conditions = queue ? [...plan.conditions, sql('p.id > ?', afterSeq)] : plan.conditions
    const body = joinSql([sql(`SELECT 1 FROM ${plan.from}`), where(conditions), sql('LIMIT ?', COUNT_CAP)], ' ')
    const statement = this.statement(`SELECT count(*) AS n FROM (${body.text})`)
    return (statement.get(...body.params) as { n: number }).n
  }

  /**
   * What arrived after `afterSeq` in a text column, newest first. The FTS index is read newest first
   * and left as soon as the walk reaches `afterSeq`: FTS5 serves a lower rowid bound slowly (it reads
   * a common word's whole list of posts: 10–100 ms over a million), while the newest hits come at
   * once. The filter is computed as a column rather than a condition, so that hits failing it still
   * show how far the walk has got.
   */
  private *textArrivals(query: ColumnQuery, filter: CompiledFilter, afterSeq: number, now: number, columns: Sql): Generator<PostRow> {
    const checks = [...(query.type === 'needs-reply' ? this.queueChecks(filter, now) : []), ...this.createdFrom('p.created_at', filter), ...filter.conditions]
    const ok = checks.length ? joinSql([sql('('), joinSql(checks, ' AND '), sql(') AS ok')], '') : sql('1 AS ok')
    const statementSql = joinSql(
      [
        sql('SELECT'),
        joinSql([columns, ok], ', '),
        sql(`FROM posts_fts CROSS JOIN posts p ON p.id = posts_fts.rowid ${JOIN_WORKFLOW_AUTHOR}`),
        sql('WHERE posts_fts MATCH ? ORDER BY posts_fts.rowid DESC', filter.match)
      ],
      ' '
    )
    for (const row of this.statement(statementSql.text).iterate(...statementSql.params) as Iterable<PostRow & { ok: number | null }>) {
      if (row.seq <= afterSeq) return
      if (row.ok) yield row
    }
  }

  private streamCursorKind(filter: CompiledFilter): 's' | 'w' | 't' {
    return filter.match ? 's' : filter.needsWorkflowRow ? 'w' : 't'
  }

  /**
   * A stream column, newest first. Text drives through the FTS index newest-first (CROSS JOIN pins
   * the order so the planner cannot scan posts and probe the hits); team, assignee or status through
   * the workflow's time index (only posts someone dealt with have a row), or its status index for the
   * open work; otherwise a time index.
   */
  private streamPlan(filter: CompiledFilter): Plan {
    if (filter.match) {
      return {
        from: `posts_fts CROSS JOIN posts p ON p.id = posts_fts.rowid ${JOIN_WORKFLOW_AUTHOR}`,
        conditions: [sql('posts_fts MATCH ?', filter.match), ...this.createdFrom('p.created_at', filter), ...filter.conditions],
        select: null,
        order: sql('ORDER BY posts_fts.rowid DESC')
      }
    }
    if (filter.needsWorkflowRow) {
      return {
        from: `post_workflow w INDEXED BY ${filter.openWorkOnly ? 'workflow_by_status_due' : 'workflow_by_created'}
          CROSS JOIN posts p ON p.uid = w.post_id CROSS JOIN authors a ON a.id = p.author_id`,
        conditions: [...this.createdFrom('w.post_created_at', filter), ...filter.conditions],
        select: null,
        order: sql('ORDER BY w.post_created_at DESC, w.rowid DESC')
      }
    }
    return {
      from: `posts p INDEXED BY ${filter.index} ${JOIN_WORKFLOW_AUTHOR}`,
      conditions: [...this.createdFrom('p.created_at', filter), ...filter.conditions],
      select: null,
      order: sql('ORDER BY p.created_at DESC, p.id DESC')
    }
  }

  /**
   * The needs-reply queue: the partial index of posts needing a response, within the queue's window
   * (NEEDS_REPLY_WINDOW_MS, or the column's own time window), open ones only, sorted by the priority
   * as read now. The sort is over the open queue in the window (hundreds to a few thousand posts),
   * never over the store; text is matched through the FTS index as a set of rowids.
   */
  private queuePlan(filter: CompiledFilter, now: number): Plan {
    const urgency = this.urgency(now)
    return {
      from: `posts p INDEXED BY posts_needing_response ${JOIN_WORKFLOW_AUTHOR}`,
      conditions: [
        ...this.queueChecks(filter, now),
        ...(filter.match ? [sql('p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)', filter.match)] : []),
        ...filter.conditions
      ],
      select: joinSql([urgency, sql('AS urgency')], ' '),
      order: joinSql([sql('ORDER BY'), urgency, sql('DESC, p.created_at DESC, p.id DESC')], ' ')
    }
  }

  /**
   * What arrived after a sequence number (non-text columns): the posts' rowid range walked newest
   * first (NOT INDEXED keeps the planner from preferring a filter's index and sorting: the newest
   * rows are few and already in order).
   */
  private arrivalPlan(query: ColumnQuery, filter: CompiledFilter, afterSeq: number, now: number): Plan {
    const queue = query.type === 'needs-reply' ? this.queueChecks(filter, now) : []
    return {
      from: `posts p NOT INDEXED ${JOIN_WORKFLOW_AUTHOR}`,
      conditions: [sql('p.id > ?', afterSeq), ...queue, ...this.createdFrom('p.created_at', filter), ...filter.conditions],
      select: null,
      order: sql('ORDER BY p.id DESC')
    }
  }

  /** The queue's conditions with its time window (the column's own, or NEEDS_REPLY_WINDOW_MS). */
  private queueChecks(filter: CompiledFilter, now: number): Sql[] {
    return [...queueConditions(now), sql('p.created_at >= ?', filter.createdFrom ?? now - NEEDS_REPLY_WINDOW_MS)]
  }

  private createdFrom(column: string, filter: CompiledFilter): Sql[] {
    return filter.createdFrom === null ? [] : [sql(`${column} >= ?`, filter.createdFrom)]
  }

  private urgency(now: number): Sql {
    return sql('earshot_urgency(p.base_priority, w.priority_boost, w.due_at, ?)', now)
  }

  /** The condition that continues after a cursor (a row value keeps the comparison inside one index range). */
  private cursorCondition(kind: Cursor['kind'], cursor: Cursor | null, now: number): Sql | null {
    if (!cursor || cursor.kind !== kind) return null
    switch (cursor.kind) {
      case 't':
        return sql('(p.created_at, p.id) < (?, ?)', cursor.createdAt, cursor.seq)
      case 'w':
        return sql('(w.post_created_at, w.rowid) < (?, ?)', cursor.createdAt, cursor.row)
      case 's':
        return sql('posts_fts.rowid < ?', cursor.seq)
      case 'n':
        return joinSql([sql('('), this.urgency(now), sql(', p.created_at, p.id) < (?, ?, ?)', cursor.urgency, cursor.createdAt, cursor.seq)], '')
    }
  }

  private cursorAfter(kind: Cursor['kind'], row: PostRow & { urgency?: number }, now: number): Cursor {
    switch (kind) {
      case 't':
        return { kind, createdAt: row.created_at, seq: row.seq }
      case 'w':
        return { kind, createdAt: row.created_at, row: row.wf_rowid ?? 0 }
      case 's':
        return { kind, seq: row.seq }
      case 'n':
        return { kind, now, urgency: row.urgency ?? 0, createdAt: row.created_at, seq: row.seq }
    }
  }

  private run(plan: Plan, extra: Sql[], limit: number): unknown[] {
    const columns = plan.select ? joinSql([sql(POST_COLUMNS), plan.select], ', ') : sql(POST_COLUMNS)
    const statementSql = joinSql(
      [sql('SELECT'), columns, sql(`FROM ${plan.from}`), where([...plan.conditions, ...extra]), plan.order, sql('LIMIT ?', limit)],
      ' '
    )
    return this.statement(statementSql.text).all(...statementSql.params)
  }

  /** Prepared once per SQL text, i.e. per query shape; the cache is bounded (IN lists vary in length). */
  private statement(text: string): Database.Statement {
    let statement = this.statements.get(text)
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE) this.statements.clear()
      statement = this.db.prepare(text)
      this.statements.set(text, statement)
    }
    return statement
  }
}
