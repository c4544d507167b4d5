import type { AccountNetwork } from '@shared/domain/account'

/** How long a post may be, per network: Mastodon's default 500 characters, Bluesky's 300 graphemes. */
export const POST_LIMITS: Record<AccountNetwork, number> = { mastodon: 500, bluesky: 300 }

/** Mastodon counts every link as 23 characters, whatever its length. */
const MASTODON_URL_LENGTH = 23
const URL_PATTERN = /https?:\/\/[^\s<>"]+/g

let segmenter: Intl.Segmenter | null = null

/** User-perceived characters (an emoji with skin tone or a flag is one), as Bluesky counts them. */
export function graphemeCount(text: string): number {
  if (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function') {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    let n = 0
    for (const _ of segmenter.segment(text)) n++
    return n
  }
  return Array.from(text).length
}

/** The length of `text` as the network counts it. */
export function postLength(network: AccountNetwork, text: string): number {
  if (network === 'bluesky') return graphemeCount(text)
  // Mastodon: code points, with each link counted as 23.
  let length = 0
  let last = 0
  for (const match of text.matchAll(URL_PATTERN)) {
    length += Array.from(text.slice(last, match.index)).length + MASTODON_URL_LENGTH
    last = match.index + match[0].length
  }
  return length + Array.from(text.slice(last)).length
}
