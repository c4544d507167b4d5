import type { ColumnQuery, PostFilter } from './column'
import type { Intent } from './intent'
import { NETWORK_LABELS } from './post'
import type { Sentiment, TriageStatus } from './triage'

/**
 * A column's query in words, for the column header, the column form's preview and the wall
 * screen: "Needs a reply · German or English · complaints · 1k+ followers · last 24 h · “Book 14”".
 * Pure (no Vue, no Node) so that every screen says the same thing.
 */

/** Names the query refers to by id; unknown ids read as "a removed …" rather than an id. */
export interface QueryNames {
  source?(id: string): string | undefined
  team?(id: string): string | undefined
  person?(id: string): string | undefined
}

/** Form labels: what a person picks. */
export const INTENT_LABELS: Record<Intent, string> = {
  help_explicit: 'Asks for help',
  help_implicit: 'Has a problem',
  complaint: 'Complaint',
  purchase_intent: 'Wants to buy',
  praise: 'Praise',
  idea: 'Idea',
  other: 'Other'
}

export const SENTIMENT_LABELS: Record<Sentiment, string> = {
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
  unknown: 'Unknown'
}

export const STATUS_LABELS: Record<TriageStatus, string> = {
  new: 'New',
  assigned: 'Assigned',
  replied: 'Replied',
  done: 'Done',
  snoozed: 'Snoozed',
  ignored: 'Ignored'
}

/** The same things inside a sentence ("Needs a reply · complaints or help requests"). */
const INTENT_WORDS: Record<Intent, string> = {
  help_explicit: 'help requests',
  help_implicit: 'problems',
  complaint: 'complaints',
  purchase_intent: 'purchase interest',
  praise: 'praise',
  idea: 'ideas',
  other: 'other posts'
}

const SENTIMENT_WORDS: Record<Sentiment, string> = {
  negative: 'negative',
  neutral: 'neutral',
  positive: 'positive',
  unknown: 'unknown sentiment'
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' })

/** "de" → "German"; a code the runtime does not know stays as it is, in capitals. */
export function languageName(code: string): string {
  try {
    const name = languageNames.of(code)
    return name && name !== code ? name : code.toUpperCase()
  } catch {
    return code.toUpperCase()
  }
}

/** "a", "a or b", "a, b or c". */
function either(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`
}

/** 1000 → "1k", 1500 → "1.5k", 2_000_000 → "2M": never rounded up past what was asked. */
export function compactCount(n: number): string {
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k']
  ]
  for (const [size, suffix] of units) {
    if (n < size) continue
    const scaled = Math.floor((n / size) * 10) / 10
    return `${Number.isInteger(scaled) ? scaled : scaled.toFixed(1)}${suffix}`
  }
  return String(n)
}

/** 1 → "last hour", 24 → "last 24 h", 72 → "last 3 days". */
export function windowWords(hours: number): string {
  if (hours === 1) return 'last hour'
  if (hours >= 48 && hours % 24 === 0) return `last ${hours / 24} days`
  return `last ${hours} h`
}

/** Search words as typed, in curly quotes; a lone "phrase" keeps just one pair. */
export function searchWords(text: string): string {
  const trimmed = text.trim()
  const phrase = /^"([^"]*)"$/.exec(trimmed)
  return `“${phrase ? phrase[1] : trimmed}”`
}

function named(ids: readonly string[], lookup: ((id: string) => string | undefined) | undefined, removed: string): string[] {
  return ids.map((id) => lookup?.(id) ?? removed)
}

/** The query in parts, most telling first; an unfiltered stream is "Everything". */
export function describeQueryParts(query: ColumnQuery, names: QueryNames = {}): string[] {
  const f: PostFilter = query.filter
  const parts: string[] = []
  if (query.type === 'needs-reply') parts.push('Needs a reply')
  if (f.networks?.length) parts.push(either(f.networks.map((network) => NETWORK_LABELS[network])))
  if (f.sourceIds?.length) parts.push(`from ${either(named(f.sourceIds, names.source, 'a removed source'))}`)
  if (f.languages?.length) parts.push(either(f.languages.map(languageName)))
  if (f.sentiments?.length) parts.push(either(f.sentiments.map((s) => SENTIMENT_WORDS[s])))
  if (f.intents?.length) parts.push(either(f.intents.map((i) => INTENT_WORDS[i])))
  if (f.statuses?.length) parts.push(either(f.statuses.map((s) => STATUS_LABELS[s].toLowerCase())))
  if (f.teamIds?.length) {
    parts.push(`${f.teamIds.length === 1 ? 'team' : 'teams'} ${either(named(f.teamIds, names.team, 'a removed team'))}`)
  }
  if (f.assignees?.length) parts.push(`assigned to ${either(named(f.assignees, names.person, 'a removed person'))}`)
  if (f.watchlistOnly) parts.push('watchlist authors')
  if (f.minFollowers) parts.push(`${compactCount(f.minFollowers)}+ followers`)
  if (f.topics?.length) parts.push(`about ${either(f.topics)}`)
  if (f.hasMedia) parts.push('with media')
  if (f.withinHours) parts.push(windowWords(f.withinHours))
  if (f.text?.trim()) parts.push(searchWords(f.text))
  if (parts.length === 0) parts.push('Everything')
  return parts
}

/** The query in one line, parts separated by " · ". */
export function describeQuery(query: ColumnQuery, names: QueryNames = {}): string {
  return describeQueryParts(query, names).join(' · ')
}

/** Longest title a column may have (the deck schema's limit). */
export const MAX_COLUMN_TITLE = 100

/** A title for a column nobody named: its query in words, shortened to fit. */
export function defaultColumnTitle(query: ColumnQuery, names: QueryNames = {}): string {
  const words = describeQuery(query, names)
  return words.length <= MAX_COLUMN_TITLE ? words : `${words.slice(0, MAX_COLUMN_TITLE - 1).trimEnd()}…`
}

/**
 * The filter with empty conditions left out (empty lists and text, false flags, no minimum), so
 * that a stored query says only what it asks for and two equal queries compare equal.
 */
export function compactFilter(filter: PostFilter): PostFilter {
  const out: PostFilter = {}
  const text = filter.text?.trim()
  if (text) out.text = text
  if (filter.networks?.length) out.networks = [...filter.networks]
  if (filter.sourceIds?.length) out.sourceIds = [...filter.sourceIds]
  if (filter.languages?.length) out.languages = [...filter.languages]
  if (filter.sentiments?.length) out.sentiments = [...filter.sentiments]
  if (filter.intents?.length) out.intents = [...filter.intents]
  if (filter.statuses?.length) out.statuses = [...filter.statuses]
  if (filter.teamIds?.length) out.teamIds = [...filter.teamIds]
  if (filter.assignees?.length) out.assignees = [...filter.assignees]
  if (filter.watchlistOnly) out.watchlistOnly = true
  if (filter.minFollowers && filter.minFollowers > 0) out.minFollowers = Math.floor(filter.minFollowers)
  const topics = filter.topics?.map((topic) => topic.trim()).filter((topic) => topic.length > 0)
  if (topics?.length) out.topics = topics
  if (filter.hasMedia) out.hasMedia = true
  if (filter.withinHours && filter.withinHours > 0) out.withinHours = Math.floor(filter.withinHours)
  return out
}
