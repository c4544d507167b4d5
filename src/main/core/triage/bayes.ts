/**
 * Multinomial naive Bayes over word unigrams, bigrams and in-word character 4-grams (robust
 * to typos). Counts are kept as plain numbers so the model can learn one labelled post at a
 * time (`learn`), for example from a user's correction, and be serialised (`toJSON`).
 */
import { INTENTS, type Intent } from '@shared/triage/types'

export interface BayesState {
  classes: Record<Intent, { docs: number; tokens: number; counts: Record<string, number> }>
  vocabulary: number
}

/** Features of a folded token list. */
export function features(tokens: readonly string[]): string[] {
  const out: string[] = []
  let previous = '^'
  for (const token of tokens) {
    out.push(token)
    out.push(`${previous}_${token}`)
    if (token.length >= 6) {
      const padded = `<${token}>`
      for (let i = 0; i + 4 <= padded.length; i += 2) out.push(`#${padded.slice(i, i + 4)}`)
    }
    previous = token
  }
  return out
}

export class NaiveBayes {
  private readonly counts = new Map<string, Float64Array>()
  private readonly docs = new Float64Array(INTENTS.length)
  private readonly totals = new Float64Array(INTENTS.length)
  private readonly alpha: number

  constructor(alpha = 0.5) {
    this.alpha = alpha
  }

  /** Adds one labelled example (its features) with a weight (a correction may count more). */
  learn(featureList: readonly string[], intent: Intent, weight = 1): void {
    const k = INTENTS.indexOf(intent)
    this.docs[k] = (this.docs[k] ?? 0) + weight
    for (const feature of featureList) {
      let row = this.counts.get(feature)
      if (!row) {
        row = new Float64Array(INTENTS.length)
        this.counts.set(feature, row)
      }
      row[k] = (row[k] ?? 0) + weight
      this.totals[k] = (this.totals[k] ?? 0) + weight
    }
  }

  get examples(): number {
    return this.docs.reduce((a, b) => a + b, 0)
  }

  /**
   * Posterior probabilities per intent (in INTENTS order); unknown features are ignored.
   * `temperature` > 1 flattens them: naive Bayes multiplies dozens of overlapping features
   * (words, bigrams, 4-grams) as if independent and is nearly always "99 % sure", which would
   * drown the rules it is mixed with.
   */
  predict(featureList: readonly string[], temperature = 1): Float64Array {
    const n = INTENTS.length
    const logp = new Float64Array(n)
    const docsTotal = this.examples || 1
    const vocabulary = this.counts.size + 1
    for (let k = 0; k < n; k++) logp[k] = Math.log(((this.docs[k] ?? 0) + 1) / (docsTotal + n))
    for (const feature of featureList) {
      const row = this.counts.get(feature)
      if (!row) continue
      for (let k = 0; k < n; k++) logp[k] = (logp[k] ?? 0) + Math.log(((row[k] ?? 0) + this.alpha) / ((this.totals[k] ?? 0) + this.alpha * vocabulary))
    }
    let max = -Infinity
    for (let k = 0; k < n; k++) max = Math.max(max, logp[k] ?? -Infinity)
    let sum = 0
    for (let k = 0; k < n; k++) {
      const e = Math.exp(((logp[k] ?? 0) - max) / temperature)
      logp[k] = e
      sum += e
    }
    for (let k = 0; k < n; k++) logp[k] = (logp[k] ?? 0) / sum
    return logp
  }

  toJSON(): BayesState {
    const classes = {} as BayesState['classes']
    INTENTS.forEach((intent, k) => {
      const counts: Record<string, number> = {}
      for (const [feature, row] of this.counts) if (row[k]) counts[feature] = row[k] ?? 0
      classes[intent] = { docs: this.docs[k] ?? 0, tokens: this.totals[k] ?? 0, counts }
    })
    return { classes, vocabulary: this.counts.size }
  }

  static fromJSON(state: BayesState, alpha = 0.5): NaiveBayes {
    const model = new NaiveBayes(alpha)
    INTENTS.forEach((intent, k) => {
      const cls = state.classes[intent]
      model.docs[k] = cls.docs
      model.totals[k] = cls.tokens
      for (const [feature, count] of Object.entries(cls.counts)) {
        let row = model.counts.get(feature)
        if (!row) {
          row = new Float64Array(INTENTS.length)
          model.counts.set(feature, row)
        }
        row[k] = count
      }
    })
    return model
  }
}
