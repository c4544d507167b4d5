import type { IncomingPost } from '@shared/domain/post'
import type { StoredTriage } from '@shared/triage/types'
import type { CoreEvents } from '../events'
import type { PostRepository, InsertResult } from '../storage/repositories/posts'

/** A newly stored post with what triage made of it (what routing works from). */
export interface StoredPost {
  post: IncomingPost
  triage: StoredTriage
}

export interface IngestOptions {
  /** Classifies a batch (off the main thread); without it posts are stored unclassified. */
  classify?: (posts: IncomingPost[]) => Promise<StoredTriage[]>
  /** Called with the posts that were new to the store and their triage, right after they were stored (routing). */
  onStored?: (stored: StoredPost[], now: number) => void
  /** A batch was stored without triage because classifying it failed (the backfill catches up). */
  onUnclassified?: () => void
  now?: () => number
  log?: (message: string) => void
}

/**
 * The one way posts enter the store, whatever connector brought them: classify the batch, store
 * it with its triage, route the new posts, then tell every open UI what changed. Connectors batch
 * their posts; one transaction per batch. Batches are stored in the order they arrived (a later
 * deletion never overtakes an earlier batch), while the next batch is already being classified.
 */
export class Ingest {
  /** The end of the ordered chain of store operations. */
  private tail: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly posts: PostRepository,
    private readonly events: CoreEvents,
    private readonly options: IngestOptions = {}
  ) {}

  /**
   * Stores a batch; rejects only when the store itself fails (a classification failure stores the
   * batch untriaged). `stillWanted` is asked right before storing: a source removed while its
   * batch was being classified gets nothing stored.
   */
  add(batch: IncomingPost[], options: { stillWanted?: () => boolean } = {}): Promise<InsertResult> {
    const triaged = this.classify(batch)
    return this.enqueue(async () => {
      const triage = await triaged
      return options.stillWanted && !options.stillWanted() ? this.posts.insertMany([]) : this.store(batch, triage)
    })
  }

  /** Applies upstream deletions, after every batch handed in before. */
  remove(ids: string[]): Promise<void> {
    return this.enqueue(() => {
      const removed = this.posts.removeMany(ids)
      if (removed.length) this.events.emit('posts:changed', { ids: removed })
    })
  }

  /** Resolves when everything handed in so far is stored. */
  async idle(): Promise<void> {
    let tail: Promise<unknown>
    do {
      tail = this.tail
      await tail
    } while (tail !== this.tail)
  }

  private enqueue<T>(operation: () => T | Promise<T>): Promise<T> {
    const run = this.tail.then(operation)
    this.tail = run.catch(() => undefined)
    return run
  }

  private async classify(batch: IncomingPost[]): Promise<StoredTriage[] | null> {
    const { classify } = this.options
    if (!classify || batch.length === 0) return null
    try {
      return await classify(batch)
    } catch (error) {
      this.options.log?.(`Earshot: ${batch.length} posts were stored without triage (${error instanceof Error ? error.message : String(error)}); they will be classified later.`)
      return null
    }
  }

  private store(batch: IncomingPost[], triage: StoredTriage[] | null): InsertResult {
    const rows = triage ? batch.map((post, i) => ({ ...post, triage: triage[i] })) : batch
    const result = this.posts.insertMany(rows)
    if (!triage && this.options.classify && batch.length > 0) this.options.onUnclassified?.()
    const { onStored } = this.options
    if (onStored && triage && result.insertedIds.length > 0) {
      const inserted = new Set(result.insertedIds)
      const stored: StoredPost[] = []
      batch.forEach((post, i) => {
        const postTriage = triage[i]
        if (postTriage && inserted.has(post.id)) stored.push({ post, triage: postTriage })
      })
      try {
        onStored(stored, (this.options.now ?? Date.now)())
      } catch (error) {
        // Posts are stored either way; a routing failure must not fail the connector's sync.
        this.options.log?.(`Earshot: routing new posts failed: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
    if (result.inserted > 0) this.events.emit('posts:added', { count: result.inserted, latestSeq: result.latestSeq })
    if (result.updatedIds.length > 0) this.events.emit('posts:changed', { ids: result.updatedIds })
    return result
  }
}
