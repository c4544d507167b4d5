/**
 * Incremental reading of a newest-first Bluesky list (timeline, notifications, author feed,
 * search) without gaps or duplicates, one page per `fetch`.
 *
 * Bluesky's own pagination cursors walk from the newest item backwards; there is no "since".
 * So every sync starts at the top and pages down until it reaches what it has already seen:
 *
 * - First sync: the newest page only (no backfill); it becomes the "seen" state.
 * - Later syncs: page from the top. Items already seen are skipped; the walk ends at the first
 *   item indexed more than `overlapMs` (2 minutes) before the newest item seen so far, or when the
 *   list ends. While it has not ended, the cursor keeps the run's place (Bluesky's page cursor)
 *   and `more` is true, so the engine fetches the next page soon; the new "newest" is committed
 *   only when the run completes, so an interrupted run is simply repeated (the store de-duplicates
 *   and nothing is skipped).
 * - Times are the server's `indexedAt` (of the post, or of the repost for reposts), never the
 *   client-chosen `createdAt`, which can be back- or future-dated. The overlap window absorbs
 *   lists that are not strictly ordered by it (Bluesky sorts by the earlier of createdAt and
 *   indexedAt); posts back-dated by more than the overlap sit below the seen ones and are not
 *   picked up — Bluesky's own apps bury them the same way.
 * - "Seen" is the set of item keys indexed within the overlap window of the newest (hashed to 12
 *   characters, at most `MAX_SEEN` of them), which keeps the cursor at a few kilobytes.
 * - A run stops after `MAX_RUN_PAGES` pages (a source away for a long time catches up at most
 *   that many pages, then continues from the top); this bounds one catch-up's request budget.
 *
 * Cursor JSON: `{"v":1,"for":"search:acme","newest":<ms>,"seen":{"<hash>":<ms>,…},
 * "run":{"page":"<bluesky cursor>","pages":2,"newest":<ms>,"seen":{…}}}`. A cursor for another
 * list (the source was edited) or in an unknown format counts as none (first sync again).
 */
import { createHash } from 'node:crypto'
import type { IncomingPost } from '@shared/domain/post'

export const DEFAULT_OVERLAP_MS = 2 * 60_000
export const MAX_SEEN = 500
export const MAX_RUN_PAGES = 40

/** One list entry: a post (or null for entries that are not posts) with its identity and time. */
export interface ListItem {
  /** Identity within the list (post URI; repost URI; notification reason + URI). */
  key: string
  /** Server time the entry was indexed (epoch ms). */
  time: number
  post: IncomingPost | null
}

export interface ListPage {
  items: ListItem[]
  /** Bluesky's cursor for the next (older) page, if any. */
  cursor: string | undefined
}

type Seen = Record<string, number>

export interface BlueskyCursor {
  v: 1
  /** Which list this cursor belongs to, e.g. "timeline", "author:acme.com", "search:acme". */
  for: string
  /** Newest indexed time seen (epoch ms). */
  newest: number
  seen: Seen
  run?: { page: string; pages: number; newest: number; seen: Seen }
}

export interface CursorOptions {
  overlapMs?: number
  maxRunPages?: number
}

export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 12)
}

function readSeen(value: unknown): Seen | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const seen: Seen = {}
  for (const [key, time] of Object.entries(value as Record<string, unknown>)) {
    if (typeof time === 'number' && Number.isFinite(time)) seen[key] = time
  }
  return seen
}

export function readCursor(raw: string | null, target: string): BlueskyCursor | null {
  if (raw === null) return null
  try {
    const value = JSON.parse(raw) as Record<string, unknown>
    if (typeof value !== 'object' || value === null || value.v !== 1 || value.for !== target) return null
    const newest = value.newest
    const seen = readSeen(value.seen)
    if (typeof newest !== 'number' || !Number.isFinite(newest) || !seen) return null
    const cursor: BlueskyCursor = { v: 1, for: target, newest, seen }
    const run = value.run as Record<string, unknown> | undefined
    if (run && typeof run.page === 'string' && typeof run.pages === 'number' && typeof run.newest === 'number') {
      const runSeen = readSeen(run.seen)
      if (runSeen) cursor.run = { page: run.page, pages: run.pages, newest: run.newest, seen: runSeen }
    }
    return cursor
  } catch {
    return null
  }
}

export function writeCursor(cursor: BlueskyCursor): string {
  return JSON.stringify(cursor)
}

/** Keeps the entries indexed at or after `since`, newest first, at most MAX_SEEN. */
function prune(seen: Seen, since: number): Seen {
  const kept = Object.entries(seen)
    .filter(([, time]) => time >= since)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_SEEN)
  return Object.fromEntries(kept)
}

/** The Bluesky page cursor to request next (undefined: the top of the list). */
export function pageToRequest(cursor: BlueskyCursor | null): string | undefined {
  return cursor?.run?.page
}

export interface Step {
  posts: IncomingPost[]
  cursor: BlueskyCursor
  more: boolean
}

function uniquePosts(posts: IncomingPost[]): IncomingPost[] {
  const byId = new Map<string, IncomingPost>()
  for (const post of posts) if (!byId.has(post.id)) byId.set(post.id, post)
  return [...byId.values()]
}

/** Applies one fetched page to the state (see the header). */
export function advance(state: BlueskyCursor | null, target: string, page: ListPage, options: CursorOptions = {}): Step {
  const overlapMs = options.overlapMs ?? DEFAULT_OVERLAP_MS
  const maxRunPages = options.maxRunPages ?? MAX_RUN_PAGES

  if (!state) {
    const newest = page.items.reduce((max, item) => Math.max(max, item.time), 0)
    const seen: Seen = {}
    for (const item of page.items) seen[keyHash(item.key)] = item.time
    return {
      posts: uniquePosts(page.items.flatMap((item) => (item.post ? [item.post] : []))),
      cursor: { v: 1, for: target, newest, seen: prune(seen, newest - overlapMs) },
      more: false
    }
  }

  const floor = state.newest - overlapMs
  const runSeen: Seen = { ...(state.run?.seen ?? {}) }
  let runNewest = state.run?.newest ?? 0
  const pages = (state.run?.pages ?? 0) + 1
  const posts: IncomingPost[] = []
  let reachedSeen = false
  for (const item of page.items) {
    if (item.time < floor) {
      reachedSeen = true
      break
    }
    const hash = keyHash(item.key)
    if (hash in state.seen || hash in runSeen) continue
    runSeen[hash] = item.time
    runNewest = Math.max(runNewest, item.time)
    if (item.post) posts.push(item.post)
  }

  const done = reachedSeen || page.cursor === undefined || page.items.length === 0 || pages >= maxRunPages
  if (done) {
    const newest = Math.max(state.newest, runNewest)
    return {
      posts: uniquePosts(posts),
      cursor: { v: 1, for: target, newest, seen: prune({ ...state.seen, ...runSeen }, newest - overlapMs) },
      more: false
    }
  }
  const keepSince = Math.max(state.newest, runNewest) - overlapMs
  return {
    posts: uniquePosts(posts),
    cursor: {
      v: 1,
      for: target,
      newest: state.newest,
      seen: state.seen,
      run: { page: page.cursor ?? '', pages, newest: runNewest, seen: prune(runSeen, keepSince) }
    },
    more: true
  }
}
