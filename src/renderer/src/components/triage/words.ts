/**
 * Triage in words: the labels and sentences the triage UI shows. Pure functions, so the deck,
 * the header and the wall screen say the same thing the same way. Status labels are the column
 * form's too, so they live in `@shared/domain/describe-query`.
 */
import type { Intent } from '@shared/domain/intent'
import type { Sentiment, TriageCounters } from '@shared/domain/triage'

export const INTENT_LABELS: Record<Intent, string> = {
  help_explicit: 'Asks for help',
  help_implicit: 'Has a problem',
  complaint: 'Complaint',
  purchase_intent: 'Lead',
  praise: 'Praise',
  idea: 'Idea',
  other: 'Other'
}

/** What each intent means, for the correction menu. */
export const INTENT_HINTS: Record<Intent, string> = {
  help_explicit: 'asks the brand for help or an answer',
  help_implicit: 'describes a problem without asking',
  complaint: 'voices anger or dissatisfaction',
  purchase_intent: 'considers buying, asks for advice or prices',
  praise: 'positive feedback',
  idea: 'a suggestion or feature request',
  other: 'news, chatter, spam — nothing to do'
}

export const SENTIMENT_LABELS: Record<Sentiment, string> = {
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
  unknown: 'Sentiment unknown'
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A span of time for the eye: "42 min", "3 h 5 min", "2 d 4 h"; under a minute "<1 min". */
export function formatSpan(ms: number): string {
  const abs = Math.max(0, ms)
  if (abs < MINUTE) return '<1 min'
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR)
    const m = Math.floor((abs % HOUR) / MINUTE)
    return m ? `${h} h ${m} min` : `${h} h`
  }
  const d = Math.floor(abs / DAY)
  const h = Math.floor((abs % DAY) / HOUR)
  return h ? `${d} d ${h} h` : `${d} d`
}

/** The header's and wall's queue line: "12 waiting · oldest 42 min", or "Nothing waiting". */
export function formatWaiting(counters: Pick<TriageCounters, 'waitingForReply' | 'oldestUnansweredAt'>, now: number): string {
  if (counters.waitingForReply === 0) return 'Nothing waiting'
  const waiting = `${counters.waitingForReply.toLocaleString('en')} waiting`
  if (counters.oldestUnansweredAt === null) return waiting
  return `${waiting} · oldest ${formatSpan(now - counters.oldestUnansweredAt)}`
}

/** How far an SLA clock has run: `ok`, `warning` (under a quarter or 10 minutes left) or `breached`. */
export type SlaLevel = 'ok' | 'warning' | 'breached'

/** The warning threshold: 10 minutes, or a quarter of the target when that is shorter. */
const WARN_MS = 10 * MINUTE

export function slaLevel(dueAt: number, startedAt: number, now: number): SlaLevel {
  const left = dueAt - now
  if (left <= 0) return 'breached'
  const total = Math.max(dueAt - startedAt, 1)
  return left < WARN_MS || left / total < 0.25 ? 'warning' : 'ok'
}

/**
 * The clock's text. Under ten minutes it counts seconds ("4:07 left") so the run-out is visible;
 * above, minutes are enough. Overdue posts say by how much.
 */
export function formatSlaLeft(dueAt: number, now: number): string {
  const left = dueAt - now
  if (left <= 0) return `Overdue ${formatSpan(-left)}`
  if (left < WARN_MS) {
    const seconds = Math.floor(left / 1000)
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} left`
  }
  return `${formatSpan(left)} left`
}

/** The next 9:00 in the reader's time zone, for "Snooze until tomorrow 9:00". */
export function tomorrowAtNine(now: number): number {
  const date = new Date(now)
  date.setDate(date.getDate() + 1)
  date.setHours(9, 0, 0, 0)
  return date.getTime()
}

/** "Mar 4, 14:05" → a value for <input type="datetime-local"> and back, in local time. */
export function toLocalInput(time: number): string {
  const d = new Date(time)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}
