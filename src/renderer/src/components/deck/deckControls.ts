import type { InjectionKey } from 'vue'
import type { Column } from '@shared/domain/column'

/**
 * What a column header may do to its column, provided by the deck that shows it. Columns shown
 * without a deck around them (the wall screen) or on a read-only link get no controls.
 */
export interface DeckColumnControls {
  /** False on a read-only link (and until the access level is known): the controls stay hidden. */
  readonly editable: boolean
  /** Position of the column in its deck and how many columns there are. */
  position(columnId: string): { index: number; count: number }
  edit(column: Column): void
  remove(column: Column): void
  /** Moves by `delta` places (-1 left, +1 right); focus stays on `focusAfter` (a data-deck-focus name). */
  move(column: Column, delta: number, focusAfter?: string): void
  setCollapsed(column: Column, collapsed: boolean): void
  /** Starts dragging the column (HTML drag and drop). */
  dragStart(column: Column, event: DragEvent): void
  dragEnd(): void
}

export const DECK_COLUMN_CONTROLS: InjectionKey<DeckColumnControls> = Symbol('deck column controls')

/** The drag-and-drop payload types, so a column is never dropped on the deck bar and vice versa. */
export const COLUMN_DRAG_TYPE = 'application/x-earshot-column'
export const DECK_DRAG_TYPE = 'application/x-earshot-deck'

/** Alt+Shift+ArrowLeft/Right: "move this tab or column" (-1 / +1), or 0 for any other key. */
export function moveKeyDelta(event: KeyboardEvent): number {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return 0
  if (event.key === 'ArrowLeft') return -1
  if (event.key === 'ArrowRight') return 1
  return 0
}

/**
 * Where an item dragged from `from` ends up when dropped before (or after) the item at `target`:
 * the final index in the list once the item has left its old place.
 */
export function dropIndex(from: number, target: number, after: boolean): number {
  const insertAt = target + (after ? 1 : 0)
  return insertAt > from ? insertAt - 1 : insertAt
}

/** True when the drop lands on the second half of `el` along the row (drop after it). */
export function dropsAfter(event: DragEvent, el: HTMLElement): boolean {
  const rect = el.getBoundingClientRect()
  return event.clientX > rect.left + rect.width / 2
}
