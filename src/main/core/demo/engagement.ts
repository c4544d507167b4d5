import type { Intent } from '@shared/domain/intent'
import type { PostCounts } from '@shared/domain/post'
import type { Rng } from './random'

/**
 * Likes, reposts and replies. Reach grows sub-linearly with followers; influencers' posts get
 * far more engagement; complaints travel further, and now and then one goes viral.
 */

/** How much each intent makes people react, relative to chatter. */
const INTENT_FACTOR: Record<Intent, number> = {
  help_explicit: 0.7,
  help_implicit: 0.7,
  complaint: 1.4,
  purchase_intent: 0.8,
  praise: 1.3,
  idea: 1.1,
  other: 0.9
}

export interface EngagementInput {
  followers: number
  intent: Intent
  influencer: boolean
  /** Part of an outage or launch: more eyes on the topic. */
  incident: boolean
}

/** Rounds x up with probability equal to its fraction, so small means still give some 1s. */
function roundRandom(x: number, rng: Rng): number {
  return Math.floor(x + rng.next())
}

export function engagement(input: EngagementInput, rng: Rng): PostCounts {
  let mean = 0.6 + 0.012 * Math.pow(input.followers, 0.8)
  if (input.influencer) mean *= 3
  mean *= INTENT_FACTOR[input.intent]
  if (input.incident) mean *= input.intent === 'complaint' ? 2 : 1.3
  // Log-normal noise with mean 1 (sigma 0.9).
  let likes = mean * Math.exp(0.9 * rng.normal() - 0.405)
  let shareRate = 0.08 + 0.22 * rng.next()
  if (input.intent === 'complaint' && !input.influencer && rng.next() < (input.incident ? 0.05 : 0.02)) {
    // A customer's complaint that strikes a nerve: reposted far beyond the author's followers.
    likes *= 30 + 370 * rng.next() * rng.next()
    shareRate = 0.35 + 0.25 * rng.next()
  }
  const likeCount = roundRandom(likes, rng)
  const needsAnswers = input.intent === 'help_explicit' || input.intent === 'help_implicit'
  return {
    likes: likeCount,
    reposts: roundRandom(likeCount * shareRate, rng),
    replies: roundRandom(likeCount * (0.05 + 0.15 * rng.next()) + (needsAnswers ? 1.5 * rng.next() : 0), rng)
  }
}
