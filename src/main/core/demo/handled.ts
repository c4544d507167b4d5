/**
 * The demo team's week. A fresh demo workspace starts with a week of history, and a real social
 * care team would have dealt with most of it: left open, that week reads as thousands of posts
 * waiting and breached. So the posts of the seeded history (and of the gap filled after a
 * restart) that need an answer and are older than HANDLED_AFTER_MS are settled the way a team's
 * week looks: most replied within their first-response target, a small share late, some closed
 * without a reply (nothing to add, a duplicate, answered elsewhere). The outcome of a post
 * depends only on the demo seed and the post's id. Live posts stay open for the user.
 */
import type { HandledOutcome, OpenClock } from '../storage/repositories/workflow'
import { hashSeed, Rng } from './random'

/** Posts younger than this are still the team's open work. */
export const HANDLED_AFTER_MS = 2 * 3_600_000
/** Who the history says handled them. */
export const DEMO_TEAM_ACTOR = 'Demo team'

/** Shares of the handled posts: closed without a reply, replied after the deadline (the rest: in time). */
export const DEMO_HANDLED_SHARES = { done: 0.07, late: 0.1 } as const
/** Nobody answers faster than this. */
const MIN_RESPONSE_MS = 2 * 60_000
/** Separates these draws from the generator's own streams of the same seed. */
const STREAM = 0x7e4d

/** FNV-1a of the post id: the post's own number for the seeded draw. */
function idNumber(id: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/**
 * What the demo team did with one open post of the history, or null when that answer would only
 * come after `now` (for example a lead from Saturday, due on Monday morning): it stays open.
 */
export function demoOutcome(seed: number, clock: OpenClock, now: number): HandledOutcome | null {
  const rng = new Rng(hashSeed(seed, idNumber(clock.postId), STREAM))
  const window = Math.max(MIN_RESPONSE_MS, clock.dueAt - clock.createdAt)
  const roll = rng.next()
  let status: HandledOutcome['status'] = 'replied'
  let at: number
  if (roll < DEMO_HANDLED_SHARES.done) {
    status = 'done'
    at = clock.createdAt + window * rng.range(0.05, 0.6)
  } else if (roll < DEMO_HANDLED_SHARES.done + DEMO_HANDLED_SHARES.late) {
    at = clock.dueAt + window * rng.range(0.1, 1.5)
  } else {
    // Most answers come early in the window, a few near its end.
    const u = rng.next()
    at = clock.createdAt + window * (0.08 + 0.87 * u * u)
  }
  at = Math.max(clock.createdAt + MIN_RESPONSE_MS, Math.round(at))
  return at <= now ? { status, at } : null
}
