import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Account } from '@shared/domain/account'
import type { OutboxItem } from '@shared/domain/outbox'
import type { PostPage } from '@shared/contract/domains'
import type { Source } from '@shared/domain/source'
import { openCore, type Core } from '../../src/main/core'
import { SECRETS_FILE } from '../../src/main/core/secrets/store'
import { startMastodonServer, type MastodonTestServer } from '../support/mastodon-server'
import { useMastodonCores } from '../support/mastodon-cores'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const full = { access: 'full', transport: 'web' } as const
const opened = useMastodonCores()

async function setUp(): Promise<{ core: Core; server: MastodonTestServer; dataDir: string }> {
  const server = await startMastodonServer()
  const dataDir = tempDir()
  const core = openCore({ dataDir, demo: false, version: '0.0.0-test' })
  opened.push({ core, server })
  return { core, server, dataDir }
}

function call<T>(core: Core, domain: string, method: string, input?: unknown): Promise<T> {
  return core.registry.dispatch(domain, method, input, full) as Promise<T>
}

async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting; last value: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('a Mastodon account, end to end through the core', () => {
  it('connects, hears a mention, and answers it exactly once through the outbox', async () => {
    const { core, server, dataDir } = await setUp()
    const customer = server.world.addAccount({ username: 'anna', domain: 'social.example', displayName: 'Anna', followers: 840 })
    const mention = server.world.post(customer, { text: 'my Book 14 will not boot, can you help?', mentions: [server.world.owner] })

    const account = await call<Account>(core, 'accounts', 'connectMastodon', { instanceUrl: server.url, accessToken: server.token })
    expect(account).toMatchObject({ network: 'mastodon', displayName: 'Earshot Team', status: 'ok' })
    expect(JSON.stringify(await call(core, 'accounts', 'list'))).not.toContain(server.token)

    // The token is kept out of the database, in a user-only file.
    for (const file of ['earshot.db', 'cache.db']) expect(readFileSync(join(dataDir, file)).includes(server.token)).toBe(false)
    expect(statSync(join(dataDir, SECRETS_FILE)).mode & 0o777).toBe(0o600)

    const source = await call<Source>(core, 'sources', 'addAccountSource', { accountId: account.id, kind: 'mentions' })
    expect(source).toMatchObject({ network: 'mastodon', status: 'ok', postCount: 1, lastError: null })
    const page = await call<PostPage>(core, 'posts', 'query', { query: { type: 'stream', filter: { sourceIds: [source.id] } } })
    const heard = page.posts[0]
    expect(heard?.text).toMatch(/will not boot/)
    expect(heard?.author).toMatchObject({ handle: 'anna@social.example', followers: 840 })

    const queued = await call<OutboxItem>(core, 'outbox', 'send', { accountId: account.id, text: '@anna sorry! DM us the serial number?', inReplyToId: heard?.id })
    expect(['queued', 'sending', 'sent']).toContain(queued.state)
    const sent = await until(() => call<OutboxItem[]>(core, 'outbox', 'list'), (items) => items[0]?.state === 'sent')
    expect(sent[0]?.remoteUrl).toMatch(/^http/)
    const replies = [...server.world.statuses.values()].filter((status) => status.inReplyToId === mention.id)
    expect(replies).toHaveLength(1)
    expect(server.apiRequests('/api/v1/statuses').every((request) => request.idempotencyKey)).toBe(true)
  })

  it('hears new posts, edits and deletions live through the streaming API, without waiting for a poll', async () => {
    const { core, server } = await setUp()
    const friend = server.world.addAccount({ username: 'lena', domain: 'social.example', displayName: 'Lena', followers: 90 })
    server.world.follow(friend)
    server.world.post(friend, { text: 'before Earshot listened' })
    const account = await call<Account>(core, 'accounts', 'connectMastodon', { instanceUrl: server.url, accessToken: server.token })
    const source = await call<Source>(core, 'sources', 'addAccountSource', { accountId: account.id, kind: 'home' })
    const posts = (): Promise<PostPage> => call<PostPage>(core, 'posts', 'query', { query: { type: 'stream', filter: { sourceIds: [source.id] } } })
    await until(async () => server.streams.length, (open) => open > 0)

    const live = server.world.post(friend, { text: 'Lumora Book 14 arrived today' })
    const heard = await until(posts, (page) => page.posts.some((post) => post.text.includes('arrived today')))
    const id = heard.posts.find((post) => post.text.includes('arrived today'))?.id ?? ''
    server.world.edit(live, 'Lumora Book 14 arrived today, and it is lovely')
    await until(posts, (page) => page.posts.some((post) => post.id === id && post.text.includes('lovely') && post.editedAt !== null))
    server.world.delete(live)
    await until(posts, (page) => !page.posts.some((post) => post.id === id))
    // All of that came through the stream: the timeline was read once, when the source was added.
    expect(server.apiRequests('/api/v1/timelines/home')).toHaveLength(1)
  })

  it('says plainly when the token is wrong or revoked', async () => {
    const { core, server } = await setUp()
    await expect(call(core, 'accounts', 'connectMastodon', { instanceUrl: server.url, accessToken: 'not-the-token' })).rejects.toThrow(/Could not connect: .*access token/)
    const account = await call<Account>(core, 'accounts', 'connectMastodon', { instanceUrl: server.url, accessToken: server.token })
    const source = await call<Source>(core, 'sources', 'addAccountSource', { accountId: account.id, kind: 'home' })
    expect(source.status).toBe('ok')
    server.revokeToken(server.token)
    const failing = await call<Source>(core, 'sources', 'syncNow', { id: source.id })
    expect(failing).toMatchObject({ status: 'error', lastError: expect.stringMatching(/revoked .* reconnect the account/) })
  })

  it('disconnecting forgets the secret and removes the sources, keeping posts when asked', async () => {
    const { core, server, dataDir } = await setUp()
    server.world.post(server.world.addAccount({ username: 'ben' }), { text: 'hello team', mentions: [server.world.owner] })
    const account = await call<Account>(core, 'accounts', 'connectMastodon', { instanceUrl: server.url, accessToken: server.token })
    await call<Source>(core, 'sources', 'addAccountSource', { accountId: account.id, kind: 'mentions' })
    await call(core, 'accounts', 'disconnect', { id: account.id, keepPosts: true })
    expect(await call<Account[]>(core, 'accounts', 'list')).toEqual([])
    expect((await call<Source[]>(core, 'sources', 'list')).filter((s) => s.network === 'mastodon')).toEqual([])
    expect(core.store.posts.count()).toBe(1)
    expect(readFileSync(join(dataDir, SECRETS_FILE), 'utf8')).not.toContain(server.token)
  })
})

describe('an account whose token stops working', () => {
  it('shows the problem on the account too, and clears it once syncing works again', async () => {
    const { core, server } = await setUp()
    const account = await call<Account>(core, 'accounts', 'connectMastodon', { instanceUrl: server.url, accessToken: server.token })
    const source = await call<Source>(core, 'sources', 'addAccountSource', { accountId: account.id, kind: 'mentions' })
    const seen: Array<Account['status']> = []
    core.events.on((event, payload) => {
      if (event === 'accounts:changed') seen.push(...(payload as { accounts: Account[] }).accounts.map((a) => a.status))
    })
    server.revokeToken(server.token)
    await call<Source>(core, 'sources', 'syncNow', { id: source.id })
    expect((await call<Account[]>(core, 'accounts', 'list'))[0]).toMatchObject({ status: 'error', lastError: expect.stringMatching(/reconnect the account/) })
    server.tokens.set(server.token, server.world.owner.id)
    await call<Source>(core, 'sources', 'syncNow', { id: source.id })
    expect((await call<Account[]>(core, 'accounts', 'list'))[0]).toMatchObject({ status: 'ok', lastError: null })
    expect(seen).toEqual(['error', 'ok'])
  })
})
