import { describe, expect, it } from 'vitest'
import type Database from 'better-sqlite3'
import type { ColumnQuery } from '@shared/domain/column'
import { openStore } from '../../src/main/core/storage/db'
import { PostRepository } from '../../src/main/core/storage/repositories/posts'
import { makePost } from '../support/posts'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()

/**
 * Every column query shape must be served by an index and stopped at LIMIT: a full scan of posts
 * is invisible with 500 posts and unbearable with a million. The plans are taken from the very
 * statements and parameters the repository runs (recorded through the connection).
 */
const SHAPES: Array<{ name: string; query: ColumnQuery }> = [
  { name: 'all', query: { type: 'all' } },
  { name: 'network', query: { type: 'network', network: 'mastodon' } },
  { name: 'source', query: { type: 'source', sourceId: 'test-source' } },
  { name: 'search', query: { type: 'search', text: 'lumora book' } }
]

function recordingConnection(db: Database.Database): Array<{ sql: string; params: unknown[] }> {
  const executed: Array<{ sql: string; params: unknown[] }> = []
  const prepare = db.prepare.bind(db)
  db.prepare = ((sql: string) => {
    const statement = prepare(sql)
    const all = statement.all.bind(statement)
    statement.all = ((...params: unknown[]) => {
      executed.push({ sql, params })
      return all(...params)
    }) as typeof statement.all
    return statement
  }) as typeof db.prepare
  return executed
}

describe('column query plans', () => {
  const { db, close } = openStore(tempDir())
  const executed = recordingConnection(db)
  const posts = new PostRepository(db)
  posts.insertMany(Array.from({ length: 500 }, (_, i) => makePost(i, { network: i % 2 ? 'mastodon' : 'bluesky' })))
  db.exec('ANALYZE')

  function plansOf(run: () => void): string[] {
    executed.length = 0
    run()
    expect(executed.length).toBeGreaterThan(0)
    return executed.map(({ sql, params }) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail).join(' | ')
    )
  }

  for (const { name, query } of SHAPES) {
    it(`${name}: newest page, older page and "since" use an index, never a full scan`, () => {
      const first = posts.page(query, null, 20)
      expect(first.posts).toHaveLength(20)
      expect(first.nextCursor).not.toBeNull()
      const plans = [
        ...plansOf(() => posts.page(query, null, 20)),
        ...plansOf(() => expect(posts.page(query, first.nextCursor, 20).posts[0]?.id).not.toBe(first.posts[0]?.id)),
        ...plansOf(() => posts.since(query, 400, 20))
      ]
      for (const plan of plans) {
        expect(plan, plan).not.toMatch(/SCAN (p|posts)\b(?! USING)/)
        expect(plan, plan).not.toMatch(/SCAN (a|authors)\b/)
        expect(plan, plan).not.toMatch(/TEMP B-TREE/)
        if (query.type === 'search') expect(plan).toMatch(/SCAN posts_fts VIRTUAL TABLE/)
      }
    })
  }

  it('closes', () => {
    close()
    expect(db.open).toBe(false)
  })
})
