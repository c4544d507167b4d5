import type Database from 'better-sqlite3'
import type { Network } from '@shared/domain/post'
import type { SourceStatus } from '@shared/domain/source'

/** A source as stored (health and counts are joined in by the sources service). */
export interface SourceRecord {
  id: string
  network: Network
  name: string
  enabled: boolean
  demo: boolean
  config: Record<string, unknown>
}

/** Where a source's sync stands: the resumable cursor and the last outcome. */
export interface SyncState {
  cursor: string | null
  lastSyncAt: number | null
  nextSyncAt: number | null
  lastError: string | null
  status: SourceStatus
}

interface SourceRow {
  id: string
  network: string
  name: string
  enabled: number
  demo: number
  config: string
}

interface SyncRow {
  cursor: string | null
  last_sync_at: number | null
  next_sync_at: number | null
  last_error: string | null
  status: string
}

function toRecord(row: SourceRow): SourceRecord {
  return {
    id: row.id,
    network: row.network as Network,
    name: row.name,
    enabled: row.enabled === 1,
    demo: row.demo === 1,
    config: JSON.parse(row.config) as Record<string, unknown>
  }
}

/** Sources and their sync state (cursors are durable: earshot.db, synchronous=FULL). */
export class SourceRepository {
  private readonly selectAll: Database.Statement
  private readonly selectOne: Database.Statement
  private readonly insert: Database.Statement
  private readonly setEnabledStmt: Database.Statement
  private readonly renameStmt: Database.Statement
  private readonly resetCursorsStmt: Database.Statement
  private readonly configStmt: Database.Statement
  private readonly resetOneStmt: Database.Statement
  private readonly removeStmt: Database.Statement
  private readonly selectByConfig: Database.Statement
  private readonly selectSync: Database.Statement
  private readonly upsertSync: Database.Statement

  constructor(db: Database.Database, private readonly now: () => number) {
    this.selectAll = db.prepare('SELECT id, network, name, enabled, demo, config FROM sources ORDER BY demo DESC, created_at, id')
    this.selectOne = db.prepare('SELECT id, network, name, enabled, demo, config FROM sources WHERE id = ?')
    this.insert = db.prepare(`INSERT INTO sources (id, network, name, enabled, demo, config, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`)
    this.setEnabledStmt = db.prepare('UPDATE sources SET enabled = ? WHERE id = ?')
    this.renameStmt = db.prepare('UPDATE sources SET name = ? WHERE id = ?')
    this.resetCursorsStmt = db.prepare('UPDATE sync_state SET cursor = NULL, next_sync_at = NULL')
    this.configStmt = db.prepare('UPDATE sources SET config = ? WHERE id = ?')
    this.resetOneStmt = db.prepare(
      "UPDATE sync_state SET cursor = NULL, next_sync_at = NULL, last_error = NULL, status = 'ok' WHERE source_id = ?"
    )
    this.removeStmt = db.prepare('DELETE FROM sources WHERE id = ?')
    this.selectByConfig = db.prepare(
      'SELECT id, network, name, enabled, demo, config FROM sources WHERE network = ? AND json_extract(config, ?) = ?'
    )
    this.selectSync = db.prepare('SELECT cursor, last_sync_at, next_sync_at, last_error, status FROM sync_state WHERE source_id = ?')
    this.upsertSync = db.prepare(`INSERT INTO sync_state (source_id, cursor, last_sync_at, next_sync_at, last_error, status)
      VALUES (@sourceId, @cursor, @lastSyncAt, @nextSyncAt, @lastError, @status)
      ON CONFLICT(source_id) DO UPDATE SET cursor = excluded.cursor, last_sync_at = excluded.last_sync_at,
        next_sync_at = excluded.next_sync_at, last_error = excluded.last_error, status = excluded.status`)
  }

  list(): SourceRecord[] {
    return (this.selectAll.all() as SourceRow[]).map(toRecord)
  }

  get(id: string): SourceRecord | null {
    const row = this.selectOne.get(id) as SourceRow | undefined
    return row ? toRecord(row) : null
  }

  /** Adds a source unless one with the same id exists. */
  ensure(source: SourceRecord): void {
    this.insert.run(source.id, source.network, source.name, source.enabled ? 1 : 0, source.demo ? 1 : 0,
      JSON.stringify(source.config), this.now())
  }

  setEnabled(id: string, enabled: boolean): void {
    this.setEnabledStmt.run(enabled ? 1 : 0, id)
  }

  /** Forgets every source's position (after the post cache was rebuilt). */
  resetCursors(): void {
    this.resetCursorsStmt.run()
  }

  rename(id: string, name: string): void {
    this.renameStmt.run(name, id)
  }

  /** Replaces what a source listens to and forgets where its sync stood (a new address, a new start). */
  reconfigure(id: string, config: Record<string, unknown>): void {
    this.configStmt.run(JSON.stringify(config), id)
    this.resetOneStmt.run(id)
  }

  /** Removes a source and (by foreign key) its sync state. */
  remove(id: string): void {
    this.removeStmt.run(id)
  }

  /** True when a source with this network and config value (e.g. the same feed URL) exists. */
  findByConfig(network: string, key: string, value: string): SourceRecord | null {
    const row = this.selectByConfig.get(network, `$.${key}`, value) as SourceRow | undefined
    return row ? toRecord(row) : null
  }

  syncState(id: string): SyncState {
    const row = this.selectSync.get(id) as SyncRow | undefined
    return {
      cursor: row?.cursor ?? null,
      lastSyncAt: row?.last_sync_at ?? null,
      nextSyncAt: row?.next_sync_at ?? null,
      lastError: row?.last_error ?? null,
      status: (row?.status as SourceStatus | undefined) ?? 'ok'
    }
  }

  saveSyncState(id: string, state: SyncState): void {
    this.upsertSync.run({ sourceId: id, ...state })
  }
}
