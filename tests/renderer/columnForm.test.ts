import { afterEach, describe, expect, test } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ApiError } from '@shared/contract/errors'
import type { Deck } from '@shared/domain/column'
import { SAVE_DELAY_MS } from '@renderer/stores/decks'
import { createFakeApi, type FakeApi } from './support/fakeApi'
import { DEFAULT_DECK, DEMO_SOURCE, makePost } from './support/fixtures'
import { mountWith, unmountAll } from './support/mountApp'
import { accessibleText, getByLabelText, getByRole, queryAllByRole, queryByRole } from './support/a11y'

afterEach(unmountAll)

const body = (): HTMLElement => document.body
const regionNames = (): string[] => queryAllByRole(body(), 'region').map((el) => el.querySelector('h2')?.textContent ?? '')

function type(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  field.value = value
  field.dispatchEvent(new Event('input', { bubbles: true }))
}

/** Ticks a checkbox; a browser updates the page before the next click, so the test waits too. */
async function tick(group: HTMLElement, name: string): Promise<void> {
  getByRole(group, 'checkbox', { name }).click()
  await flushPromises()
}

/** The words the form shows under "Shows". */
function preview(dialog: HTMLElement): string {
  return dialog.querySelector('output')?.textContent?.trim() ?? ''
}

async function openAdd(): Promise<HTMLElement> {
  getByRole(body(), 'button', { name: 'Add column' }).click()
  await flushPromises()
  return getByRole(body(), 'dialog', { name: 'Add column' })
}

async function lastSaved(fake: FakeApi): Promise<Deck | undefined> {
  await new Promise((resolve) => setTimeout(resolve, SAVE_DELAY_MS + 50))
  await flushPromises()
  return (fake.callsOf('decks.save').at(-1)?.input as { deck: Deck } | undefined)?.deck
}

const POSTS = [
  makePost(1, { text: 'The Nimbus battery is great', language: 'en' }),
  makePost(2, { text: 'Nimbus Akku hält ewig', language: 'de' }),
  makePost(3, { network: 'mastodon', text: 'Nimbus on Mastodon', language: 'en' }),
  makePost(4, { text: 'Nothing to see here', language: 'en' })
]

describe('the column form', () => {
  test('builds a column from fields, says the query in words as it grows, and shows matching posts only', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], posts: POSTS, sources: [DEMO_SOURCE] })
    await mountWith(fake)
    const dialog = await openAdd()
    expect(preview(dialog)).toBe('Everything')
    // Focus starts in the search words.
    expect(document.activeElement).toBe(getByLabelText(dialog, 'Search words'))

    type(getByLabelText(dialog, 'Search words'), 'Nimbus')
    await tick(getByRole(dialog, 'group', { name: 'Networks' }), 'Demo')
    await tick(getByRole(dialog, 'group', { name: 'Languages' }), 'German')
    await tick(getByRole(dialog, 'group', { name: 'Languages' }), 'English')
    await flushPromises()
    expect(preview(dialog)).toBe('Demo · German or English · “Nimbus”')
    expect((getByLabelText(dialog, 'Column title (optional)') as HTMLInputElement).placeholder).toBe('Demo · German or English · “Nimbus”')

    await tick(getByRole(dialog, 'group', { name: 'Languages' }), 'English')
    await flushPromises()
    expect(preview(dialog)).toBe('Demo · German · “Nimbus”')
    getByRole(dialog, 'button', { name: 'Add column' }).click()
    await flushPromises()

    expect(queryByRole(body(), 'dialog')).toBeNull()
    expect(regionNames()).toEqual(['All mentions', 'Mastodon', 'Laptop questions', 'Demo · German · “Nimbus”'])
    const column = getByRole(body(), 'region', { name: 'Demo · German · “Nimbus”' })
    const articles = queryAllByRole(getByRole(column, 'feed'), 'article').map((el) => accessibleText(el))
    expect(articles).toHaveLength(1)
    expect(articles[0]).toContain('Nimbus Akku hält ewig')

    const deck = await lastSaved(fake)
    expect(deck?.columns.at(-1)).toEqual({
      id: expect.stringMatching(/^col-/),
      title: 'Demo · German · “Nimbus”',
      query: { type: 'stream', filter: { text: 'Nimbus', networks: ['demo'], languages: ['de'] } },
      width: 340,
      collapsed: false
    })
  })

  test('covers every condition: kind, topics, triage, reach and time, and a title of one’s own', async () => {
    const fake = createFakeApi({
      decks: [DEFAULT_DECK],
      sources: [DEMO_SOURCE],
      triage: {
        teams: [{ id: 'support', name: 'Support', timeZone: 'Europe/Berlin', hours: null }],
        people: [{ id: 'anna', name: 'Anna', teamId: 'support' }]
      }
    })
    await mountWith(fake)
    const dialog = await openAdd()
    getByRole(getByRole(dialog, 'group', { name: 'Column shows' }), 'radio', { name: 'Needs a reply' }).click()
    type(getByLabelText(dialog, 'Topics'), 'Book 14, Voltic ,')
    await tick(getByRole(dialog, 'group', { name: 'Sources' }), 'Demo workspace')
    await tick(getByRole(dialog, 'group', { name: 'Intents' }), 'Complaint')
    await tick(getByRole(dialog, 'group', { name: 'Sentiments' }), 'Negative')
    await tick(getByRole(dialog, 'group', { name: 'Statuses' }), 'Assigned')
    await tick(getByRole(dialog, 'group', { name: 'Teams' }), 'Support')
    await tick(getByRole(dialog, 'group', { name: 'Assigned to' }), 'Anna')
    getByRole(dialog, 'checkbox', { name: 'Only authors on the watchlist' }).click()
    getByRole(dialog, 'checkbox', { name: 'Only posts with media' }).click()
    type(getByLabelText(dialog, 'Minimum followers'), '2,500')
    const window = getByLabelText(dialog, 'Time window') as HTMLSelectElement
    window.value = '24'
    window.dispatchEvent(new Event('change', { bubbles: true }))
    type(getByLabelText(dialog, 'Column title (optional)'), 'Angry VIPs')
    await flushPromises()
    expect(preview(dialog)).toBe(
      'Needs a reply · from Demo workspace · negative · complaints · assigned · team Support · assigned to Anna · watchlist authors · 2.5k+ followers · about Book 14 or Voltic · with media · last 24 h'
    )
    getByRole(dialog, 'button', { name: 'Add column' }).click()
    await flushPromises()

    const column = getByRole(body(), 'region', { name: 'Angry VIPs' })
    expect(accessibleText(column)).toContain('Needs a reply · from Demo workspace')
    expect((await lastSaved(fake))?.columns.at(-1)?.query).toEqual({
      type: 'needs-reply',
      filter: {
        sourceIds: ['demo'],
        sentiments: ['negative'],
        intents: ['complaint'],
        statuses: ['assigned'],
        teamIds: ['support'],
        assignees: ['anna'],
        watchlistOnly: true,
        minFollowers: 2500,
        topics: ['Book 14', 'Voltic'],
        hasMedia: true,
        withinHours: 24
      }
    })
  })

  test('edits a column: the form starts from its query and title', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    await mountWith(fake)
    getByRole(body(), 'button', { name: 'Options for “Mastodon”' }).click()
    await flushPromises()
    getByRole(body(), 'menuitem', { name: 'Edit column…' }).click()
    await flushPromises()
    const dialog = getByRole(body(), 'dialog', { name: 'Edit column' })
    expect((getByRole(getByRole(dialog, 'group', { name: 'Networks' }), 'checkbox', { name: 'Mastodon' }) as HTMLInputElement).checked).toBe(true)
    expect((getByLabelText(dialog, 'Column title (optional)') as HTMLInputElement).value).toBe('Mastodon')

    type(getByLabelText(dialog, 'Search words'), '"spring sale" OR launch*')
    type(getByLabelText(dialog, 'Column title (optional)'), 'Mastodon sale')
    getByRole(dialog, 'button', { name: 'Save column' }).click()
    await flushPromises()

    expect(regionNames()).toEqual(['All mentions', 'Mastodon sale', 'Laptop questions'])
    expect(accessibleText(getByRole(body(), 'region', { name: 'Mastodon sale' }))).toContain('Mastodon · “"spring sale" OR launch*”')
    const saved = (await lastSaved(fake))?.columns.find((c) => c.id === 'masto')
    expect(saved).toMatchObject({ title: 'Mastodon sale', query: { type: 'stream', filter: { networks: ['mastodon'], text: '"spring sale" OR launch*' } } })
  })

  test('says what is wrong in plain words and saves nothing until it is right', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    await mountWith(fake)
    const dialog = await openAdd()
    type(getByLabelText(dialog, 'Search words'), '"Book 14')
    type(getByLabelText(dialog, 'Minimum followers'), 'lots')
    getByRole(dialog, 'button', { name: 'Add column' }).click()
    await flushPromises()

    const alerts = queryAllByRole(dialog, 'alert').map((el) => accessibleText(el))
    expect(alerts).toEqual(['A quote is not closed: put "double quotes" around a whole phrase.', 'Minimum followers must be a whole number, like 1000.'])
    expect(getByLabelText(dialog, 'Search words').getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(getByLabelText(dialog, 'Search words'))

    type(getByLabelText(dialog, 'Search words'), '"Book 14"')
    await flushPromises()
    expect(queryAllByRole(dialog, 'alert')).toHaveLength(1)
    type(getByLabelText(dialog, 'Minimum followers'), '1000')
    getByRole(dialog, 'button', { name: 'Add column' }).click()
    await flushPromises()
    expect(regionNames().at(-1)).toBe('1k+ followers · “Book 14”')
  })

  test('Cancel and Escape leave the deck as it was', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    await mountWith(fake)
    let dialog = await openAdd()
    type(getByLabelText(dialog, 'Search words'), 'Nimbus')
    getByRole(dialog, 'button', { name: 'Cancel' }).click()
    await flushPromises()
    dialog = await openAdd()
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(queryByRole(body(), 'dialog')).toBeNull()
    expect(regionNames()).toEqual(['All mentions', 'Mastodon', 'Laptop questions'])
    expect(await lastSaved(fake)).toBeUndefined()
  })

  test('without triage (it failed to answer) the team and people fields are left out', async () => {
    const fake = createFakeApi({
      decks: [DEFAULT_DECK],
      triage: { teams: [{ id: 'support', name: 'Support', timeZone: 'UTC', hours: null }], people: [] }
    })
    fake.failNext('triage.config', new ApiError('unavailable', 'Not built yet'))
    await mountWith(fake)
    const dialog = await openAdd()
    expect(queryByRole(dialog, 'group', { name: 'Teams' })).toBeNull()
    expect(queryByRole(dialog, 'group', { name: 'Assigned to' })).toBeNull()
    expect(getByRole(dialog, 'group', { name: 'Intents' })).toBeTruthy()
  })
})
