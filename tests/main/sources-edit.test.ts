import { afterEach, describe, expect, it } from 'vitest'
import type { Account } from '@shared/domain/account'
import type { PostPage } from '@shared/contract/domains'
import type { Source } from '@shared/domain/source'
import { openCore, type Core } from '../../src/main/core'
import { startFeedServer, type FeedServer } from '../support/feed-server'
import { startMastodonServer, type MastodonTestServer } from '../support/mastodon-server'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const full = { access: 'full', transport: 'web' } as const
const open: Array<() => unknown> = []

afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close()
})

function core(): Core {
  const opened = openCore({ dataDir: tempDir(), demo: false, version: '0.0.0-test' })
  open.push(() => opened.close())
  return opened
}

function call<T>(c: Core, domain: string, method: string, input?: unknown): Promise<T> {
  return c.registry.dispatch(domain, method, input, full) as Promise<T>
}

const feed = (title: string, items: string[]): string =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items
    .map((text, i) => `<item><title>${text}</title><guid>${title}-${i}</guid><pubDate>Wed, 25 Nov 2026 08:0${i}:00 GMT</pubDate></item>`)
    .join('')}</channel></rss>`

describe('editing a source', () => {
  it('moves a feed to a new address: it starts afresh there, keeps its name, and refuses a feed that is already a source', async () => {
    const server: FeedServer = await startFeedServer()
    open.push(() => server.close())
    server.route('/old.xml', { body: feed('Old', ['old news']), headers: { 'Content-Type': 'application/rss+xml' } })
    server.route('/new.xml', { body: feed('New', ['fresh news', 'more fresh news']), headers: { 'Content-Type': 'application/rss+xml' } })
    server.route('/other.xml', { body: feed('Other', ['other news']), headers: { 'Content-Type': 'application/rss+xml' } })
    const c = core()
    const source = await call<Source>(c, 'sources', 'addFeed', { url: server.url('/old.xml'), name: 'Company blog' })
    await call<Source>(c, 'sources', 'addFeed', { url: server.url('/other.xml') })
    expect(source).toMatchObject({ kind: 'feed', address: server.url('/old.xml'), postCount: 1 })

    await expect(call(c, 'sources', 'edit', { id: source.id, address: server.url('/other.xml') })).rejects.toThrow(/already a source/)
    const moved = await call<Source>(c, 'sources', 'edit', { id: source.id, address: server.url('/new.xml') })
    expect(moved).toMatchObject({ name: 'Company blog', address: server.url('/new.xml'), postCount: 3, status: 'ok' })
    const page = await call<PostPage>(c, 'posts', 'query', { query: { type: 'stream', filter: { sourceIds: [source.id] } } })
    expect(page.posts.map((p) => p.text)).toContain('fresh news')
    await expect(call(c, 'sources', 'edit', { id: 'demo', address: 'x' })).rejects.toThrow(/no longer exists|no address/)
  })

  it('changes what a Mastodon hashtag source follows, and renames without touching the address', async () => {
    const server: MastodonTestServer = await startMastodonServer()
    open.push(() => server.close())
    const author = server.world.addAccount({ username: 'kai', domain: 'social.example' })
    server.world.post(author, { text: 'first', tags: ['lumora'] })
    server.world.post(author, { text: 'rival news', tags: ['nexaro'] })
    const c = core()
    const account = await call<Account>(c, 'accounts', 'connectMastodon', { instanceUrl: server.url, accessToken: server.token })
    const source = await call<Source>(c, 'sources', 'addAccountSource', { accountId: account.id, kind: 'hashtag', value: 'lumora' })
    expect(source).toMatchObject({ kind: 'hashtag', address: 'lumora', postCount: 1 })
    const edited = await call<Source>(c, 'sources', 'edit', { id: source.id, address: '#nexaro', name: 'Rival watch' })
    expect(edited).toMatchObject({ name: 'Rival watch', address: 'nexaro', postCount: 2 })
    expect(server.apiRequests('/api/v1/timelines/tag/nexaro')).toHaveLength(1)
    const home = await call<Source>(c, 'sources', 'addAccountSource', { accountId: account.id, kind: 'home' })
    await expect(call(c, 'sources', 'edit', { id: home.id, address: 'x' })).rejects.toThrow(/no address to change/)
    expect(server.violations).toEqual([])
  })
})
