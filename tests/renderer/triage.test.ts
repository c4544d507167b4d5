import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { defineComponent, h, nextTick } from 'vue'
import { ApiError } from '@shared/contract/errors'
import type { Post } from '@shared/domain/post'
import PostCard from '@renderer/components/post/PostCard.vue'
import TriageHeader from '@renderer/components/triage/TriageHeader.vue'
import { installShortcuts, registerColumn } from '@renderer/composables/useShortcuts'
import { useSystemStore } from '@renderer/stores/system'
import { useTriageStore } from '@renderer/stores/triage'
import { createFakeApi, type FakeApi } from './support/fakeApi'
import { mountWith, unmountAll } from './support/mountApp'
import { T0 } from './support/fixtures'
import { TRIAGE_SETUP, triagedPost } from './support/triage'
import { accessibleText, getByLabelText, getByRole, queryByRole } from './support/a11y'

const NOW = T0 + 10 * 60 * 60_000

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] })
  vi.setSystemTime(NOW)
})

afterEach(() => {
  unmountAll()
  vi.useRealTimers()
  // The notification choice is kept per screen; every test starts without one.
  localStorage.clear()
})

/**
 * The deck in miniature: the header's triage part (bulk bar, toasts, shortcuts) and one column
 * of cards that joins the keyboard layer as ColumnView does.
 */
function deckWith(posts: () => Post[], density: 'comfortable' | 'compact') {
  return defineComponent({
    setup() {
      installShortcuts()
      let section: HTMLElement | null = null
      const stop = registerColumn({
        element: () => section,
        postAt: (card) => posts().find((post) => card.getAttribute('aria-label') === `Post by ${post.author.displayName}`) ?? null,
        move: () => undefined,
        focus: () => undefined,
        home: () => undefined
      })
      return { stop, setSection: (el: Element | null) => (section = el as HTMLElement | null) }
    },
    unmounted() {
      this.stop()
    },
    render() {
      return h('div', [
        h(TriageHeader),
        h(
          'section',
          { 'aria-label': 'Needs a reply', ref: (el) => this.setSection(el as Element | null) },
          posts().map((post) => h(PostCard, { key: post.id, post, tabindex: 0, density }))
        )
      ])
    }
  })
}

async function mountDeck(fake: FakeApi, ids: string[], density: 'comfortable' | 'compact' = 'comfortable'): Promise<HTMLElement> {
  // Cards render the fake's stored posts, re-read after every change, as the columns store does.
  const current = new Map<string, Post>()
  const reread = async (): Promise<void> => {
    for (const id of ids) {
      const post = await fake.api.posts.get({ id })
      if (post) current.set(id, post)
    }
  }
  await reread()
  const { reactive } = await import('vue')
  const state = reactive({ posts: ids.map((id) => current.get(id)).filter((p): p is Post => p !== undefined) })
  fake.api.on('posts:changed', () => {
    void reread().then(() => {
      state.posts = ids.map((id) => current.get(id)).filter((p): p is Post => p !== undefined)
    })
  })
  await mountWith(fake, deckWith(() => state.posts, density))
  // Actions are for full access: the system info says which this is.
  await useSystemStore().load()
  await flushPromises()
  return document.body
}

function card(root: HTMLElement, name: string): HTMLElement {
  return getByRole(root, 'article', { name: `Post by ${name}` })
}

async function settle(): Promise<void> {
  await flushPromises()
  await nextTick()
}

describe('the triage strip on a card', () => {
  test('says what triage understood: intent, sentiment, priority, team, status, tags and the SLA clock', async () => {
    const fake = createFakeApi({
      posts: [triagedPost(0, NOW - 2 * 60_000, { assignee: 'p-jonas', status: 'assigned', tags: ['battery'] })],
      triage: TRIAGE_SETUP
    })
    const root = await mountDeck(fake, ['demo:0'])
    const post = card(root, 'Anna Schmidt')
    const text = accessibleText(post)
    expect(getByRole(post, 'button', { name: 'Intent: Complaint. Correct it' })).toBeTruthy()
    expect(text).toContain('Negative')
    expect(getByRole(post, 'button', { name: /^Priority 86/ }).getAttribute('aria-expanded')).toBe('false')
    expect(text).toContain('Support · Jonas')
    expect(text).toContain('Assigned')
    expect(text).toContain('#battery')
    const clock = getByRole(post, 'timer')
    expect(accessibleText(clock)).toBe('Reply due: 28 min left')
    expect(clock.dataset.level).toBe('ok')
  })

  test('shows nothing for a post that is not classified yet', async () => {
    const fake = createFakeApi({ posts: [{ ...triagedPost(0, NOW), triage: null }], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'])
    const post = card(root, 'Anna Schmidt')
    expect(queryByRole(post, 'timer')).toBeNull()
    expect(queryByRole(post, 'checkbox')).toBeNull()
  })

  test('"why this priority" lists each factor with what it added of its weight', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW)], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'])
    const post = card(root, 'Anna Schmidt')
    getByRole(post, 'button', { name: /^Priority 86/ }).click()
    await nextTick()
    const why = getByRole(post, 'region', { name: 'Why this priority' })
    const items = Array.from(why.querySelectorAll('li')).map((li) => accessibleText(li))
    expect(items).toEqual(['A complaint: +36 / 40', '28 min left of the reply target: +21 / 25', '245k followers: +18 / 20', 'Strongly negative: +11 / 15'])
    expect(accessibleText(why)).toContain('Complaint with 82% confidence')
  })

  test('the author goes on the watchlist from "why this priority"', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW)], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'])
    getByRole(card(root, 'Anna Schmidt'), 'button', { name: /^Priority 86/ }).click()
    await nextTick()
    getByRole(card(root, 'Anna Schmidt'), 'button', { name: 'Put @annaschmidt@social.example on the watchlist' }).click()
    await settle()
    expect(fake.callsOf('triage.setWatched').map((c) => c.input)).toEqual([{ authorId: 'demo:author-0', watched: true }])
    expect(fake.triage.watchlist).toEqual(['demo:author-0'])
    getByRole(card(root, 'Anna Schmidt'), 'button', { name: 'Take @annaschmidt@social.example off the watchlist' }).click()
    await settle()
    expect(fake.triage.watchlist).toEqual([])
  })

  test('the SLA clock counts down on one shared timer and turns from ok to warning to breached, in words too', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW, { dueAt: NOW + 12 * 60_000 })], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'])
    const clock = getByRole(card(root, 'Anna Schmidt'), 'timer')
    expect(accessibleText(clock)).toBe('Reply due: 12 min left')
    expect(clock.dataset.level).toBe('ok')

    vi.advanceTimersByTime(3 * 60_000)
    await nextTick()
    expect(accessibleText(clock)).toBe('Reply due: 9:00 left')
    expect(clock.dataset.level).toBe('warning')
    vi.advanceTimersByTime(1000)
    await nextTick()
    expect(accessibleText(clock)).toBe('Reply due: 8:59 left')

    vi.advanceTimersByTime(10 * 60_000)
    await nextTick()
    expect(clock.dataset.level).toBe('breached')
    expect(accessibleText(clock)).toBe('Reply due: Overdue 1 min')
  })

  test('a clock with most of its time left but under a quarter of the target warns', async () => {
    // A 4-hour target with 50 minutes left: more than ten minutes, less than a quarter.
    const fake = createFakeApi({ posts: [triagedPost(0, NOW - 190 * 60_000, { dueAt: NOW + 50 * 60_000 })], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'])
    expect(getByRole(card(root, 'Anna Schmidt'), 'timer').dataset.level).toBe('warning')
  })

  test('no clock on a post that is done', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW, { status: 'done' })], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'])
    const post = card(root, 'Anna Schmidt')
    expect(queryByRole(post, 'timer')).toBeNull()
    expect(getByRole(post, 'button', { name: 'Reopen' })).toBeTruthy()
  })

  test('correcting the intent goes to the core, and the card says Earshot will remember it', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW)], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'])
    const post = card(root, 'Anna Schmidt')
    getByRole(post, 'button', { name: 'Intent: Complaint. Correct it' }).click()
    await nextTick()
    const menu = getByRole(document.body, 'dialog', { name: 'What is this post?' })
    expect(accessibleText(menu)).toContain('Earshot will remember this')
    getByRole(menu, 'button', { name: /^Asks for help/ }).click()
    await settle()
    expect(fake.callsOf('triage.correct').map((c) => c.input)).toEqual([{ id: 'demo:0', intent: 'help_explicit' }])
    expect(queryByRole(document.body, 'dialog', { name: 'What is this post?' })).toBeNull()
    expect(getByRole(post, 'button', { name: 'Intent: Asks for help. Correct it' })).toBeTruthy()
    expect(getByRole(post, 'status').textContent).toBe('Marked as Asks for help. Earshot will remember this.')
  })

  test('Done, Ignore and Snooze change the status; a refusal is a sentence on the card', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW)], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'])
    let post = card(root, 'Anna Schmidt')

    fake.failNext('triage.update', new ApiError('unavailable', 'Earshot is not reachable. Check that it is still running, then try again.'))
    getByRole(post, 'button', { name: 'Done' }).click()
    await settle()
    expect(getByRole(post, 'alert').textContent).toBe('Could not change the post: Earshot is not reachable. Check that it is still running, then try again.')

    getByRole(post, 'button', { name: 'Done' }).click()
    await settle()
    post = card(root, 'Anna Schmidt')
    expect(queryByRole(post, 'alert')).toBeNull()
    expect(accessibleText(post)).toContain('Done')
    expect(queryByRole(post, 'timer')).toBeNull()

    getByRole(post, 'button', { name: 'Snooze' }).click()
    await nextTick()
    getByRole(getByRole(document.body, 'dialog', { name: 'Snooze until' }), 'button', { name: 'For 1 hour' }).click()
    await settle()
    getByRole(card(root, 'Anna Schmidt'), 'button', { name: 'Ignore' }).click()
    await settle()
    expect(fake.callsOf('triage.update').map((c) => c.input)).toEqual([
      { ids: ['demo:0'], change: { status: 'done' } },
      { ids: ['demo:0'], change: { status: 'done' } },
      { ids: ['demo:0'], change: { status: 'snoozed', snoozedUntil: NOW + 60 * 60_000 } },
      { ids: ['demo:0'], change: { status: 'ignored' } }
    ])
  })

  test('snoozing until a picked time refuses a time in the past', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW)], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'])
    getByRole(card(root, 'Anna Schmidt'), 'button', { name: 'Snooze' }).click()
    await nextTick()
    const menu = getByRole(document.body, 'dialog', { name: 'Snooze until' })
    const field = getByLabelText(menu, 'Until') as HTMLInputElement
    field.value = '2020-01-01T09:00'
    field.dispatchEvent(new Event('input'))
    getByRole(menu, 'button', { name: 'Snooze' }).click()
    await settle()
    expect(getByRole(menu, 'alert').textContent).toBe('Pick a time in the future.')
    expect(fake.callsOf('triage.update')).toHaveLength(0)
  })

  test('Assign offers the teams and their people; picking a person assigns the post', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW)], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'])
    getByRole(card(root, 'Anna Schmidt'), 'button', { name: 'Assign' }).click()
    await nextTick()
    const menu = getByRole(document.body, 'dialog', { name: 'Assign to a team or person' })
    expect(getByRole(menu, 'group', { name: 'Support' })).toBeTruthy()
    getByRole(getByRole(menu, 'group', { name: 'Support' }), 'button', { name: 'Mia' }).click()
    await settle()
    // Same team: no routing correction, just the person.
    expect(fake.callsOf('triage.correct')).toHaveLength(0)
    expect(fake.callsOf('triage.update').map((c) => c.input)).toEqual([{ ids: ['demo:0'], change: { assignee: 'p-mia', status: 'assigned' } }])
    expect(accessibleText(card(root, 'Anna Schmidt'))).toContain('Support · Mia')
  })

  test('moving a post to another team is a routing correction Earshot stores', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW)], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'])
    getByRole(card(root, 'Anna Schmidt'), 'button', { name: 'Assign' }).click()
    await nextTick()
    getByRole(getByRole(document.body, 'dialog', { name: 'Assign to a team or person' }), 'button', { name: 'Sales team' }).click()
    await settle()
    expect(fake.callsOf('triage.correct').map((c) => c.input)).toEqual([{ id: 'demo:0', teamId: 'sales' }])
    expect(fake.callsOf('triage.update')).toHaveLength(0)
  })

  test('tags are added and removed', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW, { tags: ['old'] })], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'])
    getByRole(card(root, 'Anna Schmidt'), 'button', { name: 'Tag' }).click()
    await nextTick()
    const menu = getByRole(document.body, 'dialog', { name: 'Tags' })
    const field = getByLabelText(menu, 'Add a tag') as HTMLInputElement
    field.value = '#refund'
    field.dispatchEvent(new Event('input'))
    getByRole(menu, 'button', { name: 'Add' }).click()
    await settle()
    getByRole(menu, 'button', { name: 'Remove tag old' }).click()
    await settle()
    expect(fake.callsOf('triage.update').map((c) => c.input)).toEqual([
      { ids: ['demo:0'], change: { addTags: ['refund'] } },
      { ids: ['demo:0'], change: { removeTags: ['old'] } }
    ])
    expect(accessibleText(card(root, 'Anna Schmidt'))).toContain('#refund')
  })

  test('notes: the panel lists notes and history and adds a note', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW)], triage: TRIAGE_SETUP, settings: undefined })
    const root = await mountDeck(fake, ['demo:0'])
    getByRole(card(root, 'Anna Schmidt'), 'button', { name: 'Note' }).click()
    await settle()
    const panel = getByRole(document.body, 'dialog', { name: 'Notes and history' })
    expect(accessibleText(panel)).toContain('Nothing has happened to this post yet.')
    const field = getByLabelText(panel, /^Internal note/) as HTMLTextAreaElement
    field.value = 'Called her back, waiting for the serial number.'
    field.dispatchEvent(new Event('input'))
    await nextTick()
    getByRole(panel, 'button', { name: 'Add note' }).click()
    await settle()
    expect(fake.callsOf('triage.addNote').map((c) => c.input)).toEqual([{ id: 'demo:0', text: 'Called her back, waiting for the serial number.' }])
    expect(accessibleText(getByRole(panel, 'region', { name: 'Notes' }))).toContain('Called her back, waiting for the serial number.')
    expect(field.value).toBe('')
  })
})

describe('bulk actions', () => {
  test('selecting posts shows the bulk bar; Done acts on all of them and clears the selection', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW), triagedPost(1, NOW - 60_000)], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0', 'demo:1'])
    expect(queryByRole(root, 'region', { name: 'Bulk actions' })).toBeNull()

    getByRole(card(root, 'Anna Schmidt'), 'checkbox', { name: 'Select post by Anna Schmidt' }).click()
    await nextTick()
    const bar = getByRole(root, 'region', { name: 'Bulk actions' })
    expect(getByRole(bar, 'status').textContent).toBe('1 post selected')
    getByRole(card(root, 'Ben Okafor'), 'checkbox', { name: 'Select post by Ben Okafor' }).click()
    await nextTick()
    expect(getByRole(bar, 'status').textContent).toBe('2 posts selected')

    getByRole(bar, 'button', { name: 'Mark selected done' }).click()
    await settle()
    expect(fake.callsOf('triage.update').map((c) => c.input)).toEqual([{ ids: ['demo:0', 'demo:1'], change: { status: 'done' } }])
    expect(queryByRole(root, 'region', { name: 'Bulk actions' })).toBeNull()
    expect((getByRole(card(root, 'Anna Schmidt'), 'checkbox') as HTMLInputElement).checked).toBe(false)
  })

  test('bulk assign and tag; Clear selection leaves the posts alone', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW), triagedPost(1, NOW - 60_000)], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0', 'demo:1'])
    const select = async (): Promise<HTMLElement> => {
      for (const name of ['Anna Schmidt', 'Ben Okafor']) getByRole(card(root, name), 'checkbox').click()
      await nextTick()
      return getByRole(root, 'region', { name: 'Bulk actions' })
    }
    let bar = await select()
    getByRole(bar, 'button', { name: 'Assign selected' }).click()
    await nextTick()
    getByRole(getByRole(document.body, 'dialog', { name: 'Assign the selected posts' }), 'button', { name: 'Lea' }).click()
    await settle()

    bar = await select()
    getByRole(bar, 'button', { name: 'Tag selected' }).click()
    await nextTick()
    const tags = getByRole(document.body, 'dialog', { name: 'Tag the selected posts' })
    const field = getByLabelText(tags, 'Add a tag') as HTMLInputElement
    field.value = 'recall'
    field.dispatchEvent(new Event('input'))
    getByRole(tags, 'button', { name: 'Add' }).click()
    await settle()

    bar = await select()
    getByRole(bar, 'button', { name: 'Clear selection' }).click()
    await nextTick()
    expect(queryByRole(root, 'region', { name: 'Bulk actions' })).toBeNull()
    expect(fake.callsOf('triage.update').map((c) => c.input)).toEqual([
      { ids: ['demo:0', 'demo:1'], change: { teamId: 'sales', assignee: 'p-lea', status: 'assigned' } },
      { ids: ['demo:0', 'demo:1'], change: { addTags: ['recall'] } }
    ])
  })
})

describe('keyboard', () => {
  test('e marks the focused post done; a and s open its Assign and Snooze menus', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW), triagedPost(1, NOW - 60_000)], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0', 'demo:1'])
    const press = (target: HTMLElement, key: string): void => {
      target.focus()
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
    }
    press(card(root, 'Ben Okafor'), 'e')
    await settle()
    expect(fake.callsOf('triage.update').map((c) => c.input)).toEqual([{ ids: ['demo:1'], change: { status: 'done' } }])

    press(card(root, 'Anna Schmidt'), 'a')
    await settle()
    expect(getByRole(document.body, 'dialog', { name: 'Assign to a team or person' })).toBeTruthy()
    document.body.querySelector<HTMLElement>('.triage-pop')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await nextTick()
    expect(queryByRole(document.body, 'dialog', { name: 'Assign to a team or person' })).toBeNull()

    press(card(root, 'Anna Schmidt'), 's')
    await settle()
    expect(getByRole(document.body, 'dialog', { name: 'Snooze until' })).toBeTruthy()
  })
})

describe('compact cards', () => {
  test('one line of intent, clock, priority and team; the priority’s disclosure shows the rest and the actions', async () => {
    const fake = createFakeApi({
      posts: [triagedPost(0, NOW - 2 * 60_000, { assignee: 'p-jonas', status: 'assigned', tags: ['battery'] })],
      triage: TRIAGE_SETUP
    })
    const root = await mountDeck(fake, ['demo:0'], 'compact')
    const post = card(root, 'Anna Schmidt')
    expect(getByRole(post, 'button', { name: 'Intent: Complaint. Correct it' })).toBeTruthy()
    expect(accessibleText(getByRole(post, 'timer'))).toBe('Reply due: 28 min left')
    const priority = getByRole(post, 'button', { name: 'Priority 86' })
    expect(accessibleText(post)).toContain('Support · Jonas')
    expect(queryByRole(post, 'group', { name: 'Triage actions for the post by Anna Schmidt' })).toBeNull()
    // Sentiment, status and tags wait behind the disclosure (hidden from everyone, not just the eye).
    const line = post.querySelector('.triage-line') as HTMLElement
    expect(line.querySelector('.sentiment')?.matches('.triage--compact:not(.triage--full) .sentiment')).toBe(true)

    priority.click()
    await settle()
    expect(getByRole(post, 'region', { name: 'Why this priority' })).toBeTruthy()
    const actions = getByRole(post, 'group', { name: 'Triage actions for the post by Anna Schmidt' })
    getByRole(actions, 'button', { name: 'Done' }).click()
    await settle()
    expect(fake.callsOf('triage.update').map((c) => c.input)).toEqual([{ ids: ['demo:0'], change: { status: 'done' } }])
  })

  test('a and s still open the menus of a compact card', async () => {
    const fake = createFakeApi({ posts: [triagedPost(0, NOW)], triage: TRIAGE_SETUP })
    const root = await mountDeck(fake, ['demo:0'], 'compact')
    const anna = card(root, 'Anna Schmidt')
    anna.focus()
    anna.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true }))
    await settle()
    await settle()
    expect(getByRole(document.body, 'dialog', { name: 'Assign to a team or person' })).toBeTruthy()
  })
})

describe('header and SLA warnings', () => {
  test('the desktop app notifies without asking first, unless the person turned it off', async () => {
    const shown: string[] = []
    vi.stubGlobal(
      'Notification',
      Object.assign(
        function (this: unknown, title: string) {
          shown.push(title)
        },
        { permission: 'granted', requestPermission: vi.fn() }
      )
    )
    try {
      const fake = createFakeApi({ posts: [triagedPost(0, NOW)], triage: TRIAGE_SETUP, info: { transport: 'electron' } })
      await mountDeck(fake, ['demo:0'])
      fake.emit('sla:warning', { postId: 'demo:0', dueAt: NOW + 5 * 60_000, teamName: 'Support', summary: 'Anna' })
      expect(shown).toEqual(['Reply due in 5 min for Support'])

      expect(await useTriageStore().setNotify(false)).toBeNull()
      fake.emit('sla:warning', { postId: 'demo:0', dueAt: NOW + 4 * 60_000, teamName: 'Support', summary: 'Anna' })
      expect(shown).toHaveLength(1)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  test('the header counts what waits and since when, and follows changes', async () => {
    const fake = createFakeApi({
      posts: [triagedPost(0, NOW - 42 * 60_000), triagedPost(1, NOW - 5 * 60_000), triagedPost(2, NOW, { intent: 'praise', needsResponse: false, dueAt: null })],
      triage: TRIAGE_SETUP
    })
    const root = await mountDeck(fake, ['demo:0', 'demo:1', 'demo:2'])
    expect(accessibleText(root)).toContain('2 waiting · oldest 42 min')

    getByRole(card(root, 'Anna Schmidt'), 'button', { name: 'Done' }).click()
    await settle()
    vi.advanceTimersByTime(2000)
    await settle()
    expect(accessibleText(root)).toContain('1 waiting · oldest 5 min')
  })

  test('an SLA warning is an announced toast, and a desktop notification once the person turned them on', async () => {
    const shown: Array<{ title: string; body?: string }> = []
    class FakeNotification {
      static permission: NotificationPermission = 'default'
      static requestPermission = vi.fn(async () => {
        FakeNotification.permission = 'granted'
        return 'granted' as NotificationPermission
      })
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, ...(options?.body ? { body: options.body } : {}) })
      }

      close(): void {
        // Nothing on screen to take away.
      }
    }
    vi.stubGlobal('Notification', FakeNotification)
    try {
      const fake = createFakeApi({ posts: [triagedPost(0, NOW)], triage: TRIAGE_SETUP })
      const root = await mountDeck(fake, ['demo:0'])
      const store = useTriageStore()
      fake.emit('sla:warning', { postId: 'demo:0', dueAt: NOW + 5 * 60_000, teamName: 'Support', summary: 'Anna Schmidt: my laptop died again' })
      await nextTick()
      const toasts = getByRole(root, 'status', { name: 'SLA warnings' })
      expect(accessibleText(toasts)).toBe('Reply due in 5 min for Support Anna Schmidt: my laptop died again')
      // Not asked yet: no permission prompt without a click, no notification.
      expect(FakeNotification.requestPermission).not.toHaveBeenCalled()
      expect(shown).toEqual([])

      // The toggle in the Triage settings is the click that may ask.
      getByRole(root, 'button', { name: 'Triage' }).click()
      await settle()
      const dialog = getByRole(root, 'dialog', { name: 'Triage' })
      getByRole(dialog, 'checkbox', { name: 'Notify me before SLA breaches' }).click()
      await settle()
      expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1)
      expect(store.notify).toBe(true)

      fake.emit('sla:warning', { postId: 'demo:9', dueAt: NOW + 5 * 60_000, teamName: null, summary: 'Ben: still no answer' })
      await nextTick()
      expect(shown).toEqual([{ title: 'Reply due in 5 min', body: 'Ben: still no answer' }])

      // Two toasts now; each is dismissed on its own.
      const dismiss = Array.from(toasts.querySelectorAll('button'))
      expect(dismiss).toHaveLength(2)
      dismiss[0]?.click()
      await nextTick()
      expect(accessibleText(toasts)).toBe('Reply due in 5 min Ben: still no answer')
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
