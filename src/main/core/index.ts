import type { OpenStoreOptions } from './storage/db'
import { ApiRegistry } from './api/registry'
import { CoreEvents } from './events'
import { DemoRunner } from './demo/runner'
import { defaultDeck } from './services/default-deck'
import { deckHandlers, listSources, postHandlers, settingsHandlers, systemHandlers, type ServiceDeps } from './services/handlers'
import { sourceHandlers } from './services/sources'
import { ThreadFetcher } from './services/threads'
import { accountHandlers, toAccount } from './services/accounts'
import { OutboxSender } from './sync/outbox'
import { outboxHandlers } from './services/outbox'
import { TriageService, defaultTriageSetup, localTimeZone, triageHandlers } from './services/triage'
import { openRepositories, type Store } from './storage'
import { Ingest } from './sync/ingest'
import { SyncEngine } from './sync/engine'
import { ConnectorRegistry } from './connectors'
import { SecretStore, PLAIN_FILE_CODEC, type SecretCodec } from './secrets/store'
import { TriagePool } from './triage/pool'
import { TRIAGE_WORKER_PATH } from './triage/worker-path'
import { TriageBackfill, TriagePipeline } from './triage/pipeline'
import { TriageLearner } from './triage/learn'
import { TriageRouter } from './triage/routing'
import { SlaMonitor } from './triage/sla-monitor'

export interface CoreOptions extends OpenStoreOptions {
  /** Folder of earshot.db and cache.db. */
  dataDir: string
  /** Run the demo workspace (when its source is enabled). `earshot serve --no-demo` sets false. */
  demo: boolean
  /** Earshot's version, reported by system.info. */
  version: string
  /** Clock (tests pin it). */
  now?: () => number
  /** Seed of the demo workspace (tests and benchmarks pin it). */
  demoSeed?: number
  /** Speeds up (<1) or slows down the demo's live stream. */
  demoPace?: number
  /** Sync real sources (feeds, accounts). Tests of other parts switch it off. Default true. */
  sync?: boolean
  /**
   * How account secrets are protected at rest: the desktop app passes an OS-keyring codec
   * (Electron safeStorage); without one they go to a file only the user can read.
   */
  secretCodec?: SecretCodec
  /**
   * Worker threads that classify incoming posts (default 1). Without a built worker (the core
   * running from TypeScript sources, as in tests) or with 0, posts are classified on the main
   * thread in small chunks between event-loop turns.
   */
  triageWorkers?: number
}

/** Triage of incoming posts: the classifier pool, what learns from corrections, and the catch-up of unclassified posts. */
export interface CoreTriage {
  pool: TriagePool
  pipeline: TriagePipeline
  learner: TriageLearner
  backfill: TriageBackfill
  /** Teams, rules and the work on posts (the triage API's service). */
  workflow: TriageService
  /** Watches first-response clocks (breaches, warnings). */
  sla: SlaMonitor
}

/** The running core: one API registry for every transport, push events, and shutdown. */
export interface Core {
  registry: ApiRegistry
  events: CoreEvents
  store: Store
  ingest: Ingest
  sync: SyncEngine
  outbox: OutboxSender
  triage: CoreTriage
  /** How account secrets are kept: encrypted by the OS keyring, or a user-only file. */
  secretProtection: SecretCodec['protection']
  close(): void
}

export const DEFAULT_DEMO_SEED = 20261125

/**
 * Opens the store (creating, migrating or refusing it), registers every API domain, seeds the
 * default deck on a fresh install and starts the demo workspace. Throws StoreOpenError with a
 * plain sentence when the data folder cannot be used.
 */
export function openCore(options: CoreOptions): Core {
  const now = options.now ?? Date.now
  const store = openRepositories(options.dataDir, now, options)
  const log = (message: string): void => console.warn(`Earshot: ${message}`)
  const pool = new TriagePool({ workers: options.triageWorkers ?? 1, workerPath: TRIAGE_WORKER_PATH, log })
  try {
    const events = new CoreEvents()
    const pipeline = new TriagePipeline(
      pool,
      () => ({ brand: store.settings.get().brand, watchlist: store.workflow.routingSetup().watchlist }),
      (ids) => store.workflow.intentOverrides(ids)
    )
    const learner = new TriageLearner({
      corrections: store.corrections,
      pool,
      posts: store.posts,
      classify: (posts) => pipeline.classify(posts),
      events,
      brand: () => store.settings.get().brand,
      now
    })
    const router = new TriageRouter(store.workflow)
    const backfill = new TriageBackfill({ posts: store.posts, pipeline, events, log, now, onClassified: (classified, at) => router.routeNew(classified, at) })
    // Before the first post arrives, so that the demo routes from the start.
    store.workflow.seedOnce(() => defaultTriageSetup(localTimeZone()))
    const ingest = new Ingest(store.posts, events, {
      classify: (posts) => pipeline.classify(posts),
      onStored: (stored, at) => router.routeNew(stored, at),
      onUnclassified: () => void backfill.run(),
      now,
      log
    })
    const demo = new DemoRunner({
      seed: options.demoSeed ?? DEFAULT_DEMO_SEED,
      ingest,
      sources: store.sources,
      workflow: store.workflow,
      now,
      ...(options.demoPace === undefined ? {} : { paceFactor: options.demoPace })
    })
    if (store.decks.list().length === 0) store.decks.save(defaultDeck())

    const secrets = new SecretStore(options.dataDir, options.secretCodec ?? PLAIN_FILE_CODEC)
    const connectors = new ConnectorRegistry({ version: options.version, now, accounts: store.accounts, secrets })
    let healthTimer: ReturnType<typeof setTimeout> | null = null
    const sync = new SyncEngine({
      sources: store.sources,
      ingest,
      newestPostIds: (sourceId, limit) => store.posts.newestIdsBySource(sourceId, limit),
      events,
      now,
      connectorFor: (source) => connectors.for(source),
      // A refused token is the account's problem, not just one source's: the account shows it too.
      onCredentials: (source, ok, message) => {
        const accountId = source.config.accountId
        const account = typeof accountId === 'string' ? store.accounts.get(accountId) : null
        if (!account || account.status === (ok ? 'ok' : 'error')) return
        store.accounts.setStatus(account.id, ok ? 'ok' : 'error', message)
        events.emit('accounts:changed', { accounts: store.accounts.list().map(toAccount) })
      },
      // Health changes come in bursts (syncing → ok for many sources): tell the UI once per burst.
      onHealthChanged: () => {
        healthTimer ??= setTimeout(() => {
          healthTimer = null
          if (!closed) events.emit('sources:changed', { sources: listSources(store) })
        }, 100)
      }
    })
    let closed = false
    const outbox = new OutboxSender({
      outbox: store.outbox,
      events,
      now,
      publisherFor: (accountId) => connectors.publisherFor(accountId),
      // A reply that went out is the team's first response to the post it answers.
      onSent: (record) => {
        if (record.inReplyToId) workflow.markReplied(record.inReplyToId)
      }
    })

    const deps: ServiceDeps = {
      store,
      events,
      version: options.version,
      now,
      offlineSince: () => sync.offline,
      secretProtection: secrets.protection
    }
    const registry = new ApiRegistry()
    registry.register('system', systemHandlers(deps))
    const threads = new ThreadFetcher({ store, ingest, conversationFor: (source) => connectors.conversationFor(source) })
    registry.register('posts', { ...postHandlers(deps), fetchThread: ({ id }) => threads.fetch(id) })
    registry.register('decks', deckHandlers(deps))
    const forget = (id: string): void => {
      sync.remove(id)
      connectors.forget(id)
    }
    registry.register(
      'sources',
      sourceHandlers(deps, {
        refresh: (id) => sync.refresh(id),
        forget,
        syncNow: (id) => sync.syncNow(id),
        // Loaded when asked for: it brings the feed parsers, which a start does not need.
        discoverFeeds: async (url) => (await import('./connectors/rss/discover')).discoverFeeds(url, { signal: AbortSignal.timeout(20_000) }),
        setDemoRunning: (running) => {
          if (!options.demo) return
          if (running) demo.start()
          else demo.stop()
        }
      })
    )
    registry.register('accounts', accountHandlers(deps, secrets, connectors.verifiers(), { forget, forgetAccount: (id) => connectors.forgetAccount(id) }))
    registry.register('outbox', outboxHandlers(deps, outbox))
    registry.register('settings', settingsHandlers(deps))
    const workflow = new TriageService(deps, { router, learner })
    registry.register('triage', triageHandlers(workflow))
    const sla = new SlaMonitor({ workflow: store.workflow, events, getPost: (id) => store.posts.get(id), now })
    registry.assertComplete()

    // Corrections are taught before anything is classified; then posts stored before triage existed catch up.
    learner.start()
    void backfill.run()
    if (options.demo) demo.start()
    if (options.sync !== false) {
      sync.start()
      outbox.start()
    }
    sla.start()
    events.emit('sources:changed', { sources: listSources(store) })

    return {
      registry,
      events,
      store,
      ingest,
      sync,
      outbox,
      triage: { pool, pipeline, learner, backfill, workflow, sla },
      secretProtection: secrets.protection,
      close: () => {
        closed = true
        if (healthTimer) clearTimeout(healthTimer)
        demo.stop()
        sync.stop()
        outbox.stop()
        backfill.stop()
        sla.stop()
        void pool.close()
        store.close()
      }
    }
  } catch (error) {
    void pool.close()
    store.close()
    throw error
  }
}

export { StoreOpenError } from './storage/errors'
