import { afterEach, describe, expect, test } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ApiError } from '@shared/contract/errors'
import type { Deck } from '@shared/domain/column'
import { DEFAULT_SETTINGS } from '@shared/domain/settings'
import { createFakeApi, type FakeApiInit } from './support/fakeApi'
import { mountWith, unmountAll } from './support/mountApp'
import { getByLabelText, getByRole, queryByRole } from './support/a11y'

afterEach(unmountAll)

function deck(id: string, name: string): Deck {
  return { id, name, columns: [{ id: `${id}-0`, title: 'All', query: { type: 'stream', filter: {} }, width: 340, collapsed: false }] }
}

const DECKS = [deck('support', 'Support'), deck('marketing', 'Marketing'), deck('launch', 'Launch')]

async function openDialog(init: FakeApiInit = {}) {
  const fake = createFakeApi({ decks: DECKS, ...init })
  await mountWith(fake)
  getByRole(document.body, 'button', { name: 'Wall screen' }).click()
  await flushPromises()
  return { fake, dialog: getByRole(document.body, 'dialog', { name: 'Wall screen' }) }
}

function checkbox(root: HTMLElement, name: string): HTMLInputElement {
  return getByRole(root, 'checkbox', { name }) as HTMLInputElement
}

async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function click(el: HTMLElement): Promise<void> {
  el.click()
  await flushPromises()
}

describe('wall screen settings', () => {
  test('shows the saved settings: seconds, private data hidden by default, decks in deck order', async () => {
    const { dialog } = await openDialog({ settings: { ...DEFAULT_SETTINGS, wall: { rotateSeconds: 45, hidePrivate: true, deckIds: ['launch'] } } })
    expect((getByLabelText(dialog, 'Seconds per screen') as HTMLInputElement).value).toBe('45')
    const hide = checkbox(dialog, 'Hide private data')
    expect(hide.checked).toBe(true)
    expect(dialog.textContent).toContain('Leaves direct messages off the wall, and masks e-mail addresses and phone numbers')
    const group = getByRole(dialog, 'group', { name: 'Decks to show' })
    const boxes = ['Support', 'Marketing', 'Launch'].map((name) => checkbox(group, name))
    expect(boxes.map((box) => box.checked)).toEqual([false, false, true])
    expect(Array.from(group.querySelectorAll('label')).map((label) => label.textContent?.trim())).toEqual(['Support', 'Marketing', 'Launch'])
  })

  test('saves rotation, private data and the chosen decks in deck order, then closes', async () => {
    const { fake, dialog } = await openDialog()
    await type(getByLabelText(dialog, 'Seconds per screen') as HTMLInputElement, '0')
    await click(checkbox(dialog, 'Hide private data'))
    await click(checkbox(dialog, 'Launch'))
    await click(checkbox(dialog, 'Support'))
    await click(getByRole(dialog, 'button', { name: 'Save' }))
    expect(fake.callsOf('settings.update').map((call) => call.input)).toEqual([{ wall: { rotateSeconds: 0, hidePrivate: false, deckIds: ['support', 'launch'] } }])
    expect(queryByRole(document.body, 'dialog')).toBeNull()
  })

  test('refuses a rotation that is not a whole number of seconds, and says why a save failed', async () => {
    const { fake, dialog } = await openDialog()
    const seconds = getByLabelText(dialog, 'Seconds per screen') as HTMLInputElement
    await type(seconds, '2.5')
    await click(getByRole(dialog, 'button', { name: 'Save' }))
    expect(getByRole(dialog, 'alert').textContent).toContain('Give a whole number of seconds from 0 to 86,400.')
    expect(seconds.getAttribute('aria-invalid')).toBe('true')
    expect(fake.callsOf('settings.update')).toEqual([])

    await type(seconds, '30')
    fake.failNext('settings.update', new ApiError('unavailable', 'The settings could not be saved.'))
    await click(getByRole(dialog, 'button', { name: 'Save' }))
    expect(getByRole(dialog, 'alert').textContent).toContain('The settings could not be saved')
    expect(queryByRole(document.body, 'dialog', { name: 'Wall screen' })).not.toBeNull()
  })

  test('in a browser, opens the wall screen in a new tab on the same address', async () => {
    const { dialog } = await openDialog()
    const link = getByRole(dialog, 'link', { name: 'Open wall screen' }) as HTMLAnchorElement
    const href = new URL(link.href)
    expect(href.origin).toBe(window.location.origin)
    expect(href.searchParams.get('view')).toBe('wall')
    expect(link.target).toBe('_blank')
  })

  test('in the desktop app, points to the View menu instead', async () => {
    const { dialog } = await openDialog({ info: { transport: 'electron' } })
    expect(queryByRole(dialog, 'link', { name: 'Open wall screen' })).toBeNull()
    expect(dialog.textContent).toContain('View → Open Wall Screen')
  })

  test('a read-only link does not offer it', async () => {
    await mountWith(createFakeApi({ decks: DECKS, info: { access: 'read' } }))
    expect(document.body.textContent).toContain('View only')
    expect(queryByRole(document.body, 'button', { name: 'Wall screen' })).toBeNull()
  })
})
