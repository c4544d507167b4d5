/**
 * Publishing a status (a post or a reply) for the outbox.
 *
 * The outbox may send the same item twice (a crash after sending, before the result was
 * saved; a time-out whose request did arrive). Mastodon de-duplicates `POST /api/v1/statuses`
 * by the `Idempotency-Key` header for about an hour: a repeated key returns the status created
 * the first time instead of posting again. So the outbox gives every item one key for its whole
 * life and sends it on every attempt.
 */
import { callMastodon, createMastodonClient, DEFAULT_MASTODON_TIMEOUT_MS, instanceHost } from './client'
import { mastodonPostId } from './map'
import { ConnectorError } from '../types'

export interface PublishStatusOptions {
  instanceUrl: string
  accessToken: string
  /** The status text as typed (Mastodon turns URLs, mentions and hashtags into links). */
  text: string
  /** The instance-local id (`Post.remoteId`) of the status this replies to. */
  inReplyToRemoteId?: string
  /** One key per outbox item, the same on every attempt (see the header). */
  idempotencyKey: string
  signal?: AbortSignal
  timeoutMs?: number
  now?: () => number
}

export interface PublishedStatus {
  /** The new status's id on the instance. */
  remoteId: string
  /** Its public URL, when the instance gives one. */
  url: string | null
  /** Its stable id (`mastodon:<host>:<id>`), as the connector will store it when it reads it back. */
  id: string
}

export async function publishStatus(options: PublishStatusOptions): Promise<PublishedStatus> {
  const host = instanceHost(options.instanceUrl)
  const timeoutMs = options.timeoutMs ?? DEFAULT_MASTODON_TIMEOUT_MS
  if (!options.idempotencyKey) throw new ConnectorError('invalid_response', 'cannot publish without an idempotency key')
  const client = createMastodonClient({ instanceUrl: options.instanceUrl, accessToken: options.accessToken, timeoutMs, ...(options.signal ? { signal: options.signal } : {}) })
  const context = {
    host,
    timeoutMs,
    now: options.now ?? Date.now,
    ...(options.signal ? { signal: options.signal } : {}),
    authMessage: 'the access token was revoked or lacks write access — reconnect the account'
  }
  const response = await callMastodon(context, () =>
    client.v1.statuses.create.$raw(
      { status: options.text, ...(options.inReplyToRemoteId ? { inReplyToId: options.inReplyToRemoteId } : {}) },
      { requestInit: { headers: { 'Idempotency-Key': options.idempotencyKey } } }
    )
  )
  const status: unknown = response.data
  if (typeof status !== 'object' || status === null || !('id' in status) || typeof status.id !== 'string') {
    throw new ConnectorError('invalid_response', `${host} accepted the post but did not say which status it created — check the account before sending again`)
  }
  const url = 'url' in status && typeof status.url === 'string' ? status.url : null
  return { remoteId: status.id, url, id: mastodonPostId(host, status.id) }
}
