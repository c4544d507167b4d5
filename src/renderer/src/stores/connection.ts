import { computed, onScopeDispose, ref } from 'vue'
import { defineStore } from 'pinia'
import { transportStatus } from '@renderer/lib/api'
import type { ConnectionState } from '@renderer/lib/transportStatus'

/**
 * Whether live updates reach this UI. The deck keeps showing what it has while offline
 * ("Offline since 10:42"); `reconnects` counts returns to online so that stores can fetch
 * what they missed.
 */
export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>(transportStatus.state)
  const since = ref<number>(transportStatus.since)
  const reconnects = ref(0)

  const stop = transportStatus.subscribe((next, at) => {
    if (state.value === 'offline' && next === 'online') reconnects.value++
    state.value = next
    since.value = at
  })
  onScopeDispose(stop)

  const offline = computed(() => state.value === 'offline')
  /** When the connection was lost, or null while online or connecting. */
  const offlineSince = computed(() => (offline.value ? since.value : null))

  return { state, since, reconnects, offline, offlineSince }
})
