import type { Intent } from './intent'
import type { Network } from './post'
import type { Sentiment, TriageStatus } from './triage'

/**
 * What a column shows: a filter over the local store, built from a form (never typed SQL).
 * Every given condition must hold; an empty list or a missing field means "any".
 */
export interface PostFilter {
  /** Full-text search: words, "phrases", prefix*, AND / OR / NOT (FTS5 syntax, see fts-query). */
  text?: string
  networks?: Network[]
  sourceIds?: string[]
  /** ISO 639-1 codes (de, en, …). */
  languages?: string[]
  sentiments?: Sentiment[]
  intents?: Intent[]
  statuses?: TriageStatus[]
  teamIds?: string[]
  /** Person ids. */
  assignees?: string[]
  /** Only authors on the watchlist. */
  watchlistOnly?: boolean
  minFollowers?: number
  /** Topics: any of these words or phrases (products, campaigns, competitors). */
  topics?: string[]
  hasMedia?: boolean
  /** Only posts created in the last N hours. */
  withinHours?: number
}

/**
 * A column is a saved query over the local store, discriminated by `type`. Persisted decks carry
 * DECK_LAYOUT_VERSION and go through migrateDeckLayout() when the shape changes.
 */
export type ColumnQuery =
  /** Posts matching the filter, newest first. */
  | { type: 'stream'; filter: PostFilter }
  /**
   * The triage queue: posts that need a response and are still open (new or assigned, or
   * snoozed past their time), matching the filter, most urgent first (priority and SLA time left).
   */
  | { type: 'needs-reply'; filter: PostFilter }

export type ColumnType = ColumnQuery['type']

export type ColumnWidth = 'narrow' | 'medium' | 'wide'

/** Column widths in CSS pixels: a column can be resized to any width in this range. */
export const COLUMN_WIDTH_RANGE = { min: 260, max: 720, default: 340 } as const

export interface Column {
  /** Stable id, unique within the deck. */
  id: string
  title: string
  query: ColumnQuery
  /** Width in CSS pixels (COLUMN_WIDTH_RANGE). */
  width: number
  /** Collapsed to a narrow strip showing only its title and unread count. */
  collapsed: boolean
}

export interface Deck {
  /** Stable id. */
  id: string
  name: string
  columns: Column[]
}

/** Version of the persisted deck layout; bump it and extend migrateDeckLayout() on change. */
export const DECK_LAYOUT_VERSION = 2

/** How a deck layout is persisted: the deck plus the version it was written with. */
export interface StoredDeckLayout {
  version: number
  deck: unknown
}

/** Version 1 column queries, before the form-built filter. */
type ColumnQueryV1 =
  | { type: 'all' }
  | { type: 'network'; network: Network }
  | { type: 'source'; sourceId: string }
  | { type: 'search'; text: string }

interface DeckV1 {
  id: string
  name: string
  columns: Array<{ id: string; title: string; query: ColumnQueryV1; width: 'narrow' | 'medium' | 'wide' }>
}

const V1_WIDTHS = { narrow: 280, medium: 340, wide: 460 } as const

function migrateQueryV1(query: ColumnQueryV1): ColumnQuery {
  switch (query.type) {
    case 'all':
      return { type: 'stream', filter: {} }
    case 'network':
      return { type: 'stream', filter: { networks: [query.network] } }
    case 'source':
      return { type: 'stream', filter: { sourceIds: [query.sourceId] } }
    case 'search':
      return { type: 'stream', filter: { text: query.text } }
  }
}

/** v1 → v2: the four fixed query kinds become filters; named widths become pixels; nothing is collapsed. */
function fromV1(deck: DeckV1): Deck {
  return {
    id: deck.id,
    name: deck.name,
    columns: deck.columns.map((column) => ({
      id: column.id,
      title: column.title,
      query: migrateQueryV1(column.query),
      width: V1_WIDTHS[column.width] ?? COLUMN_WIDTH_RANGE.default,
      collapsed: false
    }))
  }
}

/**
 * Brings a stored layout up to DECK_LAYOUT_VERSION. Throws on a layout from a newer
 * Earshot, so that an older build never silently rewrites what it does not understand.
 */
export function migrateDeckLayout(stored: StoredDeckLayout): Deck {
  if (stored.version > DECK_LAYOUT_VERSION) {
    throw new Error(`Deck layout version ${stored.version} is newer than this Earshot understands (${DECK_LAYOUT_VERSION}).`)
  }
  // Each step takes the previous version's shape; add new steps below, oldest first.
  let deck = stored.deck
  if (stored.version <= 1) deck = fromV1(deck as DeckV1)
  return deck as Deck
}
