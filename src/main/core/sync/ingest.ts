import type { IncomingPost } from '@shared/domain/post'
import type { CoreEvents } from '../events'
import type { PostRepository, InsertResult } from '../storage/repositories/posts'

/**
 * The one way posts enter the store, whatever connector brought them: store the batch, then tell
 * every open UI what changed. Connectors batch their posts; one transaction per batch.
 */
export class Ingest {
  constructor(
    private readonly posts: PostRepository,
    private readonly events: CoreEvents
  ) {}

  add(batch: IncomingPost[]): InsertResult {
    const result = this.posts.insertMany(batch)
    if (result.inserted > 0) this.events.emit('posts:added', { count: result.inserted, latestSeq: result.latestSeq })
    if (result.updatedIds.length > 0) this.events.emit('posts:changed', { ids: result.updatedIds })
    return result
  }

  /** Applies upstream deletions. */
  remove(ids: string[]): void {
    const removed = this.posts.removeMany(ids)
    if (removed.length) this.events.emit('posts:changed', { ids: removed })
  }
}
