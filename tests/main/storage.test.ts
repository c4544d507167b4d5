import { writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openStore, EARSHOT_APPLICATION_ID, STATE_DB_FILE, CACHE_DB_FILE } from '../../src/main/core/storage/db'
import { loadMigrations, migrate } from '../../src/main/core/storage/migrate'
import { openRepositories, type Store } from '../../src/main/core/storage'
import { CoreEvents } from '../../src/main/core/events'
import { deckHandlers, postHandlers } from '../../src/main/core/services/handlers'
import { DECK_LAYOUT_VERSION, type ColumnQuery, type Deck, type PostFilter } from '@shared/domain/column'
import type { Intent } from '@shared/domain/intent'
import { NEEDS_RESPONSE, type StoredTriage } from '@shared/triage/types'
import { StoreOpenError } from '../../src/main/core/storage/errors'
import { computePriority, storedPriorityInput } from '../../src/main/core/triage/priority'
import { createTriage, DEMO_BRAND } from '../../src/main/core/triage/classify'
import { toStoredTriage, triageInput, withIntentOverride } from '../../src/main/core/triage/stored'
import { DemoGenerator } from '../../src/main/core/demo/generator'
import { makePost } from '../support/posts'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()

describe('opening the store', () => {
  it('creates both databases in WAL mode with the right durability and schema', () => {
    const dir = tempDir()
    const { db, close } = openStore(dir)
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('cache.journal_mode', { simple: true })).toBe('wal')
      // FULL = 2, NORMAL = 1: what must never be lost is fsynced on every commit.
      expect(db.pragma('main.synchronous', { simple: true })).toBe(2)
      expect(db.pragma('cache.synchronous', { simple: true })).toBe(1)
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('application_id', { simple: true })).toBe(EARSHOT_APPLICATION_ID)
      const tables = (db.prepare("SELECT name FROM cache.sqlite_schema WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name)
      expect(tables).toEqual(expect.arrayContaining(['posts', 'authors', 'posts_fts', 'schema_migrations']))
    } finally {
      close()
    }
  })

  it('opens an existing store again without re-running migrations', () => {
    const dir = tempDir()
    openStore(dir).close()
    const { db, close } = openStore(dir)
    const rows = db.prepare('SELECT version FROM main.schema_migrations').all()
    close()
    const bundled = loadMigrations(import.meta.glob<string>('../../src/main/core/storage/migrations/state/*.sql', { query: '?raw', import: 'default', eager: true }))
    expect(bundled.length).toBeGreaterThanOrEqual(3)
    expect(rows).toEqual(bundled.map((m) => ({ version: m.version })))
  })

  it('upgrades a store written by each earlier version of the schema', () => {
    const stateFiles = import.meta.glob<string>('../../src/main/core/storage/migrations/state/*.sql', { query: '?raw', import: 'default', eager: true })
    const all = loadMigrations(stateFiles)
    for (let version = 1; version < all.length; version++) {
      const dir = tempDir()
      const old = new Database(join(dir, STATE_DB_FILE))
      old.pragma(`application_id = ${EARSHOT_APPLICATION_ID}`)
      migrate(old, all.slice(0, version), 'state database')
      old.prepare("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')").run()
      old.close()
      const store = openRepositories(dir, () => 0)
      expect(store.settings.get().theme).toBe('dark')
      expect(store.accounts.list()).toEqual([])
      store.close()
    }
  })

  it('upgrades a post cache written by each earlier version of its schema, keeping its posts', () => {
    const cacheFiles = import.meta.glob<string>('../../src/main/core/storage/migrations/cache/*.sql', { query: '?raw', import: 'default', eager: true })
    const all = loadMigrations(cacheFiles)
    expect(all.length).toBeGreaterThanOrEqual(2)
    for (let version = 1; version < all.length; version++) {
      const dir = tempDir()
      const old = new Database(join(dir, CACHE_DB_FILE))
      old.pragma(`application_id = ${EARSHOT_APPLICATION_ID}`)
      migrate(old, all.slice(0, version), 'cache database')
      const author = old
        .prepare("INSERT INTO authors (uid, network, handle, display_name) VALUES ('mastodon:anna', 'mastodon', 'anna@social.example', 'Anna') RETURNING id")
        .get() as { id: number }
      old
        .prepare(`INSERT INTO posts (uid, source_id, network, remote_id, author_id, text, created_at)
          VALUES ('mastodon:1', 'test-source', 'mastodon', '1', ?, 'An old post', 1000)`)
        .run(author.id)
      old.close()
      const store = openRepositories(dir, () => 0)
      try {
        expect(store.posts.get('mastodon:1')).toMatchObject({ text: 'An old post', media: [], triage: null })
        expect(store.posts.count()).toBe(1)
        // Stored before triage: waiting for the backfill.
        expect(store.posts.unclassified(10).map((post) => post.id)).toEqual(['mastodon:1'])
      } finally {
        store.close()
      }
    }
  })

  it('refuses a file that is not SQLite and leaves it byte for byte as it was', () => {
    const dir = tempDir()
    const path = join(dir, STATE_DB_FILE)
    writeFileSync(path, 'my tax notes, definitely not a database\n'.repeat(200))
    const before = readFileSync(path)
    expect(() => openStore(dir)).toThrow(StoreOpenError)
    expect(() => openStore(dir)).toThrow(/is not an Earshot state database/)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it("refuses another application's SQLite database and does not change it", () => {
    const dir = tempDir()
    const path = join(dir, CACHE_DB_FILE)
    const other = new Database(path)
    other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)")
    other.close()
    const before = readFileSync(path)
    expect(() => openStore(dir)).toThrow(/is not an Earshot cache database/)
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(existsSync(`${path}-wal`)).toBe(false)
  })

  it('refuses a data folder it cannot write to, in one sentence', () => {
    const dir = tempDir()
    const file = join(dir, 'a-file')
    writeFileSync(file, '')
    expect(() => openStore(join(file, 'data'))).toThrow(/cannot write to its data folder .*a-file\/data \(ENOTDIR\)/)
  })

  it('refuses a store written by a newer Earshot', () => {
    const dir = tempDir()
    openStore(dir).close()
    const db = new Database(join(dir, STATE_DB_FILE))
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(99, '0099_future.sql', 0)
    db.close()
    expect(() => openStore(dir)).toThrow(/written by a newer version of Earshot/)
  })
})

describe('migrations', () => {
  const files = {
    './m/0001_first.sql': 'CREATE TABLE a (x INTEGER) STRICT;',
    './m/0002_second.sql': 'ALTER TABLE a ADD COLUMN y TEXT;'
  }

  it('orders bundled files and rejects gaps', () => {
    expect(loadMigrations(files).map((m) => m.version)).toEqual([1, 2])
    expect(() => loadMigrations({ './m/0001_a.sql': '', './m/0003_c.sql': '' })).toThrow(/numbered 1, 2, 3/)
  })

  it('migrates an empty database and one from each earlier version', () => {
    const all = loadMigrations(files)
    const fresh = new Database(':memory:')
    expect(migrate(fresh, all, 'test')).toBe(2)
    const fromV1 = new Database(':memory:')
    migrate(fromV1, all.slice(0, 1), 'test')
    expect(migrate(fromV1, all, 'test')).toBe(1)
    for (const db of [fresh, fromV1]) {
      expect((db.prepare("SELECT name FROM pragma_table_info('a')").all() as Array<{ name: string }>).map((r) => r.name)).toEqual(['x', 'y'])
    }
  })

  it('rolls back a failing step and keeps the history consistent', () => {
    const db = new Database(':memory:')
    const broken = loadMigrations({ ...files, './m/0002_second.sql': 'ALTER TABLE a ADD COLUMN y TEXT; THIS IS NOT SQL;' })
    expect(() => migrate(db, broken, 'test')).toThrow()
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }])
    expect((db.prepare("SELECT name FROM pragma_table_info('a')").all() as Array<{ name: string }>).map((r) => r.name)).toEqual(['x'])
  })

  it('refuses an out-of-order history', () => {
    const db = new Database(':memory:')
    migrate(db, loadMigrations(files).slice(0, 1), 'test')
    db.prepare("UPDATE schema_migrations SET name = '0001_renamed.sql'").run()
    expect(() => migrate(db, loadMigrations(files), 'test')).toThrow(/unexpected schema history/)
  })
})

describe('posts repository', () => {
  it('stores posts with their authors and pages newest first without gaps or repeats', () => {
    const store = openRepositories(tempDir(), () => 0)
    try {
      store.posts.insertMany(Array.from({ length: 120 }, (_, i) => makePost(i)))
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page = store.posts.page({ type: 'stream', filter: {} }, cursor, 50)
        seen.push(...page.posts.map((p) => p.id))
        cursor = page.nextCursor
      } while (cursor)
      expect(seen).toHaveLength(120)
      expect(new Set(seen).size).toBe(120)
      expect(seen[0]).toBe('mastodon:119')
      expect(seen[119]).toBe('mastodon:0')
      const post = store.posts.get('mastodon:8')
      expect(post?.author).toMatchObject({ handle: 'user1@social.example', displayName: 'User 1', followers: 100 })
      expect(post?.counts).toEqual({ likes: 3, reposts: 2, replies: 0 })
    } finally {
      store.close()
    }
  })

  it('pages correctly through posts that share a timestamp', () => {
    const store = openRepositories(tempDir(), () => 0)
    try {
      store.posts.insertMany(Array.from({ length: 30 }, (_, i) => makePost(i, { createdAt: 5000 })))
      const first = store.posts.page({ type: 'stream', filter: {} }, null, 20)
      const second = store.posts.page({ type: 'stream', filter: {} }, first.nextCursor, 20)
      const ids = [...first.posts, ...second.posts].map((p) => p.id)
      expect(new Set(ids).size).toBe(30)
      expect(second.nextCursor).toBeNull()
    } finally {
      store.close()
    }
  })

  it('filters by network and source and answers "since" with only newer posts', () => {
    const store = openRepositories(tempDir(), () => 0)
    try {
      store.posts.insertMany([makePost(1), makePost(2, { network: 'bluesky' }), makePost(3, { sourceId: 'other' })])
      const before = store.posts.latestSeq()
      store.posts.insertMany([makePost(4, { network: 'bluesky' }), makePost(5)])
      expect(store.posts.page({ type: 'stream', filter: { networks: ['bluesky'] } }, null, 10).posts.map((p) => p.id)).toEqual(['bluesky:4', 'bluesky:2'])
      expect(store.posts.page({ type: 'stream', filter: { sourceIds: ['other'] } }, null, 10).posts.map((p) => p.id)).toEqual(['mastodon:3'])
      expect(store.posts.since({ type: 'stream', filter: {} }, before, 10).posts.map((p) => p.id)).toEqual(['mastodon:5', 'bluesky:4'])
      expect(store.posts.since({ type: 'stream', filter: { networks: ['bluesky'] } }, before, 10).posts.map((p) => p.id)).toEqual(['bluesky:4'])
    } finally {
      store.close()
    }
  })

  it('finds Müller as muller and MÜLLER, phrases, prefixes and NOT', () => {
    const store = openRepositories(tempDir(), () => 0)
    try {
      store.posts.insertMany([
        makePost(1, { text: 'Frau Müller sagt: der Akku hält nicht' }),
        makePost(2, { text: 'MULLER reviewed the Phone X' }),
        makePost(3, { text: 'Nothing to see here, just the Book 14' }),
        makePost(4, { text: 'Is the Book worth 14 euros?' })
      ])
      const ids = (text: string): string[] => store.posts.page({ type: 'stream', filter: { text } }, null, 10).posts.map((p) => p.id).sort()
      expect(ids('muller')).toEqual(['mastodon:1', 'mastodon:2'])
      expect(ids('MÜLLER')).toEqual(['mastodon:1', 'mastodon:2'])
      expect(ids('Müller')).toEqual(['mastodon:1', 'mastodon:2'])
      expect(ids('"Book 14"')).toEqual(['mastodon:3'])
      expect(ids('akk*')).toEqual(['mastodon:1'])
      expect(ids('muller -akku')).toEqual(['mastodon:2'])
      expect(ids('muller NOT phone')).toEqual(['mastodon:1'])
      expect(ids('@user1 OR #nothing')).toEqual(['mastodon:1', 'mastodon:3'])
    } finally {
      store.close()
    }
  })

  it('stores media as given, reads none back as an empty list, and takes media changed by an edit', () => {
    const store = openRepositories(tempDir(), () => 0)
    try {
      const picture = { kind: 'image' as const, url: 'https://files.example/a.png', previewUrl: 'https://files.example/a-small.png', description: 'A laptop on a desk', width: 1200, height: 800 }
      const clip = { kind: 'video' as const, url: 'https://files.example/b.mp4', previewUrl: null, description: null, width: null, height: null }
      store.posts.insertMany([makePost(1, { media: [picture] }), makePost(2)])
      expect(store.posts.get('mastodon:1')?.media).toEqual([picture])
      expect(store.posts.get('mastodon:2')?.media).toEqual([])
      expect(store.posts.page({ type: 'stream', filter: {} }, null, 10).posts.map((post) => post.media.length)).toEqual([0, 1])
      // Only the media changed: still an upstream edit.
      expect(store.posts.insertMany([makePost(1, { media: [picture, clip] })])).toMatchObject({ inserted: 0, updated: 1, updatedIds: ['mastodon:1'] })
      expect(store.posts.get('mastodon:1')?.media).toEqual([picture, clip])
      expect(store.posts.insertMany([makePost(1, { media: [] })])).toMatchObject({ updated: 1 })
      expect(store.posts.get('mastodon:1')?.media).toEqual([])
      expect(store.posts.insertMany([makePost(1, { media: [] })])).toMatchObject({ updated: 0 })
    } finally {
      store.close()
    }
  })

  it('stores whether a post is direct, and corrects the flag when the network hands the post over again', () => {
    const store = openRepositories(tempDir(), () => 0)
    try {
      store.posts.insertMany([makePost(1, { direct: true }), makePost(2)])
      expect(store.posts.get('mastodon:1')?.direct).toBe(true)
      expect(store.posts.page({ type: 'stream', filter: {} }, null, 10).posts.map((post) => post.direct)).toEqual([false, true])
      // A post stored before the column existed reads as public; the next fetch corrects it.
      expect(store.posts.insertMany([makePost(2, { direct: true })])).toMatchObject({ updated: 1, updatedIds: ['mastodon:2'] })
      expect(store.posts.get('mastodon:2')?.direct).toBe(true)
      expect(store.posts.insertMany([makePost(2, { direct: true })])).toMatchObject({ updated: 0 })
    } finally {
      store.close()
    }
  })

  it('applies upstream edits (text, counts) and deletions, including in the search index', () => {
    const store = openRepositories(tempDir(), () => 0)
    try {
      store.posts.insertMany([makePost(1, { text: 'original wording' }), makePost(2)])
      const result = store.posts.insertMany([makePost(1, { text: 'edited wording', editedAt: 99, counts: { likes: 10, reposts: 0, replies: 0 } })])
      expect(result).toMatchObject({ inserted: 0, updated: 1 })
      expect(store.posts.get('mastodon:1')).toMatchObject({ text: 'edited wording', editedAt: 99, counts: { likes: 10 } })
      expect(store.posts.page({ type: 'stream', filter: { text: 'original' } }, null, 10).posts).toHaveLength(0)
      expect(store.posts.page({ type: 'stream', filter: { text: 'edited' } }, null, 10).posts).toHaveLength(1)
      expect(store.posts.insertMany([makePost(2)])).toMatchObject({ inserted: 0, updated: 0 })
      expect(store.posts.removeMany(['mastodon:1', 'mastodon:404'])).toEqual(['mastodon:1'])
      expect(store.posts.get('mastodon:1')).toBeNull()
      expect(store.posts.page({ type: 'stream', filter: { text: 'edited' } }, null, 10).posts).toHaveLength(0)
      expect(store.posts.count()).toBe(1)
    } finally {
      store.close()
    }
  })
})

describe('a lost post cache', () => {
  it('is rebuilt empty, and every source starts again from the beginning', () => {
    const dir = tempDir()
    const first = openRepositories(dir, () => 0)
    first.sources.ensure({ id: 'feed', network: 'rss', name: 'Blog', enabled: true, demo: false, config: { url: 'https://blog.example/feed' } })
    first.sources.saveSyncState('feed', { cursor: '{"etag":"abc"}', lastSyncAt: 5, nextSyncAt: 10, lastError: null, status: 'ok' })
    first.posts.insertMany([makePost(1)])
    first.close()
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `${CACHE_DB_FILE}${suffix}`), { force: true })
    const second = openRepositories(dir, () => 0)
    expect(second.posts.count()).toBe(0)
    expect(second.sources.syncState('feed')).toMatchObject({ cursor: null, nextSyncAt: null, lastSyncAt: 5 })
    second.close()
    // An ordinary restart keeps the cursors.
    const third = openRepositories(dir, () => 0)
    third.sources.saveSyncState('feed', { cursor: 'c2', lastSyncAt: 6, nextSyncAt: 11, lastError: null, status: 'ok' })
    third.close()
    const fourth = openRepositories(dir, () => 0)
    expect(fourth.sources.syncState('feed').cursor).toBe('c2')
    fourth.close()
  })
})

const T0 = 1_700_000_000_000
const MINUTE = 60_000

/**
 * What the classifier would store; every field can be overridden. The base priority is computed
 * from the rest, as the classifier does, unless a test sets it (to order the queue).
 */
function triage(intent: Intent, overrides: Partial<StoredTriage> = {}): StoredTriage {
  const read: Omit<StoredTriage, 'basePriority'> = {
    language: 'en',
    intent,
    confidence: 0.9,
    sentiment: 'neutral',
    sentimentScore: 0,
    needsResponse: NEEDS_RESPONSE.has(intent),
    addressed: null,
    followers: 100,
    watchlist: false,
    ...overrides
  }
  return { ...read, basePriority: computePriority(storedPriorityInput(read)).priority, ...overrides }
}

/** A decision of the team, as the workflow stores it (state 0004_triage). */
function workflow(store: Store, postId: string, row: { status?: string; team?: string; assignee?: string; boost?: number; dueAt?: number; snoozedUntil?: number; override?: Intent; notes?: number; tags?: string[] }): void {
  const db = (store.posts as unknown as { db: Database.Database }).db
  db.prepare(`INSERT INTO post_workflow (post_id, post_created_at, status, team_id, assignee, tags, snoozed_until, intent_override,
      priority_boost, due_at, note_count, updated_at) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`)
    .run(postId, row.status ?? 'new', row.team ?? null, row.assignee ?? null, JSON.stringify(row.tags ?? []), row.snoozedUntil ?? null,
      row.override ?? null, row.boost ?? 0, row.dueAt ?? null, row.notes ?? 0)
}

function watch(store: Store, authorId: string): void {
  const db = (store.posts as unknown as { db: Database.Database }).db
  db.prepare('INSERT INTO watchlist (author_id, added_at) VALUES (?, 0)').run(authorId)
}

const stream = (filter: PostFilter): ColumnQuery => ({ type: 'stream', filter })
const needsReply = (filter: PostFilter = {}): ColumnQuery => ({ type: 'needs-reply', filter })

describe('column filters', () => {
  const picture = { kind: 'image' as const, url: 'https://files.example/a.png', previewUrl: null, description: null, width: null, height: null }

  function seeded(): Store {
    const store = openRepositories(tempDir(), () => T0 + 60 * MINUTE)
    store.posts.insertMany([
      { ...makePost(1, { text: 'The Lumora Book 14 battery died, furious', media: [picture] }), triage: triage('complaint', { sentiment: 'negative', sentimentScore: -0.8 }) },
      { ...makePost(2, { network: 'bluesky', sourceId: 'other', language: 'de', text: 'Das Book 14 ist super' }), triage: triage('praise', { language: 'de', sentiment: 'positive', sentimentScore: 0.7 }) },
      { ...makePost(3, { network: 'bluesky', text: 'How do I reset the Voltic X?' }), triage: triage('help_explicit') },
      { ...makePost(4, { language: null, text: 'Le Book 14 est arrivé' }), triage: triage('other', { language: 'fr', sentiment: 'unknown', sentimentScore: null }) },
      makePost(5, { text: 'Not classified yet, Lumora' }),
      { ...makePost(6, { createdAt: T0 - 5 * 60 * MINUTE, text: 'An older Lumora question' }), triage: triage('purchase_intent') }
    ])
    workflow(store, 'mastodon:1', { status: 'assigned', team: 'support', assignee: 'anna' })
    workflow(store, 'bluesky:3', { status: 'done', team: 'support', assignee: 'ben' })
    workflow(store, 'mastodon:6', { status: 'new', team: 'sales', override: 'idea' })
    watch(store, 'bluesky:user2')
    return store
  }

  it('applies each condition, and all of them together', () => {
    const store = seeded()
    try {
      const ids = (filter: PostFilter): string[] => store.posts.page(stream(filter), null, 50).posts.map((post) => post.id).sort()
      expect(ids({})).toHaveLength(6)
      expect(ids({ networks: ['bluesky'] })).toEqual(['bluesky:2', 'bluesky:3'])
      expect(ids({ networks: ['bluesky', 'mastodon'] })).toHaveLength(6)
      expect(ids({ sourceIds: ['other'] })).toEqual(['bluesky:2'])
      // The network's tag wins; where it gave none, the language triage detected is stored.
      expect(ids({ languages: ['de'] })).toEqual(['bluesky:2'])
      expect(ids({ languages: ['fr'] })).toEqual(['mastodon:4'])
      expect(ids({ sentiments: ['negative', 'positive'] })).toEqual(['bluesky:2', 'mastodon:1'])
      // A person's correction (mastodon:6 → idea) wins over the model.
      expect(ids({ intents: ['purchase_intent'] })).toEqual([])
      expect(ids({ intents: ['idea', 'complaint'] })).toEqual(['mastodon:1', 'mastodon:6'])
      // No workflow row means status new.
      expect(ids({ statuses: ['new'] })).toEqual(['bluesky:2', 'mastodon:4', 'mastodon:5', 'mastodon:6'])
      expect(ids({ statuses: ['done', 'assigned'] })).toEqual(['bluesky:3', 'mastodon:1'])
      expect(ids({ teamIds: ['support'] })).toEqual(['bluesky:3', 'mastodon:1'])
      expect(ids({ assignees: ['anna'] })).toEqual(['mastodon:1'])
      expect(ids({ watchlistOnly: true })).toEqual(['bluesky:2'])
      expect(ids({ minFollowers: 400 })).toEqual(['mastodon:4', 'mastodon:5', 'mastodon:6'])
      expect(ids({ hasMedia: true })).toEqual(['mastodon:1'])
      expect(ids({ withinHours: 2 })).toHaveLength(5)
      expect(ids({ topics: ['book 14', 'Voltic'] })).toEqual(['bluesky:2', 'bluesky:3', 'mastodon:1', 'mastodon:4'])
      expect(ids({ text: 'lumora' })).toEqual(['mastodon:1', 'mastodon:5', 'mastodon:6'])
      expect(ids({ text: 'lumora', withinHours: 2, statuses: ['new'] })).toEqual(['mastodon:5'])
      expect(ids({ text: '"book 14"', topics: ['lumora'], networks: ['mastodon'], hasMedia: true, teamIds: ['support'] })).toEqual(['mastodon:1'])
      expect(ids({ text: '!!!' })).toEqual([])
    } finally {
      store.close()
    }
  })

  it('counts what arrived after a sequence number, for every kind of column, up to 10,000', () => {
    const store = seeded()
    try {
      const before = store.posts.latestSeq()
      store.posts.insertMany([
        { ...makePost(7, { text: 'Lumora support, please help' }), triage: triage('help_explicit') },
        { ...makePost(8, { network: 'bluesky' }), triage: triage('praise') }
      ])
      expect(store.posts.countSince(stream({}), before)).toBe(2)
      expect(store.posts.countSince(stream({ networks: ['bluesky'] }), before)).toBe(1)
      expect(store.posts.countSince(stream({ text: 'please' }), before)).toBe(1)
      expect(store.posts.countSince(stream({ text: 'lumora' }), 0)).toBe(5)
      expect(store.posts.countSince(needsReply(), before)).toBe(1)
      expect(store.posts.since(needsReply(), before, 10).posts.map((post) => post.id)).toEqual(['mastodon:7'])
      expect(store.posts.since(needsReply({ text: 'lumora' }), before, 10).posts.map((post) => post.id)).toEqual(['mastodon:7'])
      expect(store.posts.countSince(needsReply({ text: 'lumora' }), 0)).toBe(2)
      expect(store.posts.since(stream({ text: 'lumora' }), before, 1).posts.map((post) => post.id)).toEqual(['bluesky:8'])
      store.posts.insertMany(Array.from({ length: 10_050 }, (_, i) => makePost(100 + i)))
      expect(store.posts.countSince(stream({}), 0)).toBe(10_000)
    } finally {
      store.close()
    }
  })
})

describe('the needs-reply queue', () => {
  it('holds open posts that need an answer, most urgent first, and pages without gaps while the clock runs', () => {
    let now = T0 + 60 * MINUTE
    const store = openRepositories(tempDir(), () => now)
    try {
      store.posts.insertMany([
        { ...makePost(1), triage: triage('complaint', { basePriority: 50 }) },
        { ...makePost(2), triage: triage('help_explicit', { basePriority: 30 }) },
        { ...makePost(3), triage: triage('purchase_intent', { basePriority: 30 }) },
        { ...makePost(4), triage: triage('praise', { basePriority: 90 }) },
        { ...makePost(5), triage: triage('help_implicit', { basePriority: 45 }) },
        { ...makePost(6), triage: triage('complaint', { basePriority: 70 }) },
        { ...makePost(7), triage: triage('complaint', { basePriority: 70 }) },
        { ...makePost(8), triage: triage('help_explicit', { basePriority: 10 }) },
        { ...makePost(9, { createdAt: T0 - 20 * 24 * 60 * MINUTE }), triage: triage('complaint', { basePriority: 99 }) },
        makePost(10)
      ])
      // 2: its SLA runs out in 10 minutes (+18.3 → 48); 3: routed with a boost of 15 (45); 5: snoozed until later;
      // 6: done; 7: snoozed until a time that has passed (back in the queue); 8: corrected to praise.
      workflow(store, 'mastodon:2', { status: 'assigned', dueAt: now + 10 * MINUTE })
      workflow(store, 'mastodon:3', { boost: 15 })
      workflow(store, 'mastodon:5', { status: 'snoozed', snoozedUntil: now + 60 * MINUTE })
      workflow(store, 'mastodon:6', { status: 'done' })
      workflow(store, 'mastodon:7', { status: 'snoozed', snoozedUntil: now - MINUTE })
      workflow(store, 'mastodon:8', { override: 'praise' })
      const first = store.posts.page(needsReply(), null, 2)
      expect(first.posts.map((post) => [post.id, post.triage?.priority])).toEqual([
        ['mastodon:7', 70],
        ['mastodon:1', 50]
      ])
      // The queue moves on (SLA clocks run), but the pages of one reading stay consistent.
      now += 9 * MINUTE
      const second = store.posts.page(needsReply(), first.nextCursor, 2)
      expect(second.posts.map((post) => post.id)).toEqual(['mastodon:2', 'mastodon:3'])
      expect(store.posts.page(needsReply(), second.nextCursor, 2)).toMatchObject({ posts: [], nextCursor: null })
      const sla = second.posts[0]?.triage?.factors.find((factor) => factor.factor === 'sla')
      expect(sla).toMatchObject({ weight: 20, contribution: 18.3, reason: '10 min left to first response' })
      expect(second.posts[1]?.triage?.factors.at(-1)).toMatchObject({ factor: 'routing', contribution: 15 })
      // Read afresh: the SLA factor has grown with the clock.
      expect(store.posts.get('mastodon:2')?.triage?.priority).toBe(30 + 20)
      expect(store.posts.page(needsReply({ intents: ['complaint'] }), null, 10).posts.map((post) => post.id)).toEqual(['mastodon:7', 'mastodon:1'])
      // Its own time window replaces the queue's default one.
      expect(store.posts.page(needsReply({ withinHours: 24 * 30 }), null, 1).posts.map((post) => post.id)).toEqual(['mastodon:9'])
      expect(() => store.posts.page(needsReply(), 'n.1.2', 2)).toThrow(/cursor/)
    } finally {
      store.close()
    }
  })
})

describe('triage on stored posts', () => {
  it('reads what triage made of a post together with the team decisions, and takes re-classification', () => {
    const now = T0 + 60 * MINUTE
    const store = openRepositories(tempDir(), () => now)
    try {
      store.posts.insertMany([
        {
          ...makePost(1, { language: null }),
          triage: triage('complaint', { language: 'de', sentiment: 'negative', sentimentScore: -0.6, addressed: 'handle', followers: 25_000 })
        },
        makePost(2, { language: null })
      ])
      workflow(store, 'mastodon:1', { status: 'assigned', team: 'support', assignee: 'anna', tags: ['battery'], boost: -5, dueAt: now - 3 * MINUTE, notes: 2 })
      watch(store, 'mastodon:user1')
      const post = store.posts.get('mastodon:1')
      expect(post?.language).toBe('de')
      expect(post?.triage).toEqual({
        intent: 'complaint',
        confidence: 0.9,
        intentCorrected: false,
        sentiment: 'negative',
        sentimentScore: -0.6,
        needsResponse: true,
        priority: 63 - 5 + 20,
        // Rebuilt from what the classifier read: the watchlist as it was then (the author was added since).
        factors: [
          { factor: 'intent', weight: 40, contribution: 38.4, reason: 'complaint (90% sure)' },
          { factor: 'negative_sentiment', weight: 12, contribution: 7.2, reason: 'negative tone' },
          { factor: 'reach', weight: 20, contribution: 9.6, reason: 'author has 25k followers' },
          { factor: 'watchlist', weight: 12, contribution: 0, reason: 'author not on the watchlist' },
          { factor: 'addressed', weight: 8, contribution: 8, reason: 'brand addressed by @handle' },
          { factor: 'routing', weight: 50, contribution: -5, reason: 'routing rule lowered the priority by 5' },
          { factor: 'sla', weight: 20, contribution: 20, reason: 'SLA breached 3 min ago' }
        ],
        watched: true,
        status: 'assigned',
        teamId: 'support',
        assignee: 'anna',
        tags: ['battery'],
        snoozedUntil: null,
        dueAt: now - 3 * MINUTE,
        firstResponseAt: null,
        noteCount: 2
      })
      expect(store.posts.get('mastodon:2')?.triage).toBeNull()
      expect(store.posts.unclassified(10).map((p) => p.id)).toEqual(['mastodon:2'])
      expect(store.posts.setTriage([{ id: 'mastodon:2', triage: triage('idea', { language: 'nl' }) }, { id: 'mastodon:404', triage: triage('other') }])).toBe(1)
      expect(store.posts.unclassified(10)).toEqual([])
      expect(store.posts.get('mastodon:2')).toMatchObject({ language: 'nl', triage: { intent: 'idea', needsResponse: false, status: 'new', priority: 10 } })
      // Re-classification keeps a stored language.
      store.posts.setTriage([{ id: 'mastodon:1', triage: triage('help_explicit', { language: 'en' }) }])
      expect(store.posts.get('mastodon:1')).toMatchObject({ language: 'de', triage: { intent: 'help_explicit' } })
    } finally {
      store.close()
    }
  })

  it("explains a stored priority with the classifier's own factors, which add up to it, also after a correction", () => {
    const store = openRepositories(tempDir(), () => T0)
    try {
      const generator = new DemoGenerator({ seed: 3 })
      const posts = Array.from({ length: 300 }, (_, n) => generator.post(n, T0 - n * MINUTE))
      const watchlist = new Set(posts.filter((_, n) => n % 7 === 0).map((post) => post.author.id))
      const model = createTriage()
      const inputs = posts.map((post) => triageInput(post, watchlist))
      const results = inputs.map((input) => model.classify(input, { brand: DEMO_BRAND }))
      const stored = inputs.map((input, n) => toStoredTriage(input, results[n] as (typeof results)[number]))
      store.posts.insertMany(posts.map((post, n) => ({ ...post, triage: stored[n] })))
      const sum = (factors: ReadonlyArray<{ contribution: number }>): number => Math.round(factors.reduce((total, f) => total + f.contribution, 0))
      posts.forEach((post, n) => {
        const read = store.posts.get(post.id)?.triage
        expect(read?.factors).toEqual(results[n]?.factors)
        expect(read?.priority).toBe(results[n]?.priority)
        expect(sum(read?.factors ?? [])).toBe(stored[n]?.basePriority)
      })
      // Every way of addressing the brand and both watchlist states went through the store.
      const seen = (factor: string): Set<number | undefined> => new Set(posts.map((post) => store.posts.get(post.id)?.triage?.factors.find((f) => f.factor === factor)?.contribution))
      expect(seen('addressed')).toEqual(new Set([0, 4, 8]))
      expect(seen('watchlist')).toEqual(new Set([0, 12]))

      // A person corrects the intent: the cache takes it as certain, and the card says so.
      const post = posts.find((_, n) => results[n]?.intent === 'other') ?? posts[0]
      const n = posts.indexOf(post as (typeof posts)[number])
      workflow(store, post?.id ?? '', { override: 'complaint' })
      store.posts.setTriage([{ id: post?.id ?? '', triage: withIntentOverride(stored[n] as StoredTriage, 'complaint') }])
      const corrected = store.posts.get(post?.id ?? '')?.triage
      expect(corrected?.factors[0]).toEqual({ factor: 'intent', weight: 40, contribution: 40, reason: 'complaint (corrected by a person)' })
      expect(sum(corrected?.factors ?? [])).toBe(corrected?.priority)
      expect(corrected?.priority).toBeGreaterThan(results[n]?.priority ?? 100)
    } finally {
      store.close()
    }
  })

  it('says which posts were new, and re-classifies a post whose text was edited upstream', () => {
    const store = openRepositories(tempDir(), () => T0)
    try {
      expect(store.posts.insertMany([{ ...makePost(1), triage: triage('praise') }])).toMatchObject({ inserted: 1, insertedIds: ['mastodon:1'] })
      const edit = { ...makePost(1, { text: 'Actually it broke again', editedAt: 5 }), triage: triage('complaint') }
      expect(store.posts.insertMany([edit, { ...makePost(2), triage: triage('other') }])).toMatchObject({ inserted: 1, insertedIds: ['mastodon:2'], updatedIds: ['mastodon:1'] })
      expect(store.posts.get('mastodon:1')?.triage?.intent).toBe('complaint')
    } finally {
      store.close()
    }
  })

  it('scans the posts created since a moment, newest first, across chunks', () => {
    const store = openRepositories(tempDir(), () => T0)
    try {
      store.posts.insertMany(Array.from({ length: 25 }, (_, i) => makePost(i)))
      const scanned = [...store.posts.scanCreatedSince(T0 + 10_000, 4)].map((post) => post.id)
      expect(scanned).toEqual(Array.from({ length: 15 }, (_, i) => `mastodon:${24 - i}`))
    } finally {
      store.close()
    }
  })
})

describe('threads', () => {
  it('gives the chain of parents, the post and the replies to any of them, oldest first', () => {
    const store = openRepositories(tempDir(), () => T0)
    try {
      store.posts.insertMany([
        makePost(1),
        makePost(2, { replyToId: 'mastodon:1' }),
        makePost(3, { replyToId: 'mastodon:2' }),
        makePost(4, { replyToId: 'mastodon:3' }),
        makePost(5, { replyToId: 'mastodon:1' }),
        makePost(6, { replyToId: 'mastodon:404' }),
        makePost(7)
      ])
      expect(store.posts.thread('mastodon:3')?.map((post) => post.id)).toEqual(['mastodon:1', 'mastodon:2', 'mastodon:3', 'mastodon:4', 'mastodon:5'])
      // The parent is not stored: the thread starts where the store's knowledge does.
      expect(store.posts.thread('mastodon:6')?.map((post) => post.id)).toEqual(['mastodon:6'])
      expect(store.posts.thread('mastodon:404')).toBeNull()
    } finally {
      store.close()
    }
  })

  it('is served by posts.thread and posts.count, with a plain sentence for a post that is gone', async () => {
    const store = openRepositories(tempDir(), () => T0)
    try {
      store.posts.insertMany([makePost(1), makePost(2, { replyToId: 'mastodon:1' })])
      const handlers = postHandlers({ store, events: new CoreEvents(), version: 'test', now: () => T0, offlineSince: () => null, secretProtection: 'user-only-file' })
      const caller = {} as never
      expect((await handlers.thread({ id: 'mastodon:2' }, caller)).map((post) => post.id)).toEqual(['mastodon:1', 'mastodon:2'])
      expect(await handlers.count({ query: stream({}), afterSeq: 0 }, caller)).toBe(2)
      await expect(async () => handlers.thread({ id: 'mastodon:9' }, caller)).rejects.toThrow('That post is no longer stored, so its conversation cannot be shown.')
    } finally {
      store.close()
    }
  })
})

describe('decks', () => {
  const v1 = {
    id: 'old',
    name: 'Old deck',
    columns: [
      { id: 'a', title: 'All', query: { type: 'all' }, width: 'wide' },
      { id: 'b', title: 'Bluesky', query: { type: 'network', network: 'bluesky' }, width: 'narrow' },
      { id: 'c', title: 'Blog', query: { type: 'source', sourceId: 'feed' }, width: 'medium' },
      { id: 'd', title: 'Akku', query: { type: 'search', text: 'akku -lumora' }, width: 'medium' }
    ]
  }

  it('migrates a version 1 layout to filters and pixel widths when it is read, and writes version 2 back', () => {
    const dir = tempDir()
    const first = openRepositories(dir, () => 0)
    const db = (first.decks as unknown as { db: Database.Database }).db
    db.prepare('INSERT INTO decks (id, position, layout_version, layout, updated_at) VALUES (?, 0, 1, ?, 0)').run('old', JSON.stringify(v1))
    const [deck] = first.decks.list()
    expect(deck).toEqual({
      id: 'old',
      name: 'Old deck',
      columns: [
        { id: 'a', title: 'All', query: { type: 'stream', filter: {} }, width: 460, collapsed: false },
        { id: 'b', title: 'Bluesky', query: { type: 'stream', filter: { networks: ['bluesky'] } }, width: 280, collapsed: false },
        { id: 'c', title: 'Blog', query: { type: 'stream', filter: { sourceIds: ['feed'] } }, width: 340, collapsed: false },
        { id: 'd', title: 'Akku', query: { type: 'stream', filter: { text: 'akku -lumora' } }, width: 340, collapsed: false }
      ]
    })
    if (deck) first.decks.save(deck)
    expect(db.prepare('SELECT layout_version FROM decks').get()).toEqual({ layout_version: DECK_LAYOUT_VERSION })
    db.prepare('UPDATE decks SET layout_version = ?').run(DECK_LAYOUT_VERSION + 1)
    expect(() => first.decks.list()).toThrow(/newer than this Earshot understands/)
    first.close()
  })

  it('removes and reorders decks through the handlers, never the last one, and announces the change', async () => {
    const store = openRepositories(tempDir(), () => 0)
    try {
      const events = new CoreEvents()
      const announced: string[][] = []
      events.on((event, payload) => {
        if (event === 'decks:changed') announced.push((payload as { decks: Deck[] }).decks.map((deck) => deck.id))
      })
      const handlers = deckHandlers({ store, events, version: 'test', now: () => 0, offlineSince: () => null, secretProtection: 'user-only-file' })
      const caller = {} as never
      for (const id of ['one', 'two', 'three']) await handlers.save({ deck: { id, name: id, columns: [] } }, caller)
      expect((await handlers.reorder({ ids: ['three', 'one', 'two'] }, caller)).map((deck) => deck.id)).toEqual(['three', 'one', 'two'])
      await expect(async () => handlers.reorder({ ids: ['one', 'one'] }, caller)).rejects.toThrow(/only once/)
      await expect(async () => handlers.reorder({ ids: ['nope'] }, caller)).rejects.toThrow(/no deck "nope"/)
      await handlers.remove({ id: 'one' }, caller)
      expect(store.decks.list().map((deck) => deck.id)).toEqual(['three', 'two'])
      // A deck saved again keeps its place.
      await handlers.save({ deck: { id: 'three', name: 'Three', columns: [] } }, caller)
      expect(store.decks.list().map((deck) => deck.name)).toEqual(['Three', 'two'])
      await handlers.remove({ id: 'two' }, caller)
      await expect(async () => handlers.remove({ id: 'three' }, caller)).rejects.toThrow(/last deck cannot be removed/)
      await expect(async () => handlers.remove({ id: 'two' }, caller)).rejects.toThrow(/no such deck/)
      expect(announced.at(-1)).toEqual(['three'])
    } finally {
      store.close()
    }
  })
})
