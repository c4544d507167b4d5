import { describe, expect, it } from 'vitest'
import { backoffDelay, budgetDelay } from '../../src/main/core/sync/backoff'

describe('back-off with full jitter', () => {
  const policy = { baseMs: 1000, capMs: 60_000 }

  it('doubles the ceiling per attempt and stays within it', () => {
    expect(backoffDelay(1, policy, () => 0.999)).toBe(999)
    expect(backoffDelay(2, policy, () => 0.999)).toBe(1998)
    expect(backoffDelay(4, policy, () => 0.5)).toBe(4000)
    expect(backoffDelay(1, policy, () => 0)).toBe(0)
  })

  it('is capped however many attempts failed', () => {
    expect(backoffDelay(50, policy, () => 0.999)).toBe(59_940)
    expect(backoffDelay(10_000, policy, () => 0.999)).toBeLessThan(60_000)
  })

  it('spreads retries of sources that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, policy)))
    expect(delays.size).toBeGreaterThan(40)
  })
})

describe('rate-limit budget', () => {
  it('does not wait while more than 20% of the budget is left', () => {
    expect(budgetDelay(300, 100, 10_000, 0)).toBe(0)
    expect(budgetDelay(300, 61, 10_000, 0)).toBe(0)
  })

  it('waits for the window to reset once only the reserve is left', () => {
    expect(budgetDelay(300, 60, 10_000, 4_000)).toBe(6_000)
    expect(budgetDelay(300, 0, 10_000, 4_000)).toBe(6_000)
    expect(budgetDelay(300, 0, 1_000, 4_000)).toBe(0)
  })
})
