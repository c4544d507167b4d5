import { computed, onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { Deck } from '@shared/domain/column'
import { api } from '@renderer/lib/api'
import { errorMessage } from '@renderer/lib/errors'
import { useConnectionStore } from './connection'

/** The user's decks and which one is on screen. */
export const useDecksStore = defineStore('decks', () => {
  const decks = ref<Deck[]>([])
  const currentId = ref<string | null>(null)
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)

  const current = computed<Deck | null>(
    () => decks.value.find((deck) => deck.id === currentId.value) ?? decks.value[0] ?? null
  )

  function receive(next: Deck[]): void {
    decks.value = next
    // Keep the deck on screen when it still exists; otherwise fall back to the first one.
    if (!next.some((deck) => deck.id === currentId.value)) currentId.value = next[0]?.id ?? null
  }

  async function load(): Promise<void> {
    if (status.value !== 'ready') status.value = 'loading'
    try {
      receive(await api.decks.list())
      status.value = 'ready'
      error.value = null
    } catch (e) {
      error.value = errorMessage(e)
      if (status.value !== 'ready') status.value = 'error'
    }
  }

  function select(id: string): void {
    if (decks.value.some((deck) => deck.id === id)) currentId.value = id
  }

  const stop = api.on('decks:changed', ({ decks: next }) => receive(next))
  onScopeDispose(stop)
  const connection = useConnectionStore()
  watch(
    () => connection.reconnects,
    () => void load()
  )

  return { decks, currentId, current, status, error, load, select }
})
