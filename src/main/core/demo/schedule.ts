import type { OutageTheme } from './phrases/types'
import { LAUNCHES } from './cast'
import { hashSeed, hashUnit, Rng } from './random'

/**
 * When things happen in the demo. Two clocks matter:
 *
 * - Post numbers. Incidents (a product launch, an outage) are ranges of post numbers, so the
 *   content of post n stays a function of (seed, n) alone, and the live stream runs into the
 *   same incidents as the history.
 * - Wall time. The backfill spreads post numbers over a week with a day/night and weekday
 *   rhythm and squeezes incident ranges into a short time: that is the visible spike.
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

const STREAM_INCIDENT = 0x1c1d
const STREAM_GAP = 0x6a95
const STREAM_DAY = 0xda75
const STREAM_LIVE = 0x11fe

/** Every PERIOD posts bring one launch and one outage (about every 6 to 7 hours when live). */
export const INCIDENT_PERIOD = 6000

export type IncidentKind = 'launch' | 'outage'

export interface Incident {
  kind: IncidentKind
  /** First post number of the incident. */
  start: number
  /** Number of posts in its range (not all are about it: the usual chatter goes on). */
  length: number
  /** How much faster than usual posts arrive at its peak (the spike's height). */
  peak: number
  /** For outages: what broke. */
  theme: OutageTheme
  /** For update outages: which firmware, e.g. "5.2". */
  version: string
  /** For launches: index into LAUNCHES. */
  launchIndex: number
}

/** Relative rate of posts at hour h (local), weekdays and weekends: quiet at night, busy 9–18 h. */
const WEEKDAY_HOURS = [
  0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.35, 0.7, 1.1, 1.5, 1.7, 1.75, 1.7, 1.7, 1.75, 1.7, 1.6, 1.5, 1.3, 1.2, 1.15, 1.0,
  0.75, 0.45
]
const WEEKEND_HOURS = [
  0.3, 0.19, 0.11, 0.08, 0.06, 0.08, 0.15, 0.26, 0.45, 0.68, 0.83, 0.9, 0.94, 0.9, 0.9, 0.9, 0.86, 0.83, 0.83, 0.86, 0.86,
  0.75, 0.6, 0.45
]

/** The rise and fall of an incident over its range (x in [0, 1)): a fast rise, a slow decay. */
function incidentShape(x: number): number {
  return x < 0.12 ? x / 0.12 : Math.exp(-(x - 0.12) * 3.2)
}

export class DemoSchedule {
  private cachedPeriod = -1
  private cached: readonly Incident[] = []

  constructor(
    private readonly seed: number,
    /** The rhythm follows this zone's clock (fixed offset, no daylight saving: deterministic). */
    private readonly utcOffsetMs: number
  ) {}

  /** The incidents of period k (a launch, then an outage), derived from (seed, k) only. */
  incidentsOfPeriod(k: number): readonly Incident[] {
    if (k === this.cachedPeriod) return this.cached
    const rng = new Rng(hashSeed(this.seed, k, STREAM_INCIDENT))
    const base = k * INCIDENT_PERIOD
    const version = `${5 + Math.floor(k / 6)}.${(k % 6) + 1}`
    const launch: Incident = {
      kind: 'launch',
      start: base + 500 + rng.int(800),
      length: 260 + rng.int(100),
      peak: 7 + rng.next() * 2,
      theme: 'cloud',
      version,
      launchIndex: rng.int(LAUNCHES.length)
    }
    const outage: Incident = {
      kind: 'outage',
      start: base + 2600 + rng.int(1000),
      length: 380 + rng.int(140),
      peak: 9 + rng.next() * 3,
      theme: rng.chance(0.5) ? 'cloud' : 'update',
      version,
      launchIndex: 0
    }
    this.cachedPeriod = k
    this.cached = [launch, outage]
    return this.cached
  }

  /** The incident post n belongs to, or null. */
  incidentAt(n: number): Incident | null {
    for (const incident of this.incidentsOfPeriod(Math.floor(n / INCIDENT_PERIOD))) {
      if (n >= incident.start && n < incident.start + incident.length) return incident
    }
    return null
  }

  /** How many times faster than usual posts arrive around post n (1 outside incidents). */
  intensity(n: number): number {
    const incident = this.incidentAt(n)
    if (incident === null) return 1
    return 1 + (incident.peak - 1) * incidentShape((n - incident.start) / incident.length)
  }

  /** Relative posting rate at wall time t (local clock, weekday, a per-day mood). */
  rhythm(t: number): number {
    const local = t + this.utcOffsetMs
    const day = Math.floor(local / DAY)
    const hourFloat = (local - day * DAY) / HOUR
    // 1970-01-01 was a Thursday: day 0 → weekday 4 (Sunday = 0).
    const weekday = (((day + 4) % 7) + 7) % 7
    const table = weekday === 0 || weekday === 6 ? WEEKEND_HOURS : WEEKDAY_HOURS
    // Linear between hour centres, so the curve has no steps.
    const position = hourFloat - 0.5
    const lower = Math.floor(position)
    const fraction = position - lower
    const a = table[(lower + 24) % 24] ?? 1
    const b = table[(lower + 25) % 24] ?? 1
    const dayMood = 0.85 + 0.3 * hashUnit(this.seed, day, STREAM_DAY)
    return (a + (b - a) * fraction) * dayMood
  }

  /**
   * Times (epoch ms) for posts 0..count-1 spread over [endMs - days, endMs], oldest first and
   * strictly increasing. Each post gets an exponential gap (a Poisson stream) shortened by the
   * incident intensity; the gaps are then laid out over "busy time", the integral of rhythm().
   */
  backfillTimes(endMs: number, days: number, count: number): number[] {
    const span = days * DAY
    const start = endMs - span
    const bucketMs = 10 * MINUTE
    const buckets = Math.max(1, Math.ceil(span / bucketMs))
    const busy = new Float64Array(buckets + 1)
    for (let i = 0; i < buckets; i++) {
      const from = start + i * bucketMs
      const to = Math.min(endMs, from + bucketMs)
      busy[i + 1] = (busy[i] ?? 0) + this.rhythm((from + to) / 2) * ((to - from) / bucketMs)
    }
    const totalBusy = busy[buckets] ?? 1

    const positions = new Float64Array(count)
    let acc = 0
    for (let n = 0; n < count; n++) {
      acc += this.gap(n)
      positions[n] = acc
    }
    const total = acc + this.gap(count)

    const times: number[] = new Array<number>(count)
    let bucket = 0
    let previous = -Infinity
    for (let n = 0; n < count; n++) {
      const target = ((positions[n] ?? 0) / total) * totalBusy
      while (bucket < buckets - 1 && (busy[bucket + 1] ?? 0) < target) bucket++
      const lowBusy = busy[bucket] ?? 0
      const width = (busy[bucket + 1] ?? lowBusy) - lowBusy
      const fraction = width > 0 ? Math.min(1, Math.max(0, (target - lowBusy) / width)) : 0
      let t = Math.floor(start + (bucket + fraction) * bucketMs)
      if (t <= previous) t = previous + 1
      times[n] = t
      previous = t
    }
    return times
  }

  /** The gap before post n, in units of "an ordinary post's share of busy time". */
  private gap(n: number): number {
    return -Math.log(1 - hashUnit(this.seed, n, STREAM_GAP)) / this.intensity(n)
  }

  /**
   * The live rhythm after post n: usually one post every 2–6 s, about 1 in 25 times a burst of
   * 3–10 posts, and faster during incidents.
   */
  nextLive(n: number): { delayMs: number; count: number } {
    const rng = new Rng(hashSeed(this.seed, n, STREAM_LIVE))
    if (rng.next() < 0.04) return { delayMs: 200 + rng.int(700), count: 3 + rng.int(8) }
    return { delayMs: Math.round((2000 + rng.next() * 4000) / this.intensity(n + 1)), count: 1 }
  }
}
