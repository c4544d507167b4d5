/**
 * posts.fetchThread through the whole core against a real local Bluesky network: Earshot hears
 * only the reply that mentions the brand, and asking the network brings the rest of the thread
 * (the root, the other reply above it and the answer below it) into the store.
 */
import { AtpAgent } from '@atproto/api'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../src/main/core'
import { forgetBlueskySessions } from '../../src/main/core/connectors/bluesky/session'
import type { Account } from '../../src/shared/domain/account'
import type { Post } from '../../src/shared/domain/post'
import type { Source } from '../../src/shared/domain/source'
import type { FetchedThread } from '../../src/shared/contract/domains'
import { startLocalBluesky, type LocalBluesky } from './support/network'

const full = { access: 'full', transport: 'web' } as const
let bsky: LocalBluesky
let core: Core
let dataDir: string

function call<T>(domain: string, method: string, input?: unknown): Promise<T> {
  return core.registry.dispatch(domain, method, input, full) as Promise<T>
}

async function person(handle: string): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: bsky.pdsUrl })
  await agent.createAccount({ handle, email: `${handle}@example.test`, password: `${handle}-password` })
  return agent
}

beforeAll(async () => {
  bsky = await startLocalBluesky()
  dataDir = mkdtempSync(join(tmpdir(), 'earshot-thread-bsky-'))
  // No background sync: the one sync below is the only way posts arrive, besides fetchThread.
  core = openCore({ dataDir, demo: false, version: 'integration', sync: false })
})

afterAll(async () => {
  core?.close()
  forgetBlueskySessions()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  await bsky?.stop()
})

describe('a Bluesky conversation through posts.fetchThread', () => {
  it('brings the root, the other replies and the answers below into the stored thread', async () => {
    const brand = await person('threadbrand.test')
    const kim = await person('kim.test')
    const lee = await person('lee.test')
    const max = await person('max.test')
    const appPassword = (await brand.com.atproto.server.createAppPassword({ name: 'Earshot' })).data.password

    const root = await kim.post({ text: 'Is anyone else’s Nimbus stuck at 80 %?' })
    const rootRef = { uri: root.uri, cid: root.cid }
    const sameHere = await lee.post({ text: 'Same here since the update.', reply: { root: rootRef, parent: rootRef } })
    const mention = await max.post({
      text: '@threadbrand.test mine too, any fix?',
      facets: [{ index: { byteStart: 0, byteEnd: 17 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: brand.assertDid }] }],
      reply: { root: rootRef, parent: { uri: sameHere.uri, cid: sameHere.cid } }
    })
    await kim.post({ text: 'Following, same problem.', reply: { root: rootRef, parent: { uri: mention.uri, cid: mention.cid } } })
    await bsky.network.processAll()

    const account = await call<Account>('accounts', 'connectBluesky', { handle: 'threadbrand.test', appPassword, serviceUrl: bsky.pdsUrl })
    const source = await call<Source>('sources', 'addAccountSource', { accountId: account.id, kind: 'notifications' })
    await call<Source>('sources', 'syncNow', { id: source.id })
    const heard = core.store.posts.get(`bluesky:${mention.uri}`)
    expect(heard?.text).toBe('@threadbrand.test mine too, any fix?')
    expect((await call<Post[]>('posts', 'thread', { id: heard?.id })).map((post) => post.text)).toEqual(['@threadbrand.test mine too, any fix?'])

    const fetched = await call<FetchedThread>('posts', 'fetchThread', { id: heard?.id })

    expect(fetched).toMatchObject({ source: 'network', note: null })
    expect(fetched.posts.map((post) => [post.author.handle, post.text])).toEqual([
      ['kim.test', 'Is anyone else’s Nimbus stuck at 80 %?'],
      ['lee.test', 'Same here since the update.'],
      ['max.test', '@threadbrand.test mine too, any fix?'],
      ['kim.test', 'Following, same problem.']
    ])
    expect(fetched.posts.every((post) => post.sourceId === source.id && post.network === 'bluesky')).toBe(true)
    // Stored, so the thread is there without the network from now on.
    expect(await call<Post[]>('posts', 'thread', { id: heard?.id })).toEqual(fetched.posts)
  })
})
