import { performance } from 'node:perf_hooks'
import { describe, it } from 'vitest'
import type { ColumnQuery } from '@shared/domain/column'
import type { IncomingPost } from '@shared/domain/post'
import { DemoGenerator } from '../../src/main/core/demo/generator'
import { openRepositories } from '../../src/main/core/storage'
import { useTempDirs } from '../support/temp'
import { percentile, report } from './metrics'

const tempDir = useTempDirs()
const TOTAL = Number(process.env.EARSHOT_BENCH_POSTS ?? 1_000_000)
const BATCH = 1000
const START = Date.UTC(2026, 0, 1)

/** Demo posts spread over networks and sources so every column shape has work to do. */
function batch(generator: DemoGenerator, from: number): IncomingPost[] {
  const networks = ['mastodon', 'bluesky', 'rss', 'demo'] as const
  return Array.from({ length: BATCH }, (_, i) => {
    const n = from + i
    const network = networks[n % networks.length] ?? 'demo'
    const post = generator.post(n, START + n * 600)
    return { ...post, id: `${network}:${n}`, network, sourceId: `${network}-source-${n % 3}`, author: { ...post.author, network } }
  })
}

describe('store', () => {
  it(`ingests ${TOTAL.toLocaleString('en')} posts, then answers column queries and search`, () => {
    const store = openRepositories(tempDir(), Date.now)
    const generator = new DemoGenerator({ seed: 7 })
    let ingestMs = 0
    for (let from = 0; from < TOTAL; from += BATCH) {
      const posts = batch(generator, from)
      const started = performance.now()
      store.posts.insertMany(posts)
      ingestMs += performance.now() - started
    }
    report('store.ingest', TOTAL / (ingestMs / 1000), 'posts/s', { op: '>=', value: 30_000 }, { batch: BATCH, posts: TOTAL, withFts: true })

    const shapes: ColumnQuery[] = [
      { type: 'all' },
      { type: 'network', network: 'bluesky' },
      { type: 'source', sourceId: 'mastodon-source-1' }
    ]
    const columnSamples: number[] = []
    for (let round = 0; round < 200; round++) {
      for (const query of shapes) {
        let started = performance.now()
        const first = store.posts.page(query, null, 50)
        columnSamples.push(performance.now() - started)
        started = performance.now()
        store.posts.page(query, first.nextCursor, 50)
        columnSamples.push(performance.now() - started)
        started = performance.now()
        store.posts.since(query, first.latestSeq - 200, 200)
        columnSamples.push(performance.now() - started)
      }
    }
    report('column.query.p95', percentile(columnSamples, 95), 'ms', { op: '<=', value: 5 }, {
      p50: Math.round(percentile(columnSamples, 50) * 1000) / 1000,
      samples: columnSamples.length,
      posts: TOTAL,
      limit: 50
    })

    const terms = ['lumora', 'akku', '"Book 14"', 'Voltic OR Nexaro', 'help*', 'müller', 'update -crash']
    const searchSamples: number[] = []
    for (let round = 0; round < 100; round++) {
      for (const text of terms) {
        const started = performance.now()
        store.posts.page({ type: 'search', text }, null, 50)
        searchSamples.push(performance.now() - started)
      }
    }
    report('search.newest50.p95', percentile(searchSamples, 95), 'ms', { op: '<=', value: 10 }, {
      p50: Math.round(percentile(searchSamples, 50) * 1000) / 1000,
      samples: searchSamples.length,
      posts: TOTAL
    })
    store.close()
  })
})
