/**
 * The whole core against a real local Bluesky network: connect an account with an app password
 * (through the same API the UI uses), listen to its notifications, and answer a customer through
 * the outbox — exactly one reply in the thread.
 */
import { AtpAgent } from '@atproto/api'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../src/main/core'
import { forgetBlueskySessions } from '../../src/main/core/connectors/bluesky/session'
import type { Account } from '../../src/shared/domain/account'
import type { OutboxItem } from '../../src/shared/domain/outbox'
import type { Source } from '../../src/shared/domain/source'
import type { PostPage } from '../../src/shared/contract/domains'
import { startLocalBluesky, type LocalBluesky } from './support/network'

const full = { access: 'full', transport: 'web' } as const
let bsky: LocalBluesky
let brand: AtpAgent
let customer: AtpAgent
let appPassword: string
let core: Core
let dataDir: string

function call<T>(domain: string, method: string, input?: unknown): Promise<T> {
  return core.registry.dispatch(domain, method, input, full) as Promise<T>
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting; last value: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

beforeAll(async () => {
  bsky = await startLocalBluesky()
  brand = new AtpAgent({ service: bsky.pdsUrl })
  await brand.createAccount({ handle: 'earshotbrand.test', email: 'shop@example.test', password: 'shop-password' })
  customer = new AtpAgent({ service: bsky.pdsUrl })
  await customer.createAccount({ handle: 'kim.test', email: 'kim@example.test', password: 'kim-password' })
  appPassword = (await brand.com.atproto.server.createAppPassword({ name: 'Earshot' })).data.password
  dataDir = mkdtempSync(join(tmpdir(), 'earshot-core-bsky-'))
  core = openCore({ dataDir, demo: false, version: 'integration' })
})

afterAll(async () => {
  core?.close()
  forgetBlueskySessions()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  await bsky?.stop()
})

describe('a Bluesky account through the core', () => {
  it('refuses a wrong app password in plain words', async () => {
    await expect(call('accounts', 'connectBluesky', { handle: 'earshotbrand.test', appPassword: 'nope-nope-nope-nope', serviceUrl: bsky.pdsUrl })).rejects.toThrow(
      'Could not connect: the app password was refused — reconnect the account.'
    )
  })

  it('connects, hears a mention through notifications and answers it exactly once', async () => {
    const account = await call<Account>('accounts', 'connectBluesky', { handle: '@earshotbrand.test', appPassword, serviceUrl: bsky.pdsUrl })
    expect(account).toMatchObject({ network: 'bluesky', handle: 'earshotbrand.test', status: 'ok' })
    for (const file of ['earshot.db', 'cache.db']) expect(readFileSync(join(dataDir, file)).includes(appPassword)).toBe(false)

    const mention = await customer.post({
      text: '@earshotbrand.test my order never arrived, can you check?',
      facets: [{ index: { byteStart: 0, byteEnd: 18 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: brand.assertDid }] }]
    })
    await bsky.network.processAll()

    const source = await call<Source>('sources', 'addAccountSource', { accountId: account.id, kind: 'notifications' })
    expect(source).toMatchObject({ network: 'bluesky', status: 'ok', lastError: null })
    const page = await call<PostPage>('posts', 'query', { query: { type: 'stream', filter: { sourceIds: [source.id] } } })
    const heard = page.posts.find((post) => post.remoteId === mention.uri)
    expect(heard?.text).toMatch(/never arrived/)
    expect(heard?.author.handle).toBe('kim.test')

    await call<OutboxItem>('outbox', 'send', { accountId: account.id, text: 'So sorry, Kim! Could you DM us the order number?', inReplyToId: heard?.id })
    const items = await until(() => call<OutboxItem[]>('outbox', 'list'), (list) => list[0]?.state === 'sent' || list[0]?.state === 'failed')
    expect(items[0]).toMatchObject({ state: 'sent', lastError: null })
    expect(items[0]?.remoteUrl).toMatch(/\/post\//)

    await bsky.network.processAll()
    const thread = await customer.getPostThread({ uri: mention.uri })
    const replies = 'replies' in thread.data.thread ? (thread.data.thread.replies ?? []) : []
    const fromBrand = replies.filter((reply) => 'post' in reply && (reply.post as { author: { did: string } }).author.did === brand.assertDid)
    expect(fromBrand).toHaveLength(1)

    // The customer deletes the post: the next sync notices (polling alone never would).
    await customer.deletePost(mention.uri)
    await bsky.network.processAll()
    await call<Source>('sources', 'syncNow', { id: source.id })
    expect(core.store.posts.get(heard?.id ?? '')).toBeNull()
  })
})
