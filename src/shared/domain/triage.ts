/**
 * The triage workflow as the UI and the core share it: what Earshot understood about a post
 * (intent, sentiment, priority), where it was routed (team, person), where it stands (status,
 * SLA clock), and the team's setup (teams, people, routing rules, SLA targets).
 * Plain data only; times are epoch milliseconds.
 */
import type { Intent } from './intent'
import type { Network } from './post'
import type { PriorityFactor } from '../triage/types'

export const TRIAGE_STATUSES = ['new', 'assigned', 'replied', 'done', 'snoozed', 'ignored'] as const
/** new → assigned → replied → done; snoozed (until a time) and ignored on the side. */
export type TriageStatus = (typeof TRIAGE_STATUSES)[number]

/** Statuses that still wait for the team: the "Needs a reply" queue and the SLA clock count these. */
export const OPEN_STATUSES: readonly TriageStatus[] = ['new', 'assigned']

export const SENTIMENTS = ['negative', 'neutral', 'positive', 'unknown'] as const
/** `unknown` where Earshot has no sentiment model for the language (rather than a guess). */
export type Sentiment = (typeof SENTIMENTS)[number]

/** What Earshot understood about one post, where it was routed and where it stands. */
export interface PostTriage {
  intent: Intent
  /** 0 … 1. */
  confidence: number
  /** True when a person corrected the intent (it is then certain). */
  intentCorrected: boolean
  sentiment: Sentiment
  /** -1 … 1, or null when the sentiment is unknown. */
  sentimentScore: number | null
  /** help_explicit, help_implicit, complaint or purchase_intent. */
  needsResponse: boolean
  /** 0 … 100, including the routing boost and the SLA time left at the moment it was read. */
  priority: number
  /** "Why this priority": each factor's weight and what it added. */
  factors: PriorityFactor[]
  /** The author is on the watchlist. */
  watched: boolean
  status: TriageStatus
  teamId: string | null
  /** Person id, or null. */
  assignee: string | null
  tags: string[]
  /** While snoozed: when it comes back. */
  snoozedUntil: number | null
  /** When the first-response SLA runs out; null when no SLA applies (nothing to answer). */
  dueAt: number | null
  /** When the team first replied (status went to replied); null until then. */
  firstResponseAt: number | null
  /** Number of internal notes. */
  noteCount: number
}

/** Mon–Sun opening hours in a team's time zone; null in a Team means around the clock. */
export interface BusinessHours {
  /** Days of the week the team works, 0 = Sunday … 6 = Saturday. */
  days: number[]
  /** Opening and closing time, "HH:MM" (24 h). */
  start: string
  end: string
}

export interface Team {
  id: string
  name: string
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string
  /** When the SLA clock runs; null = always. */
  hours: BusinessHours | null
}

export interface Person {
  id: string
  name: string
  teamId: string | null
}

/** The conditions of a routing rule; every given condition must hold (empty lists are ignored). */
export interface RuleConditions {
  /** ISO 639-1 codes (de, en, …). */
  languages?: string[]
  intents?: Intent[]
  /** Words or phrases (products, topics); any of them in the text matches (case and accents ignored). */
  keywords?: string[]
  networks?: Network[]
  sourceIds?: string[]
  watchlistOnly?: boolean
  minFollowers?: number
}

export type RuleAssignment = { mode: 'none' } | { mode: 'fixed'; personId: string } | { mode: 'round-robin' }

export interface RuleActions {
  /** The team the post goes to (null leaves it unrouted). */
  teamId: string | null
  /** Round-robin picks the next person of that team. */
  assign: RuleAssignment
  /** Added to the priority (-50 … 50). */
  priorityBoost: number
  tags: string[]
}

/** The "predefined key": ordered; the first enabled rule that matches routes the post. */
export interface RoutingRule {
  id: string
  name: string
  enabled: boolean
  when: RuleConditions
  then: RuleActions
}

/** First-response targets in minutes. */
export interface SlaPolicy {
  /** Per intent; an intent without a target has no clock. */
  byIntent: Partial<Record<Intent, number>>
  /** Posts at or above this priority get at most `urgentMinutes`. */
  urgentPriority: number
  urgentMinutes: number
  /** A desktop notification this many minutes before a breach. */
  warnMinutesBefore: number
}

export const DEFAULT_SLA: SlaPolicy = {
  byIntent: { complaint: 30, help_explicit: 60, help_implicit: 60, purchase_intent: 60 },
  urgentPriority: 80,
  urgentMinutes: 15,
  warnMinutesBefore: 5
}

/** How much the local model has learned from the team's corrections. */
export interface LearningStats {
  /** Corrections stored (intent corrections teach the model). */
  corrections: number
  /** Accuracy on a held-back slice of the corrections (0 … 1), or null until there are enough. */
  heldOutAccuracy: number | null
  /** How many corrections were held back to measure it. */
  heldOutSize: number
}

/** The team's triage setup, as the settings show it. */
export interface TriageConfig {
  teams: Team[]
  people: Person[]
  rules: RoutingRule[]
  sla: SlaPolicy
  learning: LearningStats
  /** Authors on the watchlist (stable author ids). */
  watchlist: string[]
}

/** A change to one or many posts (bulk actions). Omitted fields stay as they are. */
export interface TriageChange {
  status?: TriageStatus
  /** Required with status `snoozed`. */
  snoozedUntil?: number
  /** null removes the team. */
  teamId?: string | null
  /** null unassigns. */
  assignee?: string | null
  addTags?: string[]
  removeTags?: string[]
}

export interface TriageNote {
  id: string
  at: number
  author: string
  text: string
}

/** One line of a post's history: who changed what, in words. */
export interface TriageHistoryEntry {
  at: number
  /** A person's name, or "Routing" / "Earshot" for automatic changes. */
  actor: string
  what: string
}

export interface TriageActivity {
  notes: TriageNote[]
  history: TriageHistoryEntry[]
}

export interface TeamLoad {
  teamId: string | null
  /** The team's name, or "No team". */
  name: string
  /** Open posts (new or assigned) routed to it. */
  waiting: number
  /** Open posts past their SLA. */
  breached: number
  /** Posts that breached their SLA today (answered late or still open). */
  breachedToday: number
}

/** The live counters of the wall screen and the header. */
export interface TriageCounters {
  /** Posts created since local midnight. */
  mentionsToday: number
  /** Open posts that need a response. */
  waitingForReply: number
  /** Creation time of the oldest open post that needs a response, or null. */
  oldestUnansweredAt: number | null
  teams: TeamLoad[]
}

/** What a routing rule would have done, tested against stored posts before it is saved. */
export interface RuleTestResult {
  /** Posts of the last `days` days that the rule matches. */
  matched: number
  days: number
  /** A few of them (ids), newest first. */
  sampleIds: string[]
}
