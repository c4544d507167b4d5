import { ApiError } from '@shared/contract/errors'
import type { DomainHandlers } from '../api/registry'
import { OUTBOX_RECENT, toOutboxItem, type OutboxSender } from '../sync/outbox'
import type { ServiceDeps } from './handlers'

/** Outbox: queue a post or reply durably, list what is waiting or went out, retry a failure. */
export function outboxHandlers({ store }: ServiceDeps, sender: OutboxSender): DomainHandlers<'outbox'> {
  return {
    list: () => store.outbox.recent(OUTBOX_RECENT).map(toOutboxItem),
    send: ({ accountId, text, inReplyToId }) => {
      const account = store.accounts.get(accountId)
      if (!account) throw new ApiError('not_found', 'That account is no longer connected.')
      return toOutboxItem(sender.enqueue({ accountId, network: account.network, text, inReplyToId: inReplyToId ?? null }))
    },
    retry: ({ id }) => toOutboxItem(sender.retry(id))
  }
}
