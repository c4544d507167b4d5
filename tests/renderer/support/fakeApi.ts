import { ApiError } from '@shared/contract/errors'
import type { ClientApi, EventMap, EventName, FetchedThread, PostPage, SystemInfo } from '@shared/contract/domains'
import type { ColumnQuery, Deck } from '@shared/domain/column'
import type { Post } from '@shared/domain/post'
import { DEFAULT_SETTINGS, type Settings } from '@shared/domain/settings'
import type { Source } from '@shared/domain/source'
import type { Account } from '@shared/domain/account'
import type { OutboxItem } from '@shared/domain/outbox'
import { DEFAULT_SLA, OPEN_STATUSES, type TriageActivity, type TriageConfig, type TriageCounters } from '@shared/domain/triage'

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
  /** The triage setup (teams, people, rules, SLA, learning, watchlist). */
  triage?: Partial<TriageConfig>
  /** What the networks hold for `posts.fetchThread`: posts not stored yet, or the note it answers with instead. */
  network?: { posts?: Post[]; note?: string | null }
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

/** As the core orders the needs-reply queue: most urgent first (the priority includes the SLA time left), then newest. */
function mostUrgentFirst(a: Post, b: Post): number {
  return (b.triage?.priority ?? 0) - (a.triage?.priority ?? 0) || newestFirst(a, b)
}

function orderOf(query: ColumnQuery): (a: Post, b: Post) => number {
  return query.type === 'needs-reply' ? mostUrgentFirst : newestFirst
}

/**
 * A rough stand-in for the core's full-text search: terms ("phrases" count as one) must all
 * appear, `prefix*` matches the start of a word, NOT excludes, OR between alternatives.
 */
function textMatches(text: string, search: string): boolean {
  const haystack = text.toLowerCase()
  return search.split(/\s+OR\s+/).some((alternative) => {
    const terms = alternative.match(/NOT\s+("[^"]*"|\S+)|"[^"]*"|\S+/g) ?? []
    return terms
      .filter((term) => term !== 'AND')
      .every((term) => {
        const negated = term.startsWith('NOT ')
        const word = term.replace(/^NOT\s+/, '').replace(/"/g, '').toLowerCase()
        const found = word.endsWith('*') ? new RegExp(`\\b${word.slice(0, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(haystack) : haystack.includes(word)
        return negated ? !found : found
      })
  })
}

function matches(query: ColumnQuery, post: Post): boolean {
  const f = query.filter
  const t = post.triage
  if (query.type === 'needs-reply' && !(t?.needsResponse && OPEN_STATUSES.includes(t.status))) return false
  if (f.networks?.length && !f.networks.includes(post.network)) return false
  if (f.sourceIds?.length && !f.sourceIds.includes(post.sourceId)) return false
  if (f.languages?.length && !(post.language && f.languages.includes(post.language))) return false
  if (f.sentiments?.length && !(t && f.sentiments.includes(t.sentiment))) return false
  if (f.intents?.length && !(t && f.intents.includes(t.intent))) return false
  if (f.statuses?.length && !(t && f.statuses.includes(t.status))) return false
  if (f.teamIds?.length && !(t?.teamId && f.teamIds.includes(t.teamId))) return false
  if (f.assignees?.length && !(t?.assignee && f.assignees.includes(t.assignee))) return false
  if (f.watchlistOnly && !t?.watched) return false
  if (f.minFollowers && post.author.followers < f.minFollowers) return false
  if (f.topics?.length && !f.topics.some((topic) => post.text.toLowerCase().includes(topic.toLowerCase()))) return false
  if (f.hasMedia && post.media.length === 0) return false
  if (f.withinHours && post.createdAt < Date.now() - f.withinHours * 3_600_000) return false
  if (f.text && !textMatches(post.text, f.text)) return false
  return true
}

function cursorOf(query: ColumnQuery, post: Post): string {
  return query.type === 'needs-reply' ? `${post.createdAt}|${post.id}|${post.triage?.priority ?? 0}` : `${post.createdAt}|${post.id}`
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
  let triage: TriageConfig = {
    teams: [],
    people: [],
    rules: [],
    sla: DEFAULT_SLA,
    learning: { corrections: 0, heldOutAccuracy: null, heldOutSize: 0 },
    watchlist: [],
    ...clone(init.triage ?? {})
  }
  /** Notes and history per post id. */
  const activity = new Map<string, TriageActivity>()
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
  /** What `posts.fetchThread` finds on the network: posts it stores, or a note when the network does not answer. */
  const network: { posts: Post[]; note: string | null } = { posts: clone(init.network?.posts ?? []), note: init.network?.note ?? null }

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

  /** As the core: up the reply chain to the root, then everything that replies into it; oldest first. */
  function threadOf(id: string): Post[] {
    const byId = (postId: string | null): Post | undefined => (postId ? stored.get(postId)?.post : undefined)
    let root = byId(id)
    if (!root) return []
    for (let parent = byId(root.replyToId); parent; parent = byId(parent.replyToId)) root = parent
    const ids = new Set([root.id])
    for (let grew = true; grew; ) {
      grew = false
      for (const { post } of stored.values()) {
        if (!ids.has(post.id) && post.replyToId && ids.has(post.replyToId)) {
          ids.add(post.id)
          grew = true
        }
      }
    }
    return [...ids].flatMap((postId) => byId(postId) ?? []).sort((a, b) => -newestFirst(a, b))
  }

  function matching(query: ColumnQuery): Post[] {
    return [...stored.values()].map((entry) => entry.post).filter((post) => matches(query, post)).sort(orderOf(query))
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
            const [time, id, priority] = input.cursor.split('|')
            const anchor = { createdAt: Number(time), id: id ?? '', triage: { priority: Number(priority) } } as Post
            const order = orderOf(input.query)
            start = all.findIndex((post) => order(post, anchor) > 0)
            if (start < 0) start = all.length
          }
          const posts = all.slice(start, start + limit)
          const last = posts[posts.length - 1]
          const more = start + limit < all.length
          return { posts, nextCursor: more && last ? cursorOf(input.query, last) : null, latestSeq: seq }
        }),
      since: (input) =>
        record('posts.since', input, (): PostPage => {
          const fresh = [...stored.values()]
            .filter((entry) => entry.seq > input.afterSeq && matches(input.query, entry.post))
            .map((entry) => entry.post)
            .sort(newestFirst)
          return { posts: fresh.slice(0, input.limit ?? 200), nextCursor: null, latestSeq: seq }
        }),
      get: (input) => record('posts.get', input, () => stored.get(input.id)?.post ?? null),
      count: (input) =>
        record('posts.count', input, () =>
          Math.min(10_000, [...stored.values()].filter((entry) => entry.seq > input.afterSeq && matches(input.query, entry.post)).length)
        ),
      thread: (input) => record('posts.thread', input, () => threadOf(input.id)),
      fetchThread: (input) =>
        record('posts.fetchThread', input, (): FetchedThread => {
          // As the core: what the network has is stored (and announced) before the thread is read again.
          if (network.note === null && network.posts.length > 0) {
            const fresh = network.posts.splice(0)
            store(fresh)
            emit('posts:added', { count: fresh.length, latestSeq: seq })
          }
          return { posts: threadOf(input.id), source: network.note === null ? 'network' : 'store', note: network.note }
        })
    },
    decks: {
      list: () => record('decks.list', undefined, () => decks),
      save: (input) =>
        record('decks.save', input, () => {
          // As the core: an existing deck keeps its place, a new one goes last.
          const saved = clone(input.deck)
          decks = decks.some((deck) => deck.id === saved.id) ? decks.map((deck) => (deck.id === saved.id ? saved : deck)) : [...decks, saved]
          emit('decks:changed', { decks })
          return input.deck
        }),
      remove: (input) =>
        record('decks.remove', input, () => {
          if (!decks.some((deck) => deck.id === input.id)) throw new ApiError('not_found', 'There is no such deck (it may have been removed already).')
          if (decks.length === 1) throw new ApiError('invalid_input', 'The last deck cannot be removed: Earshot needs one deck to show.')
          decks = decks.filter((deck) => deck.id !== input.id)
          emit('decks:changed', { decks })
        }),
      reorder: (input) =>
        record('decks.reorder', input, () => {
          const byId = new Map(decks.map((deck) => [deck.id, deck]))
          const unknown = input.ids.find((id) => !byId.has(id))
          if (unknown !== undefined) throw new ApiError('not_found', `There is no deck "${unknown}".`)
          decks = [...input.ids, ...decks.map((deck) => deck.id).filter((id) => !input.ids.includes(id))].flatMap((id) => byId.get(id) ?? [])
          emit('decks:changed', { decks })
          return decks
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
    triage: (() => {
      function activityOf(id: string): TriageActivity {
        let entry = activity.get(id)
        if (!entry) activity.set(id, (entry = { notes: [], history: [] }))
        return entry
      }
      function triaged(id: string): Post {
        const post = stored.get(id)?.post
        if (!post) throw new ApiError('not_found', 'That post is no longer stored.')
        if (!post.triage) throw new ApiError('invalid_input', 'That post has not been classified yet.')
        return post
      }
      /** Replaces the setup and tells every UI, as the core does. */
      function setConfig(next: Partial<TriageConfig>): void {
        triage = { ...triage, ...clone(next) }
        emit('triage:config', triage)
      }
      return {
        config: () => record('triage.config', undefined, () => triage),
        saveTeam: (input) =>
          record('triage.saveTeam', input, () => {
            setConfig({ teams: [...triage.teams.filter((t) => t.id !== input.team.id), input.team] })
            return input.team
          }),
        removeTeam: (input) =>
          record('triage.removeTeam', input, () => {
            setConfig({
              teams: triage.teams.filter((t) => t.id !== input.id),
              people: triage.people.map((p) => (p.teamId === input.id ? { ...p, teamId: null } : p))
            })
          }),
        savePerson: (input) =>
          record('triage.savePerson', input, () => {
            setConfig({ people: [...triage.people.filter((p) => p.id !== input.person.id), input.person] })
            return input.person
          }),
        removePerson: (input) =>
          record('triage.removePerson', input, () => setConfig({ people: triage.people.filter((p) => p.id !== input.id) })),
        saveRule: (input) =>
          record('triage.saveRule', input, () => {
            const at = triage.rules.findIndex((r) => r.id === input.rule.id)
            setConfig({ rules: at < 0 ? [...triage.rules, input.rule] : triage.rules.map((r) => (r.id === input.rule.id ? input.rule : r)) })
            return input.rule
          }),
        removeRule: (input) => record('triage.removeRule', input, () => setConfig({ rules: triage.rules.filter((r) => r.id !== input.id) })),
        reorderRules: (input) =>
          record('triage.reorderRules', input, () => {
            const byId = new Map(triage.rules.map((r) => [r.id, r]))
            if (input.ids.length !== byId.size || input.ids.some((id) => !byId.has(id))) {
              throw new ApiError('invalid_input', 'Give every rule exactly once.')
            }
            setConfig({ rules: input.ids.map((id) => byId.get(id)).filter((r) => r !== undefined) })
            return triage.rules
          }),
        testRule: (input) =>
          record('triage.testRule', input, () => {
            // Intents and keywords only: enough for the UI's "would have matched N posts".
            const { intents, keywords } = input.rule.when
            const hits = [...stored.values()]
              .map((entry) => entry.post)
              .filter((post) => !intents?.length || (post.triage !== null && intents.includes(post.triage.intent)))
              .filter((post) => !keywords?.length || keywords.some((k) => post.text.toLowerCase().includes(k.toLowerCase())))
              .sort(newestFirst)
            return { matched: hits.length, days: input.days ?? 7, sampleIds: hits.slice(0, 5).map((post) => post.id) }
          }),
        saveSla: (input) =>
          record('triage.saveSla', input, () => {
            setConfig({ sla: input.sla })
            return input.sla
          }),
        setWatched: (input) =>
          record('triage.setWatched', input, () => {
            const rest = triage.watchlist.filter((id) => id !== input.authorId)
            setConfig({ watchlist: input.watched ? [...rest, input.authorId] : rest })
            // As the core: the author's posts show the change.
            const ids: string[] = []
            for (const { post } of stored.values()) {
              if (post.author.id !== input.authorId || !post.triage) continue
              post.triage.watched = input.watched
              ids.push(post.id)
            }
            emit('posts:changed', { ids })
          }),
        update: (input) =>
          record('triage.update', input, () => {
            const posts = input.ids.map(triaged)
            const { change } = input
            if (change.status === 'snoozed' && change.snoozedUntil === undefined) {
              throw new ApiError('invalid_input', 'Say until when the post is snoozed.')
            }
            for (const post of posts) {
              const t = post.triage
              if (!t) continue
              if (change.status !== undefined) t.status = change.status
              t.snoozedUntil = change.status === 'snoozed' ? (change.snoozedUntil ?? null) : change.status ? null : t.snoozedUntil
              if (change.teamId !== undefined) t.teamId = change.teamId
              if (change.assignee !== undefined) t.assignee = change.assignee
              const removed = new Set(change.removeTags ?? [])
              t.tags = [...new Set([...t.tags, ...(change.addTags ?? [])])].filter((tag) => !removed.has(tag))
              activityOf(post.id).history.push({ at: Date.now(), actor: settings.userName || 'You', what: `changed ${Object.keys(change).join(', ')}` })
            }
            emit('posts:changed', { ids: posts.map((post) => post.id) })
            return posts
          }),
        correct: (input) =>
          record('triage.correct', input, () => {
            const post = triaged(input.id)
            const t = post.triage
            if (t && input.intent) {
              t.intent = input.intent
              t.intentCorrected = true
              t.confidence = 1
            }
            if (t && input.teamId !== undefined) t.teamId = input.teamId
            activityOf(post.id).history.push({ at: Date.now(), actor: settings.userName || 'You', what: 'corrected the triage' })
            setConfig({ learning: { ...triage.learning, corrections: triage.learning.corrections + 1 } })
            emit('posts:changed', { ids: [post.id] })
            return post
          }),
        addNote: (input) =>
          record('triage.addNote', input, () => {
            triaged(input.id)
            const note = { id: `note-${activityOf(input.id).notes.length + 1}`, at: Date.now(), author: settings.userName || 'You', text: input.text }
            activityOf(input.id).notes.push(note)
            return note
          }),
        activity: (input) => record('triage.activity', input, () => activityOf(input.id)),
        counters: () =>
          record('triage.counters', undefined, (): TriageCounters => {
            const waiting = [...stored.values()]
              .map((entry) => entry.post)
              .filter((post) => post.triage?.needsResponse && OPEN_STATUSES.includes(post.triage.status))
            const oldest = waiting.reduce<number | null>((min, post) => (min === null || post.createdAt < min ? post.createdAt : min), null)
            const now = Date.now()
            const teams = [...triage.teams.map((t) => ({ id: t.id as string | null, name: t.name })), { id: null, name: 'No team' }].map((team) => {
              const mine = waiting.filter((post) => (post.triage?.teamId ?? null) === team.id)
              const breached = mine.filter((post) => post.triage?.dueAt !== null && (post.triage?.dueAt ?? Infinity) < now).length
              return { teamId: team.id, name: team.name, waiting: mine.length, breached, breachedToday: breached }
            })
            return { mentionsToday: stored.size, waitingForReply: waiting.length, oldestUnansweredAt: oldest, teams }
          })
      }
    })(),
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
    /** The triage setup as the core keeps it. */
    get triage(): TriageConfig {
      return clone(triage)
    },
    listenerCount: (event: EventName): number => listeners.get(event)?.size ?? 0,
    get seq(): number {
      return seq
    }
  }
}

export type FakeApi = ReturnType<typeof createFakeApi>
