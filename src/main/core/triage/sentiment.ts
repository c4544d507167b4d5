/**
 * Lexicon sentiment for German and English: valences per folded word, a negation window
 * ("nicht gut", "not bad", "can't complain"), intensifiers ("sehr", "really"), contrast
 * ("…, but great"), emoji, elongations ("sooo" folds to "so" and intensifies), question damping
 * ("is it any good?" is not praise) and sarcasm markers ("great, another crash", "toll, schon
 * wieder", "/s", 🙄): under sarcasm, praise words count against. Other languages get an honest
 * unknown: sentiment 0 and score null.
 */
import { CONTRASTS, EMOJI_VALENCE, INTENSIFIERS, IRREALIS, NEGATORS, PHRASES, SARCASM_EMOJI, buildLexicon, type SentimentLexicon } from './lexicon'
import { fold, type PreparedText } from './normalize'
import type { SentimentLabel } from '@shared/triage/types'

export const SENTIMENT_LANGUAGES: ReadonlySet<string> = new Set(['deu', 'eng', 'und'])

export interface SentimentResult {
  sentiment: SentimentLabel
  /** -1 … 1, or null when the language has no lexicon. */
  score: number | null
  /** The raw sum of valences (for explanations and for intent rules). */
  raw: number
  /** Sum of negative contributions (≤ 0) and positive ones (≥ 0). */
  negative: number
  positive: number
  sarcasm: boolean
}

export interface SentimentModel {
  lexicon: SentimentLexicon
  negators: Set<string>
  intensifiers: Set<string>
  contrasts: Set<string>
  phrases: [string, number][]
  irrealis: Set<string>
}

export function buildSentimentModel(): SentimentModel {
  const set = (words: string): Set<string> => new Set(words.split(' ').map(fold))
  return {
    lexicon: buildLexicon(fold),
    negators: set(NEGATORS),
    intensifiers: set(INTENSIFIERS),
    contrasts: set(CONTRASTS),
    irrealis: set(IRREALIS),
    phrases: PHRASES.map(([phrase, valence]) => [` ${fold(phrase)} `, valence])
  }
}

const SARCASM_OPENERS = new Set(['great', 'oh great', 'oh wonderful', 'wonderful', 'fantastic', 'oh fantastic', 'lovely', 'just lovely', 'perfect', 'toll', 'super', 'na super', 'klasse', 'prima', 'na toll', 'geil', 'wow'].map(fold))
const SARCASM_CLOSERS = new Set(['lovely', 'classy', 'great', 'wonderful', 'perfect', 'nice', 'toll', 'super', 'klasse', 'prima', 'bravo', 'well done', 'gut gemacht', 'danke auch', 'thanks a lot', 'amazing service', 'klasse service'].map(fold))
/** Closers that are ironic even without other negative words ("… in an hour. lovely"). */
const ALWAYS_IRONIC = new Set(['lovely', 'classy', 'just lovely'])
const ELONGATION_RE = /([a-zäöü])\1{2,}/i
const EXPLICIT_SARCASM_RE = /(?:^|\s)\/s\b|#sarcasm|#sarkasmus/i

function valenceOf(word: string, lexicon: SentimentLexicon): number {
  const exact = lexicon.words.get(word)
  if (exact !== undefined) return exact
  for (const [stem, valence] of lexicon.prefixes) if (word.startsWith(stem)) return valence
  return 0
}

export function analyseSentiment(text: PreparedText, language: string, model: SentimentModel): SentimentResult {
  if (!SENTIMENT_LANGUAGES.has(language)) return { sentiment: 0, score: null, raw: 0, negative: 0, positive: 0, sarcasm: false }
  let positive = 0
  let negative = 0
  const add = (value: number): void => {
    if (value > 0) positive += value
    else negative += value
  }
  const elongated = ELONGATION_RE.test(text.raw)

  // Words, sentence by sentence.
  const sentenceScores: { pos: number; neg: number }[] = []
  for (const sentence of text.sentences) {
    let pos = 0
    let neg = 0
    let negation = 0
    let boost = 1
    let contrast = 1
    let unresolvedNegation = false
    for (const token of sentence.tokens) {
      if (model.negators.has(token)) {
        if (negation > 0) unresolvedNegation = true
        negation = 3
        continue
      }
      if (model.intensifiers.has(token)) {
        boost = 1.6
        continue
      }
      if (model.contrasts.has(token)) {
        // What came before a "but" counts less, what comes after counts more.
        pos *= 0.5
        neg *= 0.5
        contrast = 1.3
        continue
      }
      let valence = valenceOf(token, model.lexicon)
      if (valence !== 0) {
        if (negation > 0) {
          valence = valence > 0 ? -valence * 0.8 : -valence * 0.7
          negation = 0
        }
        valence *= boost * contrast
        if (valence > 0) pos += valence
        else neg += valence
        boost = 1
      } else if (negation > 0) {
        negation -= 1
        if (negation === 0) unresolvedNegation = true
      }
    }
    if (negation > 0 || unresolvedNegation) neg -= 1
    // "is it any good?" asks, and "it would be great if…" wishes: neither praises.
    if (sentence.question || sentence.tokens.some((t) => model.irrealis.has(t))) pos *= 0.3
    sentenceScores.push({ pos, neg })
  }
  for (const { pos, neg } of sentenceScores) {
    add(pos)
    add(neg)
  }
  for (const [phrase, valence] of model.phrases) if (text.padded.includes(phrase)) add(valence)
  for (const [emoji, valence] of EMOJI_VALENCE) if (text.raw.includes(emoji)) add(valence)
  if (elongated) {
    positive *= 1.2
    negative *= 1.2
  }
  const shouting = Math.min(3, text.exclamations)
  if (shouting > 1) {
    positive *= 1 + 0.1 * shouting
    negative *= 1 + 0.1 * shouting
  }

  // Sarcasm: explicit markers, or a praise word opening/closing a post that is otherwise negative.
  const first = text.sentences[0]
  const last = text.sentences[text.sentences.length - 1]
  const opener = first ? [first.tokens.slice(0, 2).join(' '), first.tokens[0] ?? ''] : []
  const closer = last && text.sentences.length > 1 ? last.tokens.join(' ') : ''
  const marker = EXPLICIT_SARCASM_RE.test(text.raw) || SARCASM_EMOJI.some((e) => text.raw.includes(e))
  const framed =
    (opener.some((o) => SARCASM_OPENERS.has(o)) && negative <= -1) || (SARCASM_CLOSERS.has(closer) && (negative <= -0.5 || ALWAYS_IRONIC.has(closer)))
  const sarcasm = marker || (framed && text.sentences.length > 1)
  if (sarcasm) {
    negative -= positive + 1.5
    positive = 0
  }
  const raw = positive + negative
  const sentiment: SentimentLabel = raw >= 1 ? 1 : raw <= -1 ? -1 : 0
  return { sentiment, score: Math.round(Math.tanh(raw / 3) * 1000) / 1000, raw, negative, positive, sarcasm }
}
