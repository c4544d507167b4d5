import { afterEach, describe, expect, test } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { Account } from '@shared/domain/account'
import type { Post } from '@shared/domain/post'
import { graphemeCount, postLength } from '@renderer/lib/postLength'
import { createFakeApi, type FakeApi } from './support/fakeApi'
import { DEFAULT_DECK, DEMO_SOURCE, T0, makePost } from './support/fixtures'
import { mountWith, unmountAll } from './support/mountApp'
import { accessibleText, getByRole, queryAllByRole, queryByRole } from './support/a11y'

afterEach(unmountAll)

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

const SKY: Account = { ...BRAND, id: 'acct-sky', network: 'bluesky', handle: 'lumora.bsky.social', serviceUrl: 'https://bsky.social' }

const ANNA: Post = makePost(5, {
  network: 'mastodon',
  text: 'My Nimbus 14 does not boot since the update. Help?',
  createdAt: T0 + 50 * 60_000
})
const BEN: Post = makePost(4, { network: 'bluesky', text: 'Is the Nimbus worth it?', createdAt: T0 + 40 * 60_000 })
const DEMO: Post = makePost(3, { network: 'demo', text: 'A demo post.', createdAt: T0 + 30 * 60_000 })

function banner(): HTMLElement {
  return getByRole(document.body, 'banner')
}

function column(): HTMLElement {
  return getByRole(document.body, 'region', { name: 'All mentions' })
}

function type(field: HTMLElement, value: string): void {
  const input = field as HTMLTextAreaElement
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
}

async function mountDeck(init: Parameters<typeof createFakeApi>[0] = {}): Promise<FakeApi> {
  const fake = createFakeApi({ decks: [DEFAULT_DECK], sources: [DEMO_SOURCE], posts: [ANNA, BEN, DEMO], ...init })
  await mountWith(fake)
  return fake
}

async function openReply(author: string): Promise<HTMLElement> {
  getByRole(column(), 'button', { name: `Reply to ${author}` }).click()
  await flushPromises()
  return getByRole(document.body, 'dialog', { name: `Reply to ${author}` })
}

describe('post length as the networks count it', () => {
  test('Bluesky counts graphemes, Mastodon code points with links as 23', () => {
    expect(graphemeCount('👍🏽🇩🇪é')).toBe(3)
    expect(postLength('bluesky', '👩‍👩‍👧 hi')).toBe(4)
    expect(postLength('mastodon', 'see https://example.com/a/very/long/path/that/goes/on?and=on')).toBe(4 + 23)
    expect(postLength('mastodon', '😀😀')).toBe(2)
  })
})

describe('replying and the outbox', () => {
  test('a Reply button only on posts whose network has a connected account', async () => {
    await mountDeck({ accounts: [BRAND] })
    const articles = queryAllByRole(column(), 'article')
    expect(articles).toHaveLength(3)
    expect(queryByRole(column(), 'button', { name: `Reply to ${ANNA.author.displayName}` })).not.toBeNull()
    expect(queryByRole(column(), 'button', { name: `Reply to ${BEN.author.displayName}` })).toBeNull()
    expect(queryByRole(column(), 'button', { name: `Reply to ${DEMO.author.displayName}` })).toBeNull()
  })

  test('no account: no Reply buttons at all', async () => {
    await mountDeck()
    expect(queryAllByRole(column(), 'button', { name: /^Reply to / })).toHaveLength(0)
  })

  test('the composer quotes the post, offers only that network’s accounts, counts, and refuses over-limit text', async () => {
    const fake = await mountDeck({ accounts: [BRAND, SKY] })
    const dialog = await openReply(BEN.author.displayName)
    expect(accessibleText(getByRole(dialog, 'blockquote'))).toContain('Is the Nimbus worth it?')
    const from = getByRole(dialog, 'combobox', { name: 'From' }) as HTMLSelectElement
    expect(Array.from(from.options).map((o) => o.text.trim())).toEqual(['@lumora.bsky.social (Bluesky)'])

    const text = getByRole(dialog, 'textbox', { name: 'Your reply' })
    expect(document.activeElement).toBe(text)
    const count = (): string => accessibleText(document.getElementById(text.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '') ?? dialog)
    type(text, '👍🏽 Yes!')
    await flushPromises()
    expect(count()).toBe('294 of 300 characters left')

    type(text, 'x'.repeat(305))
    await flushPromises()
    expect(count()).toBe('5 characters over Bluesky’s limit of 300')
    const queue = getByRole(dialog, 'button', { name: 'Queue reply' })
    expect(queue.getAttribute('aria-disabled')).toBe('true')
    queue.click()
    await flushPromises()
    expect(accessibleText(getByRole(dialog, 'alert'))).toMatch(/5 characters longer than Bluesky allows \(300\)/)
    expect(fake.callsOf('outbox.send')).toHaveLength(0)
  })

  test('queueing closes the composer, says so politely, and the outbox follows the item to Sent', async () => {
    const fake = await mountDeck({ accounts: [BRAND] })
    const opener = getByRole(column(), 'button', { name: `Reply to ${ANNA.author.displayName}` })
    opener.focus()
    const dialog = await openReply(ANNA.author.displayName)
    const text = getByRole(dialog, 'textbox', { name: 'Your reply' }) as HTMLTextAreaElement
    // Mastodon notifies only who is mentioned: the reply starts with the author's handle.
    expect(text.value).toBe(`@${ANNA.author.handle} `)
    type(text, `@${ANNA.author.handle} Sorry to hear that! Hold the power button for 10 s.`)
    await flushPromises()
    getByRole(dialog, 'button', { name: 'Queue reply' }).click()
    await flushPromises()

    expect(fake.callsOf('outbox.send').map((c) => c.input)).toEqual([
      { accountId: 'acct-brand', text: `@${ANNA.author.handle} Sorry to hear that! Hold the power button for 10 s.`, inReplyToId: ANNA.id }
    ])
    expect(queryByRole(document.body, 'dialog')).toBeNull()
    expect(document.activeElement).toBe(opener)
    const statuses = queryAllByRole(document.body, 'status').map((el) => accessibleText(el))
    expect(statuses).toContain('Queued — it goes out as soon as Mastodon is reachable.')

    const header = banner()
    const outboxButton = getByRole(header, 'button', { name: 'Outbox: 1 waiting' })
    outboxButton.click()
    await flushPromises()
    const panel = getByRole(document.body, 'dialog', { name: 'Outbox' })
    const item = getByRole(panel, 'listitem', { name: /^Reply: @/ })
    expect(accessibleText(item)).toContain('Queued')
    expect(queryByRole(item, 'link', { name: 'View post' })).toBeNull()

    const id = fake.outbox[0]?.id ?? ''
    fake.updateOutbox(id, { state: 'sending', attempts: 1 })
    await flushPromises()
    expect(accessibleText(item)).toContain('Sending…')
    fake.updateOutbox(id, { state: 'sent', remoteUrl: 'https://social.example/@lumora/1234' })
    await flushPromises()
    expect(accessibleText(item)).toContain('Sent')
    expect(getByRole(item, 'link', { name: 'View post' }).getAttribute('href')).toBe('https://social.example/@lumora/1234')
    expect(queryByRole(header, 'button', { name: 'Outbox: nothing waiting' })).not.toBeNull()
  })

  test('a failed item says why, and Retry queues it again', async () => {
    const fake = await mountDeck({ accounts: [BRAND] })
    getByRole(banner(), 'button', { name: 'New post' }).click()
    await flushPromises()
    const dialog = getByRole(document.body, 'dialog', { name: 'New post' })
    expect(queryByRole(dialog, 'blockquote')).toBeNull()
    type(getByRole(dialog, 'textbox', { name: 'Your post' }), 'Nimbus 14 firmware 2.1 is out.')
    await flushPromises()
    getByRole(dialog, 'button', { name: 'Queue post' }).click()
    await flushPromises()
    const id = fake.outbox[0]?.id ?? ''
    fake.updateOutbox(id, { state: 'failed', attempts: 3, lastError: 'social.example refused the post: the text is too long for this server (max 400).' })
    await flushPromises()

    getByRole(banner(), 'button', { name: 'Outbox: 1 waiting' }).click()
    await flushPromises()
    const panel = getByRole(document.body, 'dialog', { name: 'Outbox' })
    const item = getByRole(panel, 'listitem', { name: /^Post: Nimbus 14/ })
    expect(accessibleText(item)).toContain('Failed')
    expect(accessibleText(item)).toContain('the text is too long for this server (max 400)')
    getByRole(item, 'button', { name: 'Retry' }).click()
    await flushPromises()
    expect(fake.callsOf('outbox.retry').map((c) => c.input)).toEqual([{ id }])
    expect(accessibleText(item)).toContain('Queued')
    expect(queryByRole(item, 'button', { name: 'Retry' })).toBeNull()
  })

  test('`r` on a focused post opens the reply composer; Escape closes it and focus returns to the post', async () => {
    await mountDeck({ accounts: [BRAND] })
    const article = getByRole(column(), 'article', { name: `Post by ${ANNA.author.displayName}` })
    article.focus()
    article.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', bubbles: true }))
    await flushPromises()
    const dialog = getByRole(document.body, 'dialog', { name: `Reply to ${ANNA.author.displayName}` })
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(queryByRole(document.body, 'dialog')).toBeNull()
    expect(document.activeElement).toBe(article)

    // A post without an account of its network: `r` does nothing.
    const demo = getByRole(column(), 'article', { name: `Post by ${DEMO.author.displayName}` })
    demo.focus()
    demo.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', bubbles: true }))
    await flushPromises()
    expect(queryByRole(document.body, 'dialog')).toBeNull()
  })

  test('a read-only link has no Reply, New post or Outbox, and never asks for the outbox', async () => {
    const fake = await mountDeck({ accounts: [BRAND], info: { access: 'read' } })
    expect(queryAllByRole(column(), 'button', { name: /^Reply to / })).toHaveLength(0)
    expect(queryByRole(banner(), 'button', { name: 'New post' })).toBeNull()
    expect(queryByRole(banner(), 'button', { name: /^Outbox/ })).toBeNull()
    expect(fake.callsOf('outbox.list')).toHaveLength(0)
  })
})
