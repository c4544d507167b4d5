import { openStore, type OpenStoreOptions } from './db'
import { AccountRepository } from './repositories/accounts'
import { CorrectionRepository } from './repositories/corrections'
import { DeckRepository } from './repositories/decks'
import { OutboxRepository } from './repositories/outbox'
import { PostRepository } from './repositories/posts'
import { SettingsRepository } from './repositories/settings'
import { SourceRepository } from './repositories/sources'
import { WorkflowRepository } from './repositories/workflow'

/** Every repository over one open store. The only way the rest of the core reaches SQLite. */
export interface Store {
  posts: PostRepository
  decks: DeckRepository
  settings: SettingsRepository
  sources: SourceRepository
  accounts: AccountRepository
  outbox: OutboxRepository
  corrections: CorrectionRepository
  /** Triage workflow: teams, people, rules, SLA, and what was decided per post. */
  workflow: WorkflowRepository
  close(): void
}

export function openRepositories(dataDir: string, now: () => number, options: OpenStoreOptions = {}): Store {
  const files = openStore(dataDir, options)
  const sources = new SourceRepository(files.db, now)
  // Cursors in earshot.db describe posts that were in the lost cache: start every source afresh,
  // or conditional GETs and min_id cursors would never bring those posts back.
  if (files.cacheRebuilt) sources.resetCursors()
  return {
    posts: new PostRepository(files.db, now),
    decks: new DeckRepository(files.db, now),
    settings: new SettingsRepository(files.db),
    sources,
    accounts: new AccountRepository(files.db),
    outbox: new OutboxRepository(files.db),
    workflow: new WorkflowRepository(files.db),
    corrections: new CorrectionRepository(files.db),
    close: files.close
  }
}

export { StoreOpenError } from './errors'
