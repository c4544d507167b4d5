import type { CoreEvents } from '../events'
import type { Connector } from '../connectors/types'
import { ConnectorError } from '../connectors/types'
import type { SourceRecord, SourceRepository, SyncState } from '../storage/repositories/sources'
import type { Ingest } from './ingest'
import { backoffDelay, budgetDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff'

/** How often a healthy source is asked again when the network gives no hint. */
export const DEFAULT_POLL_MS = 2 * 60_000
/** A source that said "there is more" is asked again this soon (still within its budget). */
const MORE_DELAY_MS = 1_000
/** A fetch that takes longer than this is abandoned and counted as a network failure. */
const FETCH_TIMEOUT_MS = 60_000
/** How many of a source's newest posts are looked up again for deletions, where the network needs it. */
const RECHECK_POSTS = 25
/** While a push stream is open, polling only fills gaps: this often. */
export const STREAMING_POLL_MS = 15 * 60_000

export interface SyncEngineOptions {
  sources: SourceRepository
  ingest: Ingest
  /** The newest stored posts of a source (for connectors that recheck deletions). */
  newestPostIds(sourceId: string, limit: number): string[]
  events: CoreEvents
  /** The connector for a source, or null when its network has none here (yet). */
  connectorFor(source: SourceRecord): Connector | null
  /** Called after any source's health changed, so the UI hears about it. */
  onHealthChanged(): void
  /** A source's credentials were refused (`ok: false`) or accepted (`ok: true`, after every good sync). */
  onCredentials?(source: SourceRecord, ok: boolean, message: string | null): void
  now?: () => number
  random?: () => number
  backoff?: BackoffPolicy
}

interface SourceRun {
  timer: ReturnType<typeof setTimeout> | null
  controller: AbortController | null
  failures: number
  /** The open push stream, if the source has one and it is running. */
  stream: { controller: AbortController; open: boolean } | null
  streamFailures: number
  /** Set while a fetch is in flight, so a "sync now" does not start a second one. */
  running: Promise<void> | null
}

function newRun(): SourceRun {
  return { timer: null, controller: null, failures: 0, running: null, stream: null, streamFailures: 0 }
}

/** One line per kind of failure: what the user reads in the source's health. */
function describe(error: unknown): { message: string; kind: ConnectorError['kind'] } {
  if (error instanceof ConnectorError) return { message: error.message, kind: error.kind }
  return { message: `unexpected error: ${(error as Error).message}`, kind: 'server' }
}

/**
 * Runs every enabled source on its own timer: fetch → store → persist the cursor → plan the
 * next run. A failing source backs off on its own (full jitter, capped) and never delays the
 * others. The cursor is saved only after the posts it covers are stored, so a crash or restart
 * resumes without gaps; duplicates are absorbed by the store's stable ids.
 */
export class SyncEngine {
  private readonly runs = new Map<string, SourceRun>()
  private readonly now: () => number
  private readonly random: () => number
  private readonly backoff: BackoffPolicy
  private stopped = true
  private offlineSince: number | null = null

  constructor(private readonly options: SyncEngineOptions) {
    this.now = options.now ?? Date.now
    this.random = options.random ?? Math.random
    this.backoff = options.backoff ?? DEFAULT_BACKOFF
  }

  /** Starts every enabled source that has a connector, each at its planned time. */
  start(): void {
    this.stopped = false
    for (const source of this.options.sources.list()) this.plan(source.id)
  }

  stop(): void {
    this.stopped = true
    for (const id of [...this.runs.keys()]) this.cancel(id)
  }

  /** When the network was found unreachable (every source failing to connect), else null. */
  get offline(): number | null {
    return this.offlineSince
  }

  /** Re-reads a source after it was added, edited, paused or resumed. */
  refresh(id: string): void {
    this.cancel(id)
    if (!this.stopped) this.plan(id, true)
  }

  /** Forgets a removed source. */
  remove(id: string): void {
    this.cancel(id)
  }

  /** Runs one source now (the "sync now" button, and tests); resolves when that run is over. */
  syncNow(id: string): Promise<void> {
    const run = this.runs.get(id)
    if (run?.running) return run.running
    if (run?.timer) clearTimeout(run.timer)
    return this.runOnce(id)
  }

  private cancel(id: string): void {
    const run = this.runs.get(id)
    if (!run) return
    if (run.timer) clearTimeout(run.timer)
    run.controller?.abort()
    run.stream?.controller.abort()
    this.runs.delete(id)
  }

  private plan(id: string, immediately = false): void {
    const source = this.options.sources.get(id)
    if (!source || !source.enabled || source.demo || !this.options.connectorFor(source)) return
    const state = this.options.sources.syncState(id)
    if (state.status === 'error' && !immediately) return // waits for the user to reconnect or edit
    const due = immediately ? this.now() : (state.nextSyncAt ?? this.now())
    this.schedule(id, Math.max(0, due - this.now()))
  }

  private schedule(id: string, delayMs: number): void {
    const run = this.runs.get(id) ?? newRun()
    this.runs.set(id, run)
    if (run.timer) clearTimeout(run.timer)
    run.timer = setTimeout(() => {
      run.timer = null
      void this.runOnce(id)
    }, delayMs)
    run.timer.unref?.()
  }

  private runOnce(id: string): Promise<void> {
    const run = this.runs.get(id) ?? newRun()
    this.runs.set(id, run)
    const promise = this.fetchAndStore(id, run).finally(() => {
      run.running = null
    })
    run.running = promise
    return promise
  }

  private async fetchAndStore(id: string, run: SourceRun): Promise<void> {
    const { sources, ingest } = this.options
    const source = sources.get(id)
    const connector = source ? this.options.connectorFor(source) : null
    if (!source || !connector) return
    const previous = sources.syncState(id)
    this.saveState(id, { ...previous, status: 'syncing' })
    const controller = new AbortController()
    run.controller = controller
    const timeout = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS)
    try {
      const result = await connector.fetch({ cursor: previous.cursor, signal: controller.signal })
      if (controller.signal.aborted && !this.runs.has(id)) return // removed or paused meanwhile
      // Stored before the cursor moves on (a crash in between fetches the batch again), unless
      // the source was removed or paused while the batch was being classified.
      const current = (): boolean => this.runs.get(id) === run
      await ingest.add(result.posts, { stillWanted: current })
      if (!current()) return
      if (result.deletedIds.length) await ingest.remove(result.deletedIds)
      if (!result.more && connector.recheck) {
        // Best effort: a failed look-up only delays noticing a deletion until the next poll.
        const gone = await connector.recheck(this.options.newestPostIds(id, RECHECK_POSTS), controller.signal).catch(() => [])
        if (gone.length && this.runs.has(id)) await ingest.remove(gone)
      }
      run.failures = 0
      this.markOnline()
      const at = this.now()
      if (connector.capabilities.streaming && connector.stream && !run.stream && !this.stopped) this.openStream(id, run, connector)
      const idle = run.stream?.open ? STREAMING_POLL_MS : DEFAULT_POLL_MS
      let next = at + (result.more ? MORE_DELAY_MS : idle)
      if (result.notBefore !== undefined) next = Math.max(next, result.notBefore)
      if (result.rateLimit) {
        const { limit, remaining, resetAt } = result.rateLimit
        next = Math.max(next, at + budgetDelay(limit, remaining, resetAt, at))
      }
      this.saveState(id, { cursor: result.cursor, lastSyncAt: at, nextSyncAt: next, lastError: null, status: 'ok' })
      this.options.onCredentials?.(source, true, null)
      if (!this.stopped && this.runs.has(id)) this.schedule(id, next - at)
    } catch (error) {
      if (!this.runs.has(id)) return
      const { message, kind } = describe(error)
      run.failures++
      const at = this.now()
      if (kind === 'auth' || kind === 'not_found') {
        // Retrying cannot help: wait for the user, and say what to do.
        this.saveState(id, { ...previous, nextSyncAt: null, lastError: message, status: 'error' })
        if (kind === 'auth') this.options.onCredentials?.(source, false, message)
        return
      }
      if (kind === 'network') this.noteNetworkFailure(at)
      let delay = backoffDelay(run.failures, this.backoff, this.random)
      if (error instanceof ConnectorError && error.retryAfterMs !== undefined) delay = Math.max(delay, error.retryAfterMs)
      this.saveState(id, { ...previous, nextSyncAt: at + delay, lastError: message, status: 'ok' })
      if (!this.stopped) this.schedule(id, delay)
    } finally {
      clearTimeout(timeout)
      run.controller = null
    }
  }

  /**
   * Keeps the source's push stream open: streamed posts and deletions go straight to the store;
   * when the stream ends or fails, a poll after a back-off fills the gap and reopens it.
   */
  private openStream(id: string, run: SourceRun, connector: Connector): void {
    const stream = connector.stream
    if (!stream) return
    const controller = new AbortController()
    const state = { controller, open: false }
    run.stream = state
    const { ingest } = this.options
    stream
      .call(connector, {
        onOpen: () => {
          state.open = true
          run.streamFailures = 0
          this.markOnline()
        },
        // Streamed batches are stored in order by the ingest queue; a store failure is the poll's to repair.
        onPosts: (posts) => {
          if (!controller.signal.aborted) ingest.add(posts, { stillWanted: () => !controller.signal.aborted }).catch(() => undefined)
        },
        onDeleted: (ids) => {
          if (!controller.signal.aborted) ingest.remove(ids).catch(() => undefined)
        }
      }, controller.signal)
      .then(
        () => undefined,
        (error: unknown) => error
      )
      .then((error) => {
        if (run.stream === state) run.stream = null
        if (controller.signal.aborted || this.stopped || this.runs.get(id) !== run) return
        run.streamFailures++
        if (error !== undefined) {
          const { message, kind } = describe(error)
          if (kind === 'auth' || kind === 'not_found') {
            this.saveState(id, { ...this.options.sources.syncState(id), nextSyncAt: null, lastError: message, status: 'error' })
            if (run.timer) clearTimeout(run.timer)
            const source = this.options.sources.get(id)
            if (kind === 'auth' && source) this.options.onCredentials?.(source, false, message)
            return
          }
          if (kind === 'network') this.noteNetworkFailure(this.now())
        }
        let delay = backoffDelay(run.streamFailures, this.backoff, this.random)
        if (error instanceof ConnectorError && error.retryAfterMs !== undefined) delay = Math.max(delay, error.retryAfterMs)
        this.schedule(id, delay)
      })
  }

  private saveState(id: string, state: SyncState): void {
    this.options.sources.saveSyncState(id, state)
    this.options.onHealthChanged()
  }

  private noteNetworkFailure(at: number): void {
    // Offline when no source has reached its network since the failures began.
    if (this.offlineSince !== null) return
    const anyHealthy = [...this.runs.entries()].some(([, run]) => run.failures === 0)
    if (anyHealthy) return
    this.offlineSince = at
    this.options.events.emit('connectivity:changed', { online: false, since: at })
  }

  private markOnline(): void {
    if (this.offlineSince === null) return
    this.offlineSince = null
    this.options.events.emit('connectivity:changed', { online: true, since: this.now() })
  }
}
