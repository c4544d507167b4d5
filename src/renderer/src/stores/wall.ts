import { onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { TriageCounters } from '@shared/domain/triage'
import { api } from '@renderer/lib/api'
import { errorMessage } from '@renderer/lib/errors'
import { useConnectionStore } from './connection'

/** At most one counters call per this many ms, however busy the stream is. */
export const COUNTERS_MIN_INTERVAL_MS = 5_000
/** Asked again this often even when nothing arrives: "oldest unanswered" and "today" move with the clock. */
export const COUNTERS_TICK_MS = 30_000

/**
 * The wall screen's live counters (mentions today, waiting for reply, oldest unanswered).
 * They refresh while a wall shows them (`watch()`), on new or changed posts (throttled), on a
 * slow tick and after a reconnect; when the core cannot count, the last answer goes and the
 * wall shows "—" rather than a stale figure.
 */
export const useWallStore = defineStore('wall', () => {
  const counters = ref<TriageCounters | null>(null)
  const error = ref<string | null>(null)

  let watchers = 0
  let inFlight = false
  let pending = false
  let lastStart = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  let tick: ReturnType<typeof setInterval> | null = null

  async function run(): Promise<void> {
    inFlight = true
    pending = false
    lastStart = Date.now()
    try {
      counters.value = await api.triage.counters()
      error.value = null
    } catch (e) {
      counters.value = null
      error.value = errorMessage(e)
    } finally {
      inFlight = false
      if (pending && watchers > 0) request()
    }
  }

  /** Asks for fresh counters: at once, or coalesced into the next allowed call. */
  function request(): void {
    if (watchers === 0) return
    if (inFlight || timer) {
      pending = true
      return
    }
    const wait = lastStart + COUNTERS_MIN_INTERVAL_MS - Date.now()
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = null
        void run()
      }, wait)
      return
    }
    void run()
  }

  function stopTimers(): void {
    if (timer) clearTimeout(timer)
    if (tick) clearInterval(tick)
    timer = null
    tick = null
    pending = false
  }

  /** Keeps the counters fresh until the returned function is called. */
  function watchCounters(): () => void {
    if (watchers++ === 0) {
      tick = setInterval(request, COUNTERS_TICK_MS)
      request()
    }
    let stopped = false
    return () => {
      if (stopped) return
      stopped = true
      if (--watchers === 0) stopTimers()
    }
  }

  const stopAdded = api.on('posts:added', request)
  const stopChanged = api.on('posts:changed', request)
  const connection = useConnectionStore()
  watch(() => connection.reconnects, request)
  onScopeDispose(() => {
    stopAdded()
    stopChanged()
    watchers = 0
    stopTimers()
  })

  return { counters, error, watch: watchCounters, refresh: request }
})
