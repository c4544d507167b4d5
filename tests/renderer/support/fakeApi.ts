import { ApiError } from '@shared/contract/errors'
import type { ClientApi, EventMap, EventName, PostPage, SystemInfo } from '@shared/contract/domains'
import type { ColumnQuery, Deck } from '@shared/domain/column'
import type { Post } from '@shared/domain/post'
import { DEFAULT_SETTINGS, type Settings } from '@shared/domain/settings'
import type { Source } from '@shared/domain/source'
import type { Account } from '@shared/domain/account'
import type { OutboxItem } from '@shared/domain/outbox'

/**
 * An in-memory implementation of the whole contract for renderer tests: posts with an ingest
 * sequence, keyset cursors, `since`, decks, sources, settings and push events. Every call is
 * recorded, answers are deep copies (as if they crossed a transport), and a test can make the
 * next call of a method fail or hold its answers until released.
 */

export interface FakeCall {
  method: string
  input: unknown
}

export interface FakeApiInit {
  posts?: Post[]
  decks?: Deck[]
  sources?: Source[]
  settings?: Settings
  info?: Partial<SystemInfo>
  accounts?: Account[]
}

/** The only code the fake's Mastodon sign-in accepts. */
export const FAKE_SIGN_IN_CODE = 'fake-oauth-code'

type AnyListener = (payload: unknown) => void

function clone<T>(value: T): T {
  return structuredClone(value)
}

function newestFirst(a: Post, b: Post): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

function matches(query: ColumnQuery, post: Post): boolean {
  switch (query.type) {
    case 'all':
      return true
    case 'network':
      return post.network === query.network
    case 'source':
      return post.sourceId === query.sourceId
    case 'search':
      return post.text.toLowerCase().includes(query.text.toLowerCase())
  }
}

function cursorOf(post: Post): string {
  return `${post.createdAt}|${post.id}`
}

export function createFakeApi(init: FakeApiInit = {}) {
  let seq = 0
  const stored = new Map<string, { post: Post; seq: number }>()
  let decks: Deck[] = clone(init.decks ?? [])
  let sources: Source[] = clone(init.sources ?? [])
  let settings: Settings = clone(init.settings ?? DEFAULT_SETTINGS)
  let accounts: Account[] = clone(init.accounts ?? [])
  /** Started Mastodon browser sign-ins: flow id → instance origin. */
  const signIns = new Map<string, string>()
  let outbox: OutboxItem[] = []
  const info: SystemInfo = {
    version: '0.1.0-test',
    transport: 'web',
    access: 'full',
    demoOnly: false,
    postCount: 0,
    offlineSince: null,
    secretProtection: 'user-only-file',
    ...init.info
  }
  const listeners = new Map<EventName, Set<AnyListener>>()
  const failures = new Map<string, ApiError[]>()
  const gates = new Map<string, { promise: Promise<void>; release: () => void }>()
  const calls: FakeCall[] = []

  function store(posts: readonly Post[]): void {
    for (const post of posts) stored.set(post.id, { post: clone(post), seq: ++seq })
  }
  store(init.posts ?? [])

  async function record<T>(method: string, input: unknown, answer: () => T): Promise<T> {
    calls.push({ method, input: clone(input) })
    const gate = gates.get(method)
    if (gate) await gate.promise
    const queued = failures.get(method)
    const failure = queued?.shift()
    if (failure) throw failure
    return clone(answer())
  }

  function matching(query: ColumnQuery): Post[] {
    return [...stored.values()].map((entry) => entry.post).filter((post) => matches(query, post)).sort(newestFirst)
  }

  function update(id: string, patch: Partial<Source>): Source {
    const source = sources.find((s) => s.id === id)
    if (!source) throw new ApiError('not_found', 'No such source.')
    const next = { ...source, ...patch }
    sources = sources.map((s) => (s.id === id ? next : s))
    return next
  }

  function emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(clone(payload))
  }

  const api: ClientApi = {
    system: {
      info: () => record('system.info', undefined, () => ({ ...info, postCount: stored.size }))
    },
    posts: {
      query: (input) =>
        record('posts.query', input, (): PostPage => {
          const all = matching(input.query)
          const limit = input.limit ?? 50
          let start = 0
          if (input.cursor) {
            const [time, id] = input.cursor.split('|')
            const anchor = { createdAt: Number(time), id: id ?? '' } as Post
            start = all.findIndex((post) => newestFirst(post, anchor) > 0)
            if (start < 0) start = all.length
          }
          const posts = all.slice(start, start + limit)
          const last = posts[posts.length - 1]
          const more = start + limit < all.length
          return { posts, nextCursor: more && last ? cursorOf(last) : null, latestSeq: seq }
        }),
      since: (input) =>
        record('posts.since', input, (): PostPage => {
          const fresh = [...stored.values()]
            .filter((entry) => entry.seq > input.afterSeq && matches(input.query, entry.post))
            .map((entry) => entry.post)
            .sort(newestFirst)
          return { posts: fresh.slice(0, input.limit ?? 200), nextCursor: null, latestSeq: seq }
        }),
      get: (input) => record('posts.get', input, () => stored.get(input.id)?.post ?? null)
    },
    decks: {
      list: () => record('decks.list', undefined, () => decks),
      save: (input) =>
        record('decks.save', input, () => {
          decks = [...decks.filter((deck) => deck.id !== input.deck.id), clone(input.deck)]
          emit('decks:changed', { decks })
          return input.deck
        })
    },
    sources: {
      list: () => record('sources.list', undefined, () => sources),
      setEnabled: (input) =>
        record('sources.setEnabled', input, () => {
          const source = sources.find((s) => s.id === input.id)
          if (!source) throw new ApiError('not_found', 'No such source.')
          const next: Source = { ...source, enabled: input.enabled, status: input.enabled ? 'ok' : 'paused' }
          sources = sources.map((s) => (s.id === next.id ? next : s))
          return next
        }),
      addFeed: (input) =>
        record('sources.addFeed', input, () => {
          const source: Source = {
            id: `rss:${sources.length + 1}`,
            network: 'rss',
            name: input.name ?? input.url,
            enabled: true,
            demo: false,
            status: 'syncing',
            lastSyncAt: null,
            nextSyncAt: null,
            postCount: 0,
            lastError: null,
            kind: 'feed',
            address: input.url
          }
          sources = [...sources, source]
          return source
        }),
      edit: (input) =>
        record('sources.edit', input, () =>
          update(input.id, { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.address !== undefined ? { address: input.address } : {}) })
        ),
      remove: (input) =>
        record('sources.remove', input, () => {
          const source = sources.find((s) => s.id === input.id)
          if (!source) throw new ApiError('not_found', 'That source no longer exists.')
          if (source.demo) throw new ApiError('invalid_input', 'The demo workspace can be paused, not removed.')
          sources = sources.filter((s) => s.id !== input.id)
          if (!input.keepPosts) {
            // As the core does: the source's posts go, and columns are told to reload.
            for (const [id, entry] of stored) if (entry.post.sourceId === input.id) stored.delete(id)
            emit('posts:changed', { ids: [] })
          }
        }),
      syncNow: (input) => record('sources.syncNow', input, () => update(input.id, { status: 'ok', lastError: null })),
      addAccountSource: (input) =>
        record('sources.addAccountSource', input, () => {
          const account = accounts.find((a) => a.id === input.accountId)
          if (!account) throw new ApiError('not_found', 'That account is not connected.')
          const source: Source = {
            id: `${account.network}:${sources.length + 1}`,
            network: account.network,
            name: input.name ?? `${account.handle} ${input.kind}`,
            enabled: true,
            demo: false,
            status: 'syncing',
            lastSyncAt: null,
            nextSyncAt: null,
            postCount: 0,
            lastError: null,
            kind: input.kind,
            address: input.value ?? null
          }
          sources = [...sources, source]
          return source
        })
    },
    accounts: {
      list: () => record('accounts.list', undefined, () => accounts),
      connectMastodon: (input) =>
        record('accounts.connectMastodon', input, () => {
          const account: Account = {
            id: `mastodon-${accounts.length + 1}`,
            network: 'mastodon',
            handle: `brand@${new URL(input.instanceUrl).host}`,
            displayName: 'Brand',
            serviceUrl: input.instanceUrl,
            status: 'ok',
            lastError: null,
            createdAt: Date.now()
          }
          accounts = [...accounts.filter((a) => a.handle !== account.handle), account]
          emit('accounts:changed', { accounts })
          return account
        }),
      startMastodonSignIn: (input) =>
        record('accounts.startMastodonSignIn', input, () => {
          const url = new URL(/^[a-z]+:\/\//i.test(input.instanceUrl) ? input.instanceUrl : `https://${input.instanceUrl}`)
          const flowId = `flow-${signIns.size + 1}`
          signIns.set(flowId, url.origin)
          return { flowId, authorizeUrl: `${url.origin}/oauth/authorize?response_type=code&client_id=fake-client&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob&scope=read+write` }
        }),
      finishMastodonSignIn: (input) =>
        record('accounts.finishMastodonSignIn', input, () => {
          const serviceUrl = signIns.get(input.flowId)
          if (!serviceUrl) throw new ApiError('invalid_input', 'Could not connect: this sign-in has expired — open the sign-in page again.')
          if (input.code !== FAKE_SIGN_IN_CODE) throw new ApiError('invalid_input', 'Could not connect: that code was not accepted — copy the whole code again.')
          signIns.delete(input.flowId)
          const account: Account = {
            id: `mastodon-${accounts.length + 1}`,
            network: 'mastodon',
            handle: `team@${new URL(serviceUrl).host}`,
            displayName: 'Earshot Team',
            serviceUrl,
            status: 'ok',
            lastError: null,
            createdAt: Date.now()
          }
          accounts = [...accounts.filter((a) => a.handle !== account.handle), account]
          emit('accounts:changed', { accounts })
          return account
        }),
      connectBluesky: (input) =>
        record('accounts.connectBluesky', input, () => {
          const account: Account = {
            id: `bluesky-${accounts.length + 1}`,
            network: 'bluesky',
            handle: input.handle,
            displayName: input.handle,
            serviceUrl: input.serviceUrl ?? 'https://bsky.social',
            status: 'ok',
            lastError: null,
            createdAt: Date.now()
          }
          accounts = [...accounts.filter((a) => a.handle !== account.handle), account]
          emit('accounts:changed', { accounts })
          return account
        }),
      disconnect: (input) =>
        record('accounts.disconnect', input, () => {
          accounts = accounts.filter((a) => a.id !== input.id)
          emit('accounts:changed', { accounts })
        })
    },
    outbox: {
      list: () => record('outbox.list', undefined, () => outbox),
      send: (input) =>
        record('outbox.send', input, () => {
          const account = accounts.find((a) => a.id === input.accountId)
          if (!account) throw new ApiError('not_found', 'That account is not connected.')
          const item: OutboxItem = {
            id: `outbox-${outbox.length + 1}`,
            accountId: account.id,
            network: account.network,
            text: input.text,
            inReplyToId: input.inReplyToId ?? null,
            state: 'queued',
            attempts: 0,
            lastError: null,
            remoteUrl: null,
            createdAt: Date.now(),
            updatedAt: Date.now()
          }
          outbox = [item, ...outbox]
          emit('outbox:changed', { items: outbox })
          return item
        }),
      retry: (input) =>
        record('outbox.retry', input, () => {
          const item = outbox.find((i) => i.id === input.id)
          if (!item) throw new ApiError('not_found', 'No such outbox item.')
          const next: OutboxItem = { ...item, state: 'queued', lastError: null, updatedAt: Date.now() }
          outbox = outbox.map((i) => (i.id === next.id ? next : i))
          emit('outbox:changed', { items: outbox })
          return next
        })
    },
    settings: {
      get: () => record('settings.get', undefined, () => settings),
      update: (input) =>
        record('settings.update', input, () => {
          settings = { ...settings, ...input }
          return settings
        })
    },
    on(event, listener) {
      const stored = listener as unknown as AnyListener
      const set = listeners.get(event) ?? new Set<AnyListener>()
      listeners.set(event, set)
      set.add(stored)
      return () => {
        set.delete(stored)
      }
    }
  }

  return {
    api,
    calls,
    /** Calls of one method, e.g. 'posts.since'. */
    callsOf: (method: string): FakeCall[] => calls.filter((call) => call.method === method),
    emit,
    /** Stores posts as the core would (new sequence numbers) and announces them. */
    addPosts(posts: readonly Post[]): void {
      store(posts)
      emit('posts:added', { count: posts.length, latestSeq: seq })
    },
    /** Changes or deletes (null) a stored post without announcing it. */
    setPost(id: string, post: Post | null): void {
      const entry = stored.get(id)
      if (!post) stored.delete(id)
      else stored.set(id, { post: clone(post), seq: entry?.seq ?? ++seq })
    },
    /** The next call of `method` fails with this error. */
    failNext(method: string, error: ApiError): void {
      const queue = failures.get(method) ?? []
      queue.push(error)
      failures.set(method, queue)
    },
    /** Answers of `method` wait until the returned function is called. */
    hold(method: string): () => void {
      let release: () => void = () => undefined
      const promise = new Promise<void>((resolve) => {
        release = () => {
          gates.delete(method)
          resolve()
        }
      })
      gates.set(method, { promise, release })
      return release
    },
    /** The outbox as the core keeps it. */
    get outbox(): OutboxItem[] {
      return clone(outbox)
    },
    /** Moves an outbox item on (e.g. to sent with a URL, or failed with a reason) and announces it, as the sender does. */
    updateOutbox(id: string, patch: Partial<OutboxItem>): void {
      outbox = outbox.map((item) => (item.id === id ? { ...item, ...patch, updatedAt: Date.now() } : item))
      emit('outbox:changed', { items: outbox })
    },
    listenerCount: (event: EventName): number => listeners.get(event)?.size ?? 0,
    get seq(): number {
      return seq
    }
  }
}

export type FakeApi = ReturnType<typeof createFakeApi>
