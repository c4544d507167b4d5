import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ApiError } from '@shared/contract/errors'
import type { Deck } from '@shared/domain/column'
import type { Post } from '@shared/domain/post'
import { DEFAULT_SETTINGS, type Settings } from '@shared/domain/settings'
import type { PostTriage } from '@shared/domain/triage'
import { isWallUrl, wallUrl } from '@shared/wall'
import { transportStatus } from '@renderer/lib/api'
import { formatClock } from '@renderer/lib/format'
import { COUNTERS_MIN_INTERVAL_MS, COUNTERS_TICK_MS } from '@renderer/stores/wall'
import WallApp from '@renderer/components/wall/WallApp.vue'
import { columnsPerScreen, formatSpan, nextScroll, slaClock, wallFontPx, wallPages, WALL_ROWS } from '@renderer/components/wall/wall'
import { createFakeApi, type FakeApiInit } from './support/fakeApi'
import { T0, makePost, makePosts } from './support/fixtures'
import { mountWith, unmountAll } from './support/mountApp'
import { accessibleText, getByRole, queryAllByRole, queryByRole } from './support/a11y'

const MINUTE = 60_000

const TRIAGE: PostTriage = {
  intent: 'help_explicit',
  confidence: 0.9,
  intentCorrected: false,
  sentiment: 'negative',
  sentimentScore: -0.5,
  needsResponse: true,
  priority: 70,
  factors: [],
  watched: false,
  status: 'new',
  teamId: null,
  assignee: null,
  tags: [],
  snoozedUntil: null,
  dueAt: null,
  firstResponseAt: null,
  noteCount: 0
}

function post(n: number, overrides: Partial<Post> = {}): Post {
  return { ...makePost(n), triage: null, ...overrides } as Post
}

const EVERYTHING = { type: 'stream', filter: {} } as const

function deck(id: string, name: string, titles: string[]): Deck {
  return { id, name, columns: titles.map((title, i) => ({ id: `${id}-${i}`, title, query: EVERYTHING, width: 340, collapsed: false })) }
}

function wallSettings(wall: Partial<Settings['wall']>): Settings {
  return { ...DEFAULT_SETTINGS, wall: { ...DEFAULT_SETTINGS.wall, ...wall } }
}

async function mountWall(init: FakeApiInit) {
  const fake = createFakeApi(init)
  await mountWith(fake, WallApp)
  await flushPromises()
  return fake
}

function region(name: string): HTMLElement {
  return getByRole(document.body, 'region', { name })
}

function articles(name: string): HTMLElement[] {
  return queryAllByRole(region(name), 'article')
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  vi.setSystemTime(T0 + 100 * MINUTE)
})

afterEach(() => {
  unmountAll()
  vi.useRealTimers()
})

describe('the wall screen', () => {
  test('shows the deck as named columns of posts, with nothing to press or type into', async () => {
    await mountWall({ decks: [deck('main', 'Office', ['All mentions', 'Urgent'])], posts: makePosts(1, 3).map((p) => post(Number(p.remoteId))) })
    expect(getByRole(document.body, 'heading', { name: 'Office' })).toBeTruthy()
    expect(articles('All mentions').map((el) => el.getAttribute('aria-label'))).toHaveLength(3)
    expect(articles('Urgent')).toHaveLength(3)
    for (const role of ['button', 'link', 'textbox', 'checkbox', 'combobox', 'menu']) {
      expect(queryAllByRole(document.body, role), role).toHaveLength(0)
    }
    expect(document.title).toBe('Office · Earshot wall')
  })

  test('keeps at most WALL_ROWS posts per column, newest first, and puts a new post on top', async () => {
    const fake = await mountWall({ decks: [deck('main', 'Office', ['All'])], posts: makePosts(1, 40).map((p) => post(Number(p.remoteId))) })
    expect(articles('All')).toHaveLength(WALL_ROWS)
    fake.addPosts([post(50, { text: 'Brand new on the wall', author: { ...makePost(50).author, displayName: 'Newcomer' } })])
    await vi.advanceTimersByTimeAsync(1000)
    const list = articles('All')
    expect(list).toHaveLength(WALL_ROWS)
    expect(list[0]?.getAttribute('aria-label')).toBe('Post by Newcomer')
    expect(accessibleText(list[0] as HTMLElement)).toContain('Brand new on the wall')
  })

  test('shows the live counters, and "—" when the core cannot count', async () => {
    const waiting = post(10, { triage: { ...TRIAGE } })
    const fake = createFakeApi({ decks: [deck('main', 'Office', ['All'])], posts: [post(1), post(2), waiting] })
    const counter = (label: string): string => {
      const term = [...document.querySelectorAll('dt')].find((dt) => dt.textContent === label)
      return term?.nextElementSibling?.textContent ?? ''
    }
    fake.failNext('triage.counters', new ApiError('unavailable', 'Not built yet.'))
    await mountWith(fake, WallApp)
    await flushPromises()
    expect(counter('Mentions today')).toBe('—')
    expect(counter('Waiting for reply')).toBe('—')
    expect(counter('Oldest unanswered')).toBe('—')

    await vi.advanceTimersByTimeAsync(COUNTERS_TICK_MS)
    expect(counter('Mentions today')).toBe('3')
    expect(counter('Waiting for reply')).toBe('1')
    // Post 10 was created at T0 + 10 min; the clock stands at T0 + 100 min.
    expect(counter('Oldest unanswered')).toBe('1 h 30 min')
  })

  test('asks for counters at most once per 5 s however fast posts arrive, and on a 30 s tick', async () => {
    const fake = await mountWall({ decks: [deck('main', 'Office', ['All'])], posts: [post(1)] })
    expect(fake.callsOf('triage.counters')).toHaveLength(1)
    for (let i = 0; i < 20; i++) {
      fake.addPosts([post(100 + i)])
      await vi.advanceTimersByTimeAsync(200)
    }
    // 4 s of bursts: one more call waits for the 5 s mark.
    expect(fake.callsOf('triage.counters')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(COUNTERS_MIN_INTERVAL_MS)
    expect(fake.callsOf('triage.counters')).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(COUNTERS_TICK_MS)
    expect(fake.callsOf('triage.counters')).toHaveLength(3)
  })

  test('rotates through the chosen decks on the timer', async () => {
    await mountWall({
      decks: [deck('a', 'Support', ['Queue']), deck('b', 'Marketing', ['Campaign']), deck('c', 'Hidden', ['Secret'])],
      settings: wallSettings({ rotateSeconds: 20, deckIds: ['b', 'a'] }),
      posts: [post(1)]
    })
    expect(queryByRole(document.body, 'region', { name: 'Campaign' })).not.toBeNull()
    expect(queryByRole(document.body, 'heading', { name: 'Marketing' })).not.toBeNull()
    await vi.advanceTimersByTimeAsync(20_000)
    expect(queryByRole(document.body, 'region', { name: 'Campaign' })).toBeNull()
    expect(queryByRole(document.body, 'region', { name: 'Queue' })).not.toBeNull()
    await vi.advanceTimersByTimeAsync(20_000)
    expect(queryByRole(document.body, 'heading', { name: 'Marketing' })).not.toBeNull()
    expect(queryByRole(document.body, 'region', { name: 'Secret' })).toBeNull()
  })

  test('masks e-mail addresses and phone numbers while "hide private data" is on (the default)', async () => {
    const leaky = post(5, {
      text: 'Mail anna@example.com or call +49 30 1234567 about order 4711',
      html: '<p>Mail <a href="mailto:anna@example.com">anna@example.com</a> or call +49 30 1234567 about order 4711</p>'
    })
    await mountWall({ decks: [deck('main', 'Office', ['All'])], posts: [leaky] })
    const text = accessibleText(articles('All')[0] as HTMLElement)
    expect(text).toContain('[e-mail hidden]')
    expect(text).toContain('[phone hidden]')
    expect(text).toContain('order 4711')
    expect(text).not.toContain('anna@example.com')
    expect(document.body.innerHTML).not.toContain('anna@example.com')
  })

  test('shows private data when the setting is off', async () => {
    await mountWall({
      decks: [deck('main', 'Office', ['All'])],
      posts: [post(5, { text: 'Mail anna@example.com' })],
      settings: wallSettings({ hidePrivate: false })
    })
    expect(accessibleText(articles('All')[0] as HTMLElement)).toContain('anna@example.com')
  })

  test('leaves direct messages off the wall while private data is hidden, and shows them when it is not', async () => {
    const posts = [
      post(1, { text: 'Public praise for the Nimbus' }),
      post(2, { text: 'My address is Hauptstraße 5, please call', direct: true, triage: { ...TRIAGE, dueAt: Date.now() + 25 * MINUTE } })
    ]
    await mountWall({ decks: [deck('main', 'Office', ['All'])], posts })
    expect(articles('All').map((el) => accessibleText(el))).toEqual([expect.stringContaining('Public praise')])
    expect(document.body.textContent).not.toContain('Hauptstraße')
    expect(document.body.textContent).not.toContain(posts[1]?.author.displayName)
    unmountAll()

    await mountWall({ decks: [deck('main', 'Office', ['All'])], posts, settings: wallSettings({ hidePrivate: false }) })
    expect(articles('All')).toHaveLength(2)
    expect(accessibleText(region('All'))).toContain('Hauptstraße')
  })

  test('says so when a column holds only direct messages', async () => {
    await mountWall({ decks: [deck('main', 'Office', ['DMs'])], posts: [post(1, { direct: true }), post(2, { direct: true })] })
    expect(articles('DMs')).toHaveLength(0)
    expect(accessibleText(region('DMs'))).toContain('Only direct messages here: they are hidden on the wall.')
  })

  test('shows the reply clock on posts the team owes an answer', async () => {
    const now = Date.now()
    await mountWall({
      decks: [deck('main', 'Office', ['All'])],
      posts: [
        post(1, { triage: { ...TRIAGE, dueAt: now + 25 * MINUTE } }),
        post(2, { triage: { ...TRIAGE, dueAt: now - 12 * MINUTE } }),
        post(3, { triage: { ...TRIAGE, status: 'replied', dueAt: now - 12 * MINUTE } })
      ]
    })
    const [third, second, first] = articles('All').map((el) => accessibleText(el))
    expect(first).toContain('Due in 25 min')
    expect(second).toContain('Overdue 12 min')
    expect(third).not.toMatch(/Due in|Overdue/)
  })

  test('says "Offline since" instead of going blank, and clears it when back', async () => {
    await mountWall({ decks: [deck('main', 'Office', ['All'])], posts: [post(1)] })
    transportStatus.set('online')
    transportStatus.set('offline')
    await flushPromises()
    const status = getByRole(document.body, 'status')
    expect(status.textContent).toContain(`Offline since ${formatClock(transportStatus.since)}`)
    expect(articles('All')).toHaveLength(1)
    transportStatus.set('online')
    await flushPromises()
    expect(getByRole(document.body, 'status').textContent?.trim()).toBe('')
  })

  test('leaves no listeners or timers behind when it goes', async () => {
    const fake = await mountWall({
      decks: [deck('a', 'Support', ['Queue']), deck('b', 'Marketing', ['Campaign'])],
      settings: wallSettings({ rotateSeconds: 10 }),
      posts: [post(1)]
    })
    expect(fake.listenerCount('posts:added')).toBeGreaterThan(0)
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    unmountAll()
    expect(fake.listenerCount('posts:added')).toBe(0)
    expect(fake.listenerCount('posts:changed')).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('wall decisions', () => {
  test('the read-only link and the desktop window ask for the wall with ?view=wall', () => {
    expect(isWallUrl('http://127.0.0.1:5170/?view=wall')).toBe(true)
    expect(isWallUrl('file:///app/out/renderer/index.html?view=wall')).toBe(true)
    expect(isWallUrl('http://127.0.0.1:5170/')).toBe(false)
    expect(isWallUrl('http://127.0.0.1:5170/?view=deck')).toBe(false)
    expect(wallUrl('http://localhost:5173/')).toBe('http://localhost:5173/?view=wall')
  })

  test('splits decks into balanced screenfuls, in the chosen order, without collapsed columns', () => {
    const five = deck('d', 'Five', ['1', '2', '3', '4', '5'])
    expect(wallPages([five], [], 4).map((p) => [p.columns.length, p.part, p.parts])).toEqual([
      [3, 1, 2],
      [2, 2, 2]
    ])
    const folded: Deck = { ...deck('f', 'Folded', ['a', 'b']), columns: deck('f', 'Folded', ['a', 'b']).columns.map((c, i) => ({ ...c, collapsed: i === 0 })) }
    expect(wallPages([five, folded], ['f', 'gone', 'd'], 5).map((p) => [p.deckName, p.columns.map((c) => c.title).join()])).toEqual([
      ['Folded', 'b'],
      ['Five', '1,2,3,4,5']
    ])
  })

  test('sizes type for the room: five columns of ~25 px type on a 1080p screen', () => {
    expect(wallFontPx(1920)).toBe(25)
    expect(columnsPerScreen(1920)).toBe(5)
    expect(wallFontPx(3840)).toBe(44)
    expect(columnsPerScreen(800)).toBeGreaterThanOrEqual(1)
  })

  test('steps down a post at a time with pauses to read, or pages without motion when motion is reduced', () => {
    const stops = [0, 180, 330, 520, 700, 900, 1150, 1400]
    const first = nextScroll({ offset: 0, overflow: 800, viewport: 800, stops, reduced: false })
    // Half a screen (400 px) reaches the posts at 180 and 330: the step ends at the farther one.
    expect(first).toEqual({ offset: 330, moveMs: 800, nextInMs: 8800 })
    expect(nextScroll({ offset: 330, overflow: 800, viewport: 800, stops, reduced: false }).offset).toBe(700)
    // Never past the end, even between stops.
    expect(nextScroll({ offset: 700, overflow: 800, viewport: 800, stops, reduced: false }).offset).toBe(800)
    expect(nextScroll({ offset: 800, overflow: 800, viewport: 800, stops, reduced: false })).toEqual({ offset: 0, moveMs: 1200, nextInMs: 11_200 })
    // One huge post: half a screen, no stop needed.
    expect(nextScroll({ offset: 0, overflow: 3000, viewport: 800, stops: [0, 2900], reduced: false }).offset).toBe(400)
    expect(nextScroll({ offset: 0, overflow: -20, viewport: 800, stops, reduced: false })).toMatchObject({ offset: 0, moveMs: 0 })

    const page = nextScroll({ offset: 0, overflow: 2000, viewport: 800, stops, reduced: true })
    expect(page).toEqual({ offset: 520, moveMs: 0, nextInMs: 12_000 })
    expect(nextScroll({ offset: 1400, overflow: 2000, viewport: 800, stops: [], reduced: true })).toMatchObject({ offset: 2000, moveMs: 0 })
    expect(nextScroll({ offset: 2000, overflow: 2000, viewport: 800, stops, reduced: true })).toMatchObject({ offset: 0, moveMs: 0 })
  })

  test('reads SLA clocks and waits the way a wall should', () => {
    const now = T0
    expect(slaClock({ ...TRIAGE, dueAt: now + 40 * MINUTE }, now)).toEqual({ tone: 'ok', label: 'Due in 40 min' })
    expect(slaClock({ ...TRIAGE, dueAt: now + 5 * MINUTE }, now)?.tone).toBe('soon')
    expect(slaClock({ ...TRIAGE, dueAt: now - 125 * MINUTE }, now)).toEqual({ tone: 'late', label: 'Overdue 2 h 05 min' })
    expect(slaClock({ ...TRIAGE, status: 'done', dueAt: now - MINUTE }, now)).toBeNull()
    expect(slaClock(null, now)).toBeNull()
    expect(formatSpan(3 * 24 * 60 * MINUTE + 4 * 60 * MINUTE)).toBe('3 d 4 h')
  })
})
