/**
 * From a stored post to the classifier's input, and from its result to what the cache keeps
 * (StoredTriage). Shared by the worker thread and the in-process path so both store the same.
 */
import type { IncomingPost, Post } from '@shared/domain/post'
import type { Sentiment } from '@shared/domain/triage'
import { NEEDS_RESPONSE, type Intent, type StoredTriage, type TriageResult } from '@shared/triage/types'
import type { PostInput, Triage, TriageContext } from './classify'
import { toIso6391 } from './language'
import { addressedFrom, computePriority, storedPriorityInput } from './priority'

/**
 * The classifier's view of a post. No SLA minutes: the SLA factor depends on the moment the post
 * is read, so it is added at read time, never stored.
 */
export function triageInput(post: IncomingPost, watchlist: ReadonlySet<string>): PostInput {
  return {
    id: post.id,
    text: post.text,
    followers: post.author.followers,
    network: post.network,
    language: post.language,
    watchlist: watchlist.has(post.author.id)
  }
}

function sentimentOf(result: TriageResult): Sentiment {
  if (result.sentiment_score === null) return 'unknown'
  return result.sentiment < 0 ? 'negative' : result.sentiment > 0 ? 'positive' : 'neutral'
}

export function toStoredTriage(input: PostInput, result: TriageResult): StoredTriage {
  const tag = input.language?.trim()
  return {
    // The network's own tag wins; detection fills in only when there is none.
    language: tag ? tag : toIso6391(result.language),
    intent: result.intent,
    confidence: result.confidence,
    sentiment: sentimentOf(result),
    sentimentScore: result.sentiment_score,
    needsResponse: result.needs_response,
    basePriority: result.priority,
    // What computePriority read besides intent and sentiment; the factors are rebuilt from these.
    addressed: addressedFrom(result.factors),
    followers: input.followers ?? null,
    watchlist: input.watchlist ?? false
  }
}

/**
 * What the cache keeps for a post whose intent a person corrected (post_workflow.intent_override):
 * the corrected intent, certain, with the priority and "needs a response" that go with it, so that
 * the needs-reply queue and the counters, which read the cache columns, follow the person.
 */
export function withIntentOverride(triage: StoredTriage, intent: Intent): StoredTriage {
  const corrected = { ...triage, intent, confidence: 1 }
  const { priority } = computePriority(storedPriorityInput(corrected, true))
  return { ...corrected, needsResponse: NEEDS_RESPONSE.has(intent), basePriority: priority }
}

/**
 * A stored post's intent corrected in the cache at once, from what was read (no classification
 * needed); null while unclassified. Like a re-classification, it takes the author's reach and
 * watchlist as they are now; how the text addresses the brand is read back from its factor.
 */
export function correctedStoredTriage(post: Post, intent: Intent): StoredTriage | null {
  const read = post.triage
  if (!read) return null
  const stored: StoredTriage = {
    language: post.language,
    intent: read.intent,
    confidence: read.confidence,
    sentiment: read.sentiment,
    sentimentScore: read.sentimentScore,
    needsResponse: read.needsResponse,
    basePriority: read.priority,
    addressed: addressedFrom(read.factors),
    followers: post.author.followers,
    watchlist: read.watched
  }
  return withIntentOverride(stored, intent)
}

/** Classifies inputs in order. */
export function classifyInputs(triage: Triage, inputs: readonly PostInput[], context: TriageContext): StoredTriage[] {
  return inputs.map((input) => toStoredTriage(input, triage.classify(input, context)))
}

/** One labelled text for the intent model; a negative weight takes an earlier example back. */
export interface LearnExample {
  text: string
  intent: StoredTriage['intent']
  weight: number
}
