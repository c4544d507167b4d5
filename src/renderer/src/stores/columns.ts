import { onScopeDispose, shallowReactive, watch } from 'vue'
import { defineStore } from 'pinia'
import type { PostPage } from '@shared/contract/domains'
import type { ColumnQuery } from '@shared/domain/column'
import type { Post } from '@shared/domain/post'
import { api } from '@renderer/lib/api'
import { errorMessage } from '@renderer/lib/errors'
import { deckShown } from '@renderer/lib/startup'
import { appendOlder, applyPostChanges, columnOrder, comparePosts, idsOf, mergePosts, overlayPage, type ColumnOrder } from '@renderer/lib/timeline'
import { useConnectionStore } from './connection'

/** Posts per page when a column opens or scrolls into history. */
export const PAGE_SIZE = 40
/** At most this many posts per `posts.since` call; a full answer means some were skipped. */
export const SINCE_LIMIT = 200
/**
 * While the reader is at the top, a column keeps only its newest page as new posts arrive: older
 * ones come back through infinite scroll, and a screen left open for days stays the same size.
 */
export const TOP_WINDOW = PAGE_SIZE
/** At most this many new posts wait behind the pill; beyond it the pill says "200+". */
export const MAX_HELD = SINCE_LIMIT
/** Infinite scroll stops after this many posts in one column (memory stays bounded). */
export const MAX_HISTORY = 3000
/** At most one `posts.since` per column per this many ms; events in between are coalesced. */
export const REFRESH_INTERVAL_MS = 500
/**
 * A server-ordered column (the queue) is read again this often even when nothing happens: its
 * order drifts with the clock, as the SLA time left counts in the priority.
 */
export const QUEUE_DRIFT_MS = 60_000
/** Changed posts fetched one by one; more shown at once reload the columns instead. */
const CHANGED_FETCH_MAX = 50
/** Pages walked to find our place again after older posts were dropped. */
const RESYNC_MAX_PAGES = 25
const RESYNC_PAGE_SIZE = 200
/**
 * Between exact counts (`posts.count`), a column adds the posts it receives to its unread count
 * itself; the store is asked again at most this often. Asking after every refresh of eight busy
 * columns was half of the deck's requests under a steady stream.
 */
export const UNREAD_RECOUNT_MS = 5000
/** `posts.count` counts up to here ("10k+"). */
const UNREAD_CAP = 10_000
/** A first page asked for ahead of its column is used only this soon after. */
const EARLY_PAGE_TTL_MS = 5000
/** A first page that arrived waits at most this long for the others of its deck. */
const TOGETHER_MAX_WAIT_MS = 150
/** Where a column's read mark lives in this browser: the prefix plus the column's key. */
export const READ_MARK_PREFIX = 'earshot:read:'

/**
 * The read mark is per screen, not shared: two people on two browsers read at their own pace.
 * It is an ingest sequence ("everything stored up to here has been seen").
 */
export function readMarkOf(key: string): number | null {
  try {
    const value = Number(globalThis.localStorage?.getItem(READ_MARK_PREFIX + key))
    return Number.isInteger(value) && value > 0 ? value : null
  } catch {
    return null
  }
}

function saveReadMark(key: string, seq: number): void {
  try {
    globalThis.localStorage?.setItem(READ_MARK_PREFIX + key, String(seq))
  } catch {
    // Storage can be disabled; the mark then lasts until the page reloads.
  }
}

/**
 * Where the column's history continues:
 * - `cursor`: the next older page is `posts.query({ cursor })`;
 * - `resync`: older posts were dropped (or skipped), so the next page is found again by walking
 *   from the newest page to our oldest post;
 * - `end`: nothing older exists; `limit`: we stopped at MAX_HISTORY.
 */
export type FeedHistory = { kind: 'cursor'; cursor: string } | { kind: 'resync' } | { kind: 'end' } | { kind: 'limit' }

export interface ColumnFeed {
  readonly key: string
  query: ColumnQuery
  /** Newest first (`time`), or as the core sent it (`server`: the needs-reply queue). */
  readonly order: ColumnOrder
  /** What the column shows, in its order. */
  posts: readonly Post[]
  /**
   * Waiting while the reader is scrolled down, behind the pill: a stream's new posts, or a
   * server-ordered column's fresh first page.
   */
  held: readonly Post[]
  /**
   * How showing `held` goes on: null merges them on top (a stream's new posts); otherwise they
   * replace the list and history continues from here (more arrived than a stream holds, or a
   * queue's fresh first page).
   */
  heldReplaces: FeedHistory | null
  status: 'loading' | 'ready' | 'error'
  error: string | null
  history: FeedHistory
  loadingMore: boolean
  moreError: string | null
  /** The ingest sequence this column has seen up to. */
  latestSeq: number
  /** Whether the reader is at the top, where new posts may appear at once. */
  atTop: boolean
  /** The ingest sequence the reader has marked as read: posts stored after it are unread. */
  readSeq: number
  /** Posts matching the column stored after `readSeq` (as `posts.count` answers: capped at 10,000). */
  unread: number
}

interface FeedRuntime {
  /** Bumped on reload and close; answers for an older generation are dropped. */
  generation: number
  inFlight: boolean
  pending: boolean
  lastStart: number
  timer: ReturnType<typeof setTimeout> | null
  /** The highest sequence announced by `posts:added`. */
  announcedSeq: number
  /** Many posts changed while the reader was scrolled down: read the newest page again at the top. */
  stale: boolean
  /** When `posts.count` was last asked, and the recount waiting for UNREAD_RECOUNT_MS to pass. */
  countedAt: number
  countTimer: ReturnType<typeof setTimeout> | null
}

function cursorOf(next: string | null): FeedHistory {
  return next ? { kind: 'cursor', cursor: next } : { kind: 'end' }
}

/** Reactive proxies cannot cross IPC (structured clone) — send plain data. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

function sameQuery(a: ColumnQuery, b: ColumnQuery): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The key of a deck column's feed: the same column in two decks is two feeds. */
export function feedKeyOf(deckId: string, columnId: string): string {
  return `${deckId}/${columnId}`
}

/**
 * First pages asked for in the same task (a deck opening) are shown in the same task: one
 * render, one layout and one paint for the whole deck instead of one per column as each answer
 * arrives. An answer waits at most TOGETHER_MAX_WAIT_MS for slower ones; a failure shows at once.
 */
let openingGroup: Array<Promise<unknown>> | null = null

function together<T>(request: Promise<T>): Promise<T> {
  if (!openingGroup) {
    const group: Array<Promise<unknown>> = []
    openingGroup = group
    setTimeout(() => {
      if (openingGroup === group) openingGroup = null
    }, 0)
  }
  const group = openingGroup
  group.push(request.catch(() => undefined))
  return request.then(async (value) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const patience = new Promise<void>((resolve) => (timer = setTimeout(resolve, TOGETHER_MAX_WAIT_MS)))
    await Promise.race([Promise.all(group), patience])
    clearTimeout(timer)
    return value
  })
}

/**
 * The posts of every open column: first page, live "since" updates, history paging.
 * Each column is addressed by a key the view chooses (deck id + column id).
 */
export const useColumnsStore = defineStore('columns', () => {
  const feeds = shallowReactive(new Map<string, ColumnFeed>())
  const runtimes = new Map<string, FeedRuntime>()
  /** First pages asked for before their column opened (see `prefetch`), by feed key. */
  const earlyPages = new Map<string, { query: string; page: Promise<PostPage> }>()

  /**
   * Asks for a column's first page before the column exists: the decks store does so the moment
   * the decks arrive, so the store answers while the deck itself is still being rendered. The
   * column's `open` takes the answer; unused ones are let go after EARLY_PAGE_TTL_MS.
   */
  function prefetch(key: string, query: ColumnQuery): void {
    if (feeds.has(key) || earlyPages.has(key)) return
    const page = together(api.posts.query({ query: plain(query), limit: PAGE_SIZE }))
    // A failure is the column's to report (with its Retry) when it opens.
    page.catch(() => undefined)
    earlyPages.set(key, { query: JSON.stringify(query), page })
    setTimeout(() => {
      if (earlyPages.get(key)?.page === page) earlyPages.delete(key)
    }, EARLY_PAGE_TTL_MS)
  }

  /**
   * The first page asked for early for this key and query, once (a reload asks afresh). Its
   * failure is the column's failure, with the column's Retry.
   */
  function takeEarlyPage(key: string, query: ColumnQuery): Promise<PostPage> | null {
    const early = earlyPages.get(key)
    earlyPages.delete(key)
    return early && early.query === JSON.stringify(query) ? early.page : null
  }

  function feedOf(key: string): ColumnFeed | undefined {
    return feeds.get(key)
  }

  function isCurrent(key: string, runtime: FeedRuntime, generation: number): boolean {
    return runtimes.get(key) === runtime && runtime.generation === generation
  }

  /** Opens a column (loading its first page) unless it is already open with the same query. */
  function open(key: string, query: ColumnQuery): ColumnFeed {
    const existing = feeds.get(key)
    if (existing && sameQuery(existing.query, query)) return existing
    if (existing) close(key)
    const feed = shallowReactive<ColumnFeed>({
      key,
      query: plain(query),
      order: columnOrder(query),
      posts: [],
      held: [],
      heldReplaces: null,
      status: 'loading',
      error: null,
      history: { kind: 'end' },
      loadingMore: false,
      moreError: null,
      latestSeq: 0,
      atTop: true,
      readSeq: 0,
      unread: 0
    })
    feeds.set(key, feed)
    runtimes.set(key, { generation: 0, inFlight: false, pending: false, lastStart: 0, timer: null, announcedSeq: 0, stale: false, countedAt: 0, countTimer: null })
    void load(key)
    return feed
  }

  function close(key: string): void {
    const runtime = runtimes.get(key)
    if (runtime) {
      runtime.generation++
      if (runtime.timer) clearTimeout(runtime.timer)
      if (runtime.countTimer) clearTimeout(runtime.countTimer)
    }
    runtimes.delete(key)
    feeds.delete(key)
  }

  /**
   * (Re)loads the newest page; also the "Retry" of a column that failed. With `keepShown`, a
   * column that shows posts keeps them on screen until the answer replaces them (no skeleton
   * flash), and keeps them if the reload fails.
   */
  async function load(key: string, options: { keepShown?: boolean } = {}): Promise<void> {
    const feed = feeds.get(key)
    const runtime = runtimes.get(key)
    if (!feed || !runtime) return
    const generation = ++runtime.generation
    runtime.stale = false
    const quiet = options.keepShown === true && feed.status === 'ready'
    if (!quiet) {
      feed.status = 'loading'
      feed.error = null
    }
    feed.loadingMore = false
    feed.moreError = null
    try {
      const page = await (takeEarlyPage(key, feed.query) ?? together(api.posts.query({ query: plain(feed.query), limit: PAGE_SIZE })))
      if (!isCurrent(key, runtime, generation)) return
      feed.posts = feed.order === 'time' ? [...page.posts].sort(comparePosts) : page.posts
      feed.held = []
      feed.heldReplaces = null
      feed.history = cursorOf(page.nextCursor)
      feed.latestSeq = page.latestSeq
      feed.status = 'ready'
      // First time this column is seen here: nothing is unread yet. A mark beyond the store's
      // newest post means the cache was rebuilt (sequences start again): start afresh too.
      const mark = readMarkOf(key)
      feed.readSeq = mark === null || mark > page.latestSeq ? page.latestSeq : mark
      if (feed.readSeq !== mark) saveReadMark(key, feed.readSeq)
      void countUnread(key)
      if (runtime.announcedSeq > feed.latestSeq) requestNewer(key)
    } catch (e) {
      if (!isCurrent(key, runtime, generation)) return
      if (quiet) {
        console.warn(`Earshot: could not reload a column: ${errorMessage(e)}`)
        return
      }
      feed.status = 'error'
      feed.error = errorMessage(e)
    } finally {
      deckShown()
    }
  }

  /**
   * Many posts changed at once (e.g. a source was removed with its posts, or a catch-up
   * classified thousands): every open column reads its newest page again instead of asking for
   * each post. A column the reader is scrolled down in keeps what it shows — replacing it would
   * move what is read and drop the history loaded so far — and reloads once back at the top.
   */
  function reloadAll(): void {
    for (const [key, feed] of feeds) {
      const runtime = runtimes.get(key)
      // A server-ordered column's refresh reads its first page anyway, and waits while the reader is scrolled down.
      if (feed.order === 'server' && feed.status === 'ready') requestNewer(key)
      else if (feed.status === 'ready' && !feed.atTop && runtime) runtime.stale = true
      else void load(key, { keepShown: feed.status === 'ready' })
    }
  }

  /** Walks from the newest page to our oldest post and returns what follows it. */
  async function resync(feed: ColumnFeed): Promise<{ posts: Post[]; history: FeedHistory }> {
    const anchor = feed.posts[feed.posts.length - 1]
    let cursor: string | null = null
    for (let i = 0; i < RESYNC_MAX_PAGES; i++) {
      const page = await api.posts.query({ query: plain(feed.query), cursor, limit: RESYNC_PAGE_SIZE })
      if (!anchor) return { posts: page.posts, history: cursorOf(page.nextCursor) }
      const at = page.posts.findIndex((post) => post.id === anchor.id)
      // The anchor may have been deleted meanwhile: then "older than the anchor" finds our place.
      const older = at >= 0 ? page.posts.slice(at + 1) : page.posts.filter((post) => comparePosts(post, anchor) > 0)
      if (at >= 0 || older.length > 0) {
        if (older.length > 0 || !page.nextCursor) return { posts: older, history: cursorOf(page.nextCursor) }
        // Our oldest post ended that page exactly: the next page is what comes after it.
        const next = await api.posts.query({ query: plain(feed.query), cursor: page.nextCursor, limit: PAGE_SIZE })
        return { posts: next.posts, history: cursorOf(next.nextCursor) }
      }
      if (!page.nextCursor) return { posts: [], history: { kind: 'end' } }
      cursor = page.nextCursor
    }
    return { posts: [], history: { kind: 'end' } }
  }

  /** Loads the next older page (infinite scroll). */
  async function loadMore(key: string): Promise<void> {
    const feed = feeds.get(key)
    const runtime = runtimes.get(key)
    if (!feed || !runtime || feed.status !== 'ready' || feed.loadingMore) return
    const history = feed.history
    if (history.kind === 'end' || history.kind === 'limit') return
    const generation = runtime.generation
    feed.loadingMore = true
    feed.moreError = null
    try {
      const result =
        history.kind === 'cursor'
          ? await api.posts
              .query({ query: plain(feed.query), cursor: history.cursor, limit: PAGE_SIZE })
              .then((page) => ({ posts: page.posts, history: cursorOf(page.nextCursor) }))
          : await resync(feed)
      if (!isCurrent(key, runtime, generation)) return
      feed.posts = appendOlder(feed.order, feed.posts, result.posts)
      feed.history = result.history.kind !== 'end' && feed.posts.length >= MAX_HISTORY ? { kind: 'limit' } : result.history
    } catch (e) {
      if (!isCurrent(key, runtime, generation)) return
      feed.moreError = errorMessage(e)
    } finally {
      if (isCurrent(key, runtime, generation)) feed.loadingMore = false
    }
  }

  /**
   * Puts posts on top, where the reader is (or is about to be), keeping the newest TOP_WINDOW;
   * dropped ones come back by scrolling.
   */
  function insert(feed: ColumnFeed, posts: readonly Post[]): void {
    keepWindow(feed, mergePosts(feed.posts, posts))
  }

  function keepWindow(feed: ColumnFeed, posts: Post[]): void {
    if (posts.length > TOP_WINDOW) {
      feed.posts = posts.slice(0, TOP_WINDOW)
      feed.history = { kind: 'resync' }
    } else {
      feed.posts = posts
    }
  }

  /** New posts from `posts.since`: on top at once when the reader is there, else held. */
  function receive(feed: ColumnFeed, incoming: readonly Post[], skippedSome: boolean): void {
    const known = idsOf(feed.posts, feed.held)
    // A post we already show came back (edited): update it in place.
    const updates = new Map<string, Post>()
    for (const post of incoming) if (known.has(post.id)) updates.set(post.id, post)
    if (updates.size > 0) {
      feed.posts = applyPostChanges(feed.posts, updates)
      feed.held = applyPostChanges(feed.held, updates)
    }
    let fresh = incoming.filter((post) => !known.has(post.id))
    const showsNow = feed.atTop && feed.held.length === 0

    if (skippedSome) {
      // More arrived than one call returns: what we hold is no longer contiguous with it.
      const newest = [...incoming].sort(comparePosts).slice(0, MAX_HELD)
      if (showsNow) {
        keepWindow(feed, newest)
        feed.history = { kind: 'resync' }
      } else {
        feed.held = newest
        feed.heldReplaces = { kind: 'resync' }
      }
      return
    }

    // Something stored now but older than the oldest post we hold (a feed's backfill) belongs
    // to history; scrolling down will bring it.
    const oldest = feed.posts[feed.posts.length - 1]
    if (oldest && feed.history.kind !== 'end') fresh = fresh.filter((post) => comparePosts(post, oldest) < 0)
    if (fresh.length === 0) return

    if (showsNow) {
      insert(feed, fresh)
    } else {
      const held = mergePosts(feed.held, fresh)
      if (held.length > MAX_HELD) {
        feed.held = held.slice(0, MAX_HELD)
        feed.heldReplaces = { kind: 'resync' }
      } else {
        feed.held = held
      }
    }
  }

  /**
   * A server-ordered column's fresh first page. At the top it replaces the list; scrolled down it
   * waits behind the pill — unless it moves nothing the reader sees (then it is laid over the list).
   */
  function receivePage(feed: ColumnFeed, posts: readonly Post[], history: FeedHistory): void {
    const overlaid = overlayPage(feed.posts, posts, history.kind === 'end')
    if (overlaid || feed.atTop) {
      // A longer list than the page keeps its own way into history.
      if (!overlaid || overlaid.length === posts.length) feed.history = history
      feed.posts = overlaid ?? posts
      feed.held = []
      feed.heldReplaces = null
    } else {
      feed.held = posts
      feed.heldReplaces = history
    }
  }

  /**
   * What changed since the column last looked. By time: the posts stored after its sequence.
   * In server order any change may move any post, so the first page is read again.
   */
  async function fetchNewer(key: string): Promise<void> {
    const feed = feeds.get(key)
    const runtime = runtimes.get(key)
    if (!feed || !runtime || feed.status !== 'ready') return
    const generation = runtime.generation
    try {
      if (feed.order === 'server') {
        const page = await api.posts.query({ query: plain(feed.query), limit: PAGE_SIZE })
        if (!isCurrent(key, runtime, generation)) return
        feed.latestSeq = Math.max(feed.latestSeq, page.latestSeq)
        receivePage(feed, page.posts, cursorOf(page.nextCursor))
        recountUnreadSoon(key)
        return
      }
      const page = await api.posts.since({ query: plain(feed.query), afterSeq: feed.latestSeq, limit: SINCE_LIMIT })
      if (!isCurrent(key, runtime, generation)) return
      feed.latestSeq = Math.max(feed.latestSeq, page.latestSeq)
      const known = idsOf(feed.posts, feed.held)
      const arrivals = page.posts.filter((post) => !known.has(post.id)).length
      const skippedSome = page.posts.length >= SINCE_LIMIT
      receive(feed, page.posts, skippedSome)
      if (page.posts.length === 0) return
      // Everything `since` brings was stored after the read mark: unread until the exact count says otherwise.
      if (!skippedSome) feed.unread = Math.min(UNREAD_CAP, feed.unread + arrivals)
      recountUnreadSoon(key, skippedSome)
    } catch (e) {
      // The column keeps what it shows; the connection banner explains an outage, and the
      // next event or reconnect asks again.
      console.warn(`Earshot: could not fetch new posts for a column: ${errorMessage(e)}`)
    }
  }

  async function runNewer(key: string, runtime: FeedRuntime): Promise<void> {
    runtime.inFlight = true
    runtime.pending = false
    runtime.lastStart = Date.now()
    try {
      await fetchNewer(key)
    } finally {
      runtime.inFlight = false
      if (runtime.pending && runtimes.get(key) === runtime) {
        runtime.pending = false
        requestNewer(key)
      }
    }
  }

  /**
   * Asks for posts newer than the column has. At most one request per column is in flight and
   * at most one starts per REFRESH_INTERVAL_MS; requests in between collapse into the next one.
   */
  function requestNewer(key: string): void {
    const runtime = runtimes.get(key)
    if (!runtime) return
    if (runtime.inFlight || runtime.timer) {
      runtime.pending = true
      return
    }
    const wait = runtime.lastStart + REFRESH_INTERVAL_MS - Date.now()
    if (wait > 0) {
      runtime.timer = setTimeout(() => {
        runtime.timer = null
        if (runtimes.get(key) === runtime) void runNewer(key, runtime)
      }, wait)
      return
    }
    void runNewer(key, runtime)
  }

  /** An exact count now when the last one is old enough (or `now`), else once UNREAD_RECOUNT_MS has passed. */
  function recountUnreadSoon(key: string, now = false): void {
    const runtime = runtimes.get(key)
    if (!runtime || (runtime.countTimer && !now)) return
    const wait = now ? 0 : runtime.countedAt + UNREAD_RECOUNT_MS - Date.now()
    if (wait <= 0) {
      if (runtime.countTimer) clearTimeout(runtime.countTimer)
      runtime.countTimer = null
      void countUnread(key)
      return
    }
    runtime.countTimer = setTimeout(() => {
      runtime.countTimer = null
      void countUnread(key)
    }, wait)
  }

  /** Asks the core how many of the column's posts arrived after its read mark. */
  async function countUnread(key: string): Promise<void> {
    const feed = feeds.get(key)
    const runtime = runtimes.get(key)
    if (!feed || !runtime) return
    runtime.countedAt = Date.now()
    const generation = runtime.generation
    const readSeq = feed.readSeq
    // Nothing was stored after the mark (the usual case when a deck opens): no need to ask.
    if (readSeq >= feed.latestSeq) {
      feed.unread = 0
      return
    }
    try {
      const unread = await api.posts.count({ query: plain(feed.query), afterSeq: readSeq })
      // A "mark all read" while the count travelled wins over the count.
      if (isCurrent(key, runtime, generation) && feed.readSeq === readSeq) feed.unread = unread
    } catch (e) {
      console.warn(`Earshot: could not count a column's unread posts: ${errorMessage(e)}`)
    }
  }

  /** Everything the column has received so far counts as read, on this screen. */
  function markAllRead(key: string): void {
    const feed = feeds.get(key)
    if (!feed || feed.status !== 'ready') return
    feed.readSeq = feed.latestSeq
    feed.unread = 0
    saveReadMark(key, feed.readSeq)
  }

  /** Reports whether the reader is at the top of a column. */
  function setAtTop(key: string, atTop: boolean): void {
    const feed = feeds.get(key)
    if (!feed || feed.atTop === atTop) return
    feed.atTop = atTop
    if (atTop && runtimes.get(key)?.stale) void load(key, { keepShown: true })
  }

  /** Shows what waits behind the pill ("N new posts", "Queue changed"). */
  function showNew(key: string): void {
    const feed = feeds.get(key)
    if (!feed || (feed.held.length === 0 && !feed.heldReplaces)) return
    if (feed.heldReplaces) {
      feed.posts = feed.held
      feed.history = feed.heldReplaces
    } else {
      insert(feed, feed.held)
    }
    feed.held = []
    feed.heldReplaces = null
  }

  /**
   * Edited or deleted upstream: fetch each affected post once and update every column. More
   * than CHANGED_FETCH_MAX of them shown (a catch-up classified a batch) is a reload instead of
   * one request per post.
   */
  async function applyChanged(ids: readonly string[]): Promise<void> {
    const shown = new Set<string>()
    for (const feed of feeds.values()) {
      const known = idsOf(feed.posts, feed.held)
      for (const id of ids) if (known.has(id)) shown.add(id)
    }
    if (shown.size === 0) return
    if (shown.size > CHANGED_FETCH_MAX) {
      reloadAll()
      return
    }
    const changes = new Map<string, Post | null>()
    await Promise.all(
      [...shown].map(async (id) => {
        try {
          changes.set(id, await api.posts.get({ id }))
        } catch (e) {
          console.warn(`Earshot: could not refresh a changed post: ${errorMessage(e)}`)
        }
      })
    )
    for (const feed of feeds.values()) {
      feed.posts = applyPostChanges(feed.posts, changes)
      feed.held = applyPostChanges(feed.held, changes)
    }
  }

  const stopAdded = api.on('posts:added', ({ latestSeq }) => {
    for (const [key, feed] of feeds) {
      const runtime = runtimes.get(key)
      if (!runtime) continue
      runtime.announcedSeq = Math.max(runtime.announcedSeq, latestSeq)
      if (feed.status === 'ready' && latestSeq > feed.latestSeq) requestNewer(key)
    }
  })
  /** Triage changes move posts in and out of columns (a replied post leaves "Needs a reply"). */
  let recountTimer: ReturnType<typeof setTimeout> | null = null
  function recountSoon(): void {
    if (recountTimer) return
    recountTimer = setTimeout(() => {
      recountTimer = null
      for (const [key, feed] of feeds) if (feed.status === 'ready') void countUnread(key)
    }, REFRESH_INTERVAL_MS)
  }

  const stopChanged = api.on('posts:changed', ({ ids }) => {
    // An empty list is the core's way of saying "too many to list: reload".
    if (ids.length === 0) reloadAll()
    else {
      void applyChanged(ids)
      recountSoon()
      // A change to any post (even one not shown) may move posts in or out of a queue or reorder it.
      refreshServerOrdered()
    }
  })

  function refreshServerOrdered(): void {
    for (const [key, feed] of feeds) if (feed.order === 'server' && feed.status === 'ready') requestNewer(key)
  }
  const drift = setInterval(refreshServerOrdered, QUEUE_DRIFT_MS)

  // Back online: events may have been missed while away, so every column asks what is new.
  const connection = useConnectionStore()
  watch(
    () => connection.reconnects,
    () => {
      for (const [key, feed] of feeds) {
        if (feed.status === 'error') void load(key)
        else if (feed.status === 'ready') requestNewer(key)
      }
    }
  )

  onScopeDispose(() => {
    stopAdded()
    stopChanged()
    clearInterval(drift)
    if (recountTimer) clearTimeout(recountTimer)
    for (const key of [...feeds.keys()]) close(key)
  })

  return { feedOf, open, prefetch, close, load, reloadAll, loadMore, requestNewer, setAtTop, showNew, applyChanged, countUnread, markAllRead }
})
