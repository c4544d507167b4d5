import { computed, onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue'
import type { ColumnQuery } from '@shared/domain/column'
import type { Post } from '@shared/domain/post'
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

  const feed = computed<ColumnFeed | undefined>(() => store.feedOf(toValue(key)))
  const posts = computed<readonly Post[]>(() => feed.value?.posts ?? [])
  const view = computed<FeedView>(() => {
    const f = feed.value
    if (!f || f.status === 'loading') return 'loading'
    if (f.status === 'error') return 'error'
    return f.posts.length === 0 && f.held.length === 0 ? 'empty' : 'ready'
  })
  const newCount = computed(() => feed.value?.held.length ?? 0)
  const newLabel = computed(() => newPostsLabel(newCount.value, feed.value?.heldOverflow ?? false))
  const hasMore = computed(() => {
    const kind = feed.value?.history.kind
    return kind === 'cursor' || kind === 'resync'
  })

  return {
    feed,
    posts,
    view,
    newCount,
    newLabel,
    hasMore,
    error: computed(() => feed.value?.error ?? null),
    loadingMore: computed(() => feed.value?.loadingMore ?? false),
    moreError: computed(() => feed.value?.moreError ?? null),
    atLimit: computed(() => feed.value?.history.kind === 'limit'),
    retry: () => store.load(toValue(key)),
    loadMore: () => store.loadMore(toValue(key)),
    showNew: () => store.showNew(toValue(key)),
    /** Feed the scroll position in; the store decides whether new posts show or wait. */
    onScroll: (scrollTop: number) => store.setAtTop(toValue(key), scrollTop < AT_TOP_PX)
  }
}

export type ColumnFeedView = ReturnType<typeof useColumnFeed>
