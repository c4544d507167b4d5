import type Database from 'better-sqlite3'
import { DECK_LAYOUT_VERSION, migrateDeckLayout, type Deck } from '@shared/domain/column'

/** Decks (boards) with their columns, stored as versioned JSON layouts in the user's order. */
export class DeckRepository {
  private readonly selectAll: Database.Statement
  private readonly upsert: Database.Statement
  private readonly nextPosition: Database.Statement
  private readonly deleteOne: Database.Statement
  private readonly setPosition: Database.Statement

  constructor(private readonly db: Database.Database, private readonly now: () => number) {
    this.selectAll = db.prepare('SELECT layout_version, layout FROM decks ORDER BY position, id')
    this.upsert = db.prepare(`INSERT INTO decks (id, position, layout_version, layout, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET layout_version = excluded.layout_version, layout = excluded.layout, updated_at = excluded.updated_at`)
    this.nextPosition = db.prepare('SELECT coalesce(max(position), -1) + 1 AS position FROM decks')
    this.deleteOne = db.prepare('DELETE FROM decks WHERE id = ?')
    this.setPosition = db.prepare('UPDATE decks SET position = ? WHERE id = ?')
  }

  list(): Deck[] {
    return (this.selectAll.all() as Array<{ layout_version: number; layout: string }>).map((row) =>
      migrateDeckLayout({ version: row.layout_version, deck: JSON.parse(row.layout) as unknown })
    )
  }

  /** Creates or replaces a deck; a new deck goes last, an existing one keeps its place. */
  save(deck: Deck): Deck {
    const { position } = this.nextPosition.get() as { position: number }
    this.upsert.run(deck.id, position, DECK_LAYOUT_VERSION, JSON.stringify(deck), this.now())
    return deck
  }

  /** Removes a deck; returns false when there was none with that id. */
  remove(id: string): boolean {
    return this.deleteOne.run(id).changes > 0
  }

  /** Puts the decks in the given order (ids not given keep their relative order, after the given ones). */
  reorder(ids: string[]): void {
    this.db.transaction(() => {
      const rest = this.list().map((deck) => deck.id).filter((id) => !ids.includes(id))
      ;[...ids, ...rest].forEach((id, position) => this.setPosition.run(position, id))
    })()
  }
}
