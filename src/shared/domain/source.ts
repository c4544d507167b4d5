import type { Network } from './post'

/** Health of one source as the UI shows it. */
export type SourceStatus = 'ok' | 'syncing' | 'paused' | 'error'

export interface Source {
  /** Stable id. */
  id: string
  network: Network
  /** What the user called it, e.g. "Demo workspace" or "@brand mentions". */
  name: string
  enabled: boolean
  /** True for the built-in demo workspace, which the UI labels clearly. */
  demo: boolean
  status: SourceStatus
  /** Last successful sync (epoch ms) or null. */
  lastSyncAt: number | null
  /** When the next sync is planned (epoch ms) or null. */
  nextSyncAt: number | null
  /** Posts stored from this source. */
  postCount: number
  /** The last error in plain words, or null. */
  lastError: string | null
  /**
   * What the source listens to, editable by the user: `feed` (address = the feed URL), an
   * account source's kind (`home`, `mentions`, `hashtag`, `search`, `list`, `author`, …; address =
   * its hashtag, words, list id or handle, or null when it needs none), or null (the demo).
   */
  kind: string | null
  address: string | null
}
