import { afterEach, describe, expect, test } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { Deck } from '@shared/domain/column'
import { asYouType, useSearchStore } from '@renderer/stores/search'
import { createFakeApi } from './support/fakeApi'
import { DEFAULT_DECK, DEMO_SOURCE, makePost, makePosts } from './support/fixtures'
import { mountWith, unmountAll, useFake } from './support/mountApp'
import { accessibleText, getByRole, queryAllByRole, queryByRole } from './support/a11y'

afterEach(unmountAll)

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

async function settle(): Promise<void> {
  await wait(10)
  await flushPromises()
}

function type(field: HTMLElement, value: string): void {
  const input = field as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
}

function press(target: Element, key: string): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
}

describe('search as you type', () => {
  test('the word being typed is a prefix; finished words, phrases and operators stay as written', () => {
    expect(asYouType('lapt')).toBe('lapt*')
    expect(asYouType('nimbus lapt')).toBe('nimbus lapt*')
    expect(asYouType('nimbus laptop ')).toBe('nimbus laptop')
    expect(asYouType('"book 14')).toBe('"book 14')
    expect(asYouType('"book 14"')).toBe('"book 14"')
    expect(asYouType('battery OR')).toBe('battery OR')
    expect(asYouType('-refund')).toBe('-refund')
    expect(asYouType('(screen')).toBe('(screen*')
    expect(asYouType('bild*')).toBe('bild*')
    expect(asYouType('größe')).toBe('größe*')
    expect(asYouType('   ')).toBe('')
    // One letter is not a prefix (it would match most of a large store).
    expect(asYouType('l')).toBe('l')
    expect(asYouType('nimbus l')).toBe('nimbus l')
  })
})

describe('the search store', () => {
  test('the first key asks at once; keys typed meanwhile become one follow-up with the latest text', async () => {
    const fake = createFakeApi({ posts: [makePost(1, { text: 'Nimbus laptop' }), makePost(2, { text: 'Nimbus phone' })] })
    useFake(fake)
    const search = useSearchStore()
    const release = fake.hold('posts.query')
    search.setText('ni')
    search.setText('nim')
    search.setText('nimbus pho')
    await flushPromises()
    expect(fake.callsOf('posts.query')).toHaveLength(1)
    expect(fake.callsOf('posts.query')[0]?.input).toMatchObject({ query: { type: 'stream', filter: { text: 'ni*' } } })
    release()
    await settle()
    // The answer for "ni" was never shown: the follow-up asked for what the box says now.
    expect(fake.callsOf('posts.query')).toHaveLength(2)
    expect(fake.callsOf('posts.query')[1]?.input).toMatchObject({ query: { type: 'stream', filter: { text: 'nimbus pho*' } } })
    expect(search.resultsFor).toBe('nimbus pho')
    expect(search.results.map((post) => post.text)).toEqual(['Nimbus phone'])

    // Emptying the box empties the results.
    search.setText('')
    await settle()
    expect(search.results).toHaveLength(0)
    expect(search.status).toBe('idle')
  })
})

describe('the search panel', () => {
  async function mountDeck() {
    const fake = createFakeApi({
      decks: [DEFAULT_DECK],
      sources: [DEMO_SOURCE],
      posts: [...makePosts(1, 3, { text: 'Something else entirely.' }), makePost(10, { text: 'The Nimbus laptop is great.' }), makePost(11, { text: 'My laptop will not boot.' })]
    })
    await mountWith(fake)
    getByRole(document.body, 'button', { name: 'Search everything' }).click()
    await flushPromises()
    const dialog = getByRole(document.body, 'dialog', { name: 'Search everything' })
    const box = getByRole(dialog, 'searchbox', { name: 'Search all stored posts' })
    return { fake, dialog, box }
  }

  test('finds stored posts as the person types and says how many', async () => {
    const { dialog, box } = await mountDeck()
    expect(accessibleText(getByRole(dialog, 'status'))).toContain('Type to search every post')
    type(box, 'lapt')
    await settle()
    const results = getByRole(dialog, 'feed', { name: 'Search results' })
    expect(queryAllByRole(results, 'article').map((article) => accessibleText(article))).toEqual([
      expect.stringContaining('My laptop will not boot.'),
      expect.stringContaining('The Nimbus laptop is great.')
    ])
    expect(accessibleText(getByRole(dialog, 'status'))).toBe('2 posts match “lapt”')

    type(box, 'nothing-like-this')
    await settle()
    expect(accessibleText(getByRole(dialog, 'status'))).toBe('No posts match “nothing-like-this”.')
    expect(queryByRole(dialog, 'feed')).toBeNull()
  })

  test('↓ goes into the results, Enter opens the conversation', async () => {
    const { dialog, box } = await mountDeck()
    type(box, 'boot')
    await settle()
    box.focus()
    press(box, 'ArrowDown')
    await settle()
    const first = queryAllByRole(dialog, 'article')[0] as HTMLElement
    expect(document.activeElement).toBe(first)
    press(first, 'Enter')
    await flushPromises()
    await flushPromises()
    const conversation = getByRole(document.body, 'dialog', { name: 'Conversation' })
    expect(accessibleText(conversation)).toContain('My laptop will not boot.')
  })

  test('“Add as column” adds the search to the current deck', async () => {
    const { fake, dialog, box } = await mountDeck()
    type(box, 'nimbus laptop')
    await settle()
    getByRole(dialog, 'button', { name: 'Add as column' }).click()
    await flushPromises()
    expect(queryByRole(document.body, 'dialog')).toBeNull()
    const column = getByRole(document.body, 'region', { name: 'nimbus laptop' })
    expect(accessibleText(column)).toContain('The Nimbus laptop is great.')
    // Saved (debounced) with the query the results came from.
    await wait(400)
    const saved = fake.callsOf('decks.save').at(-1)?.input as { deck: Deck } | undefined
    expect(saved?.deck.columns.at(-1)).toMatchObject({ title: 'nimbus laptop', query: { type: 'stream', filter: { text: 'nimbus laptop*' } } })
  })

  test('a read-only screen can search but not add columns', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], posts: [makePost(1, { text: 'laptop' })], info: { access: 'read' } })
    await mountWith(fake)
    getByRole(document.body, 'button', { name: 'Search everything' }).click()
    await flushPromises()
    const dialog = getByRole(document.body, 'dialog', { name: 'Search everything' })
    type(getByRole(dialog, 'searchbox'), 'laptop')
    await settle()
    expect(queryAllByRole(dialog, 'article')).toHaveLength(1)
    expect(queryByRole(dialog, 'button', { name: 'Add as column' })).toBeNull()
  })
})
