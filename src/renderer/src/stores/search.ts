import { ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import type { ColumnQuery } from '@shared/domain/column'
import type { Post } from '@shared/domain/post'
import { api } from '@renderer/lib/api'
import { errorMessage } from '@renderer/lib/errors'

/** Results per page of the search panel (a screenful and more; scrolling fetches the next). */
export const SEARCH_PAGE_SIZE = 25

const OPERATORS = new Set(['AND', 'OR', 'NOT'])
/** Letters a word needs before it is searched as a prefix. */
const MIN_PREFIX = 2

/**
 * Search as you type: the word still being typed counts as a prefix ("lapt" finds "laptop").
 * Words that are finished (followed by a space), phrases, operators and explicit prefixes are
 * left as the person wrote them; the core turns the text into a safe full-text query. A single
 * letter is not a prefix: "l*" matches a large part of a big store (slow, and useless to read),
 * and the query for it would still be running when the next key arrives.
 */
export function asYouType(text: string): string {
  const match = /(^|[\s(])([\p{L}\p{N}]+)$/u.exec(text)
  const word = match?.[2]
  if (!word || word.length < MIN_PREFIX || OPERATORS.has(word) || (text.match(/"/g)?.length ?? 0) % 2 === 1) return text.trim()
  return `${text.trim()}*`
}

/** The saved query a search becomes ("Add as column"). */
export function searchQuery(text: string): ColumnQuery {
  return { type: 'stream', filter: { text: text.trim() } }
}

/**
 * Global search over everything stored (offline, through the local full-text index).
 *
 * Keys are coalesced rather than debounced by a timer: the first key asks at once, at most one
 * query is in flight, and keys typed meanwhile become one follow-up with the latest text. An
 * answer for text that has changed since is not shown at all (rendering results nobody will read
 * would only delay the ones they will), so results are on screen one query and one render after
 * the last key — a fixed debounce would spend a third of the 100 ms budget waiting.
 */
export const useSearchStore = defineStore('search', () => {
  const isOpen = ref(false)
  const text = ref('')
  /** The text the shown results are for. */
  const resultsFor = ref('')
  const results = shallowRef<readonly Post[]>([])
  const nextCursor = ref<string | null>(null)
  const status = ref<'idle' | 'searching' | 'ready' | 'error'>('idle')
  const loadingMore = ref(false)
  const error = ref<string | null>(null)

  let inFlight = false
  let generation = 0

  function open(): void {
    isOpen.value = true
  }

  function close(): void {
    isOpen.value = false
  }

  async function run(): Promise<void> {
    const wanted = text.value
    const match = asYouType(wanted)
    if (!match) {
      generation++
      results.value = []
      resultsFor.value = ''
      nextCursor.value = null
      status.value = 'idle'
      return
    }
    inFlight = true
    const mine = ++generation
    status.value = 'searching'
    try {
      const page = await api.posts.query({ query: searchQuery(match), limit: SEARCH_PAGE_SIZE })
      if (mine !== generation || text.value !== wanted) return
      results.value = page.posts
      nextCursor.value = page.nextCursor
      resultsFor.value = wanted
      status.value = 'ready'
      error.value = null
    } catch (e) {
      if (mine !== generation || text.value !== wanted) return
      status.value = 'error'
      error.value = errorMessage(e)
    } finally {
      inFlight = false
      // The text changed while we asked: ask again, once, with what it is now.
      if (text.value !== wanted && mine === generation) void run()
    }
  }

  /** The search box changed. */
  function setText(next: string): void {
    if (next === text.value) return
    text.value = next
    if (!inFlight) void run()
  }

  /** Older results for the same text. */
  async function loadMore(): Promise<void> {
    const cursor = nextCursor.value
    if (!cursor || loadingMore.value || status.value !== 'ready') return
    const mine = generation
    loadingMore.value = true
    try {
      const page = await api.posts.query({ query: searchQuery(asYouType(resultsFor.value)), cursor, limit: SEARCH_PAGE_SIZE })
      if (mine !== generation) return
      const seen = new Set(results.value.map((post) => post.id))
      results.value = [...results.value, ...page.posts.filter((post) => !seen.has(post.id))]
      nextCursor.value = page.nextCursor
    } catch (e) {
      if (mine === generation) error.value = errorMessage(e)
    } finally {
      loadingMore.value = false
    }
  }

  return {
    isOpen,
    text,
    resultsFor,
    results,
    nextCursor,
    status,
    loadingMore,
    error,
    open,
    close,
    setText,
    loadMore,
    retry: run
  }
})
