import { afterEach, describe, expect, test } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ApiError } from '@shared/contract/errors'
import type { Account } from '@shared/domain/account'
import type { Deck } from '@shared/domain/column'
import type { Post } from '@shared/domain/post'
import { createFakeApi, type FakeApi } from './support/fakeApi'
import { DEMO_SOURCE, makePost } from './support/fixtures'
import { mountWith, unmountAll } from './support/mountApp'
import { accessibleText, getByRole, queryAllByRole, queryByRole } from './support/a11y'

afterEach(unmountAll)

const DECK: Deck = {
  id: 'main',
  name: 'Main deck',
  columns: [{ id: 'all', title: 'All mentions', query: { type: 'stream', filter: {} }, width: 340, collapsed: false }]
}

const BRAND: Account = {
  id: 'acct-brand',
  network: 'mastodon',
  handle: 'lumora@social.example',
  displayName: 'Lumora Support',
  serviceUrl: 'https://social.example',
  status: 'ok',
  lastError: null,
  createdAt: 0
}

const ROOT = makePost(1, { network: 'mastodon', text: 'My Nimbus will not charge.' })
const ANSWER = makePost(2, { network: 'mastodon', text: 'Which charger do you use?', replyToId: 'mastodon:1' })
const FOLLOW_UP = makePost(3, { network: 'mastodon', text: 'The one in the box.', replyToId: 'mastodon:2' })
const OTHER = makePost(4, { network: 'mastodon', text: 'Unrelated post.' })

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await flushPromises()
    await wait(10)
  }
}

function columnArticle(text: string): HTMLElement {
  const column = getByRole(document.body, 'region', { name: 'All mentions' })
  const found = queryAllByRole(column, 'article').find((article) => accessibleText(article).includes(text))
  if (!found) throw new Error(`No post saying “${text}” in the column`)
  return found
}

async function openThread(fake: FakeApi, text: string): Promise<HTMLElement> {
  await mountWith(fake)
  getByRole(columnArticle(text), 'button', { name: 'Open conversation' }).click()
  await settle()
  return getByRole(document.body, 'dialog', { name: 'Conversation' })
}

function texts(dialog: HTMLElement): string[] {
  return queryAllByRole(dialog, 'article').map((article) => {
    const body = article.querySelector('.post-text')
    return body?.textContent?.trim() ?? ''
  })
}

describe('the conversation panel', () => {
  test('shows the whole thread oldest first with the opened post highlighted and focused', async () => {
    const fake = createFakeApi({ decks: [DECK], sources: [DEMO_SOURCE], posts: [ROOT, ANSWER, FOLLOW_UP, OTHER] })
    const dialog = await openThread(fake, 'Which charger do you use?')
    expect(fake.callsOf('posts.thread')[0]?.input).toEqual({ id: 'mastodon:2' })
    expect(texts(dialog)).toEqual(['My Nimbus will not charge.', 'Which charger do you use?', 'The one in the box.'])
    const current = queryAllByRole(dialog, 'article').filter((article) => article.getAttribute('aria-current') === 'true')
    expect(current).toHaveLength(1)
    expect(accessibleText(current[0] as HTMLElement)).toContain('Which charger do you use?')
    expect(document.activeElement).toBe(current[0])
    expect(accessibleText(dialog)).toContain('3 posts, oldest first')

    // j moves down the thread; Enter makes that post the highlighted one.
    current[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true }))
    const last = queryAllByRole(dialog, 'article')[2] as HTMLElement
    expect(document.activeElement).toBe(last)
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
    await settle()
    expect(queryAllByRole(dialog, 'article')[2]?.getAttribute('aria-current')).toBe('true')
  })

  test('a click on the card opens it too, but not a click on its links', async () => {
    const linked: Post = { ...OTHER, html: '<p>See <a href="https://example.com/">this page</a></p>' }
    const fake = createFakeApi({ decks: [DECK], posts: [linked] })
    await mountWith(fake)
    const article = columnArticle('See this page')
    const link = getByRole(article, 'link', { name: 'this page' })
    // The test environment would follow the link for real; the browser opens a new tab instead.
    link.addEventListener('click', (event) => event.preventDefault())
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    await settle()
    expect(queryByRole(document.body, 'dialog')).toBeNull()
    article.querySelector('.post-text')?.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await settle()
    expect(getByRole(document.body, 'dialog', { name: 'Conversation' })).toBeTruthy()
  })

  test('replies that arrive while it is open join the thread', async () => {
    const fake = createFakeApi({ decks: [DECK], posts: [ROOT, ANSWER] })
    const dialog = await openThread(fake, 'My Nimbus will not charge.')
    expect(texts(dialog)).toHaveLength(2)
    fake.addPosts([FOLLOW_UP])
    await wait(1100)
    await settle()
    expect(texts(dialog)).toEqual(['My Nimbus will not charge.', 'Which charger do you use?', 'The one in the box.'])
  })

  test('reply from the panel with a connected account; without one it says why not', async () => {
    const withAccount = createFakeApi({ decks: [DECK], posts: [ROOT, ANSWER], accounts: [BRAND] })
    const dialog = await openThread(withAccount, 'Which charger do you use?')
    // The card's own Reply button and the panel's footer both reply to the opened post.
    const buttons = queryAllByRole(dialog, 'button', { name: `Reply to ${ANSWER.author.displayName}` })
    expect(buttons).toHaveLength(2)
    buttons[1]?.click()
    await settle()
    expect(getByRole(document.body, 'dialog', { name: `Reply to ${ANSWER.author.displayName}` })).toBeTruthy()
    unmountAll()

    const without = createFakeApi({ decks: [DECK], posts: [ROOT, ANSWER] })
    const plain = await openThread(without, 'Which charger do you use?')
    expect(accessibleText(plain)).toContain('Connect a Mastodon account to reply from Earshot.')
  })

  test('says so in plain words when the thread cannot be loaded, and retries', async () => {
    const fake = createFakeApi({ decks: [DECK], posts: [ROOT, ANSWER] })
    fake.failNext('posts.thread', new ApiError('unavailable', 'The post store is busy'))
    const dialog = await openThread(fake, 'My Nimbus will not charge.')
    expect(accessibleText(getByRole(dialog, 'alert'))).toContain('Could not load the conversation: The post store is busy.')
    getByRole(dialog, 'button', { name: 'Retry' }).click()
    await settle()
    expect(texts(dialog)).toEqual(['My Nimbus will not charge.', 'Which charger do you use?'])
    getByRole(dialog, 'button', { name: 'Close conversation' }).click()
    await settle()
    expect(queryByRole(document.body, 'dialog')).toBeNull()
  })

  test('asks the network once the stored thread is shown, and adds what it found', async () => {
    const fake = createFakeApi({ decks: [DECK], posts: [ROOT, ANSWER, OTHER], network: { posts: [FOLLOW_UP] } })
    const release = fake.hold('posts.fetchThread')
    const dialog = await openThread(fake, 'Which charger do you use?')
    // The stored thread is there at once; the network's part is on its way, said politely.
    expect(texts(dialog)).toEqual(['My Nimbus will not charge.', 'Which charger do you use?'])
    const status = getByRole(dialog, 'status')
    expect(status.getAttribute('aria-live')).toBe('polite')
    expect(accessibleText(status)).toBe('Fetching the rest of the conversation…')
    expect(fake.callsOf('posts.fetchThread').map((call) => call.input)).toEqual([{ id: 'mastodon:2' }])

    release()
    await settle()
    expect(texts(dialog)).toEqual(['My Nimbus will not charge.', 'Which charger do you use?', 'The one in the box.'])
    // It answered: nothing more to say.
    expect(accessibleText(getByRole(dialog, 'status'))).toBe('')
    expect(queryAllByRole(dialog, 'article').find((article) => article.getAttribute('aria-current') === 'true')).toBe(document.activeElement)
  })

  test('says why when the network was not asked or did not answer, and keeps the stored thread', async () => {
    const note = 'Mastodon refused the request: reconnect the account.'
    const fake = createFakeApi({ decks: [DECK], posts: [ROOT, ANSWER], network: { posts: [FOLLOW_UP], note } })
    const dialog = await openThread(fake, 'Which charger do you use?')
    expect(accessibleText(getByRole(dialog, 'status'))).toBe(note)
    expect(texts(dialog)).toEqual(['My Nimbus will not charge.', 'Which charger do you use?'])
    unmountAll()

    const failing = createFakeApi({ decks: [DECK], posts: [ROOT, ANSWER] })
    failing.failNext('posts.fetchThread', new ApiError('unavailable', 'Earshot is not reachable'))
    const plain = await openThread(failing, 'Which charger do you use?')
    expect(accessibleText(getByRole(plain, 'status'))).toBe('Could not fetch the rest of the conversation: Earshot is not reachable.')
    expect(texts(plain)).toEqual(['My Nimbus will not charge.', 'Which charger do you use?'])
    expect(queryByRole(plain, 'alert')).toBeNull()
  })

  test('a read-only screen shows the stored thread without asking the network', async () => {
    const fake = createFakeApi({ decks: [DECK], posts: [ROOT, ANSWER], info: { access: 'read' }, network: { posts: [FOLLOW_UP] } })
    const dialog = await openThread(fake, 'Which charger do you use?')
    expect(texts(dialog)).toEqual(['My Nimbus will not charge.', 'Which charger do you use?'])
    expect(fake.callsOf('posts.fetchThread')).toEqual([])
    expect(accessibleText(getByRole(dialog, 'status'))).toBe('')
  })
})
