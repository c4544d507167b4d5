/**
 * Text normalisation shared by every triage step: lower case, diacritics stripped (ä → a,
 * é → e), ß → ss, German umlaut digraphs folded (ae/oe/ue → a/o/u, so "enttaeuscht" and
 * "enttäuscht" meet), apostrophes dropped ("won't" → "wont"), elongations shortened
 * ("sooo" → "so"), brand names and handles replaced by placeholder tokens. Cue phrases and
 * lexicon entries go through the same `fold`, so both sides always agree.
 */

export interface Brand {
  names: string[]
  handles: string[]
}

/** Placeholder tokens: the brand's handle (@lumora) and its name (Lumora). */
export const BRAND_HANDLE = 'brandhandle'
export const BRAND_NAME = 'brandname'

const DIACRITICS = /[\u0300-\u036f]/g
const APOSTROPHES = /['’`´]/g
const NON_WORD = /[^a-z0-9]+/g
const ELONGATED = /([a-z])\1{2,}/g

/** Folds one piece of text to the matching alphabet (a–z, 0–9, single spaces). */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(DIACRITICS, '')
    .replace(APOSTROPHES, '')
    .replace(NON_WORD, ' ')
    .replace(ELONGATED, '$1')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .trim()
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export interface BrandMatcher {
  /** Replaces handles and names by the placeholder tokens (on the raw text). */
  mark(text: string): string
}

/** Builds the brand replacement once per brand (handles first, so "@lumora" is not a name). */
export function brandMatcher(brand: Brand): BrandMatcher {
  const handles = brand.handles.map((h) => h.replace(/^@/, '').trim()).filter((h) => h.length > 0)
  const names = brand.names.map((n) => n.trim()).filter((n) => n.length > 0)
  const handleRe = handles.length ? new RegExp(`@(?:${handles.map(escapeRegExp).join('|')})\\b`, 'giu') : null
  const nameRe = names.length ? new RegExp(`(?<![\\p{L}\\p{N}@])(?:${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null
  return {
    mark(text) {
      let out = text
      if (handleRe) out = out.replace(handleRe, ` ${BRAND_HANDLE} `)
      if (nameRe) out = out.replace(nameRe, ` ${BRAND_NAME} `)
      return out
    }
  }
}

/** The text as the classifiers see it: brand marked, other @mentions and links removed. */
export interface PreparedText {
  raw: string
  /** Folded tokens. */
  tokens: string[]
  /** " tok1 tok2 … " for phrase look-ups with `includes(' cue ')`. */
  padded: string
  /** Sentences of folded tokens, each with whether it ended in a question mark. */
  sentences: { tokens: string[]; question: boolean }[]
  questions: number
  exclamations: number
  addressedByHandle: boolean
  mentionsBrandName: boolean
}

const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+\.(?:ly|com|de|io|me)\/\S*/gi
const MENTION_RE = /@[\p{L}\p{N}_.]+/gu

export function prepare(text: string, brand: BrandMatcher): PreparedText {
  const marked = brand.mark(text).replace(URL_RE, ' ').replace(MENTION_RE, ' ')
  const sentences: { tokens: string[]; question: boolean }[] = []
  const parts = marked.split(/([.!?…]+|\n+)/)
  for (let i = 0; i < parts.length; i += 2) {
    const body = parts[i] ?? ''
    const end = parts[i + 1] ?? ''
    const tokens = fold(body).split(' ').filter((t) => t.length > 0)
    if (tokens.length) sentences.push({ tokens, question: end.includes('?') })
  }
  const tokens = sentences.flatMap((s) => s.tokens)
  return {
    raw: text,
    tokens,
    padded: ` ${tokens.join(' ')} `,
    sentences,
    questions: (text.match(/\?/g) ?? []).length + (text.match(/¿/g) ?? []).length,
    exclamations: (text.match(/!/g) ?? []).length,
    addressedByHandle: tokens.includes(BRAND_HANDLE),
    mentionsBrandName: tokens.includes(BRAND_NAME)
  }
}
