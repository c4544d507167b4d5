import type { DemoLanguage } from './phrases/types'
import type { Rng } from './random'

/**
 * The small mess of real posts: a few typos, some posts typed all in lower case, and German
 * written without umlauts ("Muller", "ueber") as on keyboards or phones without them.
 */

const LOWERCASE_SHARE: Record<DemoLanguage, number> = {
  de: 0.05,
  en: 0.07,
  fr: 0.04,
  es: 0.04,
  it: 0.04,
  nl: 0.05,
  pl: 0.04
}
const TYPO_SHARE = 0.05
/** German posts written with ae/oe/ue, and with the dots simply dropped. */
const UMLAUT_SPELLED_OUT = 0.07
const UMLAUT_DROPPED = 0.03

const SPELLED: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' }
const DROPPED: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u', Ä: 'A', Ö: 'O', Ü: 'U', ß: 'ss' }
const UMLAUTS = /[äöüÄÖÜß]/g

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90)
}

/** Swap two adjacent letters inside a word that is not a @mention or #hashtag. */
function swapLetters(text: string, rng: Rng): string {
  for (let attempt = 0; attempt < 4; attempt++) {
    const i = 1 + rng.int(Math.max(1, text.length - 3))
    if (!isAsciiLetter(text.charCodeAt(i)) || !isAsciiLetter(text.charCodeAt(i + 1))) continue
    if (text.charAt(i) === text.charAt(i + 1)) continue
    let wordStart = i
    while (wordStart > 0 && text.charAt(wordStart - 1) !== ' ') wordStart--
    const first = text.charAt(wordStart)
    if (first === '@' || first === '#') continue
    return text.slice(0, i) + text.charAt(i + 1) + text.charAt(i) + text.slice(i + 2)
  }
  return text
}

export function roughen(text: string, language: DemoLanguage, rng: Rng): string {
  let out = text
  if (language === 'de') {
    const r = rng.next()
    if (r < UMLAUT_SPELLED_OUT) out = out.replace(UMLAUTS, (c) => SPELLED[c] ?? c)
    else if (r < UMLAUT_SPELLED_OUT + UMLAUT_DROPPED) out = out.replace(UMLAUTS, (c) => DROPPED[c] ?? c)
  }
  if (rng.next() < LOWERCASE_SHARE[language]) out = out.toLowerCase()
  if (rng.next() < TYPO_SHARE && out.length > 8) out = swapLetters(out, rng)
  return out
}
