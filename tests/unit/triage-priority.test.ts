import { describe, expect, it } from 'vitest'
import { computePriority, createTriage, PRIORITY_WEIGHTS, reachContribution } from '../../src/main/core/triage'

describe('triage priority', () => {
  it('explains itself: the factors add up to the priority and stay within their weights', () => {
    const { priority, factors } = computePriority({ intent: 'complaint', confidence: 0.9, sentiment: -1, sentimentScore: -0.8, followers: 120_000, watchlist: true, addressed: 'handle', slaMinutesLeft: 15 })
    const sum = factors.reduce((s, f) => s + f.contribution, 0)
    expect(priority).toBe(Math.min(100, Math.round(sum)))
    for (const f of factors) {
      expect(f.contribution).toBeGreaterThanOrEqual(0)
      expect(f.contribution).toBeLessThanOrEqual(f.weight)
      expect(f.reason.length).toBeGreaterThan(5)
    }
    expect(factors.map((f) => f.factor)).toEqual(['intent', 'negative_sentiment', 'reach', 'watchlist', 'addressed', 'sla'])
    expect(factors.find((f) => f.factor === 'reach')?.reason).toBe('author has 120k followers')
    expect(priority).toBeGreaterThan(80)
  })

  it('scales reach by the logarithm of followers', () => {
    expect(reachContribution(0)).toBe(0)
    expect(reachContribution(100)).toBe(0)
    expect(reachContribution(1_000)).toBeCloseTo(4)
    expect(reachContribution(1_000_000)).toBeCloseTo(16)
    expect(reachContribution(1e9)).toBe(PRIORITY_WEIGHTS.reach)
  })

  it('orders posts the way a community manager would', () => {
    const base = { confidence: 0.8, sentiment: 0 as const, sentimentScore: 0, followers: 200 }
    const complaint = computePriority({ ...base, intent: 'complaint', sentiment: -1, sentimentScore: -0.7 }).priority
    const help = computePriority({ ...base, intent: 'help_explicit' }).priority
    const praise = computePriority({ ...base, intent: 'praise', sentiment: 1, sentimentScore: 0.7 }).priority
    const other = computePriority({ ...base, intent: 'other' }).priority
    expect(complaint).toBeGreaterThan(help)
    expect(help).toBeGreaterThan(praise)
    expect(praise).toBeGreaterThan(other)
    // Reach, the watchlist, addressing the brand and a running SLA each raise it.
    const help0 = computePriority({ ...base, intent: 'help_implicit' }).priority
    expect(computePriority({ ...base, intent: 'help_implicit', followers: 500_000 }).priority).toBeGreaterThan(help0)
    expect(computePriority({ ...base, intent: 'help_implicit', watchlist: true }).priority).toBeGreaterThan(help0)
    expect(computePriority({ ...base, intent: 'help_implicit', addressed: 'handle' }).priority).toBeGreaterThan(help0)
    expect(computePriority({ ...base, intent: 'help_implicit', slaMinutesLeft: 5 }).priority).toBeGreaterThan(computePriority({ ...base, intent: 'help_implicit', slaMinutesLeft: 100 }).priority)
    const breached = computePriority({ ...base, intent: 'help_implicit', slaMinutesLeft: -10 })
    expect(breached.factors.find((f) => f.factor === 'sla')).toMatchObject({ contribution: PRIORITY_WEIGHTS.sla, reason: 'SLA breached 10 min ago' })
  })

  it('leaves out the SLA factor when no clock is given, and stays within 0–100', () => {
    const { priority, factors } = computePriority({ intent: 'other', confidence: 0.2, sentiment: 0, sentimentScore: null })
    expect(factors.some((f) => f.factor === 'sla')).toBe(false)
    expect(factors.find((f) => f.factor === 'negative_sentiment')?.reason).toMatch(/unknown/)
    expect(priority).toBeGreaterThanOrEqual(0)
    const max = computePriority({ intent: 'complaint', confidence: 1, sentiment: -1, sentimentScore: -1, followers: 1e9, watchlist: true, addressed: 'handle', slaMinutesLeft: -60 })
    expect(max.priority).toBeLessThanOrEqual(100)
  })

  it('puts a large account complaining to the brand above a small account chatting', () => {
    const triage = createTriage()
    const brand = { names: ['Lumora'], handles: ['@lumora'] }
    const angry = triage.classify({ id: 'a', text: '@lumora worst support ever, never again', followers: 300_000 }, { brand })
    const chat = triage.classify({ id: 'b', text: 'having coffee with friends this afternoon', followers: 40 }, { brand })
    expect(angry.priority).toBeGreaterThan(chat.priority + 40)
    expect(angry.factors.find((f) => f.factor === 'addressed')?.contribution).toBe(PRIORITY_WEIGHTS.addressed)
  })
})
