import type { Intent } from '@shared/domain/intent'

/**
 * The shape of one language's phrase book. Templates are plain strings with `{slot}` holes
 * (see ../template.ts for the slot names); a slot written with a capital (`{Problem}`) is
 * capitalised, for the start of a sentence. A template starting with `^` only makes sense for a
 * physical product and is never used for the cloud service.
 *
 * Grammar is handled by keeping anything that must agree with the product (possessives,
 * verb number, gender) inside the per-kind phrases; the intent templates around them avoid
 * articles and verbs that would have to agree with `{product}`.
 */

/** The demo's languages, by ISO 639-1 code. */
export const DEMO_LANGUAGES = ['de', 'en', 'fr', 'es', 'it', 'nl', 'pl'] as const
export type DemoLanguage = (typeof DEMO_LANGUAGES)[number]

/** Product families; problems, wishes and praise are written per family. */
export const PRODUCT_KINDS = ['laptop', 'phone', 'buds', 'cloud'] as const
export type ProductKind = (typeof PRODUCT_KINDS)[number]

export interface KindPhrases {
  /** "my {product}" in the right gender and number; used as a sentence object only. */
  my: readonly string[]
  /** A first-person problem clause, lower case, no final punctuation ("my {product} won't boot"). */
  problem: readonly string[]
  /** A wished-for feature as a noun phrase ("a battery limit at 80%"). */
  feature: readonly string[]
  /** A positive clause, lower case ("the battery lasts all day"). */
  good: readonly string[]
}

/** What goes wrong in an outage: the cloud service, or a firmware update that breaks devices. */
export type OutageTheme = 'cloud' | 'update'

export type OutageIntent = Extract<Intent, 'help_explicit' | 'help_implicit' | 'complaint' | 'other'>
export type LaunchIntent = Extract<Intent, 'other' | 'purchase_intent' | 'praise' | 'idea' | 'complaint'>
export type ProblemReplyIntent = Extract<Intent, 'help_implicit' | 'complaint' | 'other'>
export type PositiveReplyIntent = Extract<Intent, 'praise' | 'other' | 'purchase_intent'>

export interface PhraseBook {
  /** Ordinary posts by intent. */
  posts: Record<Intent, readonly string[]>
  /** Extra `other` posts for influencers (reviews, videos, polls); empty if none writes in it. */
  influencer: readonly string[]
  /** Replies (always starting with `{parent}`), by the group of the post they answer. */
  replies: {
    /** Answers to help requests and complaints. */
    problem: Record<ProblemReplyIntent, readonly string[]>
    /** Answers to praise, ideas, leads and chatter. */
    positive: Record<PositiveReplyIntent, readonly string[]>
  }
  /** Posts during an outage (`{oclause}`, `{otopic}`, `{otag}`, `{ver}`). */
  outage: Record<OutageIntent, readonly string[]>
  outageThemes: Record<OutageTheme, { clause: readonly string[]; topic: readonly string[] }>
  /** Posts around a product launch (`{launch}`, `{price}`, `{ltag}`). */
  launch: Record<LaunchIntent, readonly string[]>
  kinds: Record<ProductKind, KindPhrases>
  words: {
    /** "since this morning" */
    time: readonly string[]
    /** A waiting time, in the form the templates use ("3 days"). */
    dur: readonly string[]
    /** A short time, after "in" ("10 minutes"). */
    quick: readonly string[]
    shop: readonly string[]
    /** Ordinals for "third crash today", in the form the problem clauses need. */
    nth: readonly string[]
    pct: readonly string[]
  }
  /** A launch price as people in this language write it. */
  price(euros: number): string
}

/** Groups thousands: groupThousands(1299, '.') === '1.299'. */
export function groupThousands(value: number, separator: string): string {
  const digits = String(Math.round(value))
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator)
}
