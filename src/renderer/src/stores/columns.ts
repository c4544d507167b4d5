import { onScopeDispose, shallowReactive, watch } from 'vue'
import { defineStore } from 'pinia'
import type { ColumnQuery } from '@shared/domain/column'
import type { Post } from '@shared/domain/post'
import { api } from '@renderer/lib/api'
import { errorMessage } from '@renderer/lib/errors'
import { applyPostChanges, comparePosts, idsOf, mergePosts } from '@renderer/lib/timeline'
import { useConnectionStore } from './connection'

/** Posts per page when a column opens or scrolls into history. */
export const PAGE_SIZE = 40
/** At most this many posts per `posts.since` call; a full answer means some were skipped. */
export const SINCE_LIMIT = 200
/** A column keeps at most this many of its newest posts when new ones arrive. */
export const MAX_POSTS = 1000
/** Infinite scroll stops after this many posts in one column (memory stays bounded). */
export const MAX_HISTORY = 3000
/** At most one `posts.since` per column per this many ms; events in between are coalesced. */
export const REFRESH_INTERVAL_MS = 500
/** Pages walked to find our place again after older posts were dropped. */
const RESYNC_MAX_PAGES = 25
const RESYNC_PAGE_SIZE = 200

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
  /** What the column shows, newest first. */
  posts: readonly Post[]
  /** Arrived while the reader was scrolled down: announced by the "N new posts" pill. */
  held: readonly Post[]
  /** More arrived than we hold: showing them replaces the list instead of merging. */
  heldOverflow: boolean
  status: 'loading' | 'ready' | 'error'
  error: string | null
  history: FeedHistory
  loadingMore: boolean
  moreError: string | null
  /** The ingest sequence this column has seen up to. */
  latestSeq: number
  /** Whether the reader is at the top, where new posts may appear at once. */
  atTop: boolean
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

/**
 * The posts of every open column: first page, live "since" updates, history paging.
 * Each column is addressed by a key the view chooses (deck id + column id).
 */
export const useColumnsStore = defineStore('columns', () => {
  const feeds = shallowReactive(new Map<string, ColumnFeed>())
  const runtimes = new Map<string, FeedRuntime>()

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
      posts: [],
      held: [],
      heldOverflow: false,
      status: 'loading',
      error: null,
      history: { kind: 'end' },
      loadingMore: false,
      moreError: null,
      latestSeq: 0,
      atTop: true
    })
    feeds.set(key, feed)
    runtimes.set(key, { generation: 0, inFlight: false, pending: false, lastStart: 0, timer: null, announcedSeq: 0 })
    void load(key)
    return feed
  }

  function close(key: string): void {
    const runtime = runtimes.get(key)
    if (runtime) {
      runtime.generation++
      if (runtime.timer) clearTimeout(runtime.timer)
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
    const quiet = options.keepShown === true && feed.status === 'ready'
    if (!quiet) {
      feed.status = 'loading'
      feed.error = null
    }
    feed.loadingMore = false
    feed.moreError = null
    try {
      const page = await api.posts.query({ query: plain(feed.query), limit: PAGE_SIZE })
      if (!isCurrent(key, runtime, generation)) return
      feed.posts = [...page.posts].sort(comparePosts)
      feed.held = []
      feed.heldOverflow = false
      feed.history = cursorOf(page.nextCursor)
      feed.latestSeq = page.latestSeq
      feed.status = 'ready'
      if (runtime.announcedSeq > feed.latestSeq) requestNewer(key)
    } catch (e) {
      if (!isCurrent(key, runtime, generation)) return
      if (quiet) {
        console.warn(`Earshot: could not reload a column: ${errorMessage(e)}`)
        return
      }
      feed.status = 'error'
      feed.error = errorMessage(e)
    }
  }

  /**
   * Many posts changed at once (e.g. a source was removed with its posts): every open column
   * reads its newest page again instead of asking for each post.
   */
  function reloadAll(): void {
    for (const [key, feed] of feeds) void load(key, { keepShown: feed.status === 'ready' })
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
      feed.posts = mergePosts(feed.posts, result.posts)
      feed.history = result.history.kind !== 'end' && feed.posts.length >= MAX_HISTORY ? { kind: 'limit' } : result.history
    } catch (e) {
      if (!isCurrent(key, runtime, generation)) return
      feed.moreError = errorMessage(e)
    } finally {
      if (isCurrent(key, runtime, generation)) feed.loadingMore = false
    }
  }

  /** Puts posts on top, keeping the newest MAX_POSTS; dropped ones come back by scrolling. */
  function insert(feed: ColumnFeed, posts: readonly Post[]): void {
    const merged = mergePosts(feed.posts, posts)
    if (merged.length > MAX_POSTS) {
      feed.posts = merged.slice(0, MAX_POSTS)
      feed.history = { kind: 'resync' }
    } else {
      feed.posts = merged
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
      const newest = [...incoming].sort(comparePosts).slice(0, MAX_POSTS)
      if (showsNow) {
        feed.posts = newest
        feed.history = { kind: 'resync' }
      } else {
        feed.held = newest
        feed.heldOverflow = true
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
      if (held.length > MAX_POSTS) {
        feed.held = held.slice(0, MAX_POSTS)
        feed.heldOverflow = true
      } else {
        feed.held = held
      }
    }
  }

  async function fetchNewer(key: string): Promise<void> {
    const feed = feeds.get(key)
    const runtime = runtimes.get(key)
    if (!feed || !runtime || feed.status !== 'ready') return
    const generation = runtime.generation
    try {
      const page = await api.posts.since({ query: plain(feed.query), afterSeq: feed.latestSeq, limit: SINCE_LIMIT })
      if (!isCurrent(key, runtime, generation)) return
      feed.latestSeq = Math.max(feed.latestSeq, page.latestSeq)
      receive(feed, page.posts, page.posts.length >= SINCE_LIMIT)
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

  /** Reports whether the reader is at the top of a column. */
  function setAtTop(key: string, atTop: boolean): void {
    const feed = feeds.get(key)
    if (feed && feed.atTop !== atTop) feed.atTop = atTop
  }

  /** Merges the held posts into the list (the "N new posts" pill). */
  function showNew(key: string): void {
    const feed = feeds.get(key)
    if (!feed || feed.held.length === 0) return
    if (feed.heldOverflow) {
      feed.posts = feed.held
      feed.history = { kind: 'resync' }
    } else {
      insert(feed, feed.held)
    }
    feed.held = []
    feed.heldOverflow = false
  }

  /** Edited or deleted upstream: fetch each affected post once and update every column. */
  async function applyChanged(ids: readonly string[]): Promise<void> {
    const shown = new Set<string>()
    for (const feed of feeds.values()) for (const id of ids) if (idsOf(feed.posts, feed.held).has(id)) shown.add(id)
    if (shown.size === 0) return
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
  const stopChanged = api.on('posts:changed', ({ ids }) => {
    // An empty list is the core's way of saying "too many to list: reload".
    if (ids.length === 0) reloadAll()
    else void applyChanged(ids)
  })

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
    for (const key of [...feeds.keys()]) close(key)
  })

  return { feedOf, open, close, load, reloadAll, loadMore, requestNewer, setAtTop, showNew, applyChanged }
})
