import type { Network } from './post'

/** Networks where Earshot signs in with an account (feeds need none). */
export type AccountNetwork = Extract<Network, 'mastodon' | 'bluesky'>

/** A connected account, as the UI sees it: never its secret. */
export interface Account {
  /** Stable id. */
  id: string
  network: AccountNetwork
  /** e.g. `brand@social.example` or `brand.bsky.social`. */
  handle: string
  displayName: string
  /** The Mastodon instance or Bluesky service (PDS) URL. */
  serviceUrl: string
  /** 'error' when the network refused the credentials; `lastError` says what to do. */
  status: 'ok' | 'error'
  lastError: string | null
  createdAt: number
}

/** What an account can listen to, per network. */
export const ACCOUNT_SOURCE_KINDS = {
  mastodon: ['home', 'mentions', 'list', 'hashtag', 'search'],
  bluesky: ['timeline', 'notifications', 'author', 'search']
} as const satisfies Record<AccountNetwork, readonly string[]>

export type AccountSourceKind = (typeof ACCOUNT_SOURCE_KINDS)[AccountNetwork][number]
