import type { AccountNetwork } from './account'

/** queued → sending → sent | failed (failed items can be retried; nothing is ever sent twice). */
export type OutboxState = 'queued' | 'sending' | 'sent' | 'failed'

export interface OutboxItem {
  /** Stable id. */
  id: string
  accountId: string
  network: AccountNetwork
  text: string
  /** Stable id of the post this answers, if any. */
  inReplyToId: string | null
  state: OutboxState
  attempts: number
  /** Why the last attempt failed, in plain words. */
  lastError: string | null
  /** The published post's URL once sent. */
  remoteUrl: string | null
  createdAt: number
  updatedAt: number
}
