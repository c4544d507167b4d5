import { afterEach, describe, expect, test } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ApiError } from '@shared/contract/errors'
import type { Account } from '@shared/domain/account'
import { createFakeApi, FAKE_SIGN_IN_CODE, type FakeApi } from './support/fakeApi'
import { DEFAULT_DECK, DEMO_SOURCE } from './support/fixtures'
import { mountWith, unmountAll } from './support/mountApp'
import { accessibleText, getByLabelText, getByRole, queryAllByRole, queryByRole } from './support/a11y'

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

const REVOKED: Account = {
  ...BRAND,
  id: 'acct-revoked',
  handle: 'lumora_de@mastodon.example',
  displayName: 'Lumora Deutschland',
  serviceUrl: 'https://mastodon.example',
  status: 'error',
  lastError: 'mastodon.example no longer accepts this account’s access token — reconnect it with a new one.'
}

const WRONG_TOKEN =
  'Could not connect: the server did not accept this access token — copy it again from Preferences → Development on your instance.'

function type(field: HTMLElement, value: string): void {
  const input = field as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
}

/** The section's own announcement (the first live region in it). */
function announcement(section: HTMLElement): string {
  const region = queryAllByRole(section, 'status')[0]
  return region ? accessibleText(region) : ''
}

async function openPanel(init: Parameters<typeof createFakeApi>[0] = {}): Promise<{ fake: FakeApi; panel: HTMLElement; accounts: HTMLElement }> {
  const fake = createFakeApi({ decks: [DEFAULT_DECK], sources: [DEMO_SOURCE], ...init })
  await mountWith(fake)
  getByRole(getByRole(document.body, 'banner'), 'button', { name: /^Sources:/ }).click()
  await flushPromises()
  const panel = getByRole(document.body, 'dialog', { name: 'Sources' })
  return { fake, panel, accounts: getByRole(panel, 'region', { name: 'Accounts' }) }
}

/** Mastodon's form opens on the browser sign-in; the access-token way is one click away. */
async function useAccessToken(form: HTMLElement): Promise<void> {
  getByRole(form, 'button', { name: 'Use an access token instead' }).click()
  await flushPromises()
}

describe('the Accounts section of the Sources panel', () => {
  test('signs in to Mastodon through the browser: opens the server’s page, takes the pasted code, connects', async () => {
    const { fake, accounts } = await openPanel()
    const form = getByRole(accounts, 'form', { name: 'Connect Mastodon' })
    expect(queryByRole(form, 'textbox', { name: 'Paste the code from the page' })).toBeNull()
    getByRole(form, 'button', { name: 'Open sign-in page' }).click()
    await flushPromises()
    expect(accessibleText(getByRole(form, 'alert'))).toMatch(/address of your Mastodon server/)
    expect(fake.callsOf('accounts.startMastodonSignIn')).toHaveLength(0)

    type(getByLabelText(form, 'Server address'), 'social.example')
    await flushPromises()
    getByRole(form, 'button', { name: 'Open sign-in page' }).click()
    await flushPromises()
    expect(fake.callsOf('accounts.startMastodonSignIn').map((c) => c.input)).toEqual([{ instanceUrl: 'https://social.example' }])
    // A real link: the desktop hands it to the system browser, a browser opens a new tab.
    const link = getByRole(form, 'link', { name: 'Open social.example sign-in' }) as HTMLAnchorElement
    expect(link.href).toMatch(/^https:\/\/social\.example\/oauth\/authorize\?response_type=code&client_id=/)
    expect(link.target).toBe('_blank')
    expect(link.rel).toContain('noopener')
    expect(document.activeElement).toBe(link)

    // A wrong code: the core's sentence next to the field, and the sign-in stays open.
    const codeField = getByLabelText(form, 'Paste the code from the page') as HTMLInputElement
    type(codeField, 'half-a-code')
    await flushPromises()
    getByRole(form, 'button', { name: 'Finish sign-in' }).click()
    await flushPromises()
    const alert = getByRole(form, 'alert')
    expect(accessibleText(alert)).toBe('Could not connect: that code was not accepted — copy the whole code again.')
    expect(codeField.getAttribute('aria-invalid')).toBe('true')
    expect(codeField.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id)

    type(codeField, FAKE_SIGN_IN_CODE)
    await flushPromises()
    getByRole(form, 'button', { name: 'Finish sign-in' }).click()
    await flushPromises()
    expect(fake.callsOf('accounts.finishMastodonSignIn').at(-1)?.input).toEqual({ flowId: 'flow-1', code: FAKE_SIGN_IN_CODE })
    expect(accessibleText(getByRole(accounts, 'listitem', { name: '@team@social.example' }))).toContain('Connected')
    expect(document.body.innerHTML).not.toContain(FAKE_SIGN_IN_CODE)
  })

  test('a server that cannot start a sign-in says why, and changing the address starts over', async () => {
    const { fake, accounts } = await openPanel()
    const sentence = 'Could not start the sign-in: blog.example does not look like a Mastodon server — check the instance address.'
    fake.failNext('accounts.startMastodonSignIn', new ApiError('invalid_input', sentence))
    const form = getByRole(accounts, 'form', { name: 'Connect Mastodon' })
    const server = getByLabelText(form, 'Server address')
    type(server, 'blog.example')
    await flushPromises()
    getByRole(form, 'button', { name: 'Open sign-in page' }).click()
    await flushPromises()
    expect(accessibleText(getByRole(form, 'alert'))).toBe(sentence)
    expect(queryByRole(form, 'link', { name: /sign-in$/ })).toBeNull()

    type(server, 'social.example')
    await flushPromises()
    getByRole(form, 'button', { name: 'Open sign-in page' }).click()
    await flushPromises()
    expect(getByRole(form, 'link', { name: 'Open social.example sign-in' })).toBeTruthy()
    type(server, 'other.example')
    await flushPromises()
    expect(queryByRole(form, 'link', { name: /sign-in$/ })).toBeNull()
    expect(getByRole(form, 'button', { name: 'Open sign-in page' })).toBeTruthy()
  })

  test('connects Mastodon: the token goes to the core once and the field is empty afterwards', async () => {
    const { fake, accounts } = await openPanel()
    const form = getByRole(accounts, 'form', { name: 'Connect Mastodon' })
    await useAccessToken(form)
    type(getByLabelText(form, 'Server address'), 'social.example')
    const token = getByLabelText(form, 'Access token') as HTMLInputElement
    expect(token.type).toBe('password')
    expect(accessibleText(form)).toContain('Preferences → Development → New application')
    type(token, 'secret-token-123')
    await flushPromises()
    getByRole(form, 'button', { name: 'Connect Mastodon' }).click()
    await flushPromises()

    expect(fake.callsOf('accounts.connectMastodon').map((c) => c.input)).toEqual([
      { instanceUrl: 'https://social.example', accessToken: 'secret-token-123' }
    ])
    const item = getByRole(accounts, 'listitem', { name: '@brand@social.example' })
    expect(accessibleText(item)).toContain('Connected')
    expect(accessibleText(item)).toContain('social.example')
    expect(announcement(accounts)).toMatch(/Connected @brand@social\.example on Mastodon/)
    // The secret is gone from the page and from every store.
    expect(document.body.innerHTML).not.toContain('secret-token-123')
    expect(Array.from(document.querySelectorAll('input')).some((el) => el.value === 'secret-token-123')).toBe(false)
    expect(JSON.stringify(localStorage)).not.toContain('secret-token-123')
  })

  test('a refused token shows the core’s sentence inline and keeps the server address', async () => {
    const { fake, accounts } = await openPanel()
    fake.failNext('accounts.connectMastodon', new ApiError('invalid_input', WRONG_TOKEN))
    const form = getByRole(accounts, 'form', { name: 'Connect Mastodon' })
    await useAccessToken(form)
    const server = getByLabelText(form, 'Server address')
    type(server, 'https://social.example')
    type(getByLabelText(form, 'Access token'), 'wrong')
    await flushPromises()
    getByRole(form, 'button', { name: 'Connect Mastodon' }).click()
    await flushPromises()

    const alert = getByRole(form, 'alert')
    expect(accessibleText(alert)).toBe(WRONG_TOKEN)
    expect(server.value).toBe('https://social.example')
    const token = getByLabelText(form, 'Access token')
    expect(token.getAttribute('aria-invalid')).toBe('true')
    expect(token.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id)
    expect(queryAllByRole(accounts, 'listitem')).toHaveLength(0)
  })

  test('Bluesky: handle, app password and optional PDS; the core’s sentence shows as it is', async () => {
    const { fake, accounts } = await openPanel()
    const sentence = 'Could not connect: Bluesky accounts cannot be connected in this build yet.'
    fake.failNext('accounts.connectBluesky', new ApiError('unavailable', sentence))
    getByRole(accounts, 'button', { name: 'Bluesky' }).click()
    await flushPromises()
    const form = getByRole(accounts, 'form', { name: 'Connect Bluesky' })
    type(getByLabelText(form, 'Handle'), '@lumora.bsky.social')
    const password = getByLabelText(form, 'App password') as HTMLInputElement
    expect(password.type).toBe('password')
    expect(accessibleText(form)).toContain('Settings → Privacy and security → App passwords')
    type(password, 'abcd-efgh-ijkl-mnop')
    type(getByLabelText(form, /^Custom server \(PDS\)/), 'pds.example')
    await flushPromises()
    getByRole(form, 'button', { name: 'Connect Bluesky' }).click()
    await flushPromises()
    expect(accessibleText(getByRole(form, 'alert'))).toBe(sentence)
    expect(getByLabelText(form, 'Handle').value).toBe('@lumora.bsky.social')

    getByRole(form, 'button', { name: 'Connect Bluesky' }).click()
    await flushPromises()
    expect(fake.callsOf('accounts.connectBluesky').at(-1)?.input).toEqual({
      handle: 'lumora.bsky.social',
      appPassword: 'abcd-efgh-ijkl-mnop',
      serviceUrl: 'https://pds.example'
    })
    expect(queryByRole(accounts, 'listitem', { name: '@lumora.bsky.social' })).not.toBeNull()
    expect(document.body.innerHTML).not.toContain('abcd-efgh-ijkl-mnop')
  })

  test('an account the network refused says why in plain words; Reconnect prefills the server, not the secret', async () => {
    const { fake, accounts } = await openPanel({ accounts: [BRAND, REVOKED] })
    const item = getByRole(accounts, 'listitem', { name: '@lumora_de@mastodon.example' })
    expect(accessibleText(item)).toContain('Needs reconnecting')
    expect(accessibleText(item)).toContain(REVOKED.lastError)
    expect(queryByRole(getByRole(accounts, 'listitem', { name: '@lumora@social.example' }), 'button', { name: /^Reconnect/ })).toBeNull()

    getByRole(item, 'button', { name: 'Reconnect @lumora_de@mastodon.example' }).click()
    await flushPromises()
    const form = getByRole(accounts, 'form', { name: 'Connect Mastodon' })
    expect(getByLabelText(form, 'Server address').value).toBe('https://mastodon.example')
    await useAccessToken(form)
    const token = getByLabelText(form, 'Access token')
    expect(token.value).toBe('')
    expect(document.activeElement).toBe(token)
    type(token, 'fresh-token')
    await flushPromises()
    getByRole(form, 'button', { name: 'Connect Mastodon' }).click()
    await flushPromises()
    expect(fake.callsOf('accounts.connectMastodon')[0]?.input).toEqual({ instanceUrl: 'https://mastodon.example', accessToken: 'fresh-token' })
    expect(queryByRole(accounts, 'form', { name: 'Connect Mastodon' })).toBeNull()
  })

  test('Listen to… a hashtag sends the tag as the value; a refusal shows inline', async () => {
    const { fake, panel, accounts } = await openPanel({ accounts: [BRAND] })
    const item = getByRole(accounts, 'listitem', { name: '@lumora@social.example' })
    getByRole(item, 'button', { name: 'Listen to… with @lumora@social.example' }).click()
    await flushPromises()
    const form = getByRole(item, 'form', { name: 'Listen with @lumora@social.example' })
    const kind = getByRole(form, 'combobox', { name: 'Listen to' }) as HTMLSelectElement
    expect(Array.from(kind.options).map((o) => o.text)).toEqual(['Home timeline', 'Mentions', 'A list', 'A hashtag', 'A search'])
    expect(document.activeElement).toBe(kind)
    kind.value = 'hashtag'
    kind.dispatchEvent(new Event('change', { bubbles: true }))
    await flushPromises()

    // No tag yet: said next to the field, nothing sent.
    getByRole(form, 'button', { name: 'Start listening' }).click()
    await flushPromises()
    expect(accessibleText(getByRole(form, 'alert'))).toBe('Type the hashtag.')
    expect(fake.callsOf('sources.addAccountSource')).toHaveLength(0)

    fake.failNext('sources.addAccountSource', new ApiError('invalid_input', 'Could not listen: a hashtag has letters, digits and _ only.'))
    type(getByRole(form, 'textbox', { name: 'Hashtag' }), '#lu mora')
    await flushPromises()
    getByRole(form, 'button', { name: 'Start listening' }).click()
    await flushPromises()
    expect(accessibleText(getByRole(form, 'alert'))).toBe('Could not listen: a hashtag has letters, digits and _ only.')
    expect((getByRole(form, 'textbox', { name: 'Hashtag' }) as HTMLInputElement).value).toBe('#lu mora')

    type(getByRole(form, 'textbox', { name: 'Hashtag' }), '#lumora')
    await flushPromises()
    getByRole(form, 'button', { name: 'Start listening' }).click()
    await flushPromises()
    expect(fake.callsOf('sources.addAccountSource').at(-1)?.input).toEqual({ accountId: 'acct-brand', kind: 'hashtag', value: 'lumora' })
    expect(queryByRole(item, 'form')).toBeNull()
    expect(announcement(accounts)).toMatch(/^Now listening to “.+”\.$/)
    // The new source is listed with the others.
    expect(queryAllByRole(getByRole(panel, 'region', { name: 'Listening to' }), 'listitem')).toHaveLength(2)
  })

  test('Disconnect asks whether to keep the posts, as removing a source does', async () => {
    const { fake, accounts } = await openPanel({ accounts: [BRAND] })
    const item = getByRole(accounts, 'listitem', { name: '@lumora@social.example' })
    getByRole(item, 'button', { name: 'Disconnect @lumora@social.example' }).click()
    await flushPromises()
    const question = getByRole(item, 'group')
    expect(accessibleText(question)).toMatch(/Keep the posts they brought\?/)
    expect(document.activeElement).toBe(getByRole(question, 'button', { name: 'Cancel' }))
    getByRole(question, 'button', { name: 'Disconnect, keep posts' }).click()
    await flushPromises()
    expect(fake.callsOf('accounts.disconnect').map((c) => c.input)).toEqual([{ id: 'acct-brand', keepPosts: true }])
    expect(queryAllByRole(accounts, 'listitem')).toHaveLength(0)
    expect(announcement(accounts)).toBe('Disconnected @lumora@social.example; its posts stay in your columns.')
  })

  test('a read-only link sees the accounts and their state, with no controls', async () => {
    const { accounts } = await openPanel({ accounts: [BRAND, REVOKED], info: { access: 'read' } })
    expect(queryAllByRole(accounts, 'listitem')).toHaveLength(2)
    expect(accessibleText(accounts)).toContain('Needs reconnecting')
    expect(queryAllByRole(accounts, 'button')).toHaveLength(0)
    expect(queryAllByRole(accounts, 'form')).toHaveLength(0)
    expect(accounts.querySelector('input')).toBeNull()
  })
})
