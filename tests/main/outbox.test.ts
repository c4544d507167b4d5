import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ConnectorError } from '../../src/main/core/connectors/types'
import { CoreEvents } from '../../src/main/core/events'
import { openRepositories, type Store } from '../../src/main/core/storage'
import type { OutboxRecord } from '../../src/main/core/storage/repositories/outbox'
import { OutboxSender, type Publisher } from '../../src/main/core/sync/outbox'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()

/** A network that remembers what it published by idempotency key, like Mastodon does. */
class RecordingNetwork implements Publisher {
  readonly network = 'mastodon' as const
  readonly published = new Map<string, { text: string; remoteId: string }>()
  readonly attempts: string[] = []
  failures: Array<Error | 'commit-then-fail'> = []
  private counter = 0
  newKey(): string {
    return `key-${++this.counter}`
  }
  async publish(item: OutboxRecord): Promise<{ remoteId: string; url: string | null }> {
    this.attempts.push(item.idempotencyKey)
    const failure = this.failures.shift()
    if (failure instanceof Error) throw failure
    const existing = this.published.get(item.idempotencyKey)
    const remoteId = existing?.remoteId ?? String(this.published.size + 1)
    if (!existing) this.published.set(item.idempotencyKey, { text: item.text, remoteId })
    if (failure === 'commit-then-fail') throw new ConnectorError('network', 'the connection dropped')
    return { remoteId, url: `https://social.example/@brand/${remoteId}` }
  }
}

describe('outbox', () => {
  let store: Store
  let network: RecordingNetwork
  let clock: number

  beforeEach(() => {
    vi.useFakeTimers()
    clock = 1_000_000
    store = openRepositories(tempDir(), () => clock)
    network = new RecordingNetwork()
  })

  afterEach(() => {
    vi.useRealTimers()
    store.close()
  })

  function sender(): OutboxSender {
    const outbox = new OutboxSender({
      outbox: store.outbox,
      events: new CoreEvents(),
      publisherFor: (accountId) => (accountId === 'acct' ? network : null),
      now: () => clock,
      random: () => 0.5
    })
    outbox.start()
    return outbox
  }

  it('sends queued items in order, one at a time per account, and records the URL', async () => {
    const outbox = sender()
    const first = outbox.enqueue({ accountId: 'acct', network: 'mastodon', text: 'Hi Anna, we are on it', inReplyToId: 'mastodon:1' })
    outbox.enqueue({ accountId: 'acct', network: 'mastodon', text: 'Second', inReplyToId: null })
    await outbox.kick('acct')
    await vi.runAllTimersAsync()
    outbox.stop()
    expect([...network.published.values()].map((p) => p.text)).toEqual(['Hi Anna, we are on it', 'Second'])
    expect(store.outbox.get(first.id)).toMatchObject({ state: 'sent', attempts: 1, remoteUrl: 'https://social.example/@brand/1', lastError: null })
  })

  it('retries a cut connection with the same key: the reply exists once', async () => {
    network.failures = ['commit-then-fail']
    const outbox = sender()
    const item = outbox.enqueue({ accountId: 'acct', network: 'mastodon', text: 'Sorry about that!', inReplyToId: null })
    await outbox.kick('acct')
    expect(store.outbox.get(item.id)).toMatchObject({ state: 'queued', lastError: 'the connection dropped', attempts: 1 })
    clock += 60_000
    await vi.advanceTimersByTimeAsync(60_000)
    outbox.stop()
    expect(network.attempts).toEqual([item.idempotencyKey, item.idempotencyKey])
    expect(network.published.size).toBe(1)
    expect(store.outbox.get(item.id)).toMatchObject({ state: 'sent', attempts: 2 })
  })

  it('fails for good on a revoked token, keeps the reason, and sends once more on retry', async () => {
    network.failures = [new ConnectorError('auth', 'the access token was revoked — reconnect the account')]
    const outbox = sender()
    const item = outbox.enqueue({ accountId: 'acct', network: 'mastodon', text: 'Hello', inReplyToId: null })
    await outbox.kick('acct')
    expect(store.outbox.get(item.id)).toMatchObject({ state: 'failed', lastError: 'the access token was revoked — reconnect the account' })
    expect(() => outbox.retry('nope')).toThrow(/no longer exists/)
    outbox.retry(item.id)
    await outbox.kick('acct')
    outbox.stop()
    expect(store.outbox.get(item.id)).toMatchObject({ state: 'sent', lastError: null })
    expect(network.published.size).toBe(1)
  })

  it('resends an item a crash left in "sending" with its original key, after a restart', async () => {
    const outbox = sender()
    outbox.stop()
    const item = outbox.enqueue({ accountId: 'acct', network: 'mastodon', text: 'Crash test', inReplyToId: null })
    // What a SIGKILL between "sending" and the answer leaves behind: the network has the post.
    store.outbox.save({ ...item, state: 'sending', attempts: 1 })
    network.published.set(item.idempotencyKey, { text: 'Crash test', remoteId: '77' })
    const restarted = sender()
    await restarted.kick('acct')
    restarted.stop()
    expect(network.published.size).toBe(1)
    expect(store.outbox.get(item.id)).toMatchObject({ state: 'sent', remoteUrl: 'https://social.example/@brand/77' })
  })

  it('refuses to queue for an account that cannot publish', () => {
    const outbox = sender()
    expect(() => outbox.enqueue({ accountId: 'gone', network: 'mastodon', text: 'x', inReplyToId: null })).toThrow(/cannot publish/)
    outbox.stop()
  })
})
