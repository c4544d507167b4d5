/**
 * Explainable priority 0–100: a sum of readable factors, each with its weight (the most it can
 * add), its contribution for this post and a reason. Pure; the weights are one exported table
 * so the settings (and later routing rules) can show or adjust them.
 */
import type { Sentiment } from '@shared/domain/triage'
import type { BrandAddress, Intent, PriorityFactor, SentimentLabel, StoredTriage } from '@shared/triage/types'

export const PRIORITY_WEIGHTS = {
  /** Per intent: how urgent the kind of post is on its own. */
  intent: { complaint: 40, help_explicit: 38, help_implicit: 30, purchase_intent: 28, idea: 10, praise: 8, other: 0 } satisfies Record<Intent, number>,
  negativeSentiment: 12,
  reach: 20,
  watchlist: 12,
  addressed: 8,
  sla: 20
} as const

export interface PriorityInput {
  intent: Intent
  confidence: number
  sentiment: SentimentLabel
  /** -1 … 1 or null (unknown language). */
  sentimentScore: number | null
  followers?: number | null
  watchlist?: boolean
  /** 'handle' when @brand is in the post, 'name' when the post opens with/asks the brand by name. */
  addressed?: BrandAddress
  /** A person set the intent: it counts as certain. */
  intentCorrected?: boolean
  /** Minutes left until the first-response SLA runs out (negative: breached); omit when unknown. */
  slaMinutesLeft?: number | null
}

export interface PriorityResult {
  priority: number
  factors: PriorityFactor[]
}

const round1 = (n: number): number => Math.round(n * 10) / 10

/** Log-scaled reach: 100 followers → 0, 1k → 4, 10k → 8, 100k → 12, 1M → 16, 10M+ → 20. */
export function reachContribution(followers: number): number {
  if (!(followers > 0)) return 0
  return Math.min(PRIORITY_WEIGHTS.reach, Math.max(0, 4 * (Math.log10(followers) - 2)))
}

function compact(n: number): string {
  if (n >= 1e6) return `${round1(n / 1e6)}M`
  if (n >= 1e3) return `${round1(n / 1e3)}k`
  return String(Math.round(n))
}

/**
 * The SLA factor for this many minutes left until the first-response deadline (negative: breached):
 * nothing two hours out, rising to its full weight at the deadline. Pure and exported because the
 * stored priority leaves it out: it is added when a post is read (the clock keeps running).
 */
export function slaFactor(minutesLeft: number): PriorityFactor {
  const weight = PRIORITY_WEIGHTS.sla
  const share = minutesLeft <= 0 ? 1 : Math.max(0, 1 - minutesLeft / 120)
  return {
    factor: 'sla',
    weight,
    contribution: round1(weight * share),
    reason: minutesLeft <= 0 ? `SLA breached ${Math.round(-minutesLeft)} min ago` : `${Math.round(minutesLeft)} min left to first response`
  }
}

/** The intent's factor; `corrected` when a person set the intent (it then counts as certain). */
function intentFactor(intent: Intent, confidence: number, corrected = false): PriorityFactor {
  // A shaky classification counts a little less (but at least 60%).
  const share = corrected ? 1 : 0.6 + 0.4 * Math.max(0, Math.min(1, confidence))
  return {
    factor: 'intent',
    weight: Math.max(...Object.values(PRIORITY_WEIGHTS.intent)),
    contribution: round1(PRIORITY_WEIGHTS.intent[intent] * share),
    reason: `${intent.replace('_', ' ')} (${corrected ? 'corrected by a person' : `${Math.round(confidence * 100)}% sure`})`
  }
}

function total(factors: readonly PriorityFactor[]): number {
  return Math.max(0, Math.min(100, Math.round(factors.reduce((sum, f) => sum + f.contribution, 0))))
}

/** What being addressed adds: the full weight by @handle, half by name. */
function addressedContribution(addressed: BrandAddress | undefined): number {
  return addressed === 'handle' ? PRIORITY_WEIGHTS.addressed : addressed === 'name' ? PRIORITY_WEIGHTS.addressed / 2 : 0
}

/** How a post addressed the brand, read back from its `addressed` factor (that factor's inverse). */
export function addressedFrom(factors: readonly PriorityFactor[]): BrandAddress {
  const contribution = factors.find((f) => f.factor === 'addressed')?.contribution ?? 0
  return contribution === addressedContribution('handle') ? 'handle' : contribution === addressedContribution('name') ? 'name' : null
}

const SENTIMENT_LABEL: Record<Sentiment, SentimentLabel> = { negative: -1, neutral: 0, positive: 1, unknown: 0 }

/**
 * A stored post's priority input (the cache keeps these instead of the factors): computePriority
 * over it gives the stored base priority and the factors behind it, exactly as classified.
 */
export function storedPriorityInput(
  stored: Pick<StoredTriage, 'intent' | 'confidence' | 'sentiment' | 'sentimentScore' | 'addressed' | 'followers' | 'watchlist'>,
  intentCorrected = false
): PriorityInput {
  return {
    intent: stored.intent,
    confidence: stored.confidence,
    sentiment: SENTIMENT_LABEL[stored.sentiment],
    sentimentScore: stored.sentimentScore,
    followers: stored.followers,
    watchlist: stored.watchlist,
    addressed: stored.addressed,
    intentCorrected
  }
}

export function computePriority(input: PriorityInput): PriorityResult {
  const w = PRIORITY_WEIGHTS
  const factors: PriorityFactor[] = [intentFactor(input.intent, input.confidence, input.intentCorrected)]
  const negative = input.sentimentScore === null ? 0 : Math.max(0, -input.sentimentScore)
  factors.push({
    factor: 'negative_sentiment',
    weight: w.negativeSentiment,
    contribution: round1(input.sentiment < 0 ? w.negativeSentiment * Math.max(0.5, negative) : 0),
    reason: input.sentimentScore === null ? 'sentiment unknown for this language' : input.sentiment < 0 ? 'negative tone' : 'tone not negative'
  })
  const followers = input.followers ?? 0
  factors.push({
    factor: 'reach',
    weight: w.reach,
    contribution: round1(reachContribution(followers)),
    reason: input.followers == null ? 'author reach unknown' : `author has ${compact(followers)} followers`
  })
  factors.push({
    factor: 'watchlist',
    weight: w.watchlist,
    contribution: input.watchlist ? w.watchlist : 0,
    reason: input.watchlist ? 'author is on the watchlist' : 'author not on the watchlist'
  })
  factors.push({
    factor: 'addressed',
    weight: w.addressed,
    contribution: addressedContribution(input.addressed),
    reason: input.addressed === 'handle' ? 'brand addressed by @handle' : input.addressed === 'name' ? 'brand addressed by name' : 'brand not addressed directly'
  })
  if (input.slaMinutesLeft != null) factors.push(slaFactor(input.slaMinutesLeft))
  return { priority: total(factors), factors }
}
