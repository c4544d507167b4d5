import { afterEach, describe, expect, test } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ApiError } from '@shared/contract/errors'
import type { Source } from '@shared/domain/source'
import { createFakeApi, type FakeApi } from './support/fakeApi'
import { DEFAULT_DECK, DEMO_SOURCE, T0, makePost, makePosts } from './support/fixtures'
import { mountWith, unmountAll } from './support/mountApp'
import { accessibleText, getByRole, queryAllByRole, queryByRole } from './support/a11y'

afterEach(unmountAll)

const BLOG: Source = {
  id: 'rss-blog',
  network: 'rss',
  name: 'Lumora blog',
  enabled: true,
  demo: false,
  status: 'ok',
  lastSyncAt: Date.now() - 3 * 60_000,
  nextSyncAt: Date.now() + 12 * 60_000,
  postCount: 1234,
  lastError: null,
  kind: 'feed',
  address: 'https://blog.lumora.example/feed.xml'
}

const BROKEN: Source = {
  ...BLOG,
  id: 'rss-gone',
  name: 'Old forum',
  status: 'error',
  postCount: 12,
  lastError: 'the feed is gone (HTTP 404) — check the address'
}

function banner(): HTMLElement {
  return getByRole(document.body, 'banner')
}

async function openPanel(): Promise<HTMLElement> {
  getByRole(banner(), 'button', { name: /^Sources:/ }).click()
  await flushPromises()
  return getByRole(document.body, 'dialog', { name: 'Sources' })
}

function item(panel: HTMLElement, name: string): HTMLElement {
  return getByRole(panel, 'listitem', { name })
}

function type(input: HTMLElement, value: string): void {
  const field = input as HTMLInputElement
  field.value = value
  field.dispatchEvent(new Event('input', { bubbles: true }))
}

async function submitFeed(panel: HTMLElement, url: string): Promise<HTMLInputElement> {
  const field = getByRole(panel, 'textbox', { name: 'Feed or website address' }) as HTMLInputElement
  type(field, url)
  await flushPromises()
  getByRole(panel, 'button', { name: 'Add feed' }).click()
  await flushPromises()
  return field
}

function mountSources(init: Parameters<typeof createFakeApi>[0] = {}): Promise<FakeApi> {
  const fake = createFakeApi({ decks: [DEFAULT_DECK], sources: [DEMO_SOURCE, BLOG, BROKEN], ...init })
  return mountWith(fake).then(() => fake)
}

describe('the Sources panel', () => {
  test('opens from the header as a dialog that lists every source with its state in words', async () => {
    await mountSources()
    const opener = getByRole(banner(), 'button', { name: /^Sources: 1 source failing/ })
    opener.focus()
    const panel = await openPanel()

    const names = queryAllByRole(panel, 'listitem').map((el) => el.getAttribute('data-source-id'))
    expect(names).toEqual(['demo', 'rss-blog', 'rss-gone'])

    const blog = accessibleText(item(panel, 'Lumora blog'))
    expect(blog).toContain('RSS/Atom')
    expect(blog).toContain('Up to date')
    expect(blog).toContain('Synced 3 min ago')
    expect(blog).toContain('Next sync in 12 min')
    expect(blog).toContain('1,234 posts')

    const broken = item(panel, 'Old forum')
    expect(accessibleText(broken)).toContain('Failing')
    const error = getByRole(broken, 'status')
    expect(accessibleText(error)).toBe('Last error: the feed is gone (HTTP 404) — check the address')

    // The demo is labelled and can only be paused.
    const demo = item(panel, 'Demo workspace')
    expect(accessibleText(demo)).toContain('Demo')
    expect(queryAllByRole(demo, 'button').map((b) => b.getAttribute('aria-label'))).toEqual(['Pause Demo workspace'])
    expect(getByRole(item(panel, 'Lumora blog'), 'button', { name: 'Sync now: Lumora blog' })).toBeTruthy()
    expect(getByRole(item(panel, 'Lumora blog'), 'button', { name: 'Rename Lumora blog' })).toBeTruthy()
    expect(getByRole(item(panel, 'Lumora blog'), 'button', { name: 'Remove Lumora blog' })).toBeTruthy()

    // Focus went into the dialog; Escape closes it and gives focus back to the opener.
    expect(panel.contains(document.activeElement)).toBe(true)
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(queryByRole(document.body, 'dialog', { name: 'Sources' })).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  test('Tab stays inside the dialog', async () => {
    await mountSources()
    const panel = await openPanel()
    const buttons = queryAllByRole(panel, 'button')
    const last = buttons[buttons.length - 1] as HTMLElement
    last.focus()
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }))
    expect(document.activeElement).toBe(getByRole(panel, 'button', { name: 'Close sources' }))
    ;(document.activeElement as HTMLElement).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, cancelable: true })
    )
    expect(document.activeElement).toBe(last)
  })

  test('adding a feed calls the api, clears the form and shows the new source', async () => {
    const fake = await mountSources()
    const release = fake.hold('sources.addFeed')
    const panel = await openPanel()
    const field = await submitFeed(panel, ' https://blog.example.com/ ')

    // While the core looks, the form says so and a second submit does nothing.
    expect(accessibleText(panel)).toContain('Looking for a feed…')
    expect(getByRole(panel, 'button', { name: 'Add feed' }).getAttribute('aria-disabled')).toBe('true')
    getByRole(panel, 'button', { name: 'Add feed' }).click()
    await flushPromises()
    expect(fake.callsOf('sources.addFeed')).toHaveLength(1)

    release()
    await flushPromises()
    expect(fake.callsOf('sources.addFeed').map((c) => c.input)).toEqual([{ url: 'https://blog.example.com/' }])
    expect(field.value).toBe('')
    expect(item(panel, 'https://blog.example.com/')).toBeTruthy()
    expect(accessibleText(panel)).toContain('Added “https://blog.example.com/” with 0 posts.')
    expect(accessibleText(panel)).not.toContain('Looking for a feed')
  })

  test('passes the optional name along', async () => {
    const fake = await mountSources()
    const panel = await openPanel()
    type(getByRole(panel, 'textbox', { name: 'Name (optional)' }), 'Competitor news')
    await submitFeed(panel, 'news.example.com')
    expect(fake.callsOf('sources.addFeed').map((c) => c.input)).toEqual([{ url: 'news.example.com', name: 'Competitor news' }])
    expect(item(panel, 'Competitor news')).toBeTruthy()
  })

  test('a refusal shows the core’s sentence next to the field and keeps what was typed', async () => {
    const fake = await mountSources()
    fake.failNext('sources.addFeed', new ApiError('invalid_input', 'There is no RSS or Atom feed at https://shop.example.com/.'))
    const panel = await openPanel()
    const field = await submitFeed(panel, 'https://shop.example.com/')

    expect(field.value).toBe('https://shop.example.com/')
    expect(field.getAttribute('aria-invalid')).toBe('true')
    const described = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent?.trim())
    expect(described[0]).toBe('There is no RSS or Atom feed at https://shop.example.com/.')
    expect(getByRole(panel, 'alert').textContent).toContain('There is no RSS or Atom feed at https://shop.example.com/.')
    expect(document.activeElement).toBe(field)
    expect(queryAllByRole(panel, 'listitem')).toHaveLength(3)

    // Editing the address clears the complaint about the old one.
    type(field, 'https://shop.example.com/blog/')
    await flushPromises()
    expect(field.getAttribute('aria-invalid')).toBeNull()
  })

  test('an empty address is explained without asking the core', async () => {
    const fake = await mountSources()
    const panel = await openPanel()
    const field = await submitFeed(panel, '   ')
    expect(fake.callsOf('sources.addFeed')).toHaveLength(0)
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(accessibleText(panel)).toContain('Type the address of a feed or of a website that has one.')
  })

  test('remove asks whether to keep the posts and passes the choice on', async () => {
    const fake = await mountSources({ posts: [makePost(1, { sourceId: 'rss-blog' }), makePost(2)] })
    const panel = await openPanel()

    getByRole(item(panel, 'Lumora blog'), 'button', { name: 'Remove Lumora blog' }).click()
    await flushPromises()
    const question = getByRole(item(panel, 'Lumora blog'), 'group', { name: 'Remove “Lumora blog”? Keep its 1,234 posts?' })
    // Nothing is removed until a choice is made; Cancel is where focus lands.
    expect(fake.callsOf('sources.remove')).toHaveLength(0)
    expect(document.activeElement).toBe(getByRole(question, 'button', { name: 'Cancel' }))
    getByRole(question, 'button', { name: 'Remove source, keep posts' }).click()
    await flushPromises()
    expect(fake.callsOf('sources.remove').map((c) => c.input)).toEqual([{ id: 'rss-blog', keepPosts: true }])
    expect(queryByRole(panel, 'listitem', { name: 'Lumora blog' })).toBeNull()
    expect(accessibleText(panel)).toContain('Removed “Lumora blog”; its 1,234 posts stay in your columns.')

    getByRole(item(panel, 'Old forum'), 'button', { name: 'Remove Old forum' }).click()
    await flushPromises()
    getByRole(item(panel, 'Old forum'), 'button', { name: 'Remove source and its posts' }).click()
    await flushPromises()
    expect(fake.callsOf('sources.remove').map((c) => c.input)).toEqual([
      { id: 'rss-blog', keepPosts: true },
      { id: 'rss-gone', keepPosts: false }
    ])
    expect(accessibleText(panel)).toContain('Removed “Old forum” and its 12 posts.')
  })

  test('Escape in the remove question only cancels the question', async () => {
    const fake = await mountSources()
    const panel = await openPanel()
    getByRole(item(panel, 'Lumora blog'), 'button', { name: 'Remove Lumora blog' }).click()
    await flushPromises()
    ;(document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(getByRole(document.body, 'dialog', { name: 'Sources' })).toBe(panel)
    expect(queryByRole(panel, 'group', { name: /Keep its/ })).toBeNull()
    expect(document.activeElement).toBe(getByRole(panel, 'button', { name: 'Remove Lumora blog' }))
    expect(fake.callsOf('sources.remove')).toHaveLength(0)
  })

  test('pause, sync now and rename work on one source and report failures in the item', async () => {
    const fake = await mountSources()
    const panel = await openPanel()

    getByRole(panel, 'button', { name: 'Pause Lumora blog' }).click()
    await flushPromises()
    expect(fake.callsOf('sources.setEnabled').map((c) => c.input)).toEqual([{ id: 'rss-blog', enabled: false }])
    expect(accessibleText(item(panel, 'Lumora blog'))).toContain('Paused')
    getByRole(panel, 'button', { name: 'Resume Lumora blog' }).click()
    await flushPromises()

    fake.failNext('sources.syncNow', new ApiError('unavailable', 'Could not reach forum.example.com: connection refused.'))
    getByRole(panel, 'button', { name: 'Sync now: Old forum' }).click()
    await flushPromises()
    expect(getByRole(item(panel, 'Old forum'), 'alert').textContent).toContain('Could not sync: Could not reach forum.example.com: connection refused.')
    getByRole(panel, 'button', { name: 'Sync now: Old forum' }).click()
    await flushPromises()
    expect(accessibleText(item(panel, 'Old forum'))).toContain('Up to date')
    expect(queryByRole(item(panel, 'Old forum'), 'alert')).toBeNull()

    getByRole(panel, 'button', { name: 'Rename Lumora blog' }).click()
    await flushPromises()
    const field = getByRole(panel, 'textbox', { name: 'New name for “Lumora blog”' }) as HTMLInputElement
    expect(document.activeElement).toBe(field)
    type(field, 'Lumora engineering blog')
    field.form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    await flushPromises()
    expect(fake.callsOf('sources.edit').map((c) => c.input)).toEqual([{ id: 'rss-blog', name: 'Lumora engineering blog' }])
    expect(item(panel, 'Lumora engineering blog')).toBeTruthy()
    expect(document.activeElement).toBe(getByRole(panel, 'button', { name: 'Rename Lumora engineering blog' }))
  })

  test('changes a feed’s address inline, and shows the core’s sentence when it is refused', async () => {
    const fake = await mountSources()
    const panel = await openPanel()
    expect(queryByRole(item(panel, 'Demo workspace'), 'button', { name: /^Change the / })).toBeNull()
    getByRole(panel, 'button', { name: 'Change the feed address of Lumora blog' }).click()
    await flushPromises()
    const field = getByRole(panel, 'textbox', { name: 'New feed address for “Lumora blog”' }) as HTMLInputElement
    expect(field.value).toBe('https://blog.lumora.example/feed.xml')
    fake.failNext('sources.edit', new ApiError('invalid_input', 'That feed is already a source: "Old forum".'))
    type(field, 'https://forum.example.com/feed')
    field.form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    await flushPromises()
    expect(getByRole(panel, 'alert').textContent).toContain('That feed is already a source: "Old forum".')
    type(field, 'https://blog.lumora.example/atom.xml')
    field.form?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    await flushPromises()
    expect(fake.callsOf('sources.edit').map((c) => c.input).at(-1)).toEqual({ id: 'rss-blog', address: 'https://blog.lumora.example/atom.xml' })
    expect(queryByRole(panel, 'textbox', { name: /^New feed address/ })).toBeNull()
  })

  test('a read-only link can look but finds nothing that changes sources', async () => {
    await mountSources({ info: { access: 'read' } })
    const panel = await openPanel()
    expect(queryAllByRole(panel, 'listitem')).toHaveLength(3)
    expect(accessibleText(panel)).toContain('the feed is gone (HTTP 404)')
    expect(queryByRole(panel, 'textbox')).toBeNull()
    expect(queryAllByRole(panel, 'button').map((b) => nameOfButton(b))).toEqual(['Close sources'])
    expect(accessibleText(panel)).toContain('This link can look at sources but not change them.')
  })
})

function nameOfButton(button: HTMLElement): string {
  return button.getAttribute('aria-label') ?? button.textContent?.trim() ?? ''
}

describe('the networks-offline banner', () => {
  test('appears on connectivity:changed offline, once and politely, and goes when back online', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK] })
    await mountWith(fake)
    const statuses = (): string[] => queryAllByRole(document.body, 'status').map((el) => accessibleText(el))
    expect(statuses().some((text) => text.includes('showing what is stored'))).toBe(false)

    fake.emit('connectivity:changed', { online: false, since: T0 })
    await flushPromises()
    const line = statuses().filter((text) => text.includes('showing what is stored'))
    expect(line).toHaveLength(1)
    expect(line[0]).toMatch(/^Offline since \d{1,2}:\d{2}(\s?[AP]M)? — showing what is stored; Earshot will catch up by itself\.$/)
    // Not the host chip: that one stays silent, the host is fine.
    expect(accessibleText(getByRole(banner(), 'status'))).toBe('')

    fake.emit('connectivity:changed', { online: true, since: T0 + 60_000 })
    await flushPromises()
    expect(statuses().some((text) => text.includes('showing what is stored'))).toBe(false)
  })

  test('is there from the start when the core already knows the networks are out of reach', async () => {
    await mountWith(createFakeApi({ decks: [DEFAULT_DECK], info: { offlineSince: T0 } }))
    expect(accessibleText(document.body)).toContain('showing what is stored; Earshot will catch up by itself.')
  })
})

describe('columns and removed sources', () => {
  test('posts:changed with no ids reloads every column', async () => {
    const fake = createFakeApi({ decks: [DEFAULT_DECK], sources: [DEMO_SOURCE, BLOG], posts: [...makePosts(1, 3), ...makePosts(4, 5, { sourceId: 'rss-blog' })] })
    await mountWith(fake)
    const all = (): HTMLElement => getByRole(getByRole(document.body, 'region', { name: 'All mentions' }), 'feed')
    expect(queryAllByRole(all(), 'article')).toHaveLength(5)
    const queriesBefore = fake.callsOf('posts.query').length

    // The core removed the blog with its posts and said "many changed".
    await fake.api.sources.remove({ id: 'rss-blog', keepPosts: false })
    await flushPromises()

    expect(fake.callsOf('posts.query').length).toBe(queriesBefore + DEFAULT_DECK.columns.length)
    expect(queryAllByRole(all(), 'article')).toHaveLength(3)
    // The column never dropped to a loading skeleton on the way.
    expect(all().getAttribute('aria-busy')).toBe('false')
  })
})
