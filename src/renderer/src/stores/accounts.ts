import { computed, onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { Account, AccountNetwork } from '@shared/domain/account'
import { api } from '@renderer/lib/api'
import { upsertById } from '@renderer/lib/collections'
import { errorCode, errorMessage, errorSentence } from '@renderer/lib/errors'
import { useConnectionStore } from './connection'

/** The answer a connect form shows: the account, or the core's sentence. */
export type AccountResult = { ok: true; account: Account } | { ok: false; message: string; code: string | null }

/** A started browser sign-in (nothing secret: the authorize URL carries only the public client id). */
export type SignInStartResult = { ok: true; flowId: string; authorizeUrl: string } | { ok: false; message: string; code: string | null }

export interface MastodonCredentials {
  instanceUrl: string
  accessToken: string
}
export interface BlueskyCredentials {
  handle: string
  appPassword: string
  serviceUrl?: string
}

/**
 * Connected accounts (never their secrets), kept live by `accounts:changed`. Secrets pass
 * through `connect*` as arguments and are never stored here: the form that typed them clears them.
 */
export const useAccountsStore = defineStore('accounts', () => {
  const accounts = ref<Account[]>([])
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)
  /** Which network is being connected right now (its form waits meanwhile). */
  const connecting = ref<AccountNetwork | null>(null)
  /** Accounts being disconnected. */
  const disconnecting = ref<ReadonlySet<string>>(new Set())
  /** The last failed disconnect per account, as a sentence. */
  const disconnectErrors = ref<ReadonlyMap<string, string>>(new Map())

  async function load(): Promise<void> {
    if (status.value !== 'ready') status.value = 'loading'
    try {
      accounts.value = await api.accounts.list()
      status.value = 'ready'
      error.value = null
    } catch (e) {
      error.value = errorMessage(e)
      if (status.value !== 'ready') status.value = 'error'
    }
  }

  function upsert(account: Account): void {
    accounts.value = upsertById(accounts.value, account)
  }

  async function connect(network: AccountNetwork, run: () => Promise<Account>): Promise<AccountResult> {
    if (connecting.value) return { ok: false, message: 'Earshot is still connecting an account.', code: 'busy' }
    connecting.value = network
    try {
      const account = await run()
      upsert(account)
      return { ok: true, account }
    } catch (e) {
      return { ok: false, message: errorSentence(e), code: errorCode(e) }
    } finally {
      connecting.value = null
    }
  }

  /** Connects (or reconnects) a Mastodon account; the token only travels to the core. */
  function connectMastodon(credentials: MastodonCredentials): Promise<AccountResult> {
    return connect('mastodon', () => api.accounts.connectMastodon(credentials))
  }

  /**
   * Starts a browser sign-in on a Mastodon server: the page to open (in the system browser on
   * the desktop, a new tab elsewhere) and the flow to finish with the code that page shows.
   */
  async function startMastodonSignIn(instanceUrl: string): Promise<SignInStartResult> {
    if (connecting.value) return { ok: false, message: 'Earshot is still connecting an account.', code: 'busy' }
    connecting.value = 'mastodon'
    try {
      return { ok: true, ...(await api.accounts.startMastodonSignIn({ instanceUrl })) }
    } catch (e) {
      return { ok: false, message: errorSentence(e), code: errorCode(e) }
    } finally {
      connecting.value = null
    }
  }

  /** Finishes a browser sign-in with the pasted code; the token is made and kept in the core. */
  function finishMastodonSignIn(flowId: string, code: string): Promise<AccountResult> {
    return connect('mastodon', () => api.accounts.finishMastodonSignIn({ flowId, code }))
  }

  /** Connects (or reconnects) a Bluesky account with an app password. */
  function connectBluesky(credentials: BlueskyCredentials): Promise<AccountResult> {
    return connect('bluesky', () => api.accounts.connectBluesky(credentials))
  }

  /** Disconnects an account; true when it is gone (else `disconnectErrors` says why). */
  async function disconnect(id: string, keepPosts: boolean): Promise<boolean> {
    if (disconnecting.value.has(id)) return false
    disconnecting.value = new Set([...disconnecting.value, id])
    const errors = new Map(disconnectErrors.value)
    errors.delete(id)
    try {
      await api.accounts.disconnect({ id, keepPosts })
      accounts.value = accounts.value.filter((a) => a.id !== id)
      return true
    } catch (e) {
      errors.set(id, `Could not disconnect: ${errorSentence(e)}`)
      return false
    } finally {
      disconnectErrors.value = errors
      const next = new Set(disconnecting.value)
      next.delete(id)
      disconnecting.value = next
    }
  }

  /** Accounts that can post on a network. */
  function forNetwork(network: string): Account[] {
    return accounts.value.filter((a) => a.network === network)
  }

  /** Networks with at least one connected account (where replies are possible). */
  const networks = computed(() => new Set<string>(accounts.value.map((a) => a.network)))

  const stop = api.on('accounts:changed', ({ accounts: next }) => {
    accounts.value = next
    status.value = 'ready'
  })
  onScopeDispose(stop)
  const connection = useConnectionStore()
  watch(
    () => connection.reconnects,
    () => void load()
  )

  return { accounts, status, error, connecting, disconnecting, disconnectErrors, networks, load, connectMastodon, startMastodonSignIn, finishMastodonSignIn, connectBluesky, disconnect, forNetwork }
})
