/**
 * Exponential back-off with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): the wait is uniform in [0, min(cap, base·2^attempt)], so sources that failed
 * together do not retry together.
 */
export interface BackoffPolicy {
  baseMs: number
  capMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 30 * 60_000 }

/** Delay before retry number `attempt` (1 = first retry). `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30)
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent)
  return Math.floor(random() * ceiling)
}

/**
 * How long to wait before the next request so that at most `share` (default 80%) of a
 * rate-limit budget is used: nothing while well inside it, the rest of the window once the
 * reserve is reached.
 */
export function budgetDelay(limit: number, remaining: number, resetAt: number, now: number, share = 0.8): number {
  if (limit <= 0) return 0
  const reserve = Math.ceil(limit * (1 - share))
  if (remaining > reserve) return 0
  return Math.max(0, resetAt - now)
}
