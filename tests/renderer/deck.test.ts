import { afterEach, describe, expect, test } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ApiError } from '@shared/contract/errors'
import { transportStatus } from '@renderer/lib/api'
import { createFakeApi } from './support/fakeApi'
import { DEFAULT_DECK, DEMO_SOURCE, makePost, makePosts } from './support/fixtures'
import { mountWith, unmountAll } from './support/mountApp'
import { accessibleText, getByRole, queryAllByRole, queryByRole } from './support/a11y'

afterEach(unmountAll)

function column(name: string): HTMLElement {
  return getByRole(document.body, 'region', { name })
}

function feedOf(name: string): HTMLElement {
  return getByRole(column(name), 'feed')
}

function articleNames(name: string): string[] {
  return queryAllByRole(feedOf(name), 'article').map((el) => el.getAttribute('aria-label') ?? '')
}

/** Scrolls a feed like a reader would (happy-dom has no layout, but scrollTop and events work). */
async function scrollFeed(name: string, top: number): Promise<void> {
  const feed = feedOf(name)
  feed.scrollTop = top
  feed.dispatchEvent(new Event('scroll'))
  await flushPromises()
}

/** A browser fires `scroll` after a programmatic scroll; happy-dom does not, so tests do. */
async function settleScroll(name: string): Promise<void> {
  feedOf(name).dispatchEvent(new Event('scroll'))
  await flushPromises()
}

describe('the deck', () => {
  test('renders one named section per column of the current deck', async () => {
    await mountWith(createFakeApi({ decks: [DEFAULT_DECK], sources: [DEMO_SOURCE] }))

    const names = queryAllByRole(document.body, 'region').map((el) => el.querySelector('h2')?.textContent)
    expect(names).toEqual(['All mentions', 'Mastodon', 'Laptop questions'])
    for (const title of ['All mentions', 'Mastodon', 'Laptop questions']) {
      expect(getByRole(column(title), 'heading', { name: title })).toBeTruthy()
    }
  })

  test('a column shows its posts as articles with author, network and text', async () => {
    const anna = makePost(7, {
      network: 'mastodon',
      text: 'Is the Nimbus 14 worth it for students?',
      author: {
        id: 'mastodon:anna',
        network: 'mastodon',
        handle: 'anna@social.example',
        displayName: 'Anna Schmidt',
        followers: 12_345,
        avatarUrl: null,
        url: null
      }
    })
    await mountWith(createFakeApi({ decks: [DEFAULT_DECK], posts: [anna, makePost(1)] }))

    const feed = feedOf('Mastodon')
    const article = getByRole(feed, 'article', { name: 'Post by Anna Schmidt' })
    const text = accessibleText(article)
    expect(text).toContain('Anna Schmidt')
    expect(text).toContain('@anna@social.example')
    expect(text).toContain('Mastodon')
    expect(text).toContain('Is the Nimbus 14 worth it for students?')
    expect(text).toContain('12,345 followers')
    // The demo post is not a Mastodon post: only the "All mentions" column has both.
    expect(queryAllByRole(feed, 'article')).toHaveLength(1)
    expect(queryAllByRole(feedOf('All mentions'), 'article')).toHaveLength(2)
    expect(feed.getAttribute('aria-busy')).toBe('false')
  })

  test('new posts appear on top at once while the reader is at the top', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], posts: makePosts(1, 5) })
    await mountWith(fake)
    expect(articleNames('All mentions')).toHaveLength(5)

    fake.addPosts([makePost(100, { author: { ...makePost(100).author, displayName: 'Zoe Newcomer' } })])
    await flushPromises()

    const articles = queryAllByRole(feedOf('All mentions'), 'article')
    expect(articles).toHaveLength(6)
    expect(articles[0]?.getAttribute('aria-label')).toBe('Post by Zoe Newcomer')
    expect(queryByRole(column('All mentions'), 'button', { name: /new post/ })).toBeNull()
    // The column asked only for what is new, from where its page ended.
    const since = fake.callsOf('posts.since')
    expect(since.length).toBeGreaterThanOrEqual(1)
    expect(since[0]?.input).toMatchObject({ query: { type: 'stream', filter: {} }, afterSeq: 5 })
  })

  test('at the top, a post read with the keyboard stays put: new posts wait until focus leaves the column', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], posts: makePosts(1, 5) })
    await mountWith(fake)
    const first = queryAllByRole(feedOf('All mentions'), 'article')[0] as HTMLElement
    first.focus()
    const before = articleNames('All mentions')

    fake.addPosts(makePosts(101, 102))
    await flushPromises()
    expect(articleNames('All mentions')).toEqual(before)
    expect(document.activeElement).toBe(first)
    expect(getByRole(column('All mentions'), 'button', { name: '2 new posts' })).toBeTruthy()

    // Focus elsewhere: the column is at the top and unread again, so what comes next shows at once.
    first.blur()
    getByRole(column('All mentions'), 'button', { name: '2 new posts' }).click()
    await flushPromises()
    fake.addPosts([makePost(103)])
    // A column asks for new posts at most every 500 ms.
    await new Promise((resolve) => setTimeout(resolve, 520))
    await flushPromises()
    const top = queryAllByRole(feedOf('All mentions'), 'article')[0] as HTMLElement
    expect(accessibleText(top)).toContain('Post number 103 ')
    expect(queryByRole(column('All mentions'), 'button', { name: /new posts?$/ })).toBeNull()
  })

  test('while scrolled down, new posts wait behind an "N new posts" pill that merges them', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], posts: makePosts(1, 20) })
    await mountWith(fake)
    await scrollFeed('All mentions', 600)
    const before = articleNames('All mentions')

    fake.addPosts(makePosts(101, 103))
    await flushPromises()

    const pill = getByRole(column('All mentions'), 'button', { name: '3 new posts' })
    // Nothing moved under the reader.
    expect(articleNames('All mentions')).toEqual(before)

    pill.click()
    await flushPromises()
    await settleScroll('All mentions')

    expect(queryByRole(column('All mentions'), 'button', { name: /new posts?$/ })).toBeNull()
    const after = queryAllByRole(feedOf('All mentions'), 'article').map((el) => /Post number (\d+)/.exec(accessibleText(el))?.[1])
    expect(after.slice(0, 5)).toEqual(['103', '102', '101', '20', '19'])
    expect(feedOf('All mentions').scrollTop).toBe(0)
  })

  test('the pill counts every held post and Home merges them too', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], posts: makePosts(1, 20) })
    await mountWith(fake)
    await scrollFeed('All mentions', 600)

    fake.addPosts([makePost(50)])
    await flushPromises()
    expect(getByRole(column('All mentions'), 'button', { name: '1 new post' })).toBeTruthy()

    // Announced again later: coalesced into the same pill.
    await new Promise((resolve) => setTimeout(resolve, 520))
    fake.addPosts(makePosts(51, 52))
    await new Promise((resolve) => setTimeout(resolve, 20))
    await flushPromises()
    expect(getByRole(column('All mentions'), 'button', { name: '3 new posts' })).toBeTruthy()

    const first = queryAllByRole(feedOf('All mentions'), 'article')[0] as HTMLElement
    first.focus()
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }))
    await flushPromises()
    await settleScroll('All mentions')
    expect(queryByRole(column('All mentions'), 'button', { name: /new posts?$/ })).toBeNull()
    expect(accessibleText(queryAllByRole(feedOf('All mentions'), 'article')[0] as HTMLElement)).toContain('Post number 52')
  })

  test('a column that cannot load says so in plain words and retries', async () => {
    const fake = createFakeApi({ decks: [{ ...DEFAULT_DECK, columns: DEFAULT_DECK.columns.slice(0, 1) }], posts: makePosts(1, 3) })
    fake.failNext('posts.query', new ApiError('unavailable', 'The store is busy.'))
    await mountWith(fake)

    const section = column('All mentions')
    expect(accessibleText(section)).toContain('Could not load posts: The store is busy.')
    getByRole(section, 'button', { name: 'Retry' }).click()
    await flushPromises()

    expect(queryAllByRole(feedOf('All mentions'), 'article')).toHaveLength(3)
  })

  test('an empty column and a missing deck are explained', async () => {
    await mountWith(createFakeApi({ decks: [DEFAULT_DECK] }))
    expect(accessibleText(column('Laptop questions'))).toContain('No posts match “laptop” yet.')
    unmountAll()

    await mountWith(createFakeApi({ decks: [] }))
    expect(getByRole(document.body, 'heading', { name: 'No decks yet' })).toBeTruthy()
    expect(queryAllByRole(document.body, 'region')).toHaveLength(0)
  })

  test('an empty column fills as soon as matching posts arrive', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], posts: makePosts(1, 2) })
    await mountWith(fake)
    expect(accessibleText(column('Mastodon'))).toContain('No posts here yet.')

    fake.addPosts([makePost(9, { network: 'mastodon', id: 'mastodon:9' })])
    await flushPromises()
    expect(queryAllByRole(feedOf('Mastodon'), 'article')).toHaveLength(1)
  })

  test('scrolling near the end loads the next page with the cursor', async () => {
    const fake = createFakeApi({ decks: [{ ...DEFAULT_DECK, columns: DEFAULT_DECK.columns.slice(0, 1) }], posts: makePosts(1, 100) })
    await mountWith(fake)
    expect(fake.callsOf('posts.query').map((call) => call.input)).toEqual([{ query: { type: 'stream', filter: {} }, limit: 40 }])
    expect(articleNames('All mentions').length).toBeLessThan(40)

    // Rows measure as ColumnView's estimate here (240 px comfortable): no layout in happy-dom.
    await scrollFeed('All mentions', 40 * 240 - 900)

    const queries = fake.callsOf('posts.query')
    expect(queries).toHaveLength(2)
    expect(queries[1]?.input).toMatchObject({ cursor: expect.stringMatching(/\|demo:61$/), limit: 40 })
    await scrollFeed('All mentions', 80 * 240 - 900)
    expect(accessibleText(feedOf('All mentions'))).toContain('Post number 21 ')
  })
})

describe('the header', () => {
  test('says since when live updates stopped, and forgets it once they are back', async () => {
    await mountWith(createFakeApi({ decks: [DEFAULT_DECK] }))
    const status = getByRole(getByRole(document.body, 'banner'), 'status')
    expect(accessibleText(status)).toBe('')
    transportStatus.set('online')
    transportStatus.set('offline')
    await flushPromises()
    // About this page losing the Earshot host, worded apart from the networks being offline.
    expect(accessibleText(status)).toMatch(/^Earshot unreachable since \d{1,2}:\d{2}/)
    transportStatus.set('online')
    await flushPromises()
    expect(accessibleText(status)).toBe('')
  })

  test('labels the demo workspace and sums up source health', async () => {
    await mountWith(
      createFakeApi({
        decks: [DEFAULT_DECK],
        info: { demoOnly: true },
        sources: [DEMO_SOURCE, { ...DEMO_SOURCE, id: 'rss', network: 'rss', name: 'Tech news', demo: false, status: 'error', lastError: 'Feed returned 500' }]
      })
    )
    const banner = getByRole(document.body, 'banner')
    expect(accessibleText(banner)).toContain('Demo')
    const health = getByRole(banner, 'button', { name: /1 source failing/ })
    health.click()
    await flushPromises()
    const panel = getByRole(document.body, 'dialog', { name: 'Sources' })
    expect(accessibleText(panel)).toContain('Feed returned 500')
    expect(getByRole(panel, 'button', { name: 'Pause Demo workspace' })).toBeTruthy()
  })

  test('a read-only link hides controls that change things and keeps the theme local', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], sources: [DEMO_SOURCE], info: { access: 'read' } })
    await mountWith(fake)
    const banner = getByRole(document.body, 'banner')
    expect(accessibleText(banner)).toContain('View only')
    getByRole(banner, 'button', { name: /source/ }).click()
    await flushPromises()
    expect(queryByRole(document.body, 'button', { name: /Pause/ })).toBeNull()

    const group = getByRole(banner, 'group', { name: 'Theme for this screen' })
    const dark = getByRole(group, 'radio', { name: 'Dark' }) as HTMLInputElement
    dark.click()
    await flushPromises()
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(fake.callsOf('settings.update')).toHaveLength(0)
  })

  test('full access persists the theme through settings', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    await mountWith(fake)
    const group = getByRole(document.body, 'group', { name: 'Theme' })
    ;(getByRole(group, 'radio', { name: 'Light' }) as HTMLInputElement).click()
    await flushPromises()
    expect(fake.callsOf('settings.update').map((c) => c.input)).toEqual([{ theme: 'light' }])
    expect(document.documentElement.dataset.theme).toBe('light')
  })
})
