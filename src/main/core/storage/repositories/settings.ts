import type Database from 'better-sqlite3'
import { DEFAULT_SETTINGS, type Settings } from '@shared/domain/settings'

/** Settings as key/value rows (JSON values); unknown keys from newer builds are left alone. */
export class SettingsRepository {
  private readonly selectAll: Database.Statement
  private readonly upsert: Database.Statement

  constructor(private readonly db: Database.Database) {
    this.selectAll = db.prepare('SELECT key, value FROM settings')
    this.upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  }

  get(): Settings {
    const settings: Settings = { ...DEFAULT_SETTINGS }
    const known = settings as unknown as Record<string, unknown>
    for (const row of this.selectAll.all() as Array<{ key: string; value: string }>) {
      if (Object.hasOwn(DEFAULT_SETTINGS, row.key)) known[row.key] = JSON.parse(row.value) as unknown
    }
    return settings
  }

  update(patch: Partial<Settings>): Settings {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) this.upsert.run(key, JSON.stringify(value))
      }
    })()
    return this.get()
  }
}
