/**
 * Triage for stored posts: what ingest, re-classification and the backfill share. The brand comes
 * from the settings and the watchlist from the state store at the moment a batch is classified;
 * an intent a person corrected (post_workflow.intent_override) wins over the model's.
 */
import type { IncomingPost } from '@shared/domain/post'
import type { Intent, StoredTriage } from '@shared/triage/types'
import type { CoreEvents } from '../events'
import type { StoredPost } from '../sync/ingest'
import type { Brand } from './normalize'
import type { TriagePool } from './pool'
import { triageInput, withIntentOverride } from './stored'

export interface TriageSetting {
  brand: Brand
  /** Stable author ids on the watchlist. */
  watchlist: ReadonlySet<string>
}

/** The intents people corrected among these posts (by stable id); posts without one are left out. */
export type IntentOverrides = (ids: readonly string[]) => ReadonlyMap<string, Intent>

export class TriagePipeline {
  constructor(
    private readonly pool: Pick<TriagePool, 'classify'>,
    private readonly setting: () => TriageSetting,
    private readonly overrides?: IntentOverrides
  ) {}

  /** StoredTriage per post, in order. */
  async classify(posts: readonly IncomingPost[]): Promise<StoredTriage[]> {
    const { brand, watchlist } = this.setting()
    const triage = await this.pool.classify(
      posts.map((post) => triageInput(post, watchlist)),
      brand
    )
    // Looked up after classifying: a correction made meanwhile still counts. Corrected posts are
    // few, but they come back (re-classification, a rebuilt cache) and must stay corrected.
    const corrected = this.overrides?.(posts.map((post) => post.id))
    if (!corrected?.size) return triage
    return triage.map((result, i) => {
      const intent = corrected.get((posts[i] as IncomingPost).id)
      return intent ? withIntentOverride(result, intent) : result
    })
  }
}

/** During a big catch-up the columns reload after about this many posts. */
const RELOAD_EVERY = 5000

export interface BackfillOptions {
  posts: {
    /** Stored posts not classified yet (intent NULL), at most `limit`. */
    unclassified(limit: number): IncomingPost[]
    setTriage(updates: Array<{ id: string; triage: StoredTriage }>): void
  }
  pipeline: Pick<TriagePipeline, 'classify'>
  events: CoreEvents
  /** The posts just classified, with their triage: routing (they were stored without, so never routed). */
  onClassified?: (classified: StoredPost[], now: number) => void
  now?: () => number
  /** Posts per round; each round is one classification and one write. */
  chunk?: number
  log?: (message: string) => void
}

/**
 * Classifies stored posts that have no triage yet (a store from before triage, or a batch whose
 * classification failed), a chunk at a time in the background, and hands them to routing, which
 * never saw them (team, assignee, SLA clock; posts that already have a workflow row keep it).
 * Asking again while it runs makes it go round once more instead of starting a second run.
 */
export class TriageBackfill {
  private running: Promise<number> | null = null
  private again = false
  private stopped = false

  constructor(private readonly options: BackfillOptions) {}

  /** Starts (or re-arms) a run; resolves with the number of posts classified by it. */
  run(): Promise<number> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.loop().finally(() => {
      this.running = null
    })
    return this.running
  }

  stop(): void {
    this.stopped = true
  }

  private route(classified: StoredPost[]): void {
    const { onClassified, now, log } = this.options
    try {
      onClassified?.(classified, (now ?? Date.now)())
    } catch (error) {
      // The triage is stored either way; the posts just stay in no team.
      log?.(`Routing classified posts failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  private async loop(): Promise<number> {
    const { posts, pipeline, events, log } = this.options
    const chunk = this.options.chunk ?? 500
    let total = 0
    // A handful of posts is named; a big catch-up asks the columns to reload ([]) now and then.
    let unannounced: string[] = []
    const announce = (): void => {
      if (unannounced.length === 0) return
      events.emit('posts:changed', { ids: unannounced.length <= chunk ? unannounced : [] })
      unannounced = []
    }
    try {
      do {
        this.again = false
        for (;;) {
          if (this.stopped) return total
          const batch = posts.unclassified(chunk)
          if (batch.length === 0) break
          let triage: StoredTriage[]
          try {
            triage = await pipeline.classify(batch)
          } catch (error) {
            // The same posts would fail again right away: leave them to the next run.
            log?.(`Classifying stored posts failed: ${error instanceof Error ? error.message : String(error)}`)
            return total
          }
          if (this.stopped) return total
          posts.setTriage(batch.map((post, i) => ({ id: post.id, triage: triage[i] as StoredTriage })))
          this.route(batch.map((post, i) => ({ post, triage: triage[i] as StoredTriage })))
          total += batch.length
          unannounced.push(...batch.map((post) => post.id))
          if (unannounced.length >= RELOAD_EVERY) announce()
        }
      } while (this.again && !this.stopped)
      return total
    } finally {
      if (!this.stopped) announce()
    }
  }
}
