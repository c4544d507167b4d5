import { afterEach, describe, expect, it } from 'vitest'
import type { Post } from '@shared/domain/post'
import type { TriageCounters } from '@shared/domain/triage'
import { openCore, type Core } from '../../src/main/core'
import { DEMO_TEAM_ACTOR, HANDLED_AFTER_MS } from '../../src/main/core/demo/handled'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const full = { access: 'full', transport: 'web' } as const
/** Wednesday 25 November 2026, 15:00 UTC: a working afternoon. */
const T0 = Date.parse('2026-11-25T15:00:00Z')
const DAY = 86_400_000

const cores: Core[] = []
afterEach(() => {
  for (const core of cores.splice(0)) core.close()
})

/** A fresh demo workspace at T0, once its week of history is stored. */
async function demoWorkspace(): Promise<Core> {
  const core = openCore({ dataDir: tempDir(), demo: true, sync: false, version: '0.0.0-test', now: () => T0, demoSeed: 7, triageWorkers: 0 })
  cores.push(core)
  await core.ingest.idle()
  await new Promise((resolve) => setImmediate(resolve))
  return core
}

function weekOf(core: Core): Post[] {
  return [...core.store.posts.scanCreatedSince(T0 - 8 * DAY)]
}

describe('the demo team’s week', () => {
  it('has answered most of the seeded history, a few late and some closed without reply, and leaves the last two hours open', async () => {
    const core = await demoWorkspace()
    const week = weekOf(core)
    expect(week.length).toBeGreaterThan(4000)
    const owed = week.filter((post) => post.triage?.dueAt != null)
    const older = owed.filter((post) => post.createdAt < T0 - HANDLED_AFTER_MS)
    const recent = owed.filter((post) => post.createdAt >= T0 - HANDLED_AFTER_MS)
    expect(older.length).toBeGreaterThan(1000)
    expect(recent.length).toBeGreaterThan(5)

    const replied = older.filter((post) => post.triage?.status === 'replied')
    const done = older.filter((post) => post.triage?.status === 'done')
    const late = replied.filter((post) => (post.triage?.firstResponseAt ?? 0) > (post.triage?.dueAt ?? 0))
    expect(replied.length / older.length).toBeGreaterThan(0.8)
    expect(late.length / replied.length).toBeGreaterThan(0.05)
    expect(late.length / replied.length).toBeLessThan(0.2)
    expect(done.length / older.length).toBeGreaterThan(0.03)
    expect(done.length / older.length).toBeLessThan(0.12)
    for (const post of replied) {
      expect(post.triage?.firstResponseAt).toBeGreaterThan(post.createdAt)
      expect(post.triage?.firstResponseAt).toBeLessThanOrEqual(T0)
    }
    expect(done.every((post) => post.triage?.firstResponseAt === null)).toBe(true)
    // The last two hours are the user's to answer.
    expect(recent.every((post) => post.triage?.status === 'new')).toBe(true)
    expect(core.store.workflow.history(replied[0]?.id ?? '').at(-1)).toMatchObject({ actor: DEMO_TEAM_ACTOR, what: 'status new → replied', at: replied[0]?.triage?.firstResponseAt })

    // What the counters and "Needs a reply" show: a team on top of its week, not thousands waiting.
    const counters = (await core.registry.dispatch('triage', 'counters', undefined, full)) as TriageCounters
    const stillOpen = older.filter((post) => post.triage?.status === 'new').length
    expect(counters.waitingForReply).toBe(recent.length + stillOpen)
    expect(counters.waitingForReply).toBeLessThan(150)
    expect(counters.teams.reduce((sum, team) => sum + team.breached, 0)).toBeLessThan(100)
    const queue = core.store.posts.page({ type: 'needs-reply', filter: {} }, null, 200).posts
    expect(queue.length).toBeLessThan(150)
    expect(queue.every((post) => post.triage?.status === 'new' || post.triage?.status === 'assigned')).toBe(true)
  }, 120_000)

  it('is the same week for the same seed', async () => {
    const digest = (core: Core): string =>
      weekOf(core)
        .filter((post) => post.triage?.dueAt != null)
        .map((post) => `${post.id} ${post.triage?.status} ${post.triage?.firstResponseAt}`)
        .sort()
        .join('\n')
    const first = digest(await demoWorkspace())
    expect(first).toMatch(/replied/)
    expect(digest(await demoWorkspace())).toBe(first)
  }, 120_000)
})
