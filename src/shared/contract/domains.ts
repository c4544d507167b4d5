import type { Account, AccountSourceKind } from '../domain/account'
import type { Column, ColumnQuery, Deck } from '../domain/column'
import type { OutboxItem } from '../domain/outbox'
import type { Post } from '../domain/post'
import type { Settings } from '../domain/settings'
import type { Source } from '../domain/source'
import type {
  Person,
  RoutingRule,
  RuleTestResult,
  SlaPolicy,
  Team,
  TriageActivity,
  TriageChange,
  TriageConfig,
  TriageCounters,
  TriageNote
} from '../domain/triage'
import type { Intent } from '../domain/intent'

/**
 * The one API contract between the UI and the core, one interface per domain.
 * Every method takes at most one argument (a plain object) and resolves to plain data, so
 * the same contract travels over Electron IPC and over the web host's HTTP transport.
 */

/** Who is asking: the desktop app and a full token may change things; a wall screen may only look. */
export type Access = 'full' | 'read'

export interface SystemInfo {
  /** Earshot's version (package.json). */
  version: string
  /** How this UI is connected to the core. */
  transport: 'electron' | 'web'
  /** What this client is allowed to do. */
  access: Access
  /** True while the demo workspace is the only source of posts. */
  demoOnly: boolean
  /** Total posts in the local store. */
  postCount: number
  /** Since when the networks have been unreachable (epoch ms), or null while online. */
  offlineSince: number | null
  /**
   * How account secrets are kept: encrypted by the OS keyring (desktop), or in a file only the
   * user can read (earshot serve, where Node has no keyring) — the UI says which.
   */
  secretProtection: 'os-keyring' | 'user-only-file'
}

export interface SystemApi {
  /** Version, transport, access level and store size. */
  info(): Promise<SystemInfo>
}

/** One page of posts for a column, newest first. */
export interface PostPage {
  posts: Post[]
  /** Opaque cursor for the next (older) page, or null when there is no more. */
  nextCursor: string | null
  /**
   * The store's ingest sequence when the page was read. Pass it to `posts.since` to ask for
   * what arrived afterwards; it is a local counter, never an identity.
   */
  latestSeq: number
}

export interface PostQueryInput {
  query: ColumnQuery
  /** Cursor from a previous page's `nextCursor`; omit for the newest page. */
  cursor?: string | null
  /** Page size, 1–200 (default 50). */
  limit?: number
}

export interface PostsSinceInput {
  query: ColumnQuery
  /** Only posts stored after this sequence (from `PostPage.latestSeq` or the `posts:added` event). */
  afterSeq: number
  /** At most this many (1–500, default 200), newest first. */
  limit?: number
}

export interface PostsApi {
  /** A page of a column's posts, newest first, bounded by `limit`. */
  query(input: PostQueryInput): Promise<PostPage>
  /** Posts matching a column's query that were stored after `afterSeq`, newest first. */
  since(input: PostsSinceInput): Promise<PostPage>
  /** One post by its stable id, or null. */
  get(input: { id: string }): Promise<Post | null>
  /** How many posts matching a column's query were stored after `afterSeq` (a column's unread count; capped at 10,000). */
  count(input: { query: ColumnQuery; afterSeq: number }): Promise<number>
  /**
   * The whole conversation a post belongs to, from the store, oldest first: the chain of posts it
   * replies to, the post itself and the replies to it that Earshot has heard.
   */
  thread(input: { id: string }): Promise<Post[]>
  /**
   * Asks the post's network for the rest of its conversation (the posts it replies to and the
   * replies below it), stores what is new through the normal ingest (triaged, de-duplicated,
   * announced with `posts:added`), then answers with the stored thread as `thread` would. Network
   * trouble is never an error: the stored thread comes back with a note that says why.
   */
  fetchThread(input: { id: string }): Promise<FetchedThread>
}

/** The conversation after asking its network (`posts.fetchThread`). */
export interface FetchedThread {
  /** The stored thread after the fetch, oldest first (as `posts.thread`). */
  posts: Post[]
  /** `network` when the network answered; `store` when it was not asked or did not answer. */
  source: 'network' | 'store'
  /** Why the network was not asked or did not answer, as a plain sentence; null when it answered. */
  note: string | null
}

export interface DecksApi {
  /** All decks, in the user's order. */
  list(): Promise<Deck[]>
  /** Creates or replaces a deck (matched by id) and returns it as stored; a new deck goes last. */
  save(input: { deck: Deck }): Promise<Deck>
  /** Removes a deck. The last deck cannot be removed. */
  remove(input: { id: string }): Promise<void>
  /** Puts the decks in this order (every deck id, once). */
  reorder(input: { ids: string[] }): Promise<Deck[]>
}

export interface SourcesApi {
  /** Every source with its health. */
  list(): Promise<Source[]>
  /** Pauses or resumes a source. */
  setEnabled(input: { id: string; enabled: boolean }): Promise<Source>
  /**
   * Adds an RSS/Atom/JSON feed. `url` may be the feed itself or a web page that links to one
   * (discovery). Fails with a plain sentence when nothing usable is there; the first sync starts at once.
   */
  addFeed(input: { url: string; name?: string }): Promise<Source>
  /**
   * Edits a source: its name, and/or its address (a feed's URL; an account source's hashtag,
   * search words, list id or author). A new address starts the source afresh and syncs it now.
   */
  edit(input: { id: string; name?: string; address?: string }): Promise<Source>
  /** Removes a source, with or without the posts it brought. The demo workspace can only be paused. */
  remove(input: { id: string; keepPosts: boolean }): Promise<void>
  /** Syncs a source now (also clears a "reconnect" error to try again); resolves with its new health. */
  syncNow(input: { id: string }): Promise<Source>
  /**
   * Listens through a connected account: Mastodon home, mentions, a list (value = list id),
   * a hashtag or a search (value = tag / query); Bluesky timeline, notifications, an author feed
   * (value = handle) or a search (value = query).
   */
  addAccountSource(input: { accountId: string; kind: AccountSourceKind; value?: string; name?: string }): Promise<Source>
}

export interface AccountsApi {
  /** Connected accounts (never their secrets). */
  list(): Promise<Account[]>
  /** Connects a Mastodon account with an access token (checked against the instance first). */
  connectMastodon(input: { instanceUrl: string; accessToken: string }): Promise<Account>
  /**
   * Starts signing in to a Mastodon server through the browser: registers Earshot there and
   * gives the page on which the person approves it (`authorizeUrl`, not a secret: the client id
   * in it is public). The page then shows a code for `finishMastodonSignIn`.
   */
  startMastodonSignIn(input: { instanceUrl: string }): Promise<{ flowId: string; authorizeUrl: string }>
  /** Finishes a browser sign-in with the code the server's page showed; connects the account (the token stays in the core). */
  finishMastodonSignIn(input: { flowId: string; code: string }): Promise<Account>
  /** Connects a Bluesky account with an app password; `serviceUrl` for a custom PDS (default https://bsky.social). */
  connectBluesky(input: { handle: string; appPassword: string; serviceUrl?: string }): Promise<Account>
  /** Disconnects an account: forgets its secret and removes its sources (posts kept unless told otherwise). */
  disconnect(input: { id: string; keepPosts: boolean }): Promise<void>
}

export interface SettingsApi {
  /** The current settings. */
  get(): Promise<Settings>
  /** Changes some settings and returns all of them. */
  update(input: Partial<Settings>): Promise<Settings>
}

export interface OutboxApi {
  /** The newest outbox items (queued, sending, sent, failed), newest first. */
  list(): Promise<OutboxItem[]>
  /**
   * Queues a post or reply from an account. Resolves once it is written durably; it goes out
   * (exactly once) as soon as the account's network is reachable.
   */
  send(input: { accountId: string; text: string; inReplyToId?: string }): Promise<OutboxItem>
  /** Queues a failed item again. */
  retry(input: { id: string }): Promise<OutboxItem>
}

/**
 * Triage: the team's setup (teams, people, routing rules, SLA targets, watchlist) and the work on
 * posts (status, assignment, tags, notes, corrections). Changes to posts are announced with
 * `posts:changed`; changes to the setup with `triage:config`.
 */
export interface TriageApi {
  /** Teams, people, rules, SLA targets, watchlist and what the model has learned. */
  config(): Promise<TriageConfig>
  /** Creates or replaces a team (matched by id). */
  saveTeam(input: { team: Team }): Promise<Team>
  /** Removes a team; its posts and rules lose the team, its people stay without one. */
  removeTeam(input: { id: string }): Promise<void>
  savePerson(input: { person: Person }): Promise<Person>
  removePerson(input: { id: string }): Promise<void>
  /** Creates or replaces a routing rule; a new rule goes last. */
  saveRule(input: { rule: RoutingRule }): Promise<RoutingRule>
  removeRule(input: { id: string }): Promise<void>
  /** Puts the rules in this order (every rule id, once). */
  reorderRules(input: { ids: string[] }): Promise<RoutingRule[]>
  /** What a rule would have matched among the stored posts of the last `days` days (default 7), without saving it. */
  testRule(input: { rule: RoutingRule; days?: number }): Promise<RuleTestResult>
  saveSla(input: { sla: SlaPolicy }): Promise<SlaPolicy>
  /** Puts an author on the watchlist or takes them off. */
  setWatched(input: { authorId: string; watched: boolean }): Promise<void>
  /** Changes status, team, assignee or tags of one or many posts (bulk actions); returns them as stored. */
  update(input: { ids: string[]; change: TriageChange }): Promise<Post[]>
  /**
   * A person corrects what triage said: the intent and/or the team. The correction is stored,
   * the local model learns from it, and the post is routed again.
   */
  correct(input: { id: string; intent?: Intent; teamId?: string | null }): Promise<Post>
  /** Adds an internal note to a post. */
  addNote(input: { id: string; text: string }): Promise<TriageNote>
  /** A post's notes and history (who changed what), oldest first. */
  activity(input: { id: string }): Promise<TriageActivity>
  /** Live counters: mentions today, waiting for reply, oldest unanswered, load and breaches per team. */
  counters(): Promise<TriageCounters>
}

/** The whole contract. */
export interface AppApi {
  system: SystemApi
  posts: PostsApi
  decks: DecksApi
  sources: SourcesApi
  accounts: AccountsApi
  outbox: OutboxApi
  settings: SettingsApi
  triage: TriageApi
}

export type Domain = keyof AppApi
export type MethodOf<D extends Domain> = keyof AppApi[D] & string

type Fn = (...args: never[]) => unknown
type MethodFn<D extends Domain, M extends MethodOf<D>> = AppApi[D][M] extends Fn ? AppApi[D][M] : never

/** The argument a contract method takes (undefined when it takes none). */
export type InputOf<D extends Domain, M extends MethodOf<D>> =
  Parameters<MethodFn<D, M>> extends [infer I] ? I : undefined
/** What a contract method resolves to. */
export type OutputOf<D extends Domain, M extends MethodOf<D>> = Awaited<ReturnType<MethodFn<D, M>>>

/** Pushed from the core to every connected UI. */
export interface EventMap {
  /** New posts were stored; columns ask `posts.since` with their own query. */
  'posts:added': { count: number; latestSeq: number }
  /** Posts were edited or deleted upstream; an empty list means "many changed: reload the columns". */
  'posts:changed': { ids: string[] }
  /** Source health or settings changed. */
  'sources:changed': { sources: Source[] }
  /** Outbox items changed state (the newest 50). */
  'outbox:changed': { items: OutboxItem[] }
  /** An account was connected, disconnected, or its credentials were refused. */
  'accounts:changed': { accounts: Account[] }
  'settings:changed': Settings
  'decks:changed': { decks: Deck[] }
  /** The networks became unreachable (`online: false`, said once) or reachable again. */
  'connectivity:changed': { online: boolean; since: number }
  /** Teams, people, rules, SLA targets, watchlist or learning changed. */
  'triage:config': TriageConfig
  /** A post's first-response SLA is about to run out (sent once, `warnMinutesBefore` ahead): the desktop notifies. */
  'sla:warning': { postId: string; dueAt: number; teamName: string | null; summary: string }
}
export type EventName = keyof EventMap

/** What the renderer sees as `window.api` (Electron) or through the HTTP client (browser). */
export type ClientApi = AppApi & {
  /** Subscribes to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void
}

export type { Column }
