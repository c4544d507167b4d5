import type Database from 'better-sqlite3'
import { isIntent, type Intent } from '@shared/triage/types'

/** A person's correction of what triage made of a post: the labelled examples the local model learns. */
export interface Correction {
  postId: string
  /** The post's text, kept so the model can be rebuilt after the cache (and the post) is gone. */
  text: string
  language: string | null
  /** The right intent; null when only the team was corrected. */
  intent: Intent | null
  teamId: string | null
  at: number
}

interface CorrectionRow {
  post_id: string
  text: string
  language: string | null
  intent: string | null
  team_id: string | null
  at: number
}

function toCorrection(row: CorrectionRow): Correction {
  return {
    postId: row.post_id,
    text: row.text,
    language: row.language,
    intent: row.intent !== null && isIntent(row.intent) ? row.intent : null,
    teamId: row.team_id,
    at: row.at
  }
}

/** Corrections in the durable store, one per post (a later correction of the same post replaces it). */
export class CorrectionRepository {
  private readonly selectAll: Database.Statement
  private readonly selectOne: Database.Statement
  private readonly upsert: Database.Statement

  constructor(db: Database.Database) {
    this.selectAll = db.prepare('SELECT post_id, text, language, intent, team_id, at FROM main.corrections ORDER BY at, post_id')
    this.selectOne = db.prepare('SELECT post_id, text, language, intent, team_id, at FROM main.corrections WHERE post_id = ?')
    this.upsert = db.prepare(`INSERT INTO main.corrections (post_id, text, language, intent, team_id, at)
      VALUES (@postId, @text, @language, @intent, @teamId, @at)
      ON CONFLICT(post_id) DO UPDATE SET text = excluded.text, language = excluded.language, intent = excluded.intent,
        team_id = excluded.team_id, at = excluded.at`)
  }

  /** Every correction, oldest first (the order the model learned them). */
  all(): Correction[] {
    return (this.selectAll.all() as CorrectionRow[]).map(toCorrection)
  }

  get(postId: string): Correction | null {
    const row = this.selectOne.get(postId) as CorrectionRow | undefined
    return row ? toCorrection(row) : null
  }

  save(correction: Correction): void {
    this.upsert.run(correction)
  }
}
