import { computed, onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { AccountSourceKind } from '@shared/domain/account'
import type { Source, SourceStatus } from '@shared/domain/source'
import { api } from '@renderer/lib/api'
import { upsertById } from '@renderer/lib/collections'
import { errorCode, errorMessage, errorSentence } from '@renderer/lib/errors'
import { useConnectionStore } from './connection'

export type HealthLevel = 'ok' | 'busy' | 'warning' | 'error' | 'none'

export interface SourceHealth {
  level: HealthLevel
  /** One short line for the header, e.g. "3 sources live" or "1 source failing". */
  summary: string
  counts: Record<SourceStatus, number>
}

/** What is being done to a source right now (its controls wait meanwhile). */
export type SourceAction = 'toggle' | 'sync' | 'rename' | 'remove'

/** The answer of an action that a form shows: the new source, or the core's sentence. */
export type SourceResult = { ok: true; source: Source } | SourceFailure
export interface SourceFailure {
  ok: false
  /** The core's sentence, e.g. `"foo" is not a web address.` */
  message: string
  code: string | null
}
type ActionResult = { ok: true; source: Source | null } | SourceFailure

/** Sources (accounts, searches, feeds, the demo) and their health, kept live. */
export const useSourcesStore = defineStore('sources', () => {
  const sources = ref<Source[]>([])
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  /** Why the list could not be loaded. */
  const error = ref<string | null>(null)
  /** Sources with an action in flight, and which. */
  const pending = ref<ReadonlyMap<string, SourceAction>>(new Map())
  /** The last failed action per source, as a sentence ("Could not sync: …"). */
  const actionErrors = ref<ReadonlyMap<string, string>>(new Map())
  /** True while a feed is being looked for and added. */
  const adding = ref(false)
  let addInFlight: Promise<SourceResult> | null = null

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

  /** Puts an answered source into the list (it may already be there through `sources:changed`). */
  function upsert(source: Source): void {
    sources.value = upsertById(sources.value, source)
  }

  function setPending(id: string, action: SourceAction | null): void {
    const next = new Map(pending.value)
    if (action) next.set(id, action)
    else next.delete(id)
    pending.value = next
  }

  function setActionError(id: string, message: string | null): void {
    const next = new Map(actionErrors.value)
    if (message) next.set(id, message)
    else next.delete(id)
    actionErrors.value = next
  }

  /**
   * Runs one action on one source: at most one at a time per source (a second click while the
   * first is on its way does nothing), failures kept per source in plain words.
   */
  async function act(id: string, action: SourceAction, failure: string, run: () => Promise<Source | undefined>): Promise<ActionResult> {
    if (pending.value.has(id)) return { ok: false, message: 'Earshot is still busy with this source.', code: 'busy' }
    setPending(id, action)
    try {
      const answer = await run()
      setActionError(id, null)
      if (answer) upsert(answer)
      return { ok: true, source: answer ?? null }
    } catch (e) {
      setActionError(id, `${failure}: ${errorSentence(e)}`)
      return { ok: false, message: errorSentence(e), code: errorCode(e) }
    } finally {
      setPending(id, null)
    }
  }

  /** Pauses or resumes a source (full access only; the core refuses it for read-only links). */
  async function setEnabled(id: string, enabled: boolean): Promise<void> {
    await act(id, 'toggle', enabled ? 'Could not resume' : 'Could not pause', () => api.sources.setEnabled({ id, enabled }))
  }

  /** Syncs a source now (also how a user says "I fixed it, try again"). */
  async function syncNow(id: string): Promise<void> {
    await act(id, 'sync', 'Could not sync', () => api.sources.syncNow({ id }))
  }

  /** Renames a source or changes its address; the answer says why not, for the inline form. */
  async function edit(id: string, changes: { name?: string; address?: string }): Promise<SourceResult> {
    const what = changes.address !== undefined ? 'Could not change the address' : 'Could not rename'
    const result = await act(id, 'rename', what, () => api.sources.edit({ id, ...changes }))
    // The form shows a failed rename next to its field, so the item does not repeat it.
    if (!result.ok) setActionError(id, null)
    if (!result.ok) return result
    const renamed = result.source ?? sources.value.find((s) => s.id === id)
    return renamed ? { ok: true, source: renamed } : { ok: false, message: 'That source no longer exists.', code: 'not_found' }
  }

  /** Removes a source, with or without its posts; true when it is gone. */
  async function remove(id: string, keepPosts: boolean): Promise<boolean> {
    const result = await act(id, 'remove', 'Could not remove', async () => {
      await api.sources.remove({ id, keepPosts })
      return undefined
    })
    if (result.ok) {
      sources.value = sources.value.filter((s) => s.id !== id)
      setActionError(id, null)
    }
    return result.ok
  }

  /**
   * Adds a feed from a feed or web-page address. The core looks for the feed and runs the first
   * sync before it answers, which can take a while; a second submit meanwhile joins the first.
   */
  function addFeed(url: string, name?: string): Promise<SourceResult> {
    if (addInFlight) return addInFlight
    adding.value = true
    const input = name ? { url, name } : { url }
    addInFlight = api.sources
      .addFeed(input)
      .then((source): SourceResult => {
        upsert(source)
        return { ok: true, source }
      })
      .catch((e: unknown): SourceResult => ({ ok: false, message: errorSentence(e), code: errorCode(e) }))
      .finally(() => {
        adding.value = false
        addInFlight = null
      })
    return addInFlight
  }

  /**
   * Listens through a connected account (mentions, a hashtag, a search…); the answer is the
   * new source or the core's sentence for the form.
   */
  async function addAccountSource(input: { accountId: string; kind: AccountSourceKind; value?: string; name?: string }): Promise<SourceResult> {
    try {
      const source = await api.sources.addAccountSource(input)
      upsert(source)
      return { ok: true, source }
    } catch (e) {
      return { ok: false, message: errorSentence(e), code: errorCode(e) }
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

  return { sources, status, error, pending, actionErrors, adding, health, load, setEnabled, syncNow, edit, remove, addFeed, addAccountSource }
})
