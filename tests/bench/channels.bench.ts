import { performance } from 'node:perf_hooks'
import { describe, it } from 'vitest'
import type { Account } from '@shared/domain/account'
import type { Source } from '@shared/domain/source'
import { openCore } from '../../src/main/core'
import { startFeedServer } from '../support/feed-server'
import { startMastodonServer } from '../support/mastodon-server'
import { useTempDirs } from '../support/temp'
import { report } from './metrics'

const tempDir = useTempDirs()
const full = { access: 'full', transport: 'web' } as const

describe('channels', () => {
  it('backfills 10,000 Mastodon posts into the store, within the rate budget, and drains the outbox', async () => {
    // Mastodon's default budget is 300 requests per 5 minutes; this bench reports what it used of it.
    const budget = { limit: 300, windowMs: 5 * 60_000 }
    const server = await startMastodonServer({ rateLimit: { limit: 100_000, windowMs: budget.windowMs } })
    const core = openCore({ dataDir: tempDir(), demo: false, version: 'bench', sync: false })
    try {
      const account = (await core.registry.dispatch('accounts', 'connectMastodon', { instanceUrl: server.url, accessToken: server.token }, full)) as Account
      const author = server.world.addAccount({ username: 'busy', domain: 'social.example', followers: 1000 })
      server.world.follow(author)
      server.world.post(author, { text: 'Hello before Earshot listened' })
      // The first sync takes the newest page; what arrives afterwards is caught up without gaps.
      const source = (await core.registry.dispatch('sources', 'addAccountSource', { accountId: account.id, kind: 'home' }, full)) as Source
      for (let i = 0; i < 10_000; i++) server.world.post(author, { text: `Backfill post ${i} about the Lumora Book 14 #lumora` })
      const requestsBefore = server.apiRequests('/api/v1/timelines/home').length
      const started = performance.now()
      let runs = 0
      while (core.store.posts.countBySource(source.id) < 10_001 && runs < 1000) {
        await core.sync.syncNow(source.id)
        runs++
      }
      const elapsed = performance.now() - started
      const stored = core.store.posts.countBySource(source.id) - 1
      const requests = server.apiRequests('/api/v1/timelines/home').length - requestsBefore
      report('mastodon.backfill', stored / (elapsed / 1000), 'posts/s', undefined, { posts: stored, ms: Math.round(elapsed), syncRuns: runs })
      report('mastodon.backfill.requests', requests, 'requests', undefined, {
        budget: `${budget.limit} per ${budget.windowMs / 60_000} min`,
        shareOfBudget: Math.round((requests / budget.limit) * 100) / 100,
        pageSize: 40,
        note: 'the engine spreads these over windows to stay under 80% of the budget'
      })

      core.outbox.start()
      const sendStarted = performance.now()
      for (let i = 0; i < 300; i++) core.outbox.enqueue({ accountId: account.id, network: 'mastodon', text: `Reply ${i}`, inReplyToId: null })
      const enqueueMs = performance.now() - sendStarted
      while (core.store.outbox.recent(1000).some((item) => item.state !== 'sent')) await new Promise((resolve) => setTimeout(resolve, 10))
      const sendMs = performance.now() - sendStarted
      report('outbox.enqueue', 300 / (enqueueMs / 1000), 'items/s', undefined, { note: 'durable (synchronous=FULL) writes, acknowledged to the user' })
      report('outbox.send', 300 / (sendMs / 1000), 'items/s', undefined, { items: 300, note: 'one account, serialised, against the local test server' })
    } finally {
      core.close()
      await server.close()
    }
  })

  it('backfills a 1,000-item feed', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => `<item><title>Item ${i}</title><link>https://blog.example/${i}</link><guid>g${i}</guid><pubDate>Wed, 25 Nov 2026 08:00:00 GMT</pubDate><description>&lt;p&gt;Text of item ${i} about &lt;b&gt;Lumora&lt;/b&gt;&lt;/p&gt;</description></item>`).join('')
    const feeds = await startFeedServer()
    feeds.route('/feed.xml', { body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Big blog</title>${items}</channel></rss>`, headers: { 'Content-Type': 'application/rss+xml' } })
    const core = openCore({ dataDir: tempDir(), demo: false, version: 'bench', sync: false })
    try {
      const started = performance.now()
      const source = (await core.registry.dispatch('sources', 'addFeed', { url: feeds.url('/feed.xml') }, full)) as Source
      const elapsed = performance.now() - started
      report('rss.backfill', source.postCount / (elapsed / 1000), 'posts/s', undefined, { posts: source.postCount, ms: Math.round(elapsed), note: 'discovery + fetch + parse + sanitize + store' })
    } finally {
      core.close()
      await feeds.close()
    }
  })
})
