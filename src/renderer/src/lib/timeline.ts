import type { Post } from '@shared/domain/post'

/**
 * Pure helpers that keep a column's in-memory list in order: newest first by creation time,
 * ties broken by id so that two lists with the same posts always read the same.
 */

/** Sort order of a column: negative when `a` comes first (is newer). */
export function comparePosts(a: Post, b: Post): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/** Union of two lists by id (a post in `incoming` replaces the stored version), in column order. */
export function mergePosts(existing: readonly Post[], incoming: readonly Post[]): Post[] {
  if (incoming.length === 0) return [...existing]
  const byId = new Map<string, Post>()
  for (const post of existing) byId.set(post.id, post)
  for (const post of incoming) byId.set(post.id, post)
  return [...byId.values()].sort(comparePosts)
}

/** Ids in a list, for de-duplication. */
export function idsOf(...lists: ReadonlyArray<readonly Post[]>): Set<string> {
  const ids = new Set<string>()
  for (const list of lists) for (const post of list) ids.add(post.id)
  return ids
}

/** Replaces posts that changed upstream and drops deleted ones (ids mapped to null). */
export function applyPostChanges(list: readonly Post[], changes: ReadonlyMap<string, Post | null>): readonly Post[] {
  if (!list.some((post) => changes.has(post.id))) return list
  const out: Post[] = []
  for (const post of list) {
    if (!changes.has(post.id)) out.push(post)
    else {
      const next = changes.get(post.id)
      if (next) out.push(next)
    }
  }
  return out
}
