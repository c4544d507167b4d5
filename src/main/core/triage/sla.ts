/**
 * First-response deadlines: how many minutes a post gets (per intent, shorter when urgent) and
 * when that runs out on a team's clock (business hours in the team's IANA time zone, with
 * weekends, overnight shifts and DST). Pure; only Intl, no time zone database of our own.
 */
import type { Intent } from '@shared/domain/intent'
import type { BusinessHours, SlaPolicy } from '@shared/domain/triage'

const MINUTE = 60_000
const DAY = 86_400_000
/** How far ahead a deadline is looked for: the longest target (30 days) on the thinnest week (one day). */
const MAX_DAYS = 366 * 5

/** Minutes to the first response for a post, or null when its intent has no target (no clock). */
export function slaMinutes(policy: SlaPolicy, intent: Intent, priority: number): number | null {
  const target = policy.byIntent[intent]
  if (target === undefined) return null
  return priority >= policy.urgentPriority ? Math.min(target, policy.urgentMinutes) : target
}

/** The hours and minutes of "HH:MM". */
function clockMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (Berlin in winter: +3,600,000). */
export function zoneOffset(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
  // Seconds are enough: no zone has had a sub-second offset since 1972.
  return wall - Math.floor(instant / 1000) * 1000
}

/**
 * The instant a wall-clock time in a zone stands for. `wall` is that time written as if it were
 * UTC (Date.UTC of the local fields). In the spring-forward gap the time does not exist and the
 * result lands just after the gap; in the autumn overlap the earlier instant wins.
 */
export function wallToInstant(wall: number, timeZone: string): number {
  // The offsets half a day before and after (roughly) that instant: a zone switches at most once in between.
  const approx = wall - zoneOffset(wall, timeZone)
  const before = wall - zoneOffset(approx - DAY / 2, timeZone)
  const after = wall - zoneOffset(approx + DAY / 2, timeZone)
  const consistent = [before, after].filter((instant) => instant + zoneOffset(instant, timeZone) === wall)
  // No consistent instant: the time fell into the gap; the offset before the switch moves it past it.
  return consistent.length ? Math.min(...consistent) : before
}

/**
 * A team's working time as instants: per local calendar day, the interval the team is open.
 * Days are computed once and kept, so routing thousands of posts costs no Intl call per post.
 */
export class BusinessCalendar {
  private readonly days: ReadonlySet<number>
  private readonly startMinute: number
  private readonly lengthMinutes: number
  private readonly intervals = new Map<number, readonly [number, number] | null>()

  constructor(
    hours: BusinessHours,
    private readonly timeZone: string
  ) {
    this.days = new Set(hours.days)
    this.startMinute = clockMinutes(hours.start)
    const end = clockMinutes(hours.end)
    // An end at or before the start is an overnight shift (22:00–06:00); equal means 24 hours.
    this.lengthMinutes = end > this.startMinute ? end - this.startMinute : end + 24 * 60 - this.startMinute
  }

  /** The open interval that starts on local day `day` (days since 1970-01-01), or null on a day off. */
  private interval(day: number): readonly [number, number] | null {
    let cached = this.intervals.get(day)
    if (cached !== undefined) return cached
    if (!this.days.has(new Date(day * DAY).getUTCDay())) {
      cached = null
    } else {
      const opens = day * DAY + this.startMinute * MINUTE
      cached = [wallToInstant(opens, this.timeZone), wallToInstant(opens + this.lengthMinutes * MINUTE, this.timeZone)]
    }
    if (this.intervals.size > 4000) this.intervals.clear()
    this.intervals.set(day, cached)
    return cached
  }

  /** The instant `minutes` of working time after `start` have passed. */
  addMinutes(start: number, minutes: number): number {
    let remaining = minutes * MINUTE
    // A local date is at most 14 hours off the UTC date; an overnight shift may have opened the day before.
    const firstDay = Math.floor(start / DAY) - 2
    for (let day = firstDay; day < firstDay + MAX_DAYS; day++) {
      const interval = this.interval(day)
      if (!interval) continue
      const [opens, closes] = interval
      if (closes <= start) continue
      const from = Math.max(start, opens)
      if (from + remaining <= closes) return from + remaining
      remaining -= closes - from
    }
    // Unreachable with valid hours (at least one day a week); keep the clock finite regardless.
    return start + minutes * MINUTE
  }
}

const calendars = new Map<string, BusinessCalendar>()

/**
 * When a first response is due: `minutes` of the team's working time after `start`. Without
 * business hours (null) the clock runs around the clock.
 */
export function addBusinessMinutes(start: number, minutes: number, hours: BusinessHours | null, timeZone: string): number {
  if (!hours) return start + minutes * MINUTE
  const key = `${timeZone}|${hours.days.join(',')}|${hours.start}|${hours.end}`
  let calendar = calendars.get(key)
  if (!calendar) {
    if (calendars.size > 100) calendars.clear()
    calendar = new BusinessCalendar(hours, timeZone)
    calendars.set(key, calendar)
  }
  return calendar.addMinutes(start, minutes)
}
