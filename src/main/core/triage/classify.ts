/**
 * One post in, one triage result out. `createTriage` builds the models once (lexicon, cues,
 * naive Bayes) and returns a fast, pure `classify`; `classifyPost` uses a lazily built shared
 * instance. The intent model stays reachable (`triage.intent.learn`) for corrections later.
 */
import { NEEDS_RESPONSE, type TriageResult } from '@shared/triage/types'
import { buildIntentModel, classifyIntent, type IntentModel, type IntentResult } from './intent'
import { detectLanguage } from './language'
import { brandMatcher, prepare, type Brand, type BrandMatcher } from './normalize'
import { computePriority } from './priority'
import { analyseSentiment, buildSentimentModel, type SentimentModel, type SentimentResult } from './sentiment'

export interface PostInput {
  id: string
  text: string
  followers?: number | null
  network?: string | null
  /** The network's own language tag (ISO 639-1 or 639-3); wins over detection. */
  language?: string | null
  /** Optional context for priority. */
  watchlist?: boolean
  slaMinutesLeft?: number | null
}

export interface TriageContext {
  brand: Brand
}

export interface TriageDetails extends TriageResult {
  sarcasm: boolean
  cues: string[]
}

export interface Triage {
  intent: IntentModel
  sentiment: SentimentModel
  classify(post: PostInput, context: TriageContext): TriageResult
  /** The same with the internals a developer or an explanation panel may want. */
  explain(post: PostInput, context: TriageContext): TriageDetails & { intentRules: IntentResult['rules']; sentimentRaw: SentimentResult['raw'] }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

interface BrandCache {
  matcher: BrandMatcher
  ignore: RegExp | null
}

export function createTriage(intentModel: IntentModel = buildIntentModel()): Triage {
  const sentimentModel = buildSentimentModel()
  const brands = new Map<string, BrandCache>()
  const brandFor = (brand: Brand): BrandCache => {
    const key = `${brand.names.join('\u0000')}\u0001${brand.handles.join('\u0000')}`
    let cached = brands.get(key)
    if (!cached) {
      const names = brand.names.map((n) => n.trim()).filter((n) => n.length > 0)
      cached = {
        matcher: brandMatcher(brand),
        ignore: names.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null
      }
      if (brands.size > 64) brands.clear()
      brands.set(key, cached)
    }
    return cached
  }

  const run = (post: PostInput, context: TriageContext) => {
    const brand = brandFor(context.brand)
    const language = detectLanguage({ text: post.text, tag: post.language, ignore: brand.ignore })
    const text = prepare(post.text, brand.matcher)
    const sentiment = analyseSentiment(text, language, sentimentModel)
    const intent = classifyIntent(text, sentiment, intentModel)
    const addressedBy = text.addressedByHandle ? 'handle' : text.mentionsBrandName ? 'name' : null
    const { priority, factors } = computePriority({
      intent: intent.intent,
      confidence: intent.confidence,
      sentiment: sentiment.sentiment,
      sentimentScore: sentiment.score,
      followers: post.followers ?? null,
      watchlist: post.watchlist ?? false,
      addressed: addressedBy,
      slaMinutesLeft: post.slaMinutesLeft ?? null
    })
    const result: TriageResult = {
      id: post.id,
      language,
      sentiment: sentiment.sentiment,
      sentiment_score: sentiment.score,
      intent: intent.intent,
      confidence: intent.confidence,
      priority,
      needs_response: NEEDS_RESPONSE.has(intent.intent),
      factors
    }
    return { result, sentiment, intent }
  }

  return {
    intent: intentModel,
    sentiment: sentimentModel,
    classify: (post, context) => run(post, context).result,
    explain(post, context) {
      const { result, sentiment, intent } = run(post, context)
      return { ...result, sarcasm: sentiment.sarcasm, cues: intent.cues, intentRules: intent.rules, sentimentRaw: sentiment.raw }
    }
  }
}

let shared: Triage | null = null

/** Classifies one post with the shared, lazily built models. */
export function classifyPost(post: PostInput, context: TriageContext): TriageResult {
  shared ??= createTriage()
  return shared.classify(post, context)
}

/** The demo workspace's brand, the CLI's default. */
export const DEMO_BRAND: Brand = { names: ['Lumora'], handles: ['@lumora'] }
