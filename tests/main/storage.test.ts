import { writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openStore, EARSHOT_APPLICATION_ID, STATE_DB_FILE, CACHE_DB_FILE } from '../../src/main/core/storage/db'
import { loadMigrations, migrate } from '../../src/main/core/storage/migrate'
import { openRepositories } from '../../src/main/core/storage'
import { StoreOpenError } from '../../src/main/core/storage/errors'
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
        expect(store.posts.get('mastodon:1')).toMatchObject({ text: 'An old post', media: [] })
        expect(store.posts.count()).toBe(1)
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
        const page = store.posts.page({ type: 'all' }, cursor, 50)
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
      const first = store.posts.page({ type: 'all' }, null, 20)
      const second = store.posts.page({ type: 'all' }, first.nextCursor, 20)
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
      expect(store.posts.page({ type: 'network', network: 'bluesky' }, null, 10).posts.map((p) => p.id)).toEqual(['bluesky:4', 'bluesky:2'])
      expect(store.posts.page({ type: 'source', sourceId: 'other' }, null, 10).posts.map((p) => p.id)).toEqual(['mastodon:3'])
      expect(store.posts.since({ type: 'all' }, before, 10).posts.map((p) => p.id)).toEqual(['mastodon:5', 'bluesky:4'])
      expect(store.posts.since({ type: 'network', network: 'bluesky' }, before, 10).posts.map((p) => p.id)).toEqual(['bluesky:4'])
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
      const ids = (text: string): string[] => store.posts.page({ type: 'search', text }, null, 10).posts.map((p) => p.id).sort()
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
      expect(store.posts.page({ type: 'all' }, null, 10).posts.map((post) => post.media.length)).toEqual([0, 1])
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

  it('applies upstream edits (text, counts) and deletions, including in the search index', () => {
    const store = openRepositories(tempDir(), () => 0)
    try {
      store.posts.insertMany([makePost(1, { text: 'original wording' }), makePost(2)])
      const result = store.posts.insertMany([makePost(1, { text: 'edited wording', editedAt: 99, counts: { likes: 10, reposts: 0, replies: 0 } })])
      expect(result).toMatchObject({ inserted: 0, updated: 1 })
      expect(store.posts.get('mastodon:1')).toMatchObject({ text: 'edited wording', editedAt: 99, counts: { likes: 10 } })
      expect(store.posts.page({ type: 'search', text: 'original' }, null, 10).posts).toHaveLength(0)
      expect(store.posts.page({ type: 'search', text: 'edited' }, null, 10).posts).toHaveLength(1)
      expect(store.posts.insertMany([makePost(2)])).toMatchObject({ inserted: 0, updated: 0 })
      expect(store.posts.removeMany(['mastodon:1', 'mastodon:404'])).toEqual(['mastodon:1'])
      expect(store.posts.get('mastodon:1')).toBeNull()
      expect(store.posts.page({ type: 'search', text: 'edited' }, null, 10).posts).toHaveLength(0)
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
