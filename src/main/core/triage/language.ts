/**
 * Language of a post as ISO 639-3. Order of trust: the network's own tag (ISO 639-1 or -3),
 * then franc (trigrams, restricted to the supported languages) for posts long enough for it,
 * then stop-word and diacritic cues for short posts; 'und' when nothing is convincing.
 */
import { francAll } from 'franc-min'

export const SUPPORTED_LANGUAGES = ['deu', 'eng', 'fra', 'spa', 'ita', 'nld', 'pol'] as const
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number]
export const UNDETERMINED = 'und'

const ISO1_TO_3: Record<string, string> = {
  de: 'deu', en: 'eng', fr: 'fra', es: 'spa', it: 'ita', nl: 'nld', pl: 'pol', pt: 'por', sv: 'swe', da: 'dan', no: 'nor', nb: 'nob',
  nn: 'nno', fi: 'fin', cs: 'ces', sk: 'slk', hu: 'hun', ro: 'ron', tr: 'tur', ru: 'rus', uk: 'ukr', el: 'ell', ja: 'jpn', zh: 'zho',
  ko: 'kor', ar: 'ara', he: 'heb', hi: 'hin'
}
/** ISO 639-2/B codes that differ from 639-3. */
const ISO2B_TO_3: Record<string, string> = { ger: 'deu', fre: 'fra', dut: 'nld', gre: 'ell', chi: 'zho', cze: 'ces', slo: 'slk', rum: 'ron' }

/** Maps a network's language tag ("de", "de-AT", "en_US", "deu", "ger") to ISO 639-3, or null. */
export function languageFromTag(tag: string | null | undefined): string | null {
  if (!tag) return null
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  if (/^[a-z]{2}$/.test(primary)) return ISO1_TO_3[primary] ?? null
  if (/^[a-z]{3}$/.test(primary)) {
    if (primary === 'und' || primary === 'mul' || primary === 'zxx') return null
    return ISO2B_TO_3[primary] ?? primary
  }
  return null
}

const ISO3_TO_1: Record<string, string> = Object.fromEntries(Object.entries(ISO1_TO_3).map(([one, three]) => [three, one]))

/** ISO 639-3 (what detection gives) as ISO 639-1 (what posts store); null for 'und' or a code without one. */
export function toIso6391(code: string): string | null {
  return ISO3_TO_1[code] ?? null
}

/** Short, frequent, characteristic words (lower case, with their diacritics). */
const STOP_WORDS: Record<SupportedLanguage, string[]> = {
  deu: 'der die das und ist nicht ich ein eine einen mit auf für fur wie was wer warum wieso mein meine mir mich dich ihr euch euer eure kann könnt koennt bitte danke nie wieder schon noch auch aber sehr echt gut toll geht seit dem den des bei vom zum zur ganz gar kein keine nix nichts hab habe hat sind wird wurde wäre waere doch mal jetzt heute gestern morgen hilfe oder als weil dass im nach man sich es ne nur bin gerade'.split(' '),
  eng: 'the and is not i a an my me you your it its this that with for on of to what how why who can cant could please thanks thank never again really very just so but have has had been was were will wont dont doesnt didnt isnt help any anyone since today yesterday or are be love great at from by after every all some now got does did quick'.split(' '),
  fra: 'le la les et est pas je un une mon ma mes vous votre avec pour sur du des ce cette qui quoi comment pourquoi merci jamais très tres mais depuis aujourd plus ne il elle nous sont été au aux'.split(' '),
  spa: 'el la los las y es no yo un una mi mis tu con para por que qué como cómo por qué gracias nunca muy pero desde hoy más mas se del al está esta son fue me'.split(' '),
  ita: 'il lo la gli le e è non io un una mio mia con per che come perché perche grazie mai molto ma da oggi più piu si del della al sono è ho mi'.split(' '),
  nld: 'de het een en is niet ik mijn met voor op van wat hoe waarom wie dank bedankt nooit meer heel erg maar sinds vandaag gisteren zijn was kan kunnen jullie geen dat deze ook'.split(' '),
  pol: 'i w nie jest się to na z że ja mój moja mi dla od jak co dlaczego dziękuję dzięki nigdy bardzo ale już tylko po czy jest są był'.split(' ')
}

/** Letters that (almost) only one of the supported languages uses. */
const LETTER_HINTS: [RegExp, SupportedLanguage, number][] = [
  [/[äöüß]/, 'deu', 1.5],
  [/[ąćęłńśźż]/, 'pol', 2.5],
  [/[çêëîïœ]|\b(?:l|d|j|qu|n|m|c|s)'/, 'fra', 1.5],
  [/[ñ¿¡]/, 'spa', 2.5],
  [/[ìò]/, 'ita', 1.5],
  [/\bij\b|ij[a-z]/, 'nld', 1]
]

const STOP_INDEX = new Map<string, SupportedLanguage[]>()
for (const language of SUPPORTED_LANGUAGES) {
  for (const word of STOP_WORDS[language]) {
    const list = STOP_INDEX.get(word) ?? []
    if (!list.includes(language)) list.push(language)
    STOP_INDEX.set(word, list)
  }
}

const STRIP_RE = /https?:\/\/\S+|www\.\S+|[@#][\p{L}\p{N}_.]+|[\p{N}]+|[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu
const WORD_RE = /[\p{L}']+/gu

/** Per-language cue scores for a (short) text. */
export function cueScores(text: string): Map<SupportedLanguage, number> {
  const scores = new Map<SupportedLanguage, number>()
  const lower = text.toLowerCase()
  for (const word of lower.match(WORD_RE) ?? []) {
    const languages = STOP_INDEX.get(word.replace(/'+$/, ''))
    if (!languages) continue
    const share = 1 / languages.length
    for (const language of languages) scores.set(language, (scores.get(language) ?? 0) + share)
  }
  for (const [re, language, weight] of LETTER_HINTS) {
    if (re.test(lower)) scores.set(language, (scores.get(language) ?? 0) + weight)
  }
  return scores
}

function best(scores: Map<SupportedLanguage, number>): { language: SupportedLanguage; score: number; margin: number } | null {
  let first: SupportedLanguage | null = null
  let firstScore = 0
  let secondScore = 0
  for (const [language, score] of scores) {
    if (score > firstScore) {
      secondScore = firstScore
      firstScore = score
      first = language
    } else if (score > secondScore) secondScore = score
  }
  return first ? { language: first, score: firstScore, margin: firstScore - secondScore } : null
}

const ONLY = [...SUPPORTED_LANGUAGES]
/** Below this many letters franc's trigrams are unreliable. */
const SHORT = 20
const LONG = 60

export interface LanguageInput {
  text: string
  /** The network's own language tag, if any: it wins. */
  tag?: string | null
  /** Words to ignore (brand and product names are language-neutral). */
  ignore?: RegExp | null
}

export function detectLanguage(input: LanguageInput): string {
  const tagged = languageFromTag(input.tag)
  if (tagged) return tagged
  let text = input.text.replace(STRIP_RE, ' ')
  if (input.ignore) text = text.replace(input.ignore, ' ')
  text = text.replace(/\s+/g, ' ').trim()
  const letters = (text.match(/\p{L}/gu) ?? []).length
  const cues = best(cueScores(text))
  if (letters < SHORT) {
    if (!cues || cues.score < 1 || cues.margin < 0.5) return UNDETERMINED
    return cues.language
  }
  const ranked = francAll(text, { only: ONLY, minLength: 1 })
  const top = ranked[0]
  if (!top || top[0] === 'und') return cues && cues.score >= 1 ? cues.language : UNDETERMINED
  if (letters >= LONG) return top[0]
  // Mid-length posts: trigram scores (top = 1) and stop-word cues vote together; the shorter
  // the post, the more the cues count.
  const cueScoresByLanguage = cueScores(text)
  const cueWeight = letters < 40 ? 0.5 : 0.3
  let winner = top[0]
  let winnerScore = -Infinity
  for (const [language, score] of ranked) {
    const combined = score + cueWeight * (cueScoresByLanguage.get(language as SupportedLanguage) ?? 0)
    if (combined > winnerScore) {
      winnerScore = combined
      winner = language
    }
  }
  return winner
}
