import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import { defineStore } from 'pinia'
import type { Post } from '@shared/domain/post'
import { api } from '@renderer/lib/api'
import { errorMessage } from '@renderer/lib/errors'
import { useConnectionStore } from './connection'
import { useSystemStore } from './system'

/** At most one thread reload per this many ms while posts keep arriving. */
const REFRESH_MS = 1000

/**
 * The conversation on screen (the thread panel): the post that was opened and every post of its
 * thread that Earshot has stored, oldest first. Kept current while open: replies that arrive and
 * edits show up without reopening. Once the stored thread is on screen, the post's network is
 * asked for the rest of the conversation in the background (`network`, `networkNote`); a
 * read-only screen does not ask, because asking stores posts and spends the account's rate budget.
 */
export const useThreadStore = defineStore('thread', () => {
  /** The post the reader opened (shown highlighted), or null when no thread is open. */
  const focus = shallowRef<Post | null>(null)
  const posts = shallowRef<readonly Post[]>([])
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)
  /** Asking the network for the rest: not asked, under way, or answered (see `networkNote`). */
  const network = ref<'idle' | 'fetching' | 'done'>('idle')
  /** Why the network did not add to the thread, in a plain sentence; null when it answered. */
  const networkNote = ref<string | null>(null)
  let generation = 0
  /** Which network fetch is current: a thread closed or reopened meanwhile ignores older answers. */
  let fetches = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  const system = useSystemStore()

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

  /** Asks the post's network for the rest of the conversation, which the core stores; shows the thread as stored after that. */
  async function fetchRest(): Promise<void> {
    const opened = focus.value
    if (!opened || system.readOnly) return
    const mine = ++fetches
    network.value = 'fetching'
    networkNote.value = null
    try {
      const fetched = await api.posts.fetchThread({ id: opened.id })
      if (mine !== fetches) return
      // Newer than any quiet reload still on its way.
      generation++
      posts.value = fetched.posts
      const current = focus.value
      focus.value = fetched.posts.find((post) => post.id === current?.id) ?? current
      networkNote.value = fetched.note
    } catch (e) {
      if (mine !== fetches) return
      networkNote.value = `Could not fetch the rest of the conversation: ${errorMessage(e)}.`
    } finally {
      if (mine === fetches) network.value = 'done'
    }
  }

  /** The stored thread at once, then the network's part (unless the thread was closed or reopened meanwhile). */
  async function loadAll(): Promise<void> {
    const opening = ++fetches
    network.value = 'idle'
    networkNote.value = null
    await load()
    if (status.value === 'ready' && opening === fetches) await fetchRest()
  }

  /** Opens the thread of a post (and closes any other). */
  function open(post: Post): void {
    focus.value = post
    posts.value = []
    void loadAll()
  }

  function close(): void {
    generation++
    fetches++
    network.value = 'idle'
    networkNote.value = null
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

  return { focus, posts: shown, status, error, network, networkNote, open, close, retry: loadAll }
})
