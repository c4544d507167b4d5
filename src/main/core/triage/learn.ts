/**
 * "It learns": people's corrections are stored (state table `corrections`) and taught to the
 * naive Bayes layer of every triage model (the pool's workers or its in-process model) at start
 * and as they come in. Accuracy is measured honestly: every fifth correction (chosen by a hash of
 * the post id, so the choice never changes) is held back and classified by a model that learned
 * all the other corrections but not it.
 */
import type { IncomingPost } from '@shared/domain/post'
import type { LearningStats } from '@shared/domain/triage'
import type { Intent, StoredTriage } from '@shared/triage/types'
import type { CoreEvents } from '../events'
import type { Correction, CorrectionRepository } from '../storage/repositories/corrections'
import { createTriage } from './classify'
import type { Brand } from './normalize'
import type { TriagePool } from './pool'
import type { LearnExample } from './stored'

/** A team's own label counts as much as two bundled training examples. */
export const CORRECTION_WEIGHT = 2
/** One correction in HOLD_BACK_EVERY is held back to measure accuracy. */
export const HOLD_BACK_EVERY = 5
/** Below this many held-back corrections the accuracy says too little to show. */
export const MIN_HELD_BACK = 5

/** FNV-1a: a stable, well-spread hash of the post id. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

export function isHeldBack(postId: string): boolean {
  return hash(postId) % HOLD_BACK_EVERY === 0
}

export interface CorrectionInput {
  postId: string
  text: string
  language: string | null
  /** The right intent; null or omitted when only the team was corrected (the intent stays as corrected before). */
  intent?: Intent | null
  teamId?: string | null
}

export interface TriageLearnerOptions {
  corrections: CorrectionRepository
  pool: Pick<TriagePool, 'learn'>
  /** Stored posts by id (re-classification reads them) and the write-back of their triage. */
  posts: {
    get(id: string): IncomingPost | null
    setTriage(updates: Array<{ id: string; triage: StoredTriage }>): void
  }
  /** Classifies stored posts the way ingest does (brand, watchlist). */
  classify(posts: IncomingPost[]): Promise<StoredTriage[]>
  events: CoreEvents
  brand: () => Brand
  now: () => number
}

function example(correction: Pick<Correction, 'text' | 'intent'>, weight: number): LearnExample[] {
  return correction.intent ? [{ text: correction.text, intent: correction.intent, weight }] : []
}

export class TriageLearner {
  private cachedStats: LearningStats | null = null

  constructor(private readonly options: TriageLearnerOptions) {}

  /** Teaches the models every stored correction (once, at core start). */
  start(): void {
    this.options.pool.learn(this.options.corrections.all().flatMap((c) => example(c, CORRECTION_WEIGHT)))
  }

  /**
   * Stores a correction and teaches it at once; a second correction of the same post replaces
   * the first (the model unlearns the old label).
   */
  addCorrection(input: CorrectionInput): Correction {
    const { corrections, pool, now } = this.options
    const previous = corrections.get(input.postId)
    const correction: Correction = {
      postId: input.postId,
      text: input.text,
      language: input.language,
      intent: input.intent ?? previous?.intent ?? null,
      teamId: input.teamId === undefined ? (previous?.teamId ?? null) : input.teamId,
      at: now()
    }
    corrections.save(correction)
    const unchanged = previous !== null && previous.intent === correction.intent && previous.text === correction.text
    if (!unchanged) {
      pool.learn([...(previous ? example(previous, -CORRECTION_WEIGHT) : []), ...example(correction, CORRECTION_WEIGHT)])
      this.cachedStats = null
    }
    return correction
  }

  /**
   * Classifies stored posts again with the current model and stores the result; announces them
   * with 'posts:changed'. Returns the ids that were re-classified (unknown ids are skipped).
   */
  async reclassify(ids: readonly string[]): Promise<string[]> {
    const { posts, events } = this.options
    const found = ids.map((id) => posts.get(id)).filter((post): post is IncomingPost => post !== null)
    if (found.length === 0) return []
    const triage = await this.options.classify(found)
    const updates = found.map((post, i) => ({ id: post.id, triage: triage[i] as StoredTriage }))
    posts.setTriage(updates)
    const changed = updates.map((u) => u.id)
    events.emit('posts:changed', { ids: changed })
    return changed
  }

  /** How many corrections the model learned from, and its accuracy on the held-back ones. */
  stats(): LearningStats {
    this.cachedStats ??= this.measure()
    return this.cachedStats
  }

  private measure(): LearningStats {
    const labelled = this.options.corrections.all().filter((c) => c.intent !== null)
    const heldBack = labelled.filter((c) => isHeldBack(c.postId))
    if (heldBack.length < MIN_HELD_BACK) return { corrections: labelled.length, heldOutAccuracy: null, heldOutSize: heldBack.length }
    // A fresh model (built in milliseconds) that learned everything except the held-back slice.
    const triage = createTriage()
    for (const c of labelled) if (!isHeldBack(c.postId) && c.intent) triage.intent.learn(c.text, c.intent, CORRECTION_WEIGHT)
    const brand = { brand: this.options.brand() }
    const right = heldBack.filter((c) => triage.classify({ id: c.postId, text: c.text, language: c.language }, brand).intent === c.intent).length
    return { corrections: labelled.length, heldOutAccuracy: Math.round((right / heldBack.length) * 1000) / 1000, heldOutSize: heldBack.length }
  }
}
