import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { describe, it } from 'vitest'
import { createTriage, DEMO_BRAND, type PostInput } from '../../src/main/core/triage'
import { report } from './metrics'

const TOTAL = Number(process.env.EARSHOT_BENCH_TRIAGE_POSTS ?? 60_000)

/** The hand-labelled test posts, varied by id and followers so nothing is cached by text. */
function corpus(): PostInput[] {
  const rows = readFileSync(join(import.meta.dirname, '../fixtures/triage/test-set.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; text: string })
  return Array.from({ length: TOTAL }, (_, i) => {
    const row = rows[i % rows.length] ?? { id: 'x', text: '' }
    return { id: `${row.id}-${i}`, text: i % 3 === 0 ? `${row.text} #${i}` : row.text, followers: (i * 7919) % 2_000_000 }
  })
}

describe('triage', () => {
  it(`classifies ${TOTAL.toLocaleString('en')} posts on one thread`, () => {
    const buildStarted = performance.now()
    const triage = createTriage()
    const buildMs = performance.now() - buildStarted
    const posts = corpus()
    const context = { brand: DEMO_BRAND }
    for (let i = 0; i < 2_000; i++) triage.classify(posts[i % posts.length] ?? { id: 'w', text: 'warm up' }, context)
    const started = performance.now()
    let needs = 0
    for (const post of posts) if (triage.classify(post, context).needs_response) needs += 1
    const ms = performance.now() - started
    report('triage.classify', posts.length / (ms / 1000), 'posts/s', { op: '>=', value: 3_000 }, { posts: posts.length, threads: 1, modelBuildMs: Math.round(buildMs), needsResponse: needs })
  })
})
