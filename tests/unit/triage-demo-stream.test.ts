import { describe, expect, it } from 'vitest'
import { INTENTS, type Intent } from '@shared/triage/types'
import { DemoGenerator } from '../../src/main/core/demo/generator'
import { createTriage, DEMO_BRAND } from '../../src/main/core/triage'

/**
 * A second, out-of-distribution check: the demo generator plants a known intent in every post
 * and none of its phrases are in the training data or the rules. Its numbers are lower than on
 * the hand-labelled test set (different authors, seven languages, replies, competitor news) and
 * are reported, with a floor that catches regressions, not as the product target.
 */
describe('triage on the demo stream', () => {
  it('finds the planted intents well above chance', () => {
    const generator = new DemoGenerator({ seed: 3 })
    const triage = createTriage()
    const N = 5000
    const cells = new Map<string, number>()
    const errors: string[] = []
    for (let n = 0; n < N; n++) {
      const post = generator.post(n, Date.UTC(2026, 0, 1) + n * 60_000)
      const truth = generator.intendedIntent(n)
      const result = triage.explain({ id: String(n), text: post.text, language: post.language }, { brand: DEMO_BRAND })
      const predicted = result.intent
      cells.set(`${truth}>${predicted}`, (cells.get(`${truth}>${predicted}`) ?? 0) + 1)
      if (process.env.TRIAGE_ERRORS && truth !== predicted) errors.push(`${truth} → ${predicted} (${result.confidence}) [${result.cues.join(', ')}] ${post.text.replace(/\n/g, ' ')}`)
    }
    const cell = (a: Intent, b: Intent): number => cells.get(`${a}>${b}`) ?? 0
    const perIntent = INTENTS.map((c) => {
      const tp = cell(c, c)
      const fp = INTENTS.filter((d) => d !== c).reduce((s, d) => s + cell(d, c), 0)
      const fn = INTENTS.filter((d) => d !== c).reduce((s, d) => s + cell(c, d), 0)
      const p = tp + fp ? tp / (tp + fp) : 0
      const r = tp + fn ? tp / (tp + fn) : 0
      return { intent: c, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 }
    })
    const macroF1 = perIntent.reduce((s, x) => s + x.f1, 0) / INTENTS.length
    const accuracy = INTENTS.reduce((s, c) => s + cell(c, c), 0) / N
    console.log(
      [
        `demo stream (${N} posts): accuracy ${accuracy.toFixed(3)} · macro-F1 ${macroF1.toFixed(3)}`,
        ...INTENTS.map((a) => a.padEnd(16) + INTENTS.map((b) => String(cell(a, b)).padStart(6)).join('')),
        ...perIntent.map((x) => `${x.intent.padEnd(16)} P ${x.p.toFixed(3)}  R ${x.r.toFixed(3)}  F1 ${x.f1.toFixed(3)}`),
        ...errors
      ].join('\n')
    )
    // Measured 0.839 (5,000 posts, seed 3; 0.601 before the context rules); the floor leaves room for generator changes, not for a regression.
    expect(macroF1).toBeGreaterThanOrEqual(0.78)
  })
})
