import { afterEach, describe, expect, it } from 'vitest'
import type { IncomingPost } from '@shared/domain/post'
import type { StoredTriage } from '@shared/triage/types'
import { openCore, type Core } from '../../src/main/core'
import { CoreEvents } from '../../src/main/core/events'
import { openRepositories } from '../../src/main/core/storage'
import { Ingest, type StoredPost } from '../../src/main/core/sync/ingest'
import { TriageBackfill, TriagePipeline } from '../../src/main/core/triage/pipeline'
import { TriagePool } from '../../src/main/core/triage/pool'
import { makePost } from '../support/posts'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const cores: Core[] = []

afterEach(() => {
  for (const core of cores.splice(0)) core.close()
})

function core(dataDir = tempDir()): Core {
  const opened = openCore({ dataDir, demo: false, sync: false, version: '0.0.0-test' })
  cores.push(opened)
  return opened
}

const complaint = (n: number, overrides: Partial<IncomingPost> = {}): IncomingPost =>
  makePost(n, { text: '@lumora my Halo has been broken for a week and support never answers. Worst purchase ever!', ...overrides })

/** A classifier that answers after `delays[i]` ms for the i-th batch (out of order on purpose). */
function slowPipeline(delays: number[]): (posts: IncomingPost[]) => Promise<StoredTriage[]> {
  const pool = new TriagePool({ workers: 0 })
  const pipeline = new TriagePipeline(pool, () => ({ brand: { names: ['Lumora'], handles: ['@lumora'] }, watchlist: new Set() }))
  let call = 0
  return async (posts) => {
    const delay = delays[call++] ?? 0
    await new Promise((resolve) => setTimeout(resolve, delay))
    return pipeline.classify(posts)
  }
}

describe('triage on ingest', () => {
  it('stores every new post with its triage and fills in the language the network did not give', async () => {
    const { ingest, store } = core()
    await ingest.add([
      complaint(1),
      makePost(2, { language: null, text: 'Mein Lumora Stick blinkt seit dem Update rot, was kann ich tun?' }),
      makePost(3, { language: null, text: 'Lumora' })
    ])
    const stored = store.posts.get('mastodon:1')
    expect(stored?.triage).toMatchObject({ intent: 'complaint', needsResponse: true, sentiment: 'negative' })
    expect(stored?.triage?.factors.map((f) => f.factor)).toEqual(expect.arrayContaining(['intent', 'negative_sentiment', 'reach', 'watchlist', 'addressed']))
    expect(stored?.language).toBe('en')
    expect(store.posts.get('mastodon:2')?.language).toBe('de')
    expect(store.posts.get('mastodon:2')?.triage?.needsResponse).toBe(true)
    expect(store.posts.get('mastodon:3')?.language).toBeNull()
    expect(store.posts.get('mastodon:3')?.triage?.intent).toBeDefined()
  })

  it('classifies with the brand from the settings and the watchlist from the state store', async () => {
    const { ingest, store } = core()
    const text = '@acme where is my order? It was due on Monday.'
    await ingest.add([makePost(1, { text })])
    expect(store.posts.get('mastodon:1')?.triage?.factors.find((f) => f.factor === 'addressed')?.contribution).toBe(0)
    store.settings.update({ brand: { names: ['Acme'], handles: ['@acme'] } })
    store.workflow.setWatched('mastodon:user2', true, 1)
    await ingest.add([makePost(2, { text })])
    const factors = store.posts.get('mastodon:2')?.triage?.factors ?? []
    expect(factors.find((f) => f.factor === 'addressed')?.contribution).toBe(8)
    expect(factors.find((f) => f.factor === 'watchlist')?.contribution).toBe(12)
  })

  it('hands only the posts new to the store, with their triage, to routing', async () => {
    const { store } = core()
    const routed: StoredPost[][] = []
    const ingest = new Ingest(store.posts, new CoreEvents(), { classify: slowPipeline([]), onStored: (posts) => routed.push(posts), now: () => 5 })
    await ingest.add([complaint(1), makePost(2)])
    await ingest.add([complaint(1), makePost(2, { text: 'edited' }), makePost(3)])
    expect(routed.map((batch) => batch.map((s) => s.post.id))).toEqual([['mastodon:1', 'mastodon:2'], ['mastodon:3']])
    expect(routed[0]?.[0]?.triage.intent).toBe('complaint')
  })

  it('stores batches and deletions in the order they came, while classifying the next batch meanwhile', async () => {
    const { store } = core()
    const events = new CoreEvents()
    const seen: string[] = []
    events.on((event, payload) => seen.push(`${event}:${JSON.stringify(payload)}`))
    // The first batch takes longest to classify; it must still be stored first.
    const ingest = new Ingest(store.posts, events, { classify: slowPipeline([60, 0, 0]) })
    const first = ingest.add([makePost(1), makePost(2)])
    const removal = ingest.remove(['mastodon:1'])
    const second = ingest.add([makePost(3)])
    await ingest.idle()
    await expect(Promise.all([first, removal, second])).resolves.toEqual([expect.objectContaining({ inserted: 2 }), undefined, expect.objectContaining({ inserted: 1 })])
    expect(store.posts.get('mastodon:1')).toBeNull()
    expect(store.posts.get('mastodon:3')?.triage).not.toBeNull()
    expect(seen).toEqual([
      'posts:added:{"count":2,"latestSeq":2}',
      'posts:changed:{"ids":["mastodon:1"]}',
      'posts:added:{"count":1,"latestSeq":3}'
    ])
  })

  it('stores nothing for a source that went away while its batch was being classified', async () => {
    const { store } = core()
    const ingest = new Ingest(store.posts, new CoreEvents(), { classify: slowPipeline([]) })
    const result = await ingest.add([makePost(1)], { stillWanted: () => false })
    expect(result.inserted).toBe(0)
    expect(store.posts.count()).toBe(0)
  })

  it('stores a batch it could not classify, and the backfill classifies it later', async () => {
    const { store } = core()
    const events = new CoreEvents()
    const changed: string[][] = []
    events.on((event, payload) => {
      if (event === 'posts:changed') changed.push((payload as { ids: string[] }).ids)
    })
    const logged: string[] = []
    let asked = 0
    const ingest = new Ingest(store.posts, events, {
      classify: () => Promise.reject(new Error('worker gone')),
      onUnclassified: () => (asked += 1),
      log: (m) => logged.push(m)
    })
    await ingest.add([complaint(1), makePost(2)])
    expect(store.posts.count()).toBe(2)
    expect(store.posts.get('mastodon:1')?.triage).toBeNull()
    expect(asked).toBe(1)
    expect(logged.join()).toMatch(/2 posts were stored without triage \(worker gone\)/)

    const pipeline = new TriagePipeline(new TriagePool({ workers: 0 }), () => ({ brand: { names: ['Lumora'], handles: ['@lumora'] }, watchlist: new Set() }))
    const backfill = new TriageBackfill({ posts: store.posts, pipeline, events })
    expect(await backfill.run()).toBe(2)
    expect(store.posts.get('mastodon:1')?.triage?.intent).toBe('complaint')
    expect(changed).toEqual([expect.arrayContaining(['mastodon:1', 'mastodon:2'])])
    expect(await backfill.run()).toBe(0)
  })

  it('routes the posts it catches up on: team and SLA clock, while a post people already dealt with keeps its row', async () => {
    const dataDir = tempDir()
    const now = 1_700_000_100_000
    const old = openRepositories(dataDir, () => now)
    old.posts.insertMany([complaint(1, { createdAt: now - 60_000 }), complaint(2, { createdAt: now - 60_000 }), makePost(3, { text: 'Watching the football tonight with friends.' })])
    old.workflow.saveWorkflow({
      postId: 'mastodon:2', postCreatedAt: now - 60_000, status: 'done', teamId: null, assignee: null, tags: ['handled'], snoozedUntil: null,
      intentOverride: null, priorityBoost: 0, dueAt: null, firstResponseAt: null, breachedAt: null, warnedAt: null, noteCount: 0, updatedAt: now
    })
    old.close()
    const opened = openCore({ dataDir, demo: false, sync: false, version: '0.0.0-test', now: () => now, triageWorkers: 0 })
    cores.push(opened)
    await opened.triage.backfill.run()
    expect(opened.store.posts.get('mastodon:1')?.triage).toMatchObject({ intent: 'complaint', status: 'new', teamId: 'team-support', dueAt: now - 60_000 + 30 * 60_000 })
    expect(opened.store.workflow.history('mastodon:1').map((entry) => entry.what)).toEqual(['rule “Complaints and help requests” → Support'])
    expect(opened.store.posts.get('mastodon:2')?.triage).toMatchObject({ status: 'done', teamId: null, tags: ['handled'], dueAt: null })
    expect(opened.store.workflow.history('mastodon:2')).toEqual([])
    expect(opened.store.posts.get('mastodon:3')?.triage).toMatchObject({ needsResponse: false, dueAt: null })
    const counters = (await opened.registry.dispatch('triage', 'counters', undefined, { access: 'full', transport: 'web' })) as { waitingForReply: number }
    expect(counters.waitingForReply).toBe(1)
  })

  it('classifies posts of an older store at start, in chunks, and asks the columns to reload after a big catch-up', async () => {
    const dataDir = tempDir()
    const old = openRepositories(dataDir, () => 1)
    old.posts.insertMany(Array.from({ length: 1200 }, (_, i) => makePost(i, { text: i % 2 ? 'Lumora Halo is lovely' : '@lumora my lamp broke, help?' })))
    old.close()
    const opened = core(dataDir)
    const changed: string[][] = []
    opened.events.on((event, payload) => {
      if (event === 'posts:changed') changed.push((payload as { ids: string[] }).ids)
    })
    await opened.triage.backfill.run()
    expect(opened.store.posts.unclassified(10)).toEqual([])
    expect(opened.store.posts.get('mastodon:0')?.triage?.needsResponse).toBe(true)
    expect(changed.at(-1)).toEqual([])
  })
})
