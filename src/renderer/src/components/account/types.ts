import type { AccountNetwork } from '@shared/domain/account'

/** What a "Reconnect" fills in: the server and handle, never the secret. */
export interface ConnectPrefill {
  network: AccountNetwork
  server?: string
  handle?: string
}
