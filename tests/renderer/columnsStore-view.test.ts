import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createFakeApi } from './support/fakeApi'
import type { Deck } from '@shared/domain/column'
import { DEFAULT_DECK, DEMO_SOURCE, T0, makePost, makePosts } from './support/fixtures'
import { makeTriage } from './support/triage'
import { mountWith, unmountAll } from './support/mountApp'
import { accessibleText, getByRole, queryAllByRole, queryByRole } from './support/a11y'

beforeEach(() => localStorage.clear())
afterEach(unmountAll)

function column(name: string): HTMLElement {
  return getByRole(document.body, 'region', { name })
}

async function settle(ms = 0): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
  await flushPromises()
  await flushPromises()
}

describe('a column’s unread count', () => {
  test('counts what arrived after the read mark; “Mark all read” clears it and the mark stays', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], sources: [DEMO_SOURCE], posts: makePosts(1, 5) })
    await mountWith(fake)
    expect(queryByRole(column('All mentions'), 'button', { name: 'Mark all read' })).toBeNull()

    fake.addPosts(makePosts(6, 8))
    await settle(550)
    expect(accessibleText(column('All mentions'))).toContain('3 unread')
    // The new posts are demo posts: the Mastodon column has nothing new.
    expect(queryByRole(column('Mastodon'), 'button', { name: 'Mark all read' })).toBeNull()

    getByRole(column('All mentions'), 'button', { name: 'Mark all read' }).click()
    await settle()
    expect(accessibleText(column('All mentions'))).not.toContain('unread')
    expect(queryByRole(column('All mentions'), 'button', { name: 'Mark all read' })).toBeNull()

    // A restart: the mark was kept, so nothing is unread.
    unmountAll()
    await mountWith(createFakeApi({ decks: [DEFAULT_DECK], sources: [DEMO_SOURCE], posts: makePosts(1, 8) }))
    await settle()
    expect(accessibleText(column('All mentions'))).not.toContain('unread')
  })
})

describe('post density', () => {
  test('Compact in the header makes every card compact and is saved in the settings', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], sources: [DEMO_SOURCE], posts: makePosts(1, 3) })
    await mountWith(fake)
    const group = getByRole(document.body, 'group', { name: 'Post density' })
    const compact = getByRole(group, 'radio', { name: 'Compact' }) as HTMLInputElement
    expect((getByRole(group, 'radio', { name: 'Comfortable' }) as HTMLInputElement).checked).toBe(true)
    compact.click()
    await settle()
    expect(fake.callsOf('settings.update').at(-1)?.input).toEqual({ density: 'compact' })
    expect(compact.checked).toBe(true)
    const cards = queryAllByRole(column('All mentions'), 'article')
    expect(cards.length).toBe(3)
    expect(cards.every((card) => card.classList.contains('post--compact'))).toBe(true)
  })
})

describe('the “Needs a reply” column', () => {
  const QUEUE_DECK: Deck = {
    id: 'main',
    name: 'Main deck',
    columns: [{ id: 'needs', title: 'Needs a reply', query: { type: 'needs-reply', filter: {} }, width: 340, collapsed: false }]
  }
  /** Post `n` waiting for a reply with this priority. */
  const waiting = (n: number, priority: number) => makePost(n, { triage: makeTriage(T0, { priority }) })
  const numbers = (): string[] =>
    queryAllByRole(getByRole(column('Needs a reply'), 'feed'), 'article').map((el) => /Post number (\d+)/.exec(accessibleText(el))?.[1] ?? '')

  test('shows the most urgent first; scrolled down, a changed queue waits behind a pill', async () => {
    // Priority falls as posts get newer: newest first would read 12, 11, 10, …
    const fake = createFakeApi({ decks: [QUEUE_DECK], sources: [DEMO_SOURCE], posts: makePosts(1, 12).map((p, i) => waiting(i + 1, 90 - i)) })
    await mountWith(fake)
    expect(numbers().slice(0, 3)).toEqual(['1', '2', '3'])

    const feed = getByRole(column('Needs a reply'), 'feed')
    feed.scrollTop = 600
    feed.dispatchEvent(new Event('scroll'))
    await settle()
    const before = numbers()
    fake.addPosts([waiting(50, 99)])
    await settle()
    expect(numbers()).toEqual(before)

    getByRole(column('Needs a reply'), 'button', { name: 'Queue changed · 1 new' }).click()
    await settle()
    expect(numbers().slice(0, 3)).toEqual(['50', '1', '2'])
    expect(queryByRole(column('Needs a reply'), 'button', { name: /^Queue changed/ })).toBeNull()
  })
})
