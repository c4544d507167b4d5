import { describe, expect, it } from 'vitest'
import { runCli, USAGE } from '../../src/cli'

async function run(args: string[], stdin: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = []
  let err = ''
  async function* input(): AsyncGenerator<string> {
    for (const chunk of stdin) yield chunk
  }
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => (err += `${l}\n`), env: {}, stdin: input() })
  return { code, out, err }
}

const POSTS = [
  JSON.stringify({ id: 'a1', text: '@lumora my Phone X will not turn on since this morning, can you help me?', followers: 250000, network: 'mastodon' }),
  JSON.stringify({ id: 'a2', text: 'Mein Laptop stürzt seit dem Update dauernd ab', language: 'de' }),
  '{"id": "a3", "text": "broken json',
  JSON.stringify({ id: 'a4', text: 'Die Lumora Kopfhörer sind echt der Hammer 😍' }),
  JSON.stringify({ text: 'no id here' }),
  '',
  JSON.stringify({ id: 7, text: 'Le nouveau téléphone est arrivé aujourd’hui chez moi', followers: 12 })
]

describe('earshot classify', () => {
  it('classifies JSON Lines from stdin and reports bad lines by number, going on with the rest', async () => {
    // Chunks that split lines in the middle, as a pipe would.
    const text = `${POSTS.join('\n')}\n`
    const { code, out, err } = await run(['classify'], [text.slice(0, 37), text.slice(37, 200), text.slice(200)])
    expect(err).toBe('')
    expect(code).toBe(1)
    const results = out.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(results).toHaveLength(6)

    const [a1, a2, bad3, a4, bad5, a7] = results
    expect(a1).toMatchObject({ id: 'a1', language: 'eng', sentiment: -1, intent: 'help_explicit', needs_response: true })
    expect(a1?.priority).toBeGreaterThan(60)
    expect(typeof a1?.confidence).toBe('number')
    expect(typeof a1?.sentiment_score).toBe('number')
    expect(a1?.factors).toEqual(expect.arrayContaining([expect.objectContaining({ factor: 'reach', reason: 'author has 250k followers' })]))

    expect(a2).toMatchObject({ id: 'a2', language: 'deu', sentiment: -1, intent: 'help_implicit', needs_response: true })
    expect(bad3).toMatchObject({ line: 3 })
    expect(String(bad3?.error)).toMatch(/JSON/)
    expect(a4).toMatchObject({ id: 'a4', language: 'deu', sentiment: 1, intent: 'praise', needs_response: false })
    expect(bad5).toMatchObject({ line: 5 })
    expect(String(bad5?.error)).toMatch(/id/)
    // Line 6 is empty and skipped; numbers are still counted from the input.
    expect(a7).toMatchObject({ id: '7', language: 'fra', sentiment: 0, sentiment_score: null })
    for (const result of [a1, a2, a4, a7]) {
      expect(Object.keys(result ?? {}).sort()).toEqual(['confidence', 'factors', 'id', 'intent', 'language', 'needs_response', 'priority', 'sentiment', 'sentiment_score'])
    }
  })

  it('exits 0 when every line is a post, and uses the brand from --brand', async () => {
    const line = JSON.stringify({ id: 'x', text: '@acmecorp how do I reset my router?' })
    const withBrand = await run(['classify', '--brand', 'Acme Corp,@acmecorp'], [line])
    expect(withBrand.code).toBe(0)
    const result = JSON.parse(withBrand.out[0] ?? '{}') as { intent: string; factors: { factor: string; contribution: number }[] }
    expect(result.intent).toBe('help_explicit')
    expect(result.factors.find((f) => f.factor === 'addressed')?.contribution).toBeGreaterThan(0)

    const defaultBrand = await run(['classify'], [line])
    const other = JSON.parse(defaultBrand.out[0] ?? '{}') as { factors: { factor: string; contribution: number }[] }
    expect(other.factors.find((f) => f.factor === 'addressed')?.contribution).toBe(0)
  })

  it('lists classify in the usage and rejects an empty --brand', async () => {
    expect(USAGE).toMatch(/classify/)
    expect(USAGE).toMatch(/--brand/)
    const { code, err } = await run(['classify', '--brand', ' , '], [])
    expect(code).toBe(2)
    expect(err).toMatch(/--brand/)
  })
})
