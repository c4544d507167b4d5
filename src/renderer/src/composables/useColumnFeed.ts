import { computed, onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue'
import type { ColumnQuery } from '@shared/domain/column'
import type { Post } from '@shared/domain/post'
import { idsOf } from '@renderer/lib/timeline'
import { useColumnsStore, type ColumnFeed } from '@renderer/stores/columns'

/** Below this scroll offset the reader counts as "at the top": new posts appear at once. */
export const AT_TOP_PX = 8

export type FeedView = 'loading' | 'error' | 'empty' | 'ready'

/** "1 new post" / "3 new posts" — also the pill's accessible name. */
export function newPostsLabel(count: number, overflow: boolean): string {
  if (overflow) return `${count}+ new posts`
  return `${count} new ${count === 1 ? 'post' : 'posts'}`
}

/**
 * The pill of a server-ordered column (the queue): its fresh first page replaces the list, so it
 * says the queue changed, and how many posts in it are new to the reader.
 */
export function queueChangedLabel(newcomers: number): string {
  return newcomers > 0 ? `Queue changed · ${newcomers} new` : 'Queue changed'
}

/** What the pill says for what waits behind it, or null when nothing waits. */
export function pillLabel(feed: ColumnFeed): string | null {
  if (feed.held.length === 0 && !feed.heldReplaces) return null
  if (feed.order === 'time') return newPostsLabel(feed.held.length, feed.heldReplaces !== null)
  const shown = idsOf(feed.posts)
  // When more of the queue lies beyond what is shown, posts pulled up from there to fill the
  // places of those that left come after every post still shown: they are not new.
  const lastShown = feed.history.kind === 'end' ? feed.held.length : feed.held.findLastIndex((post) => shown.has(post.id))
  return queueChangedLabel(feed.held.filter((post, index) => index < lastShown && !shown.has(post.id)).length)
}

/**
 * What one column shows and the verbs it offers, on top of the columns store. Opens the feed
 * for `key` while the calling component lives and closes it afterwards (memory stays bounded).
 */
export function useColumnFeed(key: MaybeRefOrGetter<string>, query: MaybeRefOrGetter<ColumnQuery>) {
  const store = useColumnsStore()

  watch(
    [() => toValue(key), () => JSON.stringify(toValue(query))],
    ([nextKey], previous) => {
      const previousKey = previous?.[0]
      if (previousKey !== undefined && previousKey !== nextKey) store.close(previousKey)
      store.open(nextKey, toValue(query))
    },
    { immediate: true }
  )
  onScopeDispose(() => store.close(toValue(key)))

  // New posts appear at once only while the reader is at the top and not reading a post there
  // with the keyboard: a focused post must not move (nor leave a reordered queue) under its reader.
  let scrolledToTop = true
  let reading = false
  const updateAtTop = (): void => store.setAtTop(toValue(key), scrolledToTop && !reading)

  const feed = computed<ColumnFeed | undefined>(() => store.feedOf(toValue(key)))
  const posts = computed<readonly Post[]>(() => feed.value?.posts ?? [])
  const view = computed<FeedView>(() => {
    const f = feed.value
    if (!f || f.status === 'loading') return 'loading'
    if (f.status === 'error') return 'error'
    return f.posts.length === 0 && f.held.length === 0 ? 'empty' : 'ready'
  })
  /** The pill's label; null while nothing waits behind it. */
  const newLabel = computed(() => (feed.value ? pillLabel(feed.value) : null))
  const hasMore = computed(() => {
    const kind = feed.value?.history.kind
    return kind === 'cursor' || kind === 'resync'
  })

  return {
    feed,
    posts,
    view,
    newLabel,
    hasMore,
    error: computed(() => feed.value?.error ?? null),
    loadingMore: computed(() => feed.value?.loadingMore ?? false),
    moreError: computed(() => feed.value?.moreError ?? null),
    atLimit: computed(() => feed.value?.history.kind === 'limit'),
    /** Posts that arrived after the column's read mark. */
    unread: computed(() => feed.value?.unread ?? 0),
    markAllRead: () => store.markAllRead(toValue(key)),
    retry: () => store.load(toValue(key)),
    loadMore: () => store.loadMore(toValue(key)),
    showNew: () => store.showNew(toValue(key)),
    /** Feed the scroll position in; the store decides whether new posts show or wait. */
    onScroll: (scrollTop: number) => {
      scrolledToTop = scrollTop < AT_TOP_PX
      updateAtTop()
    },
    /** Keyboard focus entered (true) or left (false) the column's posts. */
    onReading: (on: boolean) => {
      reading = on
      updateAtTop()
    }
  }
}

export type ColumnFeedView = ReturnType<typeof useColumnFeed>
