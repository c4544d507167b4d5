/**
 * Triage output shapes, shared by the main process (which classifies) and the renderer (which
 * shows "why this priority"). Plain data only.
 */

import type { Intent } from '../domain/intent'
import type { Sentiment } from '../domain/triage'

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

/** How a post addresses the brand: by its @handle, by its name, or not directly (null). */
export type BrandAddress = 'handle' | 'name' | null

/**
 * What the classifier stores with a post in the cache (posts.intent … posts.triage_watchlist).
 * The durable workflow (status, team, boost, SLA deadline) is joined in when the post is read.
 */
export interface StoredTriage {
  /** ISO 639-1 when the network gave none (detected), else the network's tag; null when unsure. */
  language: string | null
  intent: Intent
  confidence: number
  sentiment: Sentiment
  sentimentScore: number | null
  needsResponse: boolean
  /** 0 … 100 without the routing boost and the SLA factor. */
  basePriority: number
  /*
   * The rest of what basePriority was computed from, kept instead of the factors themselves: the
   * card's "why this priority" is computed again from these (with intent, confidence and sentiment)
   * when the post is read, by the same computePriority, so it always adds up to basePriority.
   */
  /** How the post addressed the brand. */
  addressed: BrandAddress
  /** The author's followers at classification time (null: unknown). */
  followers: number | null
  /** Whether the author was on the watchlist at classification time. */
  watchlist: boolean
}
