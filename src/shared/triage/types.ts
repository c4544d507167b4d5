/**
 * Triage output shapes, shared by the main process (which classifies) and the renderer (which
 * shows "why this priority"). Plain data only.
 */

import type { Intent } from '../domain/intent'

export { INTENTS, isIntent, type Intent } from '../domain/intent'

/** The intents that need a response from the team (the "Needs a reply" queue). */
export const NEEDS_RESPONSE: ReadonlySet<Intent> = new Set<Intent>(['help_explicit', 'help_implicit', 'complaint', 'purchase_intent'])

/** -1 negative, 0 neutral (or unknown), 1 positive. */
export type SentimentLabel = -1 | 0 | 1

export interface PriorityFactor {
  /** Stable key: intent, negative_sentiment, reach, watchlist, addressed, sla. */
  factor: string
  /** The most this factor can add (its weight in the 0–100 scale). */
  weight: number
  /** What it added for this post (0 … weight). */
  contribution: number
  /** One sentence a person can read on the card. */
  reason: string
}

export interface TriageResult {
  id: string
  /** ISO 639-3, or 'und' when unsure. */
  language: string
  sentiment: SentimentLabel
  /** -1 … 1; null when the language has no sentiment model ("unknown", sentiment is then 0). */
  sentiment_score: number | null
  intent: Intent
  /** 0 … 1. */
  confidence: number
  /** 0 … 100. */
  priority: number
  needs_response: boolean
  factors: PriorityFactor[]
}
