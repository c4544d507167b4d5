import { rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { Post } from '@shared/domain/post'
import type { TriageCounters } from '@shared/domain/triage'
import { openCore, type Core } from '../../src/main/core'
import { CACHE_DB_FILE } from '../../src/main/core/storage/db'
import { makePost } from '../support/posts'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const full = { access: 'full', transport: 'web' } as const
const MIN = 60_000
/** Wednesday 25 November 2026, 12:00 UTC. */
const T0 = Date.parse('2026-11-25T12:00:00Z')

const cores: Core[] = []
afterEach(() => {
  for (const core of cores.splice(0)) core.close()
})

function open(dataDir: string): Core {
  const core = openCore({ dataDir, demo: false, sync: false, version: '0.0.0-test', now: () => T0, triageWorkers: 0 })
  cores.push(core)
  return core
}

function close(core: Core): void {
  cores.splice(cores.indexOf(core), 1)
  core.close()
}

/** Praise, as the model reads it: nothing to answer. */
const praise = makePost(1, { text: 'I love my new Lumora Book 14, the screen is gorgeous and the battery lasts all day 😍', createdAt: T0 - 10 * MIN })

/** What the cache columns say, read straight from cache.db (what the queue and the counters use). */
function cacheColumns(dataDir: string, id: string): { intent: string; needs_response: number; base_priority: number } {
  const db = new Database(join(dataDir, CACHE_DB_FILE), { readonly: true })
  try {
    return db.prepare('SELECT intent, needs_response, base_priority FROM posts WHERE uid = ?').get(id) as { intent: string; needs_response: number; base_priority: number }
  } finally {
    db.close()
  }
}

function needsReply(core: Core): string[] {
  return core.store.posts.page({ type: 'needs-reply', filter: {} }, null, 50).posts.map((post) => post.id)
}

describe('a corrected intent in the cache columns', () => {
  it('puts praise corrected to a complaint in "Needs a reply" and the counters, through re-classification and a rebuilt cache', async () => {
    const dataDir = tempDir()
    let core = open(dataDir)
    await core.ingest.add([praise])
    expect(core.store.posts.get(praise.id)?.triage).toMatchObject({ intent: 'praise', needsResponse: false })
    expect(cacheColumns(dataDir, praise.id)).toMatchObject({ intent: 'praise', needs_response: 0 })
    expect(needsReply(core)).toEqual([])
    const praisePriority = cacheColumns(dataDir, praise.id).base_priority

    const corrected = (await core.registry.dispatch('triage', 'correct', { id: praise.id, intent: 'complaint' }, full)) as Post
    expect(corrected.triage).toMatchObject({ intent: 'complaint', intentCorrected: true, needsResponse: true, teamId: 'team-support' })
    const columns = cacheColumns(dataDir, praise.id)
    expect(columns).toMatchObject({ intent: 'complaint', needs_response: 1 })
    // The corrected intent counts in full (complaint 40 instead of praise 8 at the model's confidence).
    expect(columns.base_priority).toBeGreaterThan(praisePriority + 25)
    expect(corrected.triage?.factors.find((f) => f.factor === 'intent')?.reason).toBe('complaint (corrected by a person)')
    expect(needsReply(core)).toEqual([praise.id])
    const counters = (await core.registry.dispatch('triage', 'counters', undefined, full)) as TriageCounters
    expect(counters.waitingForReply).toBe(1)
    expect(counters.teams.find((team) => team.teamId === 'team-support')?.waiting).toBe(1)

    // The model classifies it again (it still reads praise): the person's intent stays.
    await core.triage.learner.reclassify([praise.id])
    expect(cacheColumns(dataDir, praise.id)).toMatchObject({ intent: 'complaint', needs_response: 1 })
    expect(needsReply(core)).toEqual([praise.id])

    // The cache is lost and the post comes back from its network: the correction is durable (earshot.db).
    close(core)
    rmSync(join(dataDir, CACHE_DB_FILE))
    core = open(dataDir)
    expect(core.store.posts.get(praise.id)).toBeNull()
    await core.ingest.add([praise])
    expect(cacheColumns(dataDir, praise.id)).toMatchObject({ intent: 'complaint', needs_response: 1, base_priority: columns.base_priority })
    expect(needsReply(core)).toEqual([praise.id])
    expect(core.store.posts.get(praise.id)?.triage).toMatchObject({ intent: 'complaint', intentCorrected: true, teamId: 'team-support' })
  })

  it('takes a post out of "Needs a reply" when a complaint is corrected to praise', async () => {
    const dataDir = tempDir()
    const core = open(dataDir)
    const complaint = makePost(2, { text: '@lumora my Book 14 died after the update and nobody answers. Worst purchase ever!', createdAt: T0 - 5 * MIN })
    await core.ingest.add([complaint])
    expect(needsReply(core)).toEqual([complaint.id])
    await core.registry.dispatch('triage', 'correct', { id: complaint.id, intent: 'praise' }, full)
    expect(cacheColumns(dataDir, complaint.id)).toMatchObject({ intent: 'praise', needs_response: 0 })
    expect(needsReply(core)).toEqual([])
  })
})
