import type { ColumnQuery } from '@shared/domain/column'
import type { Post } from '@shared/domain/post'

/**
 * Pure helpers that keep a column's in-memory list in order: newest first by creation time,
 * ties broken by id so that two lists with the same posts always read the same — or, for the
 * needs-reply queue, exactly as the core sent it.
 */

/**
 * How a column's list is ordered. `time`: newest first, so new posts go on top and pages merge
 * by time. `server`: the core's order (the queue: most urgent first, by priority and SLA time
 * left, which changes with every triage change and the clock), so the list is only ever replaced
 * by a fresh answer or extended by the next page of the same answer.
 */
export type ColumnOrder = 'time' | 'server'

/** The one place that decides how a column is ordered. */
export function columnOrder(query: ColumnQuery): ColumnOrder {
  return query.type === 'needs-reply' ? 'server' : 'time'
}

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

/**
 * Adds an older page below the list: by time, a merge; in server order, the page as sent
 * (without posts already shown: a post may have moved between two pages).
 */
export function appendOlder(order: ColumnOrder, shown: readonly Post[], older: readonly Post[]): Post[] {
  if (order === 'time') return mergePosts(shown, older)
  const known = idsOf(shown)
  return [...shown, ...older.filter((post) => !known.has(post.id))]
}

/**
 * A fresh first page of a server-ordered list, laid over what is shown, when that moves nothing:
 * the shown posts keep their places and only change in place or gain posts below. Null when the
 * order changed (a post came, went or moved) — then the fresh page must replace the list.
 * `complete` says the page is the whole list (there is no next page).
 */
export function overlayPage(shown: readonly Post[], page: readonly Post[], complete: boolean): Post[] | null {
  const common = Math.min(shown.length, page.length)
  for (let i = 0; i < common; i++) if (shown[i]?.id !== page[i]?.id) return null
  if (page.length >= shown.length) return [...page]
  // Fewer posts than shown: fine when the rest lies beyond this page, not when they left the list.
  return complete ? null : [...page, ...shown.slice(page.length)]
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
