import type { Deck } from '@shared/domain/column'

/**
 * The deck a fresh install opens on: everything, the brand's flagship product, the competitors
 * and the demo network, so the deck is useful on the demo workspace from the first second.
 */
export function defaultDeck(): Deck {
  return {
    id: 'main',
    name: 'Main',
    columns: [
      { id: 'all', title: 'All mentions', query: { type: 'all' }, width: 'medium' },
      { id: 'product', title: 'Lumora Book 14', query: { type: 'search', text: '"Book 14"' }, width: 'medium' },
      { id: 'competitors', title: 'Competitors', query: { type: 'search', text: 'Voltic OR Nexaro' }, width: 'medium' },
      { id: 'demo', title: 'Demo network', query: { type: 'network', network: 'demo' }, width: 'medium' }
    ]
  }
}
