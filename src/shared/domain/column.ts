import type { Network } from './post'

/**
 * A column is a saved query over the local store. The union is discriminated by `type`;
 * later issues add variants (language, intent, status, …). Persisted decks carry
 * DECK_LAYOUT_VERSION and go through migrateDeckLayout() when the shape changes.
 */
export type ColumnQuery =
  /** Every stored post, newest first. */
  | { type: 'all' }
  /** Posts from one network. */
  | { type: 'network'; network: Network }
  /** Posts delivered by one source. */
  | { type: 'source'; sourceId: string }
  /** Full-text search (FTS5 syntax: words, "phrases", prefix*, AND/OR/NOT). */
  | { type: 'search'; text: string }

export type ColumnType = ColumnQuery['type']

export type ColumnWidth = 'narrow' | 'medium' | 'wide'

export interface Column {
  /** Stable id, unique within the deck. */
  id: string
  title: string
  query: ColumnQuery
  width: ColumnWidth
}

export interface Deck {
  /** Stable id. */
  id: string
  name: string
  columns: Column[]
}

/** Version of the persisted deck layout; bump it and extend migrateDeckLayout() on change. */
export const DECK_LAYOUT_VERSION = 1

/** How a deck layout is persisted: the deck plus the version it was written with. */
export interface StoredDeckLayout {
  version: number
  deck: Deck
}

/**
 * Brings a stored layout up to DECK_LAYOUT_VERSION. Throws on a layout from a newer
 * Earshot, so that an older build never silently rewrites what it does not understand.
 */
export function migrateDeckLayout(stored: StoredDeckLayout): Deck {
  if (stored.version > DECK_LAYOUT_VERSION) {
    throw new Error(`Deck layout version ${stored.version} is newer than this Earshot understands (${DECK_LAYOUT_VERSION}).`)
  }
  // Version 1 is the first layout; later versions add their steps here, oldest first.
  return stored.deck
}
