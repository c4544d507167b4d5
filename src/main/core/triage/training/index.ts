/** The bundled training set: hand-written, separate from tests/fixtures/triage/test-set.jsonl. */
import { isIntent, type Intent } from '@shared/triage/types'
import { DE_TRAINING } from './de'
import { EN_TRAINING } from './en'
import { OTHER_TRAINING } from './other'

export interface TrainingExample {
  text: string
  intent: Intent
}

/** The brand the training texts are written about (replaced by placeholders like any brand). */
export const TRAINING_BRAND = { names: ['acme'], handles: ['acme'] }

function parse(block: string): TrainingExample[] {
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const at = line.indexOf('|')
      const intent = line.slice(0, at)
      if (!isIntent(intent)) throw new Error(`Bad training line "${line}"`)
      return { intent, text: line.slice(at + 1) }
    })
}

export function trainingExamples(): TrainingExample[] {
  return [...parse(EN_TRAINING), ...parse(DE_TRAINING), ...parse(OTHER_TRAINING)]
}
