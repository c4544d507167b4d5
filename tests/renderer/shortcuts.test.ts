import { afterEach, describe, expect, test, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { effectScope } from 'vue'
import type { Post } from '@shared/domain/post'
import { dispatchShortcut, installShortcuts, listShortcuts, registerShortcut, useShortcut } from '@renderer/composables/useShortcuts'
import { createFakeApi } from './support/fakeApi'
import { DEFAULT_DECK, DEMO_SOURCE, makePost, makePosts } from './support/fixtures'
import { mountWith, unmountAll } from './support/mountApp'
import { accessibleText, getByRole, nameOf, queryAllByRole, queryByRole } from './support/a11y'

afterEach(unmountAll)

/** A key as the browser sends it: to the focused element, bubbling up to the window. */
function press(key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const target = document.activeElement ?? document.body
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(event)
  return event
}

/** Focus moves a few frames after the key (rows render first). */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function focused(): Element | null {
  return document.activeElement
}

function focusedPostText(): string {
  const el = focused()
  return el instanceof HTMLElement && el.tagName === 'ARTICLE' ? accessibleText(el) : `(focus on ${el?.tagName ?? 'nothing'})`
}

function columnOfFocus(): string {
  const section = focused()?.closest('section[aria-labelledby]')
  return section ? nameOf(section) : '(none)'
}

describe('the keyboard layer', () => {
  test('a registered key runs; typing in a field, modifiers and an open dialog keep it out', () => {
    const scope = effectScope()
    const run = vi.fn()
    scope.run(() => {
      installShortcuts()
      useShortcut({ keys: ['x'], description: 'Test key', group: 'General', run })
    })
    try {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true, cancelable: true }))
      expect(run).toHaveBeenCalledTimes(1)

      const input = document.createElement('input')
      document.body.append(input)
      input.focus()
      expect(press('x').defaultPrevented).toBe(false)
      input.remove()

      expect(press('x', { ctrlKey: true }).defaultPrevented).toBe(false)

      const dialog = document.createElement('dialog')
      dialog.setAttribute('open', '')
      document.body.append(dialog)
      expect(press('x').defaultPrevented).toBe(false)
      dialog.remove()
      expect(run).toHaveBeenCalledTimes(1)

      expect(listShortcuts().some((s) => s.description === 'Test key')).toBe(true)
    } finally {
      scope.stop()
    }
    // Gone with its scope: the key does nothing any more.
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true }))
    expect(run).toHaveBeenCalledTimes(1)
    expect(listShortcuts().some((s) => s.description === 'Test key')).toBe(false)
  })

  test('a key can be taken only once per scope, and a shortcut can decline a key', () => {
    const stop = registerShortcut({ keys: ['q'], description: 'First', group: 'General', run: () => false })
    try {
      expect(() => registerShortcut({ keys: ['q'], description: 'Second', group: 'General', run: () => true })).toThrow(/already used for “First”/)
      const event = new KeyboardEvent('keydown', { key: 'q', cancelable: true })
      expect(dispatchShortcut(event)).toBe(false)
      expect(event.defaultPrevented).toBe(false)
    } finally {
      stop()
    }
  })
})

describe('keyboard-only reading of the deck', () => {
  const POSTS: Post[] = [
    ...makePosts(1, 12),
    makePost(20, { network: 'mastodon', text: 'A Mastodon post about the laptop.' }),
    makePost(21, { network: 'mastodon', text: 'Another Mastodon post.' })
  ]

  async function mountDeck() {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], sources: [DEMO_SOURCE], posts: POSTS })
    await mountWith(fake)
    await settle()
    return fake
  }

  test('j/k move between posts, h/l and 1–9 between columns', async () => {
    await mountDeck()
    press('j')
    await settle()
    expect(columnOfFocus()).toBe('All mentions')
    expect(focusedPostText()).toContain('Another Mastodon post.')
    press('j')
    await settle()
    expect(focusedPostText()).toContain('A Mastodon post about the laptop.')
    press('ArrowDown')
    await settle()
    expect(focusedPostText()).toContain('Post number 12')
    press('k')
    await settle()
    expect(focusedPostText()).toContain('A Mastodon post about the laptop.')

    press('l')
    await settle()
    expect(columnOfFocus()).toBe('Mastodon')
    press('ArrowRight')
    await settle()
    expect(columnOfFocus()).toBe('Laptop questions')
    press('h')
    await settle()
    expect(columnOfFocus()).toBe('Mastodon')

    press('1')
    await settle()
    expect(columnOfFocus()).toBe('All mentions')
    // The column remembers where the reader was.
    expect(focusedPostText()).toContain('A Mastodon post about the laptop.')
    press('3')
    await settle()
    expect(columnOfFocus()).toBe('Laptop questions')
    // No ninth column: the key does nothing.
    expect(press('9').defaultPrevented).toBe(false)
  })

  test('Enter opens the conversation with the post highlighted; Escape closes it and focus returns', async () => {
    const fake = await mountDeck()
    fake.addPosts([
      makePost(40, { text: 'Does the laptop come in blue?' }),
      makePost(41, { text: 'Yes, it does.', replyToId: 'demo:40' })
    ])
    await settle()
    press('3')
    await settle()
    // The laptop column, newest first: the question (the answer does not say "laptop").
    expect(focusedPostText()).toContain('Does the laptop come in blue?')
    const opener = focused()
    press('Enter')
    await settle()

    const dialog = getByRole(document.body, 'dialog', { name: 'Conversation' })
    const posts = queryAllByRole(dialog, 'article')
    expect(posts.map((post) => accessibleText(post))).toEqual([expect.stringContaining('Does the laptop come in blue?'), expect.stringContaining('Yes, it does.')])
    expect(posts[0]?.getAttribute('aria-current')).toBe('true')
    expect(focused()).toBe(posts[0])

    press('Escape')
    await settle()
    expect(queryByRole(document.body, 'dialog')).toBeNull()
    expect(focused()).toBe(opener)
  })

  test('/ opens search and ? lists the shortcuts; other keys rest while a dialog is open', async () => {
    await mountDeck()
    press('/')
    await settle()
    const search = getByRole(document.body, 'dialog', { name: 'Search everything' })
    expect(focused()).toBe(getByRole(search, 'searchbox', { name: 'Search all stored posts' }))
    // Typing "j" in the box is text, not navigation.
    expect(press('j').defaultPrevented).toBe(false)
    press('Escape')
    await settle()
    expect(queryByRole(document.body, 'dialog')).toBeNull()

    press('?')
    await settle()
    const help = getByRole(document.body, 'dialog', { name: 'Keyboard shortcuts' })
    const text = accessibleText(help)
    for (const line of ['Next post in the column', 'Go to column 1 to 9', 'Open the post’s conversation', 'Search everything stored']) {
      expect(text).toContain(line)
    }
    // "/" is a key, not the "or" between two keys.
    expect(accessibleText(getByRole(help, 'region', { name: 'General' }))).toMatch(/(^|\s)\/\s*Search everything stored/)
    // The keys the deck bar and column headers handle themselves are listed too, by name for screen readers.
    const local = getByRole(help, 'region', { name: 'In the deck bar and column headers' })
    const localText = accessibleText(local)
    expect(localText).toContain('Alt Shift left arrow or right arrow')
    expect(localText).toContain('Move the focused deck tab, or the column whose drag handle has focus, one place')
    expect(localText).toContain('Shift left arrow or right arrow')
    expect(localText).toContain('Home or End')
    expect(localText).toContain('narrowest or widest')
    // While the list is open, "/" does not open a second dialog behind it.
    press('/')
    await settle()
    expect(queryAllByRole(document.body, 'dialog')).toHaveLength(1)
    press('Escape')
    await settle()
    expect(queryByRole(document.body, 'dialog')).toBeNull()
  })
})
