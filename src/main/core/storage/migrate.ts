import type Database from 'better-sqlite3'
import { StoreOpenError } from './errors'

/** One bundled migration: its number, its file name and its SQL. */
export interface Migration {
  version: number
  name: string
  sql: string
}

/**
 * Turns the bundle of `NNNN_name.sql` files (from import.meta.glob) into an ordered list.
 * Throws at start-up on a gap or a duplicate number: that is a packaging bug, not user data.
 */
export function loadMigrations(files: Record<string, string>): Migration[] {
  const migrations = Object.entries(files).map(([path, sql]) => {
    const name = path.split('/').pop() ?? path
    const match = /^(\d{4})_[a-z0-9_]+\.sql$/.exec(name)
    if (!match?.[1]) throw new Error(`Migration file name ${name} does not look like NNNN_name.sql.`)
    return { version: Number(match[1]), name, sql }
  })
  migrations.sort((a, b) => a.version - b.version)
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1, 2, 3…; found ${migration.name} at position ${index + 1}.`)
    }
  })
  return migrations
}

/** What the database says it has applied. */
function appliedHistory(db: Database.Database): Array<{ version: number; name: string }> {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`)
  return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as Array<{
    version: number
    name: string
  }>
}

/**
 * Brings a database up to the bundled migrations, each in its own transaction. Refuses to
 * touch a database whose history is not a prefix of the bundle (written by a newer Earshot,
 * or edited by hand): guessing there would risk the user's data.
 */
export function migrate(db: Database.Database, migrations: Migration[], label: string, now: () => number = Date.now): number {
  const history = appliedHistory(db)
  history.forEach((applied, index) => {
    const expected = migrations[index]
    if (!expected) {
      throw new StoreOpenError(
        `The ${label} was written by a newer version of Earshot (schema step ${applied.version}, ${applied.name}); update Earshot to open it.`
      )
    }
    if (expected.version !== applied.version || expected.name !== applied.name) {
      throw new StoreOpenError(
        `The ${label} has an unexpected schema history (step ${applied.version} is ${applied.name}, expected ${expected.name}); Earshot will not change it.`
      )
    }
  })
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  const pending = migrations.slice(history.length)
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql)
      record.run(migration.version, migration.name, now())
    })()
  }
  return pending.length
}
