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

const RULE_TEMPERATURE = 0.8
/** Flattens the naive Bayes posterior before mixing (see NaiveBayes.predict). */
const BAYES_TEMPERATURE = 2
/**
 * With no cue at all, "nothing to do" is what the naive Bayes layer has to argue against: it
 * only overrides when it is nearly sure (its training set is small and one author's style, so a
 * lone word like "account" or "my" must not turn chatter into a help request).
 */
const NO_RULE_OTHER_PRIOR = 0.45
/** "my …" in the languages with a sentiment lexicon: a negative post about one's own device is a problem report. */
const POSSESSIVES = new Set(['my', 'mein', 'meine', 'meiner', 'meinem', 'meinen', 'meins'])

/** Determiners that make "idea"/"Idee" in a question a request for an answer ("any idea?"). */
const ASKING_DETERMINERS = ['any', 'an', 'a', 'some', 'eine', 'ne', 'irgendeine', 'keine', 'une', 'alguna', 'una', 'qualche', 'een', 'jakis']

/** Does `needle` sit in a question sentence right after a determiner ("habt ihr eine idee, …?")? */
function askedFor(text: PreparedText, needle: string): boolean {
  for (const sentence of text.sentences) {
    if (!sentence.question) continue
    const padded = ` ${sentence.tokens.join(' ')} `
    if (ASKING_DETERMINERS.some((d) => padded.includes(` ${d}${needle}`))) return true
  }
  return false
}

export function classifyIntent(text: PreparedText, sentiment: SentimentResult, model: IntentModel): IntentResult {
  const scores = new Float64Array(INTENTS.length)
  const fired: string[] = []
  const weak = new Float64Array(INTENTS.length)
  const supporting = new Float64Array(INTENTS.length)
  const asks = text.questions > 0
  for (const cue of model.cues) {
    if (!text.padded.includes(cue.needle)) continue
    const k = cue.asksInQuestion && askedFor(text, cue.needle) ? INDEX.help_explicit : INDEX[cue.intent]
    if (cue.supporting) supporting[k] = (supporting[k] ?? 0) + cue.weight
    else if (cue.weak) weak[k] = (weak[k] ?? 0) + cue.weight
    else scores[k] = (scores[k] ?? 0) + cue.weight
    fired.push(cue.phrase)
  }
  // Context words ("vs", "price", "which") count only with a question or a plain cue of their own
  // intent: "Nexaro vs Lumora, the eternal debate" and "X cuts its prices" are nothing to do.
  for (let k = 0; k < weak.length; k++) {
    const plain = (scores[k] ?? 0) > 0
    if (plain) scores[k] = (scores[k] ?? 0) + (supporting[k] ?? 0)
    if (asks || plain) scores[k] = (scores[k] ?? 0) + (weak[k] ?? 0)
  }
  const bump = (intent: Intent, value: number): void => {
    scores[INDEX[intent]] = (scores[INDEX[intent]] ?? 0) + value
  }
  const explicit = scores[INDEX.help_explicit] ?? 0
  const problem = scores[INDEX.help_implicit] ?? 0
  const anger = scores[INDEX.complaint] ?? 0
  const toBrand = addressed(text)
  // "@brand seriously?" / "c'est une blague ?" ask nothing: the question is the anger.
  const rhetorical = anger >= 2.5 && explicit === 0

  // Structure.
  if (toBrand && asks && !rhetorical) {
    bump('help_explicit', 2)
    // A question to the brand about a problem is a request for help, however the problem is worded.
    if (problem > 0) {
      bump('help_explicit', problem)
      bump('help_implicit', -problem / 2)
    }
  } else if (toBrand && explicit > 0) bump('help_explicit', 1)
  if (asks && problem > 0 && explicit > 0) bump('help_explicit', 1)
  // Negative words about one's own device without a problem cue ("my mic sounds awful in calls").
  if (problem === 0 && anger < 2.5 && sentiment.raw <= -1.5 && text.tokens.some((t) => POSSESSIVES.has(t))) bump('help_implicit', 1.5)
  // A problem told in anger, without asking, is a complaint: the anger is the message.
  if (anger >= 2.5 && problem > 0 && !(asks && explicit > 0)) bump('complaint', Math.min(problem, anger))
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
  const nb = model.bayes.predict(features(withoutBrand(text.tokens)), BAYES_TEMPERATURE)
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
