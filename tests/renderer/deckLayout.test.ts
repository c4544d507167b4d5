import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ApiError } from '@shared/contract/errors'
import type { Deck } from '@shared/domain/column'
import { SAVE_DELAY_MS } from '@renderer/stores/decks'
import { createFakeApi, type FakeApi } from './support/fakeApi'
import { DEFAULT_DECK, DEMO_SOURCE, makePost, makePosts } from './support/fixtures'
import { mountWith, unmountAll } from './support/mountApp'
import { accessibleText, getByLabelText, getByRole, queryAllByRole, queryByRole } from './support/a11y'

const SECOND_DECK: Deck = {
  id: 'second',
  name: 'Launch week',
  columns: [{ id: 'all', title: 'Everything', query: { type: 'stream', filter: {} }, width: 340, collapsed: false }]
}

beforeEach(() => localStorage.clear())
afterEach(unmountAll)

const body = (): HTMLElement => document.body
const tablist = (): HTMLElement => getByRole(body(), 'tablist', { name: 'Decks' })
const tabNames = (): string[] => queryAllByRole(tablist(), 'tab').map((tab) => accessibleText(tab))
const regionNames = (): string[] => queryAllByRole(body(), 'region').map((el) => el.querySelector('h2')?.textContent ?? '')
const status = (): string => queryAllByRole(body(), 'status').map((el) => accessibleText(el)).join(' | ')

function press(el: HTMLElement, key: string, modifiers: KeyboardEventInit = {}): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...modifiers }))
}

function type(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  field.value = value
  field.dispatchEvent(new Event('input', { bubbles: true }))
}

/** What a browser's DataTransfer offers drag and drop (happy-dom's DragEvent drops the one it is given). */
function fakeDataTransfer() {
  const data = new Map<string, string>()
  return {
    get types(): string[] {
      return [...data.keys()]
    },
    setData: (type: string, value: string) => void data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    setDragImage: () => undefined,
    effectAllowed: 'all',
    dropEffect: 'none'
  }
}

function dragEvent(type: string, dataTransfer: ReturnType<typeof fakeDataTransfer>, clientX = 0): Event {
  const event = new Event(type, { bubbles: true, cancelable: true })
  Object.defineProperties(event, { dataTransfer: { value: dataTransfer }, clientX: { value: clientX } })
  return event
}

/** Waits for the debounced layout save. */
async function saved(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 50))
  await flushPromises()
}

async function openMenu(name: string): Promise<HTMLElement> {
  getByRole(body(), 'button', { name }).click()
  await flushPromises()
  return getByRole(body(), 'menu', { name })
}

async function choose(menuName: string, item: string): Promise<void> {
  const menu = await openMenu(menuName)
  getByRole(menu, 'menuitem', { name: item }).click()
  await flushPromises()
}

function savedDecks(fake: FakeApi): Deck[] {
  return fake.callsOf('decks.save').map((call) => (call.input as { deck: Deck }).deck)
}

describe('the deck bar', () => {
  test('shows one tab per deck and switches decks; the choice survives a reload of the page', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK, SECOND_DECK], sources: [DEMO_SOURCE] })
    await mountWith(fake)
    expect(tabNames()).toEqual(['Main deck', 'Launch week'])
    expect(getByRole(tablist(), 'tab', { name: 'Main deck' }).getAttribute('aria-selected')).toBe('true')
    expect(regionNames()).toEqual(['All mentions', 'Mastodon', 'Laptop questions'])

    getByRole(tablist(), 'tab', { name: 'Launch week' }).click()
    await flushPromises()
    expect(regionNames()).toEqual(['Everything'])
    const panel = getByRole(body(), 'tabpanel')
    expect(panel.getAttribute('aria-labelledby')).toBe(getByRole(tablist(), 'tab', { name: 'Launch week' }).id)

    unmountAll()
    await mountWith(createFakeApi({ decks: [DEFAULT_DECK, SECOND_DECK] }))
    expect(getByRole(tablist(), 'tab', { name: 'Launch week' }).getAttribute('aria-selected')).toBe('true')
    expect(regionNames()).toEqual(['Everything'])
  })

  test('arrow keys move between tabs; Alt+Shift+Arrow moves the deck, says so and keeps focus', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK, SECOND_DECK] })
    await mountWith(fake)
    const main = getByRole(tablist(), 'tab', { name: 'Main deck' })
    main.focus()
    press(main, 'ArrowRight')
    expect(document.activeElement).toBe(getByRole(tablist(), 'tab', { name: 'Launch week' }))

    main.focus()
    press(main, 'ArrowRight', { altKey: true, shiftKey: true })
    await flushPromises()
    expect(tabNames()).toEqual(['Launch week', 'Main deck'])
    expect(fake.callsOf('decks.reorder').map((call) => call.input)).toEqual([{ ids: ['second', 'main'] }])
    expect(status()).toContain('Moved deck “Main deck” to position 2 of 2.')
    expect(document.activeElement).toBe(getByRole(tablist(), 'tab', { name: 'Main deck' }))
    // The core keeps the order.
    expect((await fake.api.decks.list()).map((deck) => deck.id)).toEqual(['second', 'main'])
  })

  test('a tab dragged onto another moves the deck there; a column cannot be dropped on the tabs', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK, SECOND_DECK] })
    await mountWith(fake)
    const columnDrag = fakeDataTransfer()
    getByRole(body(), 'button', { name: 'Move “Mastodon”' }).dispatchEvent(dragEvent('dragstart', columnDrag))
    const main = getByRole(tablist(), 'tab', { name: 'Main deck' })
    const refused = dragEvent('dragover', columnDrag, -1)
    main.dispatchEvent(refused)
    expect(refused.defaultPrevented).toBe(false)

    const dataTransfer = fakeDataTransfer()
    const launch = getByRole(tablist(), 'tab', { name: 'Launch week' })
    launch.dispatchEvent(dragEvent('dragstart', dataTransfer))
    main.dispatchEvent(dragEvent('dragover', dataTransfer, -1))
    main.dispatchEvent(dragEvent('drop', dataTransfer, -1))
    launch.dispatchEvent(dragEvent('dragend', dataTransfer))
    await flushPromises()
    expect(tabNames()).toEqual(['Launch week', 'Main deck'])
    expect(fake.callsOf('decks.reorder').map((call) => call.input)).toEqual([{ ids: ['second', 'main'] }])
    expect(status()).toContain('Moved deck “Launch week” to position 1 of 2.')
  })

  test('adds a deck by name, shows it at once and offers to add its first column', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    await mountWith(fake)
    getByRole(body(), 'button', { name: 'New deck' }).click()
    await flushPromises()
    const dialog = getByRole(body(), 'dialog', { name: 'New deck' })
    getByRole(dialog, 'button', { name: 'Add deck' }).click()
    await flushPromises()
    expect(accessibleText(getByRole(dialog, 'alert'))).toBe('Give the deck a name.')

    type(getByLabelText(dialog, 'Deck name'), '  Competitors  ')
    getByRole(dialog, 'button', { name: 'Add deck' }).click()
    await flushPromises()

    expect(queryByRole(body(), 'dialog')).toBeNull()
    expect(tabNames()).toEqual(['Main deck', 'Competitors'])
    expect(getByRole(tablist(), 'tab', { name: 'Competitors' }).getAttribute('aria-selected')).toBe('true')
    expect(getByRole(body(), 'heading', { name: '“Competitors” has no columns' })).toBeTruthy()
    expect(getByRole(body(), 'button', { name: 'Add a column' })).toBeTruthy()
    expect(savedDecks(fake)).toEqual([{ id: expect.stringMatching(/^deck-/), name: 'Competitors', columns: [] }])
  })

  test('renames and duplicates the current deck from its options', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK, SECOND_DECK] })
    await mountWith(fake)
    await choose('Options for deck “Main deck”', 'Rename…')
    const dialog = getByRole(body(), 'dialog', { name: 'Rename deck' })
    const field = getByLabelText(dialog, 'Deck name') as HTMLInputElement
    expect(field.value).toBe('Main deck')
    type(field, 'Support')
    getByRole(dialog, 'button', { name: 'Rename' }).click()
    await saved()
    expect(tabNames()).toEqual(['Support', 'Launch week'])
    expect(savedDecks(fake).at(-1)?.name).toBe('Support')

    await choose('Options for deck “Support”', 'Duplicate')
    await flushPromises()
    // The copy sits right after the original, with the same columns, and is shown.
    expect(tabNames()).toEqual(['Support', 'Support copy', 'Launch week'])
    expect(getByRole(tablist(), 'tab', { name: 'Support copy' }).getAttribute('aria-selected')).toBe('true')
    expect(regionNames()).toEqual(['All mentions', 'Mastodon', 'Laptop questions'])
    expect((await fake.api.decks.list()).map((deck) => deck.name)).toEqual(['Support', 'Support copy', 'Launch week'])
  })

  test('removes a deck after asking; the last deck cannot be removed', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK, SECOND_DECK] })
    await mountWith(fake)
    await choose('Options for deck “Main deck”', 'Remove deck…')
    let confirm = getByRole(body(), 'alertdialog', { name: 'Remove deck “Main deck”?' })
    expect(accessibleText(confirm)).toContain('Its 3 columns go with it.')
    // Cancel is the safe default.
    expect(document.activeElement).toBe(getByRole(confirm, 'button', { name: 'Cancel' }))
    getByRole(confirm, 'button', { name: 'Cancel' }).click()
    await flushPromises()
    expect(tabNames()).toEqual(['Main deck', 'Launch week'])

    await choose('Options for deck “Main deck”', 'Remove deck…')
    confirm = getByRole(body(), 'alertdialog', { name: 'Remove deck “Main deck”?' })
    getByRole(confirm, 'button', { name: 'Remove deck' }).click()
    await flushPromises()
    expect(tabNames()).toEqual(['Launch week'])
    expect(fake.callsOf('decks.remove').map((call) => call.input)).toEqual([{ id: 'main' }])
    expect(regionNames()).toEqual(['Everything'])

    const menu = await openMenu('Options for deck “Launch week”')
    expect((getByRole(menu, 'menuitem', { name: 'Remove deck…' }) as HTMLButtonElement).disabled).toBe(true)
  })

  test('a refused removal puts the deck back and says why', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK, SECOND_DECK] })
    fake.failNext('decks.remove', new ApiError('unavailable', 'The store is busy'))
    await mountWith(fake)
    await choose('Options for deck “Main deck”', 'Remove deck…')
    getByRole(getByRole(body(), 'alertdialog'), 'button', { name: 'Remove deck' }).click()
    await flushPromises()
    expect(tabNames()).toEqual(['Main deck', 'Launch week'])
    expect(accessibleText(getByRole(body(), 'alert'))).toContain('Could not remove the deck: The store is busy.')
  })
})

describe('columns in a deck', () => {
  test('Alt+Shift+Arrow on a column’s handle moves it, says so, and saves once', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    await mountWith(fake)
    const handle = getByRole(body(), 'button', { name: 'Move “All mentions”' })
    handle.focus()
    press(handle, 'ArrowRight', { altKey: true, shiftKey: true })
    await flushPromises()
    press(getByRole(body(), 'button', { name: 'Move “All mentions”' }), 'ArrowRight', { altKey: true, shiftKey: true })
    await flushPromises()

    expect(regionNames()).toEqual(['Mastodon', 'Laptop questions', 'All mentions'])
    expect(status()).toContain('Moved “All mentions” to position 3 of 3.')
    expect(document.activeElement).toBe(getByRole(body(), 'button', { name: 'Move “All mentions”' }))
    expect(fake.callsOf('decks.save')).toHaveLength(0)
    await saved()
    expect(savedDecks(fake).map((deck) => deck.columns.map((c) => c.id))).toEqual([['masto', 'laptop', 'all']])
  })

  test('a column dragged by its handle and dropped on the left half of another lands before it', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    await mountWith(fake)
    const handle = getByRole(body(), 'button', { name: 'Move “Laptop questions”' })
    const target = getByRole(body(), 'region', { name: 'All mentions' }).parentElement as HTMLElement
    const dataTransfer = fakeDataTransfer()
    handle.dispatchEvent(dragEvent('dragstart', dataTransfer))
    expect(dataTransfer.types).toEqual(['application/x-earshot-column'])
    // happy-dom has no layout: every box is 0 wide at x = 0, so x = -1 is its left half.
    target.dispatchEvent(dragEvent('dragover', dataTransfer, -1))
    target.dispatchEvent(dragEvent('drop', dataTransfer, -1))
    handle.dispatchEvent(dragEvent('dragend', dataTransfer))
    await flushPromises()
    expect(regionNames()).toEqual(['Laptop questions', 'All mentions', 'Mastodon'])
    expect(status()).toContain('Moved “Laptop questions” to position 1 of 3.')
    await saved()
    expect(savedDecks(fake).map((deck) => deck.columns.map((c) => c.id))).toEqual([['laptop', 'all', 'masto']])
  })

  test('the column menu moves a column left and right, never past the ends', async () => {
    await mountWith(createFakeApi({ decks: [DEFAULT_DECK] }))
    let menu = await openMenu('Options for “All mentions”')
    expect((getByRole(menu, 'menuitem', { name: 'Move left' }) as HTMLButtonElement).disabled).toBe(true)
    getByRole(menu, 'menuitem', { name: 'Move right' }).click()
    await flushPromises()
    expect(regionNames()).toEqual(['Mastodon', 'All mentions', 'Laptop questions'])
    menu = await openMenu('Options for “All mentions”')
    getByRole(menu, 'menuitem', { name: 'Move left' }).click()
    await flushPromises()
    expect(regionNames()).toEqual(['All mentions', 'Mastodon', 'Laptop questions'])
  })

  test('the edge between columns is a separator that resizes with the arrow keys, within limits', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    await mountWith(fake)
    const edge = getByRole(body(), 'separator', { name: 'Resize “All mentions”' })
    expect(edge.getAttribute('aria-orientation')).toBe('vertical')
    expect([edge.getAttribute('aria-valuenow'), edge.getAttribute('aria-valuemin'), edge.getAttribute('aria-valuemax')]).toEqual(['340', '260', '720'])

    edge.focus()
    // Each key press is its own task in a browser: the page updates in between.
    for (const [key, shiftKey] of [['ArrowRight', false], ['ArrowRight', false], ['ArrowLeft', true]] as const) {
      press(edge, key, { shiftKey })
      await flushPromises()
    }
    expect(edge.getAttribute('aria-valuenow')).toBe('300')
    expect((edge.parentElement as HTMLElement).style.width).toBe('300px')
    press(edge, 'Home')
    await flushPromises()
    expect(edge.getAttribute('aria-valuenow')).toBe('260')
    press(edge, 'ArrowLeft')
    await flushPromises()
    expect(edge.getAttribute('aria-valuenow')).toBe('260')

    await saved()
    // Five key presses, one save.
    expect(savedDecks(fake).map((deck) => deck.columns[0]?.width)).toEqual([260])
  })

  test('the echo of an earlier save never undoes a change made since', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    await mountWith(fake)
    const edge = getByRole(body(), 'separator', { name: 'Resize “All mentions”' })
    const release = fake.hold('decks.save')
    press(edge, 'ArrowRight')
    await saved()
    expect(fake.callsOf('decks.save')).toHaveLength(1)
    // While the first save (360) travels, the reader goes on (380)…
    press(edge, 'ArrowRight')
    await flushPromises()
    // …and its answer, with the 360 it carried, arrives.
    release()
    await flushPromises()
    expect(edge.getAttribute('aria-valuenow')).toBe('380')
    await saved()
    expect(savedDecks(fake).map((deck) => deck.columns[0]?.width)).toEqual([360, 380])
    expect((await fake.api.decks.list())[0]?.columns[0]?.width).toBe(380)
  })

  test('dragging the edge resizes the column', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    await mountWith(fake)
    const edge = getByRole(body(), 'separator', { name: 'Resize “Mastodon”' })
    edge.dispatchEvent(new PointerEvent('pointerdown', { button: 0, clientX: 600, pointerId: 1, bubbles: true }))
    edge.dispatchEvent(new PointerEvent('pointermove', { clientX: 650, pointerId: 1, bubbles: true }))
    edge.dispatchEvent(new PointerEvent('pointermove', { clientX: 720, pointerId: 1, bubbles: true }))
    edge.dispatchEvent(new PointerEvent('pointerup', { clientX: 720, pointerId: 1, bubbles: true }))
    await flushPromises()
    expect(edge.getAttribute('aria-valuenow')).toBe('400')
    await saved()
    expect(savedDecks(fake).at(-1)?.columns.find((c) => c.id === 'masto')?.width).toBe(400)
  })

  test('a collapsed column is a strip with its title and unread count; expanding brings the posts back', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], posts: makePosts(1, 3, { network: 'mastodon' }) })
    await mountWith(fake)
    getByRole(body(), 'button', { name: 'Collapse “Mastodon”' }).click()
    await flushPromises()

    const strip = getByRole(body(), 'region', { name: 'Mastodon' })
    expect(queryByRole(strip, 'feed')).toBeNull()
    expect(document.activeElement).toBe(getByRole(strip, 'button', { name: 'Expand “Mastodon”' }))
    expect(accessibleText(strip)).not.toContain('unread')

    fake.addPosts([makePost(40, { network: 'mastodon' }), makePost(41, { network: 'mastodon' }), makePost(42)])
    await new Promise((resolve) => setTimeout(resolve, 1100))
    await flushPromises()
    expect(accessibleText(strip)).toContain('2 unread')

    await saved()
    expect(savedDecks(fake).at(-1)?.columns.find((c) => c.id === 'masto')?.collapsed).toBe(true)

    getByRole(strip, 'button', { name: 'Expand “Mastodon”' }).click()
    await flushPromises()
    expect(queryAllByRole(getByRole(getByRole(body(), 'region', { name: 'Mastodon' }), 'feed'), 'article').length).toBe(5)
  })

  test('removes a column after asking', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    await mountWith(fake)
    await choose('Options for “Mastodon”', 'Remove column…')
    const confirm = getByRole(body(), 'alertdialog', { name: 'Remove column “Mastodon”?' })
    getByRole(confirm, 'button', { name: 'Remove column' }).click()
    await flushPromises()
    expect(regionNames()).toEqual(['All mentions', 'Laptop questions'])
    expect(status()).toContain('Removed column “Mastodon”.')
    // Focus lands on the neighbour that took its place, not on the page's body.
    expect(document.activeElement).toBe(getByRole(body(), 'button', { name: 'Move “Laptop questions”' }))
    await saved()
    expect(savedDecks(fake).at(-1)?.columns.map((c) => c.id)).toEqual(['all', 'laptop'])
  })

  test('the header says the query in words, naming sources', async () => {
    const deck: Deck = {
      ...DEFAULT_DECK,
      columns: [
        {
          id: 'q',
          title: 'Queue',
          query: { type: 'needs-reply', filter: { sourceIds: ['demo'], languages: ['de', 'en'], minFollowers: 1000 } },
          width: 340,
          collapsed: false
        }
      ]
    }
    await mountWith(createFakeApi({ decks: [deck], sources: [DEMO_SOURCE] }))
    expect(accessibleText(getByRole(body(), 'region', { name: 'Queue' }))).toContain(
      'Needs a reply · from Demo workspace · German or English · 1k+ followers'
    )
  })

  test('a read-only link can switch decks but sees no controls that change them', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK, SECOND_DECK], info: { access: 'read' } })
    await mountWith(fake)
    expect(tabNames()).toEqual(['Main deck', 'Launch week'])
    for (const name of ['New deck', 'Add column', /^Options for/, /^Move “/, /^Collapse “/]) {
      expect(queryAllByRole(body(), 'button', { name })).toHaveLength(0)
    }
    expect(queryAllByRole(body(), 'separator')).toHaveLength(0)
    getByRole(tablist(), 'tab', { name: 'Launch week' }).click()
    await flushPromises()
    expect(regionNames()).toEqual(['Everything'])
    expect(fake.callsOf('decks.save')).toHaveLength(0)
  })

  test('a save that fails says so and can be tried again', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    fake.failNext('decks.save', new ApiError('unavailable', 'The disk is full'))
    await mountWith(fake)
    getByRole(body(), 'button', { name: 'Collapse “Laptop questions”' }).click()
    await saved()
    const alert = getByRole(body(), 'alert')
    expect(accessibleText(alert)).toContain('Could not save “Main deck”: The disk is full.')
    getByRole(alert, 'button', { name: 'Try again' }).click()
    await flushPromises()
    expect(queryByRole(body(), 'alert')).toBeNull()
    expect((await fake.api.decks.list())[0]?.columns.find((c) => c.id === 'laptop')?.collapsed).toBe(true)
  })
})
