import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { describe, it } from 'vitest'
import type { IncomingPost } from '@shared/domain/post'
import { CoreEvents } from '../../src/main/core/events'
import { openRepositories } from '../../src/main/core/storage'
import { Ingest } from '../../src/main/core/sync/ingest'
import { createTriage, DEMO_BRAND, type PostInput } from '../../src/main/core/triage'
import { TriagePipeline } from '../../src/main/core/triage/pipeline'
import { TriagePool } from '../../src/main/core/triage/pool'
import { TriageRouter } from '../../src/main/core/triage/routing'
import { makePost } from '../support/posts'
import { useTempDirs } from '../support/temp'
import { buildTriageWorker } from '../support/triage-worker'
import { report } from './metrics'

const TOTAL = Number(process.env.EARSHOT_BENCH_TRIAGE_POSTS ?? 60_000)
const INGEST_TOTAL = Number(process.env.EARSHOT_BENCH_TRIAGE_INGEST_POSTS ?? 30_000)
const INGEST_BATCH = 200
const tempDir = useTempDirs()

function texts(): string[] {
  return readFileSync(join(import.meta.dirname, '../fixtures/triage/test-set.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text)
}

/** The hand-labelled test posts, varied by id and followers so nothing is cached by text. */
function corpus(): PostInput[] {
  const rows = texts()
  return Array.from({ length: TOTAL }, (_, i) => {
    const text = rows[i % rows.length] ?? ''
    return { id: `post-${i}`, text: i % 3 === 0 ? `${text} #${i}` : text, followers: (i * 7919) % 2_000_000 }
  })
}

/** The same texts as stored posts from many authors, in connector-sized batches. */
function batches(): IncomingPost[][] {
  const rows = texts()
  const out: IncomingPost[][] = []
  for (let from = 0; from < INGEST_TOTAL; from += INGEST_BATCH) {
    out.push(
      Array.from({ length: Math.min(INGEST_BATCH, INGEST_TOTAL - from) }, (_, k) => {
        const i = from + k
        const text = rows[i % rows.length] ?? ''
        return makePost(i, { text: i % 3 === 0 ? `${text} #${i}` : text, language: null })
      })
    )
  }
  return out
}

/** Posts/s through Ingest (classify, store with FTS, route) into a real store. */
async function ingestRate(workers: number, workerPath: string | null): Promise<{ rate: number; mode: string }> {
  const store = openRepositories(tempDir(), Date.now)
  const pool = new TriagePool({ workers, workerPath })
  const pipeline = new TriagePipeline(pool, () => ({ brand: store.settings.get().brand, watchlist: store.workflow.routingSetup().watchlist }))
  const router = new TriageRouter(store.workflow)
  const ingest = new Ingest(store.posts, new CoreEvents(), { classify: (posts) => pipeline.classify(posts), onStored: (stored, at) => router.routeNew(stored, at) })
  // Warm up (model build in the worker, statement caches).
  await ingest.add([makePost(1_000_000, { text: 'warm up' })])
  const work = batches()
  const started = performance.now()
  // Connectors hand batches in as they come: the next is classified while the last is stored.
  await Promise.all(work.map((batch) => ingest.add(batch)))
  const ms = performance.now() - started
  const mode = pool.mode
  await pool.close()
  store.close()
  return { rate: INGEST_TOTAL / (ms / 1000), mode }
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

  it(`ingests ${INGEST_TOTAL.toLocaleString('en')} posts with triage into a real store`, async () => {
    const workerPath = await buildTriageWorker()
    const threaded = await ingestRate(1, workerPath)
    if (threaded.mode !== 'threads') throw new Error('the triage worker did not start')
    report('triage.ingest', threaded.rate, 'posts/s', { op: '>=', value: 2_000 }, { posts: INGEST_TOTAL, batch: INGEST_BATCH, workers: 1, withFts: true, routing: true })
    const here = await ingestRate(0, null)
    report('triage.ingest.main-thread', here.rate, 'posts/s', undefined, { posts: INGEST_TOTAL, batch: INGEST_BATCH, workers: 0, withFts: true, routing: true })
  })
})
