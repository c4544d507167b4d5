/**
 * Intent = rules first, naive Bayes second. The rules score each intent from cue phrases plus
 * structure: a question or request addressed to the brand leans to help_explicit, a problem
 * statement without a request to help_implicit, anger and sarcasm to complaint, clear positive
 * sentiment without a problem to praise. The naive Bayes posterior (trained on the bundled
 * training set, and later on the team's corrections) is mixed in; with no rule firing it
 * decides alone, and a confident "other" wins over weak cues.
 */
import { INTENTS, type Intent } from '@shared/triage/types'
import { NaiveBayes, features } from './bayes'
import { compileCues, type CompiledCue } from './cues'
import { BRAND_HANDLE, BRAND_NAME, brandMatcher, fold, prepare, type PreparedText } from './normalize'
import type { SentimentResult } from './sentiment'
import { TRAINING_BRAND, trainingExamples, type TrainingExample } from './training'

export interface IntentResult {
  intent: Intent
  confidence: number
  /** Per-intent rule scores (explanations, debugging). */
  rules: Record<Intent, number>
  /** The cue phrases that fired. */
  cues: string[]
}

export interface IntentModel {
  cues: CompiledCue[]
  bayes: NaiveBayes
  /** Learns one labelled post (a correction); `weight` > 1 makes the team's own labels count more. */
  learn(text: string, intent: Intent, weight?: number): void
}

/**
 * The brand placeholders are left out of the naive Bayes features: whether the brand is
 * addressed is a rule (structure), and in any training set the brand's handle clusters in help
 * requests, which would teach "mentions the brand → needs help".
 */
function withoutBrand(tokens: string[]): string[] {
  return tokens.filter((t) => t !== BRAND_HANDLE && t !== BRAND_NAME)
}

export function buildIntentModel(examples: TrainingExample[] = trainingExamples()): IntentModel {
  const bayes = new NaiveBayes()
  const trainingBrand = brandMatcher(TRAINING_BRAND)
  for (const example of examples) bayes.learn(features(withoutBrand(prepare(example.text, trainingBrand).tokens)), example.intent)
  return {
    cues: compileCues(fold),
    bayes,
    learn(text, intent, weight = 1) {
      bayes.learn(features(withoutBrand(prepare(text, trainingBrand).tokens)), intent, weight)
    }
  }
}

const INDEX = Object.fromEntries(INTENTS.map((intent, i) => [intent, i])) as Record<Intent, number>
const GREETINGS = new Set(['hey', 'hi', 'hallo', 'dear', 'liebes', 'liebe', 'hello', 'moin', 'servus'])

/** Is the brand spoken to (handle anywhere, or its name opening the post / after a greeting)? */
function addressed(text: PreparedText): boolean {
  if (text.addressedByHandle) return true
  const first = text.sentences[0]?.tokens ?? []
  const at = first.indexOf(BRAND_NAME)
  if (at === 0) return true
  if (at === 1 && GREETINGS.has(first[0] ?? '')) return true
  return text.sentences.some((s) => s.question && s.tokens[s.tokens.length - 1] === BRAND_NAME)
}

const RULE_TEMPERATURE = 1.2
const NO_RULE_OTHER_PRIOR = 0.35

export function classifyIntent(text: PreparedText, sentiment: SentimentResult, model: IntentModel): IntentResult {
  const scores = new Float64Array(INTENTS.length)
  const fired: string[] = []
  for (const cue of model.cues) {
    if (text.padded.includes(cue.needle)) {
      const k = INDEX[cue.intent]
      scores[k] = (scores[k] ?? 0) + cue.weight
      fired.push(cue.phrase)
    }
  }
  const bump = (intent: Intent, value: number): void => {
    scores[INDEX[intent]] = (scores[INDEX[intent]] ?? 0) + value
  }
  const explicit = scores[INDEX.help_explicit] ?? 0
  const problem = scores[INDEX.help_implicit] ?? 0
  const anger = scores[INDEX.complaint] ?? 0
  const toBrand = addressed(text)
  const asks = text.questions > 0

  // Structure.
  if (toBrand && asks) bump('help_explicit', 2)
  else if (toBrand && explicit > 0) bump('help_explicit', 1)
  if (asks && problem > 0 && explicit > 0) bump('help_explicit', 1)
  // A problem with no request stays implicit; a request without problem words is still explicit.
  if (problem > 0 && explicit === 0 && !toBrand) bump('help_implicit', 1)
  if (sentiment.sarcasm) bump('complaint', 2.5)
  if (sentiment.raw <= -4) bump('complaint', 1.5)
  if (anger >= 3 && explicit < 3) bump('complaint', 1)
  if (sentiment.raw >= 1.5 && problem === 0 && !sentiment.sarcasm) bump('praise', Math.min(3, sentiment.raw / 1.5))
  if (sentiment.raw >= 1 && asks) bump('praise', -1)
  const ruleTotal = scores.reduce((a, b) => a + Math.max(0, b), 0)

  // Rules → probabilities.
  const rule = new Float64Array(INTENTS.length)
  if (ruleTotal > 0) {
    let max = -Infinity
    for (const s of scores) max = Math.max(max, s)
    let sum = 0
    for (let k = 0; k < rule.length; k++) {
      const e = Math.exp(((scores[k] ?? 0) - max) / RULE_TEMPERATURE)
      rule[k] = e
      sum += e
    }
    for (let k = 0; k < rule.length; k++) rule[k] = (rule[k] ?? 0) / sum
  }
  const nb = model.bayes.predict(features(withoutBrand(text.tokens)))
  // The more the rules say, the more they count.
  // With no rule firing, "nothing to do" is the default the model has to argue against.
  if (ruleTotal === 0) rule[INDEX.other] = 1
  const ruleWeight = ruleTotal === 0 ? NO_RULE_OTHER_PRIOR : Math.min(0.8, 0.45 + ruleTotal / 20)
  let bestK = 0
  let bestP = -1
  const mixed = new Float64Array(INTENTS.length)
  for (let k = 0; k < mixed.length; k++) {
    mixed[k] = ruleWeight * (rule[k] ?? 0) + (1 - ruleWeight) * (nb[k] ?? 0)
    if ((mixed[k] ?? 0) > bestP) {
      bestP = mixed[k] ?? 0
      bestK = k
    }
  }
  const rules = Object.fromEntries(INTENTS.map((intent, k) => [intent, Math.round((scores[k] ?? 0) * 100) / 100])) as Record<Intent, number>
  return { intent: INTENTS[bestK] ?? 'other', confidence: Math.round(bestP * 1000) / 1000, rules, cues: fired }
}
