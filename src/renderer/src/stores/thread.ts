import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import { defineStore } from 'pinia'
import type { Post } from '@shared/domain/post'
import { api } from '@renderer/lib/api'
import { errorMessage } from '@renderer/lib/errors'
import { useConnectionStore } from './connection'

/** At most one thread reload per this many ms while posts keep arriving. */
const REFRESH_MS = 1000

/**
 * The conversation on screen (the thread panel): the post that was opened and every post of its
 * thread that Earshot has stored, oldest first. Kept current while open: replies that arrive and
 * edits show up without reopening.
 */
export const useThreadStore = defineStore('thread', () => {
  /** The post the reader opened (shown highlighted), or null when no thread is open. */
  const focus = shallowRef<Post | null>(null)
  const posts = shallowRef<readonly Post[]>([])
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)
  let generation = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  /** The thread as shown: what the store returned, or at least the opened post itself. */
  const shown = computed<readonly Post[]>(() => {
    const opened = focus.value
    if (!opened) return []
    return posts.value.some((post) => post.id === opened.id) ? posts.value : [...posts.value, opened]
  })

  async function load(quiet = false): Promise<void> {
    const opened = focus.value
    if (!opened) return
    const mine = ++generation
    if (!quiet) {
      status.value = 'loading'
      error.value = null
    }
    try {
      const thread = await api.posts.thread({ id: opened.id })
      if (mine !== generation) return
      posts.value = thread
      // The opened post as the store has it now (counts, edits).
      focus.value = thread.find((post) => post.id === opened.id) ?? opened
      status.value = 'ready'
      error.value = null
    } catch (e) {
      if (mine !== generation || quiet) return
      status.value = 'error'
      error.value = errorMessage(e)
    }
  }

  /** Opens the thread of a post (and closes any other). */
  function open(post: Post): void {
    focus.value = post
    posts.value = []
    void load()
  }

  function close(): void {
    generation++
    if (timer) clearTimeout(timer)
    timer = null
    focus.value = null
    posts.value = []
    status.value = 'idle'
    error.value = null
  }

  function refreshSoon(): void {
    if (!focus.value || status.value !== 'ready' || timer) return
    timer = setTimeout(() => {
      timer = null
      void load(true)
    }, REFRESH_MS)
  }

  const stopAdded = api.on('posts:added', refreshSoon)
  const stopChanged = api.on('posts:changed', ({ ids }) => {
    if (ids.length === 0 || shown.value.some((post) => ids.includes(post.id))) refreshSoon()
  })
  const connection = useConnectionStore()
  watch(
    () => connection.reconnects,
    () => refreshSoon()
  )
  onScopeDispose(() => {
    stopAdded()
    stopChanged()
    close()
  })

  return { focus, posts: shown, status, error, open, close, retry: () => load() }
})
