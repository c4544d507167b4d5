import type { IncomingPost } from '@shared/domain/post'
import type { Ingest } from '../sync/ingest'
import type { SourceRepository } from '../storage/repositories/sources'
import type { WorkflowRepository } from '../storage/repositories/workflow'
import { DEMO_SOURCE_ID, DemoGenerator } from './generator'
import { DEMO_TEAM_ACTOR, HANDLED_AFTER_MS, demoOutcome } from './handled'

/** History is stored in slices of this many posts, newest first. */
const HISTORY_SLICE = 500

/** How much history a fresh demo workspace starts with. */
export const DEMO_BACKFILL_DAYS = 7
export const DEMO_BACKFILL_COUNT = 5000

/** While the app was closed the demo "kept talking" at history density: posts per day, capped. */
const GAP_POSTS_PER_DAY = DEMO_BACKFILL_COUNT / DEMO_BACKFILL_DAYS
const GAP_MIN_MS = 60_000

interface DemoCursor {
  /** Number of the next post to generate. */
  next: number
}

export interface DemoRunnerOptions {
  seed: number
  ingest: Ingest
  sources: SourceRepository
  /** Where the demo team's handling of its history is recorded (see handled.ts); without it the history stays open. */
  workflow?: Pick<WorkflowRepository, 'handleOpen'>
  now: () => number
  /** Multiplies the live delays (tests and benchmarks speed the stream up). */
  paceFactor?: number
}

/**
 * The demo workspace as a source: a week of history on first start, the gap filled after a
 * restart (both mostly dealt with by the demo team already, see handled.ts), then a live stream.
 * Its cursor lives in the durable store like any source's, so the same post is never generated
 * twice and a restart continues the numbering.
 */
export class DemoRunner {
  private readonly generator: DemoGenerator
  private timer: ReturnType<typeof setTimeout> | null = null
  private next = 0

  constructor(private readonly options: DemoRunnerOptions) {
    this.generator = new DemoGenerator({ seed: options.seed })
  }

  get enabled(): boolean {
    return this.options.sources.get(DEMO_SOURCE_ID)?.enabled ?? false
  }

  get running(): boolean {
    return this.timer !== null
  }

  /**
   * Creates the demo source on first use (a workspace started with --no-demo never gets one),
   * catches up (backfill or gap) and starts the live stream, if the demo source is enabled.
   */
  start(): void {
    this.options.sources.ensure({ id: DEMO_SOURCE_ID, network: 'demo', name: 'Demo workspace', enabled: true, demo: true, config: {} })
    if (this.timer || !this.enabled) return
    this.catchUp()
    this.schedule()
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private catchUp(): void {
    const { sources, now } = this.options
    const state = sources.syncState(DEMO_SOURCE_ID)
    const cursor = state.cursor ? (JSON.parse(state.cursor) as DemoCursor) : null
    const end = now()
    if (!cursor) {
      this.store(this.generator.backfill(end, { days: DEMO_BACKFILL_DAYS, count: DEMO_BACKFILL_COUNT }), DEMO_BACKFILL_COUNT, true)
      return
    }
    this.next = cursor.next
    const from = Math.max(state.lastSyncAt ?? end, end - DEMO_BACKFILL_DAYS * 86_400_000)
    const gap = end - from
    if (gap < GAP_MIN_MS) return
    const count = Math.min(DEMO_BACKFILL_COUNT, Math.round((gap / 86_400_000) * GAP_POSTS_PER_DAY))
    const posts: IncomingPost[] = []
    for (let i = 0; i < count; i++) {
      posts.push(this.generator.post(this.next + i, Math.round(from + ((i + 0.5) / count) * gap)))
    }
    this.store(posts, this.next + count, true)
  }

  private schedule(): void {
    const { delayMs, count } = this.generator.nextLive(this.next)
    this.timer = setTimeout(() => {
      const at = this.options.now()
      const posts = Array.from({ length: count }, (_unused, i) => this.generator.post(this.next + i, at))
      this.store(posts, this.next + count, false)
      this.schedule()
    }, Math.max(1, delayMs * (this.options.paceFactor ?? 1)))
    // The demo must never keep a process alive on its own (CLI commands, tests).
    this.timer.unref?.()
  }

  /**
   * Stores generated posts; `history` (backfill, gap) also records what the demo team did with them.
   * History goes in newest first and in slices, so the first columns fill while the rest of the
   * week is still being classified.
   */
  private store(posts: IncomingPost[], next: number, history: boolean): void {
    this.next = next
    const slices = history ? sliceNewestFirst(posts, HISTORY_SLICE) : [posts]
    // The cursor moves on once every slice is stored (classifying them takes a moment).
    // (A failure means the store is closing: the next start continues from the last saved cursor.)
    const stored = slices.map((slice) =>
      this.options.ingest.add(slice).then((result) => {
        // Right after storing and routing, before the UI reads them: they never look unanswered.
        if (history) this.handleHistory(result.insertedIds)
      })
    )
    Promise.all(stored)
      .then(() =>
        this.options.sources.saveSyncState(DEMO_SOURCE_ID, {
          cursor: JSON.stringify({ next } satisfies DemoCursor),
          lastSyncAt: this.options.now(),
          nextSyncAt: null,
          lastError: null,
          status: 'ok'
        })
      )
      .catch(() => undefined)
  }

  private handleHistory(ids: string[]): void {
    const { workflow, seed, now } = this.options
    if (!workflow) return
    const at = now()
    workflow.handleOpen(ids, at - HANDLED_AFTER_MS, DEMO_TEAM_ACTOR, (clock) => demoOutcome(seed, clock, at))
  }
}

/** Posts in slices of `size`, the newest slice first (ingest keeps the order it is given). */
function sliceNewestFirst(posts: IncomingPost[], size: number): IncomingPost[][] {
  const newestFirst = [...posts].sort((a, b) => b.createdAt - a.createdAt)
  const slices: IncomingPost[][] = []
  for (let i = 0; i < newestFirst.length; i += size) slices.push(newestFirst.slice(i, i + size))
  return slices
}
