import type { Intent } from '@shared/domain/intent'
import type { DemoLanguage } from './phrases/types'
import { WeightedTable } from './random'

/**
 * How often each kind of post appears. Most mentions need no reaction (PRODUCT.md): chatter
 * and news dominate, then praise; help requests, complaints and leads are the work.
 */

export const LANGUAGE_MIX = new WeightedTable<DemoLanguage>([
  ['de', 0.4],
  ['en', 0.4],
  ['fr', 0.05],
  ['es', 0.05],
  ['it', 0.04],
  ['nl', 0.03],
  ['pl', 0.03]
])

/** Ordinary customer posts. */
export const BASE_INTENTS = new WeightedTable<Intent>([
  ['other', 0.35],
  ['praise', 0.15],
  ['help_explicit', 0.12],
  ['help_implicit', 0.1],
  ['complaint', 0.12],
  ['purchase_intent', 0.08],
  ['idea', 0.08]
])

/** Influencers mostly review, report and comment. */
export const INFLUENCER_INTENTS = new WeightedTable<Intent>([
  ['other', 0.55],
  ['praise', 0.18],
  ['complaint', 0.12],
  ['help_implicit', 0.07],
  ['idea', 0.08]
])

export const OUTAGE_INTENTS = new WeightedTable<'help_explicit' | 'help_implicit' | 'complaint' | 'other'>([
  ['complaint', 0.35],
  ['help_explicit', 0.25],
  ['help_implicit', 0.25],
  ['other', 0.15]
])

export const LAUNCH_INTENTS = new WeightedTable<'other' | 'purchase_intent' | 'praise' | 'idea' | 'complaint'>([
  ['other', 0.45],
  ['purchase_intent', 0.25],
  ['praise', 0.15],
  ['complaint', 0.08],
  ['idea', 0.07]
])

/** Replies to help requests and complaints: "same here", "+1", tips. */
export const PROBLEM_REPLY_INTENTS = new WeightedTable<'help_implicit' | 'complaint' | 'other'>([
  ['help_implicit', 0.45],
  ['complaint', 0.2],
  ['other', 0.35]
])

/** Replies to everything else: banter, agreement, "where did you buy it?". */
export const POSITIVE_REPLY_INTENTS = new WeightedTable<'praise' | 'other' | 'purchase_intent'>([
  ['other', 0.5],
  ['praise', 0.3],
  ['purchase_intent', 0.2]
])

/** Share of posts written by influencers. */
export const INFLUENCER_SHARE = 0.012
/** Share of posts that try to be replies to an earlier post. */
export const REPLY_SHARE = 0.07
/** Replies look back at most this many posts. */
export const REPLY_WINDOW = 150
/** The first posts are never replies (there is little to reply to). */
export const FIRST_REPLY = 20
