import { computed, onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { OutboxItem } from '@shared/domain/outbox'
import { api } from '@renderer/lib/api'
import { upsertById } from '@renderer/lib/collections'
import { errorCode, errorMessage, errorSentence } from '@renderer/lib/errors'
import { useConnectionStore } from './connection'
import { useSystemStore } from './system'

export type OutboxResult = { ok: true; item: OutboxItem } | { ok: false; message: string; code: string | null }

function newestFirst(a: OutboxItem, b: OutboxItem): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
}

/** Replies and posts waiting to go out, going out, sent or failed; kept live by `outbox:changed`. */
export const useOutboxStore = defineStore('outbox', () => {
  const items = ref<OutboxItem[]>([])
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)
  const sending = ref(false)
  /** Items being retried (their button waits). */
  const retrying = ref<ReadonlySet<string>>(new Set())
  /** The last failed retry per item, as a sentence. */
  const retryErrors = ref<ReadonlyMap<string, string>>(new Map())

  const sorted = computed(() => [...items.value].sort(newestFirst))
  /** Not yet out: queued, sending or failed. */
  const waiting = computed(() => items.value.filter((item) => item.state !== 'sent').length)

  async function load(): Promise<void> {
    if (status.value !== 'ready') status.value = 'loading'
    try {
      items.value = await api.outbox.list()
      status.value = 'ready'
      error.value = null
    } catch (e) {
      error.value = errorMessage(e)
      if (status.value !== 'ready') status.value = 'error'
    }
  }

  function upsert(item: OutboxItem): void {
    items.value = upsertById(items.value, item, 'start')
  }

  /** Queues a post or reply; resolves once the core has it durably (a second submit meanwhile is refused). */
  async function send(input: { accountId: string; text: string; inReplyToId?: string }): Promise<OutboxResult> {
    if (sending.value) return { ok: false, message: 'Earshot is still queueing the last one.', code: 'busy' }
    sending.value = true
    try {
      const item = await api.outbox.send(input)
      upsert(item)
      return { ok: true, item }
    } catch (e) {
      return { ok: false, message: errorSentence(e), code: errorCode(e) }
    } finally {
      sending.value = false
    }
  }

  async function retry(id: string): Promise<void> {
    if (retrying.value.has(id)) return
    retrying.value = new Set([...retrying.value, id])
    const errors = new Map(retryErrors.value)
    errors.delete(id)
    try {
      upsert(await api.outbox.retry({ id }))
    } catch (e) {
      errors.set(id, `Could not retry: ${errorSentence(e)}`)
    } finally {
      retryErrors.value = errors
      const next = new Set(retrying.value)
      next.delete(id)
      retrying.value = next
    }
  }

  const stop = api.on('outbox:changed', ({ items: next }) => {
    // The event carries the newest 50; older items we already know stay.
    const ids = new Set(next.map((i) => i.id))
    items.value = [...next, ...items.value.filter((i) => !ids.has(i.id))]
    status.value = 'ready'
  })
  onScopeDispose(stop)
  const connection = useConnectionStore()
  const system = useSystemStore()
  watch(
    () => connection.reconnects,
    () => {
      if (!system.readOnly) void load()
    }
  )

  return { items, sorted, status, error, sending, retrying, retryErrors, waiting, load, send, retry }
})
