import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_BRAND, type PostInput } from '../../src/main/core/triage'
import { TriagePool } from '../../src/main/core/triage/pool'
import { buildTriageWorker, TEST_BUILD_DIR } from '../support/triage-worker'

const root = resolve(import.meta.dirname, '../..')
let workerFile = ''

/** The hand-labelled test posts, many times over. */
function corpus(total: number): PostInput[] {
  const rows = readFileSync(join(root, 'tests/fixtures/triage/test-set.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; text: string })
  return Array.from({ length: total }, (_, i) => {
    const row = rows[i % rows.length] ?? { id: 'x', text: '' }
    return { id: `${row.id}-${i}`, text: row.text, followers: (i * 7919) % 2_000_000 }
  })
}

beforeAll(async () => {
  workerFile = await buildTriageWorker()
}, 120_000)

describe('triage pool with worker threads', () => {
  it('classifies in a worker exactly as on the calling thread', async () => {
    const posts = corpus(600)
    const threads = new TriagePool({ workers: 1, workerPath: workerFile })
    const here = new TriagePool({ workers: 0 })
    expect(threads.mode).toBe('threads')
    const [fromWorker, fromHere] = await Promise.all([threads.classify(posts, DEMO_BRAND), here.classify(posts, DEMO_BRAND)])
    expect(threads.mode).toBe('threads')
    expect(fromWorker).toEqual(fromHere)
    await Promise.all([threads.close(), here.close()])
  })

  it('keeps the main thread free while a big batch is classified', async () => {
    const posts = corpus(6000)
    // One message for the whole batch: on the calling thread that would block for over a second.
    const pool = new TriagePool({ workers: 1, workerPath: workerFile, chunk: posts.length })
    let worstGap = 0
    let last = performance.now()
    const timer = setInterval(() => {
      const at = performance.now()
      worstGap = Math.max(worstGap, at - last)
      last = at
    }, 5)
    const stored = await pool.classify(posts, DEMO_BRAND)
    clearInterval(timer)
    expect(stored).toHaveLength(posts.length)
    expect(worstGap).toBeLessThan(250)
    await pool.close()
  })

  it('sends corrections to the workers before the next batch', async () => {
    const pool = new TriagePool({ workers: 2, workerPath: workerFile })
    const text = 'The Lumora colours are dull and washed out'
    const before = (await pool.classify([{ id: 'x', text }], DEMO_BRAND))[0]?.intent
    expect(before).not.toBe('idea')
    pool.learn([
      { text: 'The new Lumora colours are a bit dull honestly', intent: 'idea', weight: 2 },
      { text: 'Lumora colours look washed out, meh', intent: 'idea', weight: 2 }
    ])
    // Both workers learned it: a batch split across them agrees everywhere.
    const many = Array.from({ length: 600 }, (_, i) => ({ id: `x${i}`, text }))
    expect(new Set((await pool.classify(many, DEMO_BRAND)).map((t) => t.intent))).toEqual(new Set(['idea']))
    await pool.close()
  })

  it('answers a batch whose worker died, and carries on with a fresh worker that knows the corrections', async () => {
    // A worker that starts, then dies on its first batch.
    const dying = join(TEST_BUILD_DIR, 'triage-worker-dying.mjs')
    writeFileSync(
      dying,
      `import { parentPort } from 'node:worker_threads'
       parentPort.postMessage({ type: 'ready' })
       parentPort.on('message', (m) => { if (m.type === 'classify') process.exit(3) })`
    )
    const logged: string[] = []
    const pool = new TriagePool({ workers: 1, workerPath: dying, log: (m) => logged.push(m) })
    const posts = corpus(20)
    const stored = await pool.classify(posts, DEMO_BRAND)
    expect(stored).toHaveLength(20)
    expect(stored.every((t) => typeof t.intent === 'string')).toBe(true)
    expect(logged).toEqual([expect.stringMatching(/A triage worker stopped \(exit code 3\)/)])
    expect(pool.mode).toBe('threads')
    await pool.close()
  })

  it('falls back to the calling thread when the worker cannot start', async () => {
    const logged: string[] = []
    const pool = new TriagePool({ workers: 1, workerPath: join(TEST_BUILD_DIR, 'no-such-worker.mjs'), log: (m) => logged.push(m) })
    const stored = await pool.classify(corpus(5), DEMO_BRAND)
    expect(stored).toHaveLength(5)
    await expect.poll(() => pool.mode).toBe('in-process')
    expect(logged).toEqual([expect.stringMatching(/^Triage workers could not start \(.*no-such-worker/)])
    await pool.close()
  })
})
