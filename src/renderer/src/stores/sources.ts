import { computed, onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { Source, SourceStatus } from '@shared/domain/source'
import { api } from '@renderer/lib/api'
import { errorMessage } from '@renderer/lib/errors'
import { useConnectionStore } from './connection'

export type HealthLevel = 'ok' | 'busy' | 'warning' | 'error' | 'none'

export interface SourceHealth {
  level: HealthLevel
  /** One short line for the header, e.g. "3 sources live" or "1 source failing". */
  summary: string
  counts: Record<SourceStatus, number>
}

/** Sources (accounts, searches, feeds, the demo) and their health, kept live. */
export const useSourcesStore = defineStore('sources', () => {
  const sources = ref<Source[]>([])
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)
  const pending = ref<ReadonlySet<string>>(new Set())

  async function load(): Promise<void> {
    if (status.value !== 'ready') status.value = 'loading'
    try {
      sources.value = await api.sources.list()
      status.value = 'ready'
      error.value = null
    } catch (e) {
      error.value = errorMessage(e)
      if (status.value !== 'ready') status.value = 'error'
    }
  }

  function replace(source: Source): void {
    sources.value = sources.value.map((s) => (s.id === source.id ? source : s))
  }

  /** Pauses or resumes a source (full access only; the core refuses it for read-only links). */
  async function setEnabled(id: string, enabled: boolean): Promise<void> {
    pending.value = new Set([...pending.value, id])
    try {
      replace(await api.sources.setEnabled({ id, enabled }))
      error.value = null
    } catch (e) {
      error.value = errorMessage(e)
    } finally {
      const next = new Set(pending.value)
      next.delete(id)
      pending.value = next
    }
  }

  const health = computed<SourceHealth>(() => {
    const counts: Record<SourceStatus, number> = { ok: 0, syncing: 0, paused: 0, error: 0 }
    for (const source of sources.value) counts[source.status]++
    const total = sources.value.length
    const plural = (n: number): string => (n === 1 ? 'source' : 'sources')
    if (total === 0) return { level: 'none', summary: 'No sources', counts }
    if (counts.error > 0) return { level: 'error', summary: `${counts.error} ${plural(counts.error)} failing`, counts }
    if (counts.paused > 0) return { level: 'warning', summary: `${counts.paused} ${plural(counts.paused)} paused`, counts }
    if (counts.syncing > 0) return { level: 'busy', summary: `Syncing ${counts.syncing} ${plural(counts.syncing)}`, counts }
    return { level: 'ok', summary: `${total} ${plural(total)} live`, counts }
  })

  const stop = api.on('sources:changed', ({ sources: next }) => {
    sources.value = next
    status.value = 'ready'
  })
  onScopeDispose(stop)
  const connection = useConnectionStore()
  watch(
    () => connection.reconnects,
    () => void load()
  )

  return { sources, status, error, pending, health, load, setEnabled }
})
