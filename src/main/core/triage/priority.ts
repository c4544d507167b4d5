/**
 * Explainable priority 0–100: a sum of readable factors, each with its weight (the most it can
 * add), its contribution for this post and a reason. Pure; the weights are one exported table
 * so the settings (and later routing rules) can show or adjust them.
 */
import type { Intent, PriorityFactor, SentimentLabel } from '@shared/triage/types'

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
  addressed?: 'handle' | 'name' | null
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

export function computePriority(input: PriorityInput): PriorityResult {
  const w = PRIORITY_WEIGHTS
  const factors: PriorityFactor[] = []
  const intentWeight = w.intent[input.intent]
  // A shaky classification counts a little less (but at least 60%).
  const intentShare = 0.6 + 0.4 * Math.max(0, Math.min(1, input.confidence))
  factors.push({
    factor: 'intent',
    weight: Math.max(...Object.values(w.intent)),
    contribution: round1(intentWeight * intentShare),
    reason: `${input.intent.replace('_', ' ')} (${Math.round(input.confidence * 100)}% sure)`
  })
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
    contribution: input.addressed === 'handle' ? w.addressed : input.addressed === 'name' ? w.addressed / 2 : 0,
    reason: input.addressed === 'handle' ? 'brand addressed by @handle' : input.addressed === 'name' ? 'brand addressed by name' : 'brand not addressed directly'
  })
  if (input.slaMinutesLeft != null) {
    const left = input.slaMinutesLeft
    const share = left <= 0 ? 1 : Math.max(0, 1 - left / 120)
    factors.push({
      factor: 'sla',
      weight: w.sla,
      contribution: round1(w.sla * share),
      reason: left <= 0 ? `SLA breached ${Math.round(-left)} min ago` : `${Math.round(left)} min left to first response`
    })
  }
  const total = factors.reduce((sum, f) => sum + f.contribution, 0)
  return { priority: Math.max(0, Math.min(100, Math.round(total))), factors }
}
