import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { StoreOpenError } from './errors'
import { loadMigrations, migrate, type Migration } from './migrate'

/** `PRAGMA application_id` of every Earshot database ("EaSh"): how we recognise our own files. */
export const EARSHOT_APPLICATION_ID = 0x45615368

export const STATE_DB_FILE = 'earshot.db'
export const CACHE_DB_FILE = 'cache.db'

// Bundled at build time: the migration SQL travels inside the built code, never read from disk.
const stateMigrations = loadMigrations(
  import.meta.glob<string>('./migrations/state/*.sql', { query: '?raw', import: 'default', eager: true })
)
const cacheMigrations = loadMigrations(
  import.meta.glob<string>('./migrations/cache/*.sql', { query: '?raw', import: 'default', eager: true })
)

export interface StoreFiles {
  /** The one connection the repositories use: earshot.db as `main`, cache.db attached as `cache`. */
  db: Database.Database
  /**
   * True when cache.db had to be created while earshot.db already existed (the user deleted the
   * cache, or it was lost): every sync cursor then points past posts the store no longer has.
   */
  cacheRebuilt: boolean
  close(): void
}

export interface OpenStoreOptions {
  /** Path of a better-sqlite3 native module built for Electron (see scripts/postinstall.mjs). */
  nativeBinding?: string
}

function ensureWritableFolder(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true })
    if (!statSync(dataDir).isDirectory()) throw new Error('not a folder')
    accessSync(dataDir, constants.W_OK)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new StoreOpenError(`Earshot cannot write to its data folder ${dataDir} (${reason}); choose another one with --data-dir or EARSHOT_DATA_DIR.`)
  }
}

/**
 * Opens one database file, refusing (without writing a byte) a file that is not Earshot's:
 * a non-SQLite file, or a SQLite database of another application.
 */
function openOwnDatabase(path: string, label: string, options: OpenStoreOptions): Database.Database {
  const existed = existsSync(path) && statSync(path).size > 0
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  try {
    if (existed) {
      const appId = db.pragma('application_id', { simple: true }) as number
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as { n: number }
      if (appId !== EARSHOT_APPLICATION_ID && (appId !== 0 || tables.n > 0)) {
        throw new StoreOpenError(`${path} is not an Earshot ${label}; Earshot leaves it untouched. Choose another data folder with --data-dir.`)
      }
    }
    return db
  } catch (error) {
    db.close()
    if (error instanceof StoreOpenError) throw error
    const code = (error as { code?: string }).code
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new StoreOpenError(`${path} is not an Earshot ${label} (not a readable SQLite file); Earshot leaves it untouched. Choose another data folder with --data-dir.`)
    }
    throw error
  }
}

function prepareFile(path: string, label: string, migrations: Migration[], synchronous: 'FULL' | 'NORMAL', options: OpenStoreOptions): void {
  const db = openOwnDatabase(path, label, options)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${synchronous}`)
    db.pragma('foreign_keys = ON')
    // Claim the file before the first schema step, so a crash in between never leaves a file
    // that a later start would mistake for someone else's.
    db.pragma(`application_id = ${EARSHOT_APPLICATION_ID}`)
    migrate(db, migrations, label)
  } finally {
    db.close()
  }
}

/**
 * Opens (creating or migrating as needed) the two database files in `dataDir`.
 * earshot.db holds what must never be lost (settings, decks, sources, cursors; later the outbox
 * and triage decisions) and is written with synchronous=FULL. cache.db holds posts, authors and the
 * search index, rebuildable from the networks, with synchronous=NORMAL for ingest speed.
 * Both are opened on one connection (cache.db ATTACHed) so that queries may join them.
 */
export function openStore(dataDir: string, options: OpenStoreOptions = {}): StoreFiles {
  ensureWritableFolder(dataDir)
  const statePath = join(dataDir, STATE_DB_FILE)
  const cachePath = join(dataDir, CACHE_DB_FILE)
  const stateExisted = existsSync(statePath) && statSync(statePath).size > 0
  const cacheExisted = existsSync(cachePath) && statSync(cachePath).size > 0
  prepareFile(statePath, 'state database', stateMigrations, 'FULL', options)
  prepareFile(cachePath, 'cache database', cacheMigrations, 'NORMAL', options)

  const db = new Database(statePath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  try {
    db.pragma('busy_timeout = 5000')
    db.pragma('foreign_keys = ON')
    db.pragma('synchronous = FULL')
    db.prepare('ATTACH DATABASE ? AS cache').run(cachePath)
    db.pragma('cache.synchronous = NORMAL')
    db.pragma('cache.cache_size = -65536')
    db.pragma('temp_store = MEMORY')
  } catch (error) {
    db.close()
    throw error
  }
  return {
    db,
    cacheRebuilt: stateExisted && !cacheExisted,
    close: () => {
      if (db.open) db.close()
    }
  }
}
