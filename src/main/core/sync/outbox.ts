import { randomUUID } from 'node:crypto'
import type { OutboxItem } from '@shared/domain/outbox'
import type { AccountNetwork } from '@shared/domain/account'
import { ApiError } from '@shared/contract/errors'
import type { CoreEvents } from '../events'
import { ConnectorError } from '../connectors/types'
import type { OutboxRecord, OutboxRepository } from '../storage/repositories/outbox'
import { backoffDelay, type BackoffPolicy } from './backoff'

/** Sends one outbox item to its network, always with the item's own idempotency key. */
export interface Publisher {
  readonly network: AccountNetwork
  /** A fresh key the network recognises on a retry (Mastodon: any string; Bluesky: a record key). */
  newKey(): string
  /** Publishes, or confirms that an earlier attempt with the same key already did. Throws ConnectorError. */
  publish(item: OutboxRecord, signal: AbortSignal): Promise<{ remoteId: string; url: string | null }>
}

export interface OutboxSenderOptions {
  outbox: OutboxRepository
  events: CoreEvents
  /** The publisher of an account, or null when the account is gone or cannot publish. */
  publisherFor(accountId: string): Publisher | null
  now?: () => number
  random?: () => number
  backoff?: BackoffPolicy
  /** An item went out (triage marks the post it replies to as answered). */
  onSent?: (record: OutboxRecord) => void
}

const SEND_TIMEOUT_MS = 60_000
/** How many outbox items the UI sees, newest first (in `outbox.list` and `outbox:changed`). */
export const OUTBOX_RECENT = 50
const OUTBOX_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 10 * 60_000 }

/** Public view of an outbox record. */
export function toOutboxItem(record: OutboxRecord): OutboxItem {
  return {
    id: record.id,
    accountId: record.accountId,
    network: record.network,
    text: record.text,
    inReplyToId: record.inReplyToId,
    state: record.state,
    attempts: record.attempts,
    lastError: record.lastError,
    remoteUrl: record.remoteUrl,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt
  }
}

/**
 * Sends what the outbox holds, exactly once. Each item is written durably before anything goes
 * out; each state change is written before the step it guards; sends of one account run one at a
 * time, oldest first. After a crash an item found in `sending` is sent again with the same key,
 * and the network (Idempotency-Key / client-chosen record key) answers with the first result
 * instead of a second post.
 */
export class OutboxSender {
  private readonly busy = new Map<string, Promise<void>>()
  private readonly again = new Set<string>()
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly controllers = new Set<AbortController>()
  private readonly now: () => number
  private readonly random: () => number
  private readonly backoff: BackoffPolicy
  private stopped = true

  constructor(private readonly options: OutboxSenderOptions) {
    this.now = options.now ?? Date.now
    this.random = options.random ?? Math.random
    this.backoff = options.backoff ?? OUTBOX_BACKOFF
  }

  start(): void {
    this.stopped = false
    for (const accountId of this.options.outbox.accountsWithWork()) this.kick(accountId)
  }

  stop(): void {
    this.stopped = true
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    for (const controller of this.controllers) controller.abort()
  }

  /** Writes an item durably (it is acknowledged when this returns) and starts sending it. */
  enqueue(input: { accountId: string; network: AccountNetwork; text: string; inReplyToId: string | null }): OutboxRecord {
    const publisher = this.options.publisherFor(input.accountId)
    if (!publisher) throw new ApiError('invalid_input', 'That account cannot publish (is it still connected?).')
    const record = this.options.outbox.enqueue({ id: randomUUID(), idempotencyKey: publisher.newKey(), createdAt: this.now(), ...input })
    this.changed()
    this.kick(input.accountId)
    return record
  }

  /** Puts a failed item back in the queue (same key: a retry can still never double-post). */
  retry(id: string): OutboxRecord {
    const record = this.options.outbox.get(id)
    if (!record) throw new ApiError('not_found', 'That outbox item no longer exists.')
    if (record.state !== 'failed') throw new ApiError('invalid_input', 'Only a failed item can be retried.')
    const queued: OutboxRecord = { ...record, state: 'queued', notBefore: 0, lastError: null, updatedAt: this.now() }
    this.options.outbox.save(queued)
    this.changed()
    this.kick(record.accountId)
    return queued
  }

  /** Starts (or re-checks) the serial send loop of one account; resolves when that loop is idle. */
  kick(accountId: string): Promise<void> {
    if (this.stopped) return Promise.resolve()
    const running = this.busy.get(accountId)
    if (running) {
      this.again.add(accountId)
      return running
    }
    const timer = this.timers.get(accountId)
    if (timer) clearTimeout(timer)
    this.timers.delete(accountId)
    const drained = this.drain(accountId).finally(() => {
      this.busy.delete(accountId)
      if (this.again.delete(accountId)) void this.kick(accountId)
    })
    this.busy.set(accountId, drained)
    return drained
  }

  private async drain(accountId: string): Promise<void> {
    const { outbox } = this.options
    for (;;) {
      if (this.stopped) return
      const item = outbox.next(accountId)
      if (!item) return
      const wait = item.notBefore - this.now()
      if (wait > 0) {
        this.later(accountId, wait)
        return
      }
      const publisher = this.options.publisherFor(accountId)
      if (!publisher) {
        this.fail(item, 'the account is no longer connected — reconnect it, then retry')
        continue
      }
      const sending: OutboxRecord = { ...item, state: 'sending', attempts: item.attempts + 1, updatedAt: this.now() }
      outbox.save(sending) // durable before the network call
      this.changed()
      const controller = new AbortController()
      this.controllers.add(controller)
      const timeout = setTimeout(() => controller.abort(), SEND_TIMEOUT_MS)
      try {
        const result = await publisher.publish(sending, controller.signal)
        const sent: OutboxRecord = { ...sending, state: 'sent', lastError: null, remoteId: result.remoteId, remoteUrl: result.url, updatedAt: this.now() }
        outbox.save(sent)
        this.changed()
        this.announceSent(sent)
      } catch (error) {
        if (this.stopped) return // shutting down: the item stays 'sending' and is resent with its key
        const kind = error instanceof ConnectorError ? error.kind : 'server'
        const message = error instanceof Error ? error.message : String(error)
        if (kind === 'auth' || kind === 'not_found' || kind === 'invalid_response') {
          this.fail(sending, message)
          continue
        }
        // Unclear or passing failure: back to the queue with the same key, later.
        let delay = backoffDelay(sending.attempts, this.backoff, this.random)
        if (error instanceof ConnectorError && error.retryAfterMs !== undefined) delay = Math.max(delay, error.retryAfterMs)
        outbox.save({ ...sending, state: 'queued', notBefore: this.now() + delay, lastError: message, updatedAt: this.now() })
        this.changed()
        this.later(accountId, delay)
        return
      } finally {
        clearTimeout(timeout)
        this.controllers.delete(controller)
      }
    }
  }

  /** Outside the send's error handling: a failing listener must never make a sent item look unsent. */
  private announceSent(record: OutboxRecord): void {
    try {
      this.options.onSent?.(record)
    } catch (error) {
      console.error('Earshot: a listener for a sent outbox item failed:', error)
    }
  }

  private fail(item: OutboxRecord, reason: string): void {
    this.options.outbox.save({ ...item, state: 'failed', lastError: reason, updatedAt: this.now() })
    this.changed()
  }

  private later(accountId: string, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(accountId)
      void this.kick(accountId)
    }, delayMs)
    timer.unref?.()
    this.timers.set(accountId, timer)
  }

  private changed(): void {
    this.options.events.emit('outbox:changed', { items: this.options.outbox.recent(OUTBOX_RECENT).map(toOutboxItem) })
  }
}
