import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { INTENTS, NEEDS_RESPONSE, isIntent, type Intent } from '@shared/triage/types'
import { createTriage, DEMO_BRAND } from '../../src/main/core/triage'
import { fold } from '../../src/main/core/triage/normalize'
import { trainingExamples } from '../../src/main/core/triage/training'

interface Labelled {
  id: string
  text: string
  language: string
  intent: Intent
  sentiment: -1 | 0 | 1
}

const TEST_SET = join(import.meta.dirname, '../fixtures/triage/test-set.jsonl')

function loadTestSet(): Labelled[] {
  return readFileSync(TEST_SET, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const row = JSON.parse(line) as Labelled
      if (!isIntent(row.intent)) throw new Error(`bad intent in ${line}`)
      return row
    })
}

const rows = loadTestSet()
const triage = createTriage()
const predictions = rows.map((row) => ({ row, result: triage.explain({ id: row.id, text: row.text }, { brand: DEMO_BRAND }) }))

function confusionTable(): string {
  const short: Record<Intent, string> = { help_explicit: 'h_exp', help_implicit: 'h_imp', complaint: 'compl', purchase_intent: 'purch', praise: 'prais', idea: 'idea', other: 'other' }
  const lines = [`${'true \\ pred'.padEnd(16)}${INTENTS.map((i) => short[i].padStart(7)).join('')}`]
  for (const truth of INTENTS) {
    const cells = INTENTS.map((predicted) => String(predictions.filter((p) => p.row.intent === truth && p.result.intent === predicted).length).padStart(7))
    lines.push(`${truth.padEnd(16)}${cells.join('')}`)
  }
  return lines.join('\n')
}

function f1(intent: Intent): { precision: number; recall: number; f1: number } {
  const tp = predictions.filter((p) => p.row.intent === intent && p.result.intent === intent).length
  const fp = predictions.filter((p) => p.row.intent !== intent && p.result.intent === intent).length
  const fn = predictions.filter((p) => p.row.intent === intent && p.result.intent !== intent).length
  const precision = tp + fp ? tp / (tp + fp) : 0
  const recall = tp + fn ? tp / (tp + fn) : 0
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 }
}

describe('triage quality on the hand-labelled test set', () => {
  it('has at least 300 posts in German, English and the other supported languages', () => {
    expect(rows.length).toBeGreaterThanOrEqual(300)
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
    for (const language of ['deu', 'eng', 'fra', 'spa', 'ita', 'nld', 'pol']) expect(rows.some((r) => r.language === language), language).toBe(true)
    for (const intent of INTENTS) expect(rows.filter((r) => r.intent === intent).length, intent).toBeGreaterThanOrEqual(25)
  })

  it('shares no text with the training set', () => {
    const training = new Set(trainingExamples().map((e) => fold(e.text)))
    const shared = rows.filter((r) => training.has(fold(r.text)))
    expect(shared.map((r) => r.text)).toEqual([])
  })

  it('meets the intent, needs-response, sentiment and language targets', () => {
    const perIntent = INTENTS.map((intent) => ({ intent, ...f1(intent) }))
    const macroF1 = perIntent.reduce((sum, p) => sum + p.f1, 0) / INTENTS.length
    const needing = predictions.filter((p) => NEEDS_RESPONSE.has(p.row.intent))
    const needsRecall = needing.filter((p) => p.result.needs_response).length / needing.length
    const flagged = predictions.filter((p) => p.result.needs_response)
    const needsPrecision = flagged.filter((p) => NEEDS_RESPONSE.has(p.row.intent)).length / flagged.length
    const sentimentRows = predictions.filter((p) => p.row.language === 'deu' || p.row.language === 'eng')
    const sentimentAccuracy = sentimentRows.filter((p) => p.result.sentiment === p.row.sentiment).length / sentimentRows.length
    const languageAccuracy = predictions.filter((p) => p.result.language === p.row.language).length / predictions.length
    const intentAccuracy = predictions.filter((p) => p.result.intent === p.row.intent).length / predictions.length

    const report = [
      `test set: ${rows.length} posts`,
      'intent confusion matrix (rows: truth, columns: prediction)',
      confusionTable(),
      ...perIntent.map((p) => `${p.intent.padEnd(16)} P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}  F1 ${p.f1.toFixed(3)}`),
      `intent accuracy ${intentAccuracy.toFixed(3)} · macro-F1 ${macroF1.toFixed(3)} (target ≥ 0.80)`,
      `needs_response recall ${needsRecall.toFixed(3)} (target ≥ 0.90) · precision ${needsPrecision.toFixed(3)}`,
      `sentiment accuracy (deu+eng, ${sentimentRows.length} posts) ${sentimentAccuracy.toFixed(3)} (target ≥ 0.80)`,
      `language accuracy ${languageAccuracy.toFixed(3)} (target ≥ 0.95)`
    ]
    if (process.env.TRIAGE_ERRORS) {
      for (const p of predictions) {
        if (p.result.intent !== p.row.intent) report.push(`INTENT ${p.row.intent} → ${p.result.intent} (${p.result.confidence}) [${p.result.cues.join(', ')}] ${p.row.text}`)
      }
      for (const p of sentimentRows) {
        if (p.result.sentiment !== p.row.sentiment) report.push(`SENT ${p.row.sentiment} → ${p.result.sentiment} (${p.result.sentimentRaw.toFixed(2)}) ${p.row.text}`)
      }
      for (const p of predictions) if (p.result.language !== p.row.language) report.push(`LANG ${p.row.language} → ${p.result.language} ${p.row.text}`)
    }
    console.log(report.join('\n'))

    expect(macroF1).toBeGreaterThanOrEqual(0.8)
    expect(needsRecall).toBeGreaterThanOrEqual(0.9)
    expect(sentimentAccuracy).toBeGreaterThanOrEqual(0.8)
    expect(languageAccuracy).toBeGreaterThanOrEqual(0.95)
  })
})
