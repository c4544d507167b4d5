import { computed, onScopeDispose, ref } from 'vue'
import { defineStore } from 'pinia'
import type { SystemInfo } from '@shared/contract/domains'
import { api } from '@renderer/lib/api'
import { errorCode, errorMessage } from '@renderer/lib/errors'

/** Who we are talking to and what we may do there. */
export const useSystemStore = defineStore('system', () => {
  const info = ref<SystemInfo | null>(null)
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)
  const errorKind = ref<string | null>(null)

  /** A wall screen's read-only link: nothing that changes data is shown. */
  const readOnly = computed(() => info.value?.access === 'read')
  const demoOnly = computed(() => info.value?.demoOnly === true)
  const version = computed(() => info.value?.version ?? '')
  /**
   * Since when the networks (not this Earshot) have been unreachable, or null while they are
   * reachable. Seeded from `system.info`, then kept by `connectivity:changed`.
   */
  const networksOfflineSince = ref<number | null>(null)

  async function load(): Promise<void> {
    status.value = 'loading'
    try {
      info.value = await api.system.info()
      networksOfflineSince.value = info.value.offlineSince ?? null
      status.value = 'ready'
      error.value = null
      errorKind.value = null
    } catch (e) {
      error.value = errorMessage(e)
      errorKind.value = errorCode(e)
      status.value = 'error'
    }
  }

  const stop = api.on('connectivity:changed', ({ online, since }) => {
    networksOfflineSince.value = online ? null : since
  })
  onScopeDispose(stop)

  return { info, status, error, errorKind, readOnly, demoOnly, version, networksOfflineSince, load }
})
