import { describe, expect, it } from 'vitest'
import type { FetchedThread } from '@shared/contract/domains'
import type { Account } from '@shared/domain/account'
import type { Post } from '@shared/domain/post'
import type { Source } from '@shared/domain/source'
import { openCore, type Core } from '../../src/main/core'
import { ConnectorRegistry } from '../../src/main/core/connectors'
import { PLAIN_FILE_CODEC, SecretStore } from '../../src/main/core/secrets/store'
import { ThreadFetcher } from '../../src/main/core/services/threads'
import { startMastodonServer, type MastodonTestServer, type WorldStatus } from '../support/mastodon-server'
import { makePost } from '../support/posts'
import { useMastodonCores } from '../support/mastodon-cores'
import { useTempDirs } from '../support/temp'

/**
 * posts.fetchThread through the whole core against the OpenAPI-validated Mastodon test server:
 * the rest of a conversation is stored through the ingest, and network trouble is a sentence,
 * never an error and never a loss of what was stored.
 */

const tempDir = useTempDirs()
const full = { access: 'full', transport: 'web' } as const
const readOnly = { access: 'read', transport: 'web' } as const
const opened = useMastodonCores()

function call<T>(core: Core, domain: string, method: string, input?: unknown): Promise<T> {
  return core.registry.dispatch(domain, method, input, full) as Promise<T>
}

const texts = (posts: readonly Post[]): string[] => posts.map((post) => post.text)

/**
 * A conversation on the server of which Earshot has heard only the mention in the middle:
 * Anna asks, Ben answers, Anna mentions the team (heard), Ben and Carla reply below it, and a
 * sibling answer to Anna's question that no stream of the team's would ever show.
 */
async function conversationWithOneMentionHeard(): Promise<{ core: Core; server: MastodonTestServer; mention: Post; dataDir: string; chain: { question: WorldStatus; mention: WorldStatus } }> {
  const server = await startMastodonServer()
  const dataDir = tempDir()
  const core = openCore({ dataDir, demo: false, version: '0.0.0-test', sync: false })
  opened.push({ core, server })
  const world = server.world
  const anna = world.addAccount({ username: 'anna', domain: 'social.example', displayName: 'Anna' })
  const ben = world.addAccount({ username: 'ben', displayName: 'Ben' })
  const carla = world.addAccount({ username: 'carla', domain: 'other.example', displayName: 'Carla' })
  const question = world.post(anna, { text: 'Does the Nimbus charge over USB-C?' })
  const answer = world.post(ben, { text: 'Only with the 65 W brick, in my experience.', inReplyTo: question })
  world.post(carla, { text: 'Mine charges from a power bank too.', inReplyTo: question })
  const mention = world.post(anna, { text: 'is that right?', inReplyTo: answer, mentions: [world.owner] })
  const below = world.post(ben, { text: 'They will know best.', inReplyTo: mention })
  world.post(carla, { text: 'Following this one.', inReplyTo: below })

  const account = await call<Account>(core, 'accounts', 'connectMastodon', { instanceUrl: server.url, accessToken: server.token })
  const source = await call<Source>(core, 'sources', 'addAccountSource', { accountId: account.id, kind: 'mentions' })
  // With sync off, one explicit sync hears the mention (and only it).
  await call<Source>(core, 'sources', 'syncNow', { id: source.id })
  const stored = core.store.posts.newestIdsBySource(source.id, 10)
  expect(stored).toHaveLength(1)
  const heard = core.store.posts.get(stored[0] ?? '')
  if (!heard) throw new Error('the mention was not stored')
  return { core, server, mention: heard, dataDir, chain: { question, mention } }
}

describe('posts.fetchThread against a Mastodon server', () => {
  it('stores the conversation the server has and Earshot had not heard, and answers with it', async () => {
    const { core, server, mention, chain } = await conversationWithOneMentionHeard()
    expect(texts(await call<Post[]>(core, 'posts', 'thread', { id: mention.id }))).toHaveLength(1)
    const added: number[] = []
    core.events.on((event, payload) => {
      if (event === 'posts:added') added.push((payload as { count: number }).count)
    })

    const fetched = await call<FetchedThread>(core, 'posts', 'fetchThread', { id: mention.id })

    expect(fetched.source).toBe('network')
    expect(fetched.note).toBeNull()
    expect(texts(fetched.posts)).toEqual([
      'Does the Nimbus charge over USB-C?',
      'Only with the 65 W brick, in my experience.',
      'Mine charges from a power bank too.',
      '@team is that right?',
      'They will know best.',
      'Following this one.'
    ])
    // The same thread is now what the store says, without the network.
    expect(await call<Post[]>(core, 'posts', 'thread', { id: mention.id })).toEqual(fetched.posts)
    // Stored through the ingest: announced, and triaged like every post that arrives. The answer
    // reached above the mention, so the top was asked too: Carla's answer beside the chain came with it.
    expect(added.reduce((sum, n) => sum + n, 0)).toBe(5)
    await core.ingest.idle()
    const reply = fetched.posts.find((post) => post.text === 'They will know best.')
    expect(core.store.posts.get(reply?.id ?? '')?.triage).not.toBeNull()
    const contextRequests = (): string[] => server.apiRequests().filter((request) => request.template === '/api/v1/statuses/{id}/context').map((request) => request.url.pathname)
    expect(contextRequests()).toEqual([`/api/v1/statuses/${chain.mention.id}/context`, `/api/v1/statuses/${chain.question.id}/context`])
    expect(core.store.posts.count()).toBe(6)

    // A second fetch asks about the stored top at once, and stores nothing twice.
    const again = await call<FetchedThread>(core, 'posts', 'fetchThread', { id: mention.id })
    expect(again.posts.map((post) => post.id)).toEqual(fetched.posts.map((post) => post.id))
    expect(contextRequests().slice(2)).toEqual([`/api/v1/statuses/${chain.question.id}/context`])
    expect(core.store.posts.count()).toBe(6)
  })

  it('says to reconnect when the token was revoked, and still answers with the stored thread', async () => {
    const { core, server, mention } = await conversationWithOneMentionHeard()
    server.revokeToken(server.token)
    const fetched = await call<FetchedThread>(core, 'posts', 'fetchThread', { id: mention.id })
    expect(fetched).toMatchObject({ source: 'store', note: 'Mastodon refused the request: reconnect the account.' })
    expect(texts(fetched.posts)).toEqual(['@team is that right?'])
  })

  it('says it is offline when the server cannot be reached, and says when to try again when rate limited', async () => {
    const { core, server, mention } = await conversationWithOneMentionHeard()
    server.injectFault({ kind: 'rate_limited', retryAfterSeconds: 120 }, '/api/v1/statuses/')
    const limited = await call<FetchedThread>(core, 'posts', 'fetchThread', { id: mention.id })
    expect(limited).toMatchObject({ source: 'store', note: `Rate limited by ${server.host}; try again in 2 min.` })

    await server.close()
    const offline = await call<FetchedThread>(core, 'posts', 'fetchThread', { id: mention.id })
    expect(offline.source).toBe('store')
    expect(offline.note).toMatch(/^You're offline, or 127\.0\.0\.1:\d+ cannot be reached — showing the posts Earshot has stored\.$/)
    expect(texts(offline.posts)).toEqual(['@team is that right?'])
  })

  it('gives up after its time-out with a sentence that says so', async () => {
    const { core, server, mention, dataDir } = await conversationWithOneMentionHeard()
    server.injectFault({ kind: 'hang' }, '/api/v1/statuses/')
    // The core's fetcher waits 8 s; the same parts (its store, ingest, accounts and secrets) with a shorter wait.
    const connectors = new ConnectorRegistry({ version: 'test', now: Date.now, accounts: core.store.accounts, secrets: new SecretStore(dataDir, PLAIN_FILE_CODEC) })
    const fetcher = new ThreadFetcher({ store: core.store, ingest: core.ingest, conversationFor: (source) => connectors.conversationFor(source), timeoutMs: 300 })
    const started = Date.now()
    const fetched = await fetcher.fetch(mention.id)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(fetched).toMatchObject({ source: 'store', note: `${server.host} did not answer within 1 s — showing the posts Earshot has stored.` })
    expect(texts(fetched.posts)).toEqual(['@team is that right?'])
  })

  it('is not available for posts without a connected account, and not for a read-only screen', async () => {
    const core = openCore({ dataDir: tempDir(), demo: false, version: '0.0.0-test', sync: false })
    try {
      core.store.sources.ensure({ id: 'feed-blog', network: 'rss', name: 'Blog', enabled: true, demo: false, config: { url: 'https://blog.example/feed' } })
      await core.ingest.add([makePost(1, { network: 'rss', sourceId: 'feed-blog' })])
      expect(await call<FetchedThread>(core, 'posts', 'fetchThread', { id: 'rss:1' })).toMatchObject({
        source: 'store',
        note: 'RSS/Atom has no replies to fetch — showing the posts Earshot has stored.'
      })
      await expect(core.registry.dispatch('posts', 'fetchThread', { id: 'rss:1' }, readOnly)).rejects.toMatchObject({ code: 'forbidden' })
      await expect(call(core, 'posts', 'fetchThread', { id: 'nowhere:1' })).rejects.toMatchObject({ code: 'not_found' })
    } finally {
      core.close()
    }
  })
})
