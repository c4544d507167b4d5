/**
 * Display formatting for the deck. The UI speaks English, so numbers use English separators and
 * a lowercase "k"/"M" (12.3k) regardless of the machine's locale; dates follow the machine's
 * locale because people read times in their own format.
 */

const fullNumber = new Intl.NumberFormat('en')

/** 1234 -> "1,234". */
export function formatNumber(n: number): string {
  return fullNumber.format(n)
}

function trimmed(value: number): string {
  // One decimal below 100 (12.3k), none above (123k); never "12.0k".
  const digits = value < 100 ? 1 : 0
  const fixed = value.toFixed(digits)
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed
}

/** Compact counts for tight spaces: 999, 1.2k, 12.3k, 123k, 1.2M, 3.4B. Never rounds up past a unit. */
export function formatCompact(n: number): string {
  if (!Number.isFinite(n)) return '0'
  const sign = n < 0 ? '-' : ''
  const abs = Math.abs(Math.round(n))
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k']
  ]
  if (abs < 1000) return `${sign}${abs}`
  for (const [size, suffix] of units) {
    if (abs < size) continue
    // Truncate rather than round, so 999,999 reads "999k" and not a misleading "1000k".
    const scaled = abs / size
    const digits = scaled < 100 ? 10 : 1
    const cut = Math.floor(scaled * digits) / digits
    return `${sign}${trimmed(cut)}${suffix}`
  }
  return `${sign}${abs}`
}

/** "1 reply" / "3 replies": a count with its noun, for accessible labels. */
export function countLabel(n: number, singular: string, plural: string): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const monthDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' })
const monthDayYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' })
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

/** Compact age of a timestamp: "now", "3 min", "5 h", "2 d", then a date ("Mar 4", "Mar 4, 2023"). */
export function formatRelative(time: number, now: number): string {
  const age = now - time
  // A clock a little ahead of the source's still reads "now" rather than "in 2 min".
  if (age < 45_000) return 'now'
  if (age < HOUR) return `${Math.max(1, Math.round(age / MINUTE))} min`
  if (age < DAY) return `${Math.floor(age / HOUR)} h`
  if (age < 7 * DAY) return `${Math.floor(age / DAY)} d`
  const date = new Date(time)
  return date.getFullYear() === new Date(now).getFullYear() ? monthDay.format(date) : monthDayYear.format(date)
}

/** How long until a planned time: "in 5 min", "in 2 h", "in 3 d"; "soon" when it is due or past. */
export function formatUntil(time: number, now: number): string {
  const wait = time - now
  if (wait < 45_000) return 'soon'
  if (wait < HOUR) return `in ${Math.max(1, Math.round(wait / MINUTE))} min`
  if (wait < DAY) return `in ${Math.round(wait / HOUR)} h`
  return `in ${Math.round(wait / DAY)} d`
}

/** Spoken form of formatRelative: "3 minutes ago". */
export function describeRelative(time: number, now: number): string {
  const age = now - time
  if (age < 45_000) return 'just now'
  if (age < HOUR) {
    const m = Math.max(1, Math.round(age / MINUTE))
    return `${m} ${m === 1 ? 'minute' : 'minutes'} ago`
  }
  if (age < DAY) {
    const h = Math.floor(age / HOUR)
    return `${h} ${h === 1 ? 'hour' : 'hours'} ago`
  }
  if (age < 7 * DAY) {
    const d = Math.floor(age / DAY)
    return `${d} ${d === 1 ? 'day' : 'days'} ago`
  }
  return formatAbsolute(time)
}

/** Full date and time in the reader's locale, for tooltips. */
export function formatAbsolute(time: number): string {
  return absolute.format(new Date(time))
}

/** Time of day, for "Offline since 10:42". */
export function formatClock(time: number): string {
  return clock.format(new Date(time))
}

let languageNames: Intl.DisplayNames | null = null
/** Intl.DisplayNames is slow per call (~1 ms) and every card asks: a handful of codes, remembered. */
const languageCache = new Map<string, string>()

/** "de" -> "German"; unknown codes come back as given. */
export function languageName(code: string): string {
  let name = languageCache.get(code)
  if (name === undefined) {
    try {
      languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' })
      name = languageNames.of(code) ?? code
    } catch {
      name = code
    }
    languageCache.set(code, name)
  }
  return name
}

/** "Anna Schmidt" -> "AS", "@brand" -> "B". */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
  const first = words[0]?.[0] ?? '?'
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : ''
  return (first + last).toUpperCase()
}

/** A stable hue (0–359) for a string, for avatar placeholders. */
export function hueOf(value: string): number {
  let hash = 0
  for (let i = 0; i < value.length; i++) hash = (hash * 31 + value.charCodeAt(i)) | 0
  return Math.abs(hash) % 360
}

/** Only web and mail links leave the app; anything else (javascript:, file:, …) is not a link. */
export function safeExternalUrl(url: string | null): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null
  } catch {
    return null
  }
}

/** A search text for a sentence: wrapped in quotes unless it brings its own ("Book 14"). */
export function quoteSearch(text: string): string {
  const trimmed = text.trim()
  return /["“”]/.test(trimmed) ? trimmed : `“${trimmed}”`
}
