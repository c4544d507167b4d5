import { afterEach, describe, expect, it } from 'vitest'
import type { ColumnQuery } from '@shared/domain/column'
import type { PostPage } from '@shared/contract/domains'
import type { Post } from '@shared/domain/post'
import type { TriageCounters } from '@shared/domain/triage'
import { openCore, type Core } from '../../src/main/core'
import { NEEDS_REPLY_WINDOW_MS } from '../../src/main/core/storage/repositories/posts'
import { makePost } from '../support/posts'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const full = { access: 'full', transport: 'web' } as const
const T0 = Date.parse('2026-11-25T15:00:00Z')
const MIN = 60_000
const DAY = 24 * 60 * MIN

const cores: Core[] = []
afterEach(() => {
  for (const core of cores.splice(0)) core.close()
})

const COMPLAINT = '@lumora my Halo has been broken for a week and support never answers. Worst purchase ever!'

/** Every post of a column, page after page, as the UI (and the wall) reads it through the registry. */
async function wholeColumn(core: Core, query: ColumnQuery): Promise<Post[]> {
  const posts: Post[] = []
  let cursor: string | null = null
  do {
    const page = (await core.registry.dispatch('posts', 'query', { query, cursor, limit: 3 }, full)) as PostPage
    posts.push(...page.posts)
    cursor = page.nextCursor
  } while (cursor)
  return posts
}

describe('the wall screen’s counters and its "Needs a reply" column', () => {
  it('tell the same story: the same posts waiting, the same oldest one, the same breaches per team', async () => {
    const core = openCore({ dataDir: tempDir(), demo: false, sync: false, version: '0.0.0-test', now: () => T0, triageWorkers: 0 })
    cores.push(core)
    const complaint = (n: number, ageMs: number): ReturnType<typeof makePost> => makePost(n, { text: COMPLAINT, createdAt: T0 - ageMs })
    // Classified and routed as they arrive (Support, 30 min to answer a complaint).
    await core.ingest.add([
      complaint(1, 5 * MIN), // waiting, in time
      complaint(2, 2 * 60 * MIN), // waiting, breached
      complaint(3, 3 * DAY), // waiting for days, breached
      complaint(4, NEEDS_REPLY_WINDOW_MS + DAY), // still open, but older than the queue reaches
      complaint(5, 20 * MIN), // answered below
      complaint(6, 25 * MIN), // snoozed below
      complaint(7, 40 * MIN), // corrected to praise below
      makePost(8, { text: 'Watching the football tonight with friends.', createdAt: T0 - 10 * MIN })
    ])
    // Classified but never routed (routing failed): no team, no clock, and still owed an answer.
    const unrouted = complaint(9, 15 * MIN)
    const [triage] = await core.triage.pipeline.classify([unrouted])
    core.store.posts.insertMany([{ ...unrouted, triage }])
    await core.registry.dispatch('triage', 'update', { ids: ['mastodon:5'], change: { status: 'replied' } }, full)
    await core.registry.dispatch('triage', 'update', { ids: ['mastodon:6'], change: { status: 'snoozed', snoozedUntil: T0 + 60 * MIN } }, full)
    await core.registry.dispatch('triage', 'correct', { id: 'mastodon:7', intent: 'praise' }, full)

    const column = await wholeColumn(core, { type: 'needs-reply', filter: {} })
    expect(column.map((post) => post.id).sort()).toEqual(['mastodon:1', 'mastodon:2', 'mastodon:3', 'mastodon:9'])
    const counters = (await core.registry.dispatch('triage', 'counters', undefined, full)) as TriageCounters
    expect(counters.waitingForReply).toBe(column.length)
    expect(counters.oldestUnansweredAt).toBe(Math.min(...column.map((post) => post.createdAt)))
    expect(counters.oldestUnansweredAt).toBe(T0 - 3 * DAY)

    // Per team: what the column holds in that team, and the part of it past its deadline.
    const team = (id: string | null): { waiting: number; breached: number } => {
      const own = column.filter((post) => (post.triage?.teamId ?? null) === id)
      return { waiting: own.length, breached: own.filter((post) => post.triage?.dueAt != null && post.triage.dueAt <= T0).length }
    }
    expect(counters.teams.find((load) => load.name === 'Support')).toMatchObject({ teamId: 'team-support', ...team('team-support') })
    expect(team('team-support')).toEqual({ waiting: 3, breached: 2 })
    expect(counters.teams.find((load) => load.teamId === null)).toMatchObject({ name: 'No team', ...team(null) })
    expect(counters.teams.reduce((sum, load) => sum + load.waiting, 0)).toBe(counters.waitingForReply)
    // The column's count of everything it holds agrees too.
    expect(await core.registry.dispatch('posts', 'count', { query: { type: 'needs-reply', filter: {} }, afterSeq: 0 }, full)).toBe(column.length)
  })
})
