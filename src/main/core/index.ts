import type { OpenStoreOptions } from './storage/db'
import { ApiRegistry } from './api/registry'
import { CoreEvents } from './events'
import { DemoRunner } from './demo/runner'
import { DEMO_SOURCE_ID } from './demo/generator'
import { defaultDeck } from './services/default-deck'
import {
  deckHandlers,
  listSources,
  postHandlers,
  settingsHandlers,
  sourceHandlers,
  systemHandlers,
  type ServiceDeps
} from './services/handlers'
import { openRepositories, type Store } from './storage'
import { Ingest } from './sync/ingest'

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
}

/** The running core: one API registry for every transport, push events, and shutdown. */
export interface Core {
  registry: ApiRegistry
  events: CoreEvents
  store: Store
  ingest: Ingest
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
  try {
    const events = new CoreEvents()
    const ingest = new Ingest(store.posts, events)
    const demo = new DemoRunner({
      seed: options.demoSeed ?? DEFAULT_DEMO_SEED,
      ingest,
      sources: store.sources,
      now,
      ...(options.demoPace === undefined ? {} : { paceFactor: options.demoPace })
    })
    if (store.decks.list().length === 0) store.decks.save(defaultDeck())

    const deps: ServiceDeps = {
      store,
      events,
      version: options.version,
      onSourceToggled: (id, enabled) => {
        if (id !== DEMO_SOURCE_ID || !options.demo) return
        if (enabled) demo.start()
        else demo.stop()
      }
    }
    const registry = new ApiRegistry()
    registry.register('system', systemHandlers(deps))
    registry.register('posts', postHandlers(deps))
    registry.register('decks', deckHandlers(deps))
    registry.register('sources', sourceHandlers(deps))
    registry.register('settings', settingsHandlers(deps))
    registry.assertComplete()

    if (options.demo) demo.start()
    events.emit('sources:changed', { sources: listSources(store) })

    return {
      registry,
      events,
      store,
      ingest,
      close: () => {
        demo.stop()
        store.close()
      }
    }
  } catch (error) {
    store.close()
    throw error
  }
}

export { StoreOpenError } from './storage/errors'
