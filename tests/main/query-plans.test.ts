import { describe, expect, it } from 'vitest'
import type Database from 'better-sqlite3'
import type { ColumnQuery } from '@shared/domain/column'
import { INTENTS } from '@shared/domain/intent'
import { NEEDS_RESPONSE, type StoredTriage } from '@shared/triage/types'
import { openStore } from '../../src/main/core/storage/db'
import { PostRepository } from '../../src/main/core/storage/repositories/posts'
import { makePost } from '../support/posts'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const NOW = 1_700_000_000_000 + 600_000

/**
 * Every column query shape must be served by an index and stopped at LIMIT: a full scan of posts
 * is invisible with 500 posts and unbearable with a million. The plans are taken from the very
 * statements and parameters the repository runs (recorded through the connection).
 */
const SHAPES: Array<{ name: string; query: ColumnQuery }> = [
  { name: 'all', query: { type: 'stream', filter: {} } },
  { name: 'one network', query: { type: 'stream', filter: { networks: ['mastodon'] } } },
  { name: 'several networks', query: { type: 'stream', filter: { networks: ['mastodon', 'bluesky'] } } },
  { name: 'one source', query: { type: 'stream', filter: { sourceIds: ['test-source'] } } },
  { name: 'language and intent', query: { type: 'stream', filter: { languages: ['en'], intents: ['complaint', 'help_explicit'] } } },
  { name: 'sentiment, followers, media, time window', query: { type: 'stream', filter: { sentiments: ['negative', 'neutral'], minFollowers: 100, hasMedia: true, withinHours: 2 } } },
  { name: 'watchlist', query: { type: 'stream', filter: { watchlistOnly: true } } },
  { name: 'search', query: { type: 'stream', filter: { text: 'lumora book' } } },
  { name: 'search with filters', query: { type: 'stream', filter: { text: 'lumora OR "book 14"', languages: ['en'], intents: ['complaint', 'help_explicit'], statuses: ['new', 'done'] } } },
  { name: 'topics', query: { type: 'stream', filter: { topics: ['Book 14', 'Voltic'], networks: ['mastodon', 'bluesky'] } } },
  { name: 'status done', query: { type: 'stream', filter: { statuses: ['done'] } } },
  { name: 'team and assignee', query: { type: 'stream', filter: { teamIds: ['support'], assignees: ['anna'] } } },
  { name: 'open work of a team', query: { type: 'stream', filter: { statuses: ['assigned', 'snoozed'], teamIds: ['support'] } } },
  { name: 'needs-reply', query: { type: 'needs-reply', filter: {} } },
  { name: 'needs-reply with text and filters', query: { type: 'needs-reply', filter: { text: 'lumora', languages: ['en'], minFollowers: 100 } } }
]

function recordingConnection(db: Database.Database): Array<{ sql: string; params: unknown[] }> {
  const executed: Array<{ sql: string; params: unknown[] }> = []
  const prepare = db.prepare.bind(db)
  db.prepare = ((sql: string) => {
    const statement = prepare(sql)
    for (const method of ['all', 'get', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...params: unknown[]) => unknown
      ;(statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        executed.push({ sql, params })
        return original(...params)
      }
    }
    return statement
  }) as typeof db.prepare
  return executed
}

function triageOf(n: number): StoredTriage {
  const intent = INTENTS[n % INTENTS.length] ?? 'other'
  return {
    language: 'en',
    intent,
    confidence: 0.8,
    sentiment: n % 2 ? 'negative' : 'neutral',
    sentimentScore: n % 2 ? -0.5 : 0,
    needsResponse: NEEDS_RESPONSE.has(intent),
    basePriority: n % 90,
    addressed: n % 3 === 0 ? 'handle' : null,
    followers: n * 10,
    watchlist: false
  }
}

describe('column query plans', () => {
  const { db, close } = openStore(tempDir())
  const executed = recordingConnection(db)
  const posts = new PostRepository(db, () => NOW)
  posts.insertMany(
    Array.from({ length: 500 }, (_, i) => ({
      ...makePost(i, {
        network: i % 2 ? 'mastodon' : 'bluesky',
        media: i % 2 ? [{ kind: 'image' as const, url: `https://files.example/${i}.png`, previewUrl: null, description: null, width: null, height: null }] : []
      }),
      triage: triageOf(i)
    }))
  )
  // A third of the posts were dealt with by the support team; the watchlist has two authors.
  const workflow = db.prepare(`INSERT INTO post_workflow (post_id, post_created_at, status, team_id, assignee, due_at, updated_at)
    VALUES (?, ?, ?, 'support', 'anna', ?, 0)`)
  for (let i = 0; i < 500; i += 3) {
    const post = makePost(i, { network: i % 2 ? 'mastodon' : 'bluesky' })
    workflow.run(post.id, post.createdAt, i % 2 ? 'done' : 'assigned', post.createdAt + 3600_000)
  }
  db.prepare("INSERT INTO watchlist (author_id, added_at) VALUES ('mastodon:user1', 0), ('bluesky:user2', 0)").run()
  db.exec('ANALYZE')

  function plansOf(run: () => void): string[] {
    executed.length = 0
    run()
    expect(executed.length).toBeGreaterThan(0)
    // The column statements; the newest sequence number (max of the rowid) is read by every call.
    return executed.filter(({ sql }) => !sql.includes('max(id)')).map(({ sql, params }) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail).join(' | ')
    )
  }

  for (const { name, query } of SHAPES) {
    it(`${name}: newest page, older page, "since" and the unread count use an index, never a full scan`, () => {
      const first = posts.page(query, null, 20)
      expect(first.posts).toHaveLength(20)
      expect(first.nextCursor).not.toBeNull()
      const pages = [
        ...plansOf(() => posts.page(query, null, 20)),
        ...plansOf(() => expect(posts.page(query, first.nextCursor, 20).posts[0]?.id).not.toBe(first.posts[0]?.id))
      ]
      const arrivals = [...plansOf(() => posts.since(query, 400, 20)), ...plansOf(() => posts.countSince(query, 400))]
      for (const plan of [...pages, ...arrivals]) {
        expect(plan, plan).not.toMatch(/SCAN (p|posts)\b(?! USING)/)
        expect(plan, plan).not.toMatch(/SCAN (a|authors)\b|BLOOM FILTER ON a\b/)
        expect(plan, plan).not.toMatch(/SCAN (w|post_workflow)\b(?! USING)/)
        if (query.filter.text || query.filter.topics) expect(plan).toMatch(/SCAN posts_fts VIRTUAL TABLE/)
      }
      // What arrived is read newest first and never sorted.
      for (const plan of arrivals) expect(plan, plan).not.toMatch(/TEMP B-TREE/)
      // Pages are read in order from an index, except two bounded sets that are sorted: the queue's open
      // posts (read through the partial index of posts needing a response) and the open work (assigned,
      // snoozed: read through the workflow's status index).
      for (const plan of pages) {
        if (query.type === 'needs-reply') expect(plan, plan).toMatch(/USING INDEX posts_needing_response/)
        else if (name === 'open work of a team') expect(plan, plan).toMatch(/USING INDEX workflow_by_status_due \(status=\?/)
        else expect(plan, plan).not.toMatch(/TEMP B-TREE/)
      }
    })
  }

  it('the thread, the backfill list and the scan for rule tests use an index', () => {
    const plans = [
      ...plansOf(() => posts.thread('mastodon:7')),
      ...plansOf(() => posts.unclassified(10)),
      ...plansOf(() => [...posts.scanCreatedSince(NOW - 60_000)])
    ]
    for (const plan of plans) expect(plan, plan).not.toMatch(/SCAN (p|posts)\b(?! USING)|TEMP B-TREE/)
    expect(plans.join('\n')).toMatch(/posts_by_reply_to/)
    expect(plans.join('\n')).toMatch(/posts_unclassified/)
  })

  it("the needs-reply queue's counters read the same index as its pages, never a full scan", () => {
    const plans = [
      ...plansOf(() => posts.needsReplyLoad({}, NOW)),
      ...plansOf(() => posts.needsReplyLoad({ text: 'lumora', languages: ['en'] }, NOW)),
      // An unread count over more arrivals than it can count walks the queue's index instead.
      ...plansOf(() => expect(posts.countSince({ type: 'needs-reply', filter: { languages: ['en'] } }, -20_000)).toBe(posts.needsReplyLoad({ languages: ['en'] }, NOW).total))
    ]
    for (const plan of plans) {
      expect(plan, plan).toMatch(/USING INDEX posts_needing_response/)
      expect(plan, plan).not.toMatch(/SCAN (p|posts)\b(?! USING)|SCAN (w|post_workflow)\b(?! USING)|SCAN (a|authors)\b/)
    }
  })

  it('closes', () => {
    close()
    expect(db.open).toBe(false)
  })
})
