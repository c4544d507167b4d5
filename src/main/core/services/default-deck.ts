import { COLUMN_WIDTH_RANGE, type Column, type ColumnQuery, type Deck } from '@shared/domain/column'

function column(id: string, title: string, query: ColumnQuery): Column {
  return { id, title, query, width: COLUMN_WIDTH_RANGE.default, collapsed: false }
}

/**
 * The deck a fresh install opens on: the triage queue first ("Needs a reply"), then everything,
 * the brand's flagship product, the competitors and the demo network, so the deck is useful on
 * the demo workspace from the first second.
 */
export function defaultDeck(): Deck {
  return {
    id: 'main',
    name: 'Main',
    columns: [
      column('needs-reply', 'Needs a reply', { type: 'needs-reply', filter: {} }),
      column('all', 'All mentions', { type: 'stream', filter: {} }),
      column('product', 'Lumora Book 14', { type: 'stream', filter: { text: '"Book 14"' } }),
      column('competitors', 'Competitors', { type: 'stream', filter: { text: 'Voltic OR Nexaro' } }),
      column('demo', 'Demo network', { type: 'stream', filter: { networks: ['demo'] } })
    ]
  }
}
