import { computed, nextTick, ref, toValue, type MaybeRefOrGetter, type Ref } from 'vue'
import { isTyping } from './useShortcuts'

/** What the navigation needs from the list component (VirtualList's exposed API). */
export interface NavigableList {
  scrollToIndex(index: number, align?: 'auto' | 'start' | 'center' | 'end'): void
  element: HTMLElement | null
}

const FOCUS_ATTEMPTS = 6

function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => resolve())
    else setTimeout(resolve, 16)
  })
}

/** The index of the list row that holds `target` (a card or anything in it), or null. */
export function rowIndexOf(target: EventTarget | null): number | null {
  if (!(target instanceof Element)) return null
  const row = target.closest<HTMLElement>('[data-index]')
  const value = row ? Number(row.dataset.index) : NaN
  return Number.isInteger(value) ? value : null
}

/**
 * Keyboard reading of a virtualized feed: one post per column is in the Tab order (roving
 * tabindex), so Tab moves from column to column; j/k (or ↓/↑, PageDown/PageUp as in the ARIA
 * feed pattern) move between posts, scrolling rows into existence as needed.
 */
export function useFeedNavigation(list: Ref<NavigableList | null>, count: MaybeRefOrGetter<number>) {
  const active = ref(0)
  const rendered = ref<[number, number]>([-1, -1])

  /** The post that Tab lands on: the active one if rendered, else the first rendered one. */
  const tabbable = computed(() => {
    const [first, last] = rendered.value
    if (active.value >= first && active.value <= last) return active.value
    return first
  })

  function onRange(first: number, last: number): void {
    rendered.value = [first, last]
  }

  function articleAt(index: number): HTMLElement | null {
    return list.value?.element?.querySelector<HTMLElement>(`[data-index="${index}"] article`) ?? null
  }

  function onFocusIn(event: FocusEvent): void {
    const index = rowIndexOf(event.target)
    if (index !== null) active.value = index
  }

  async function focusIndex(index: number): Promise<void> {
    const total = toValue(count)
    if (total === 0) return
    const target = Math.min(Math.max(index, 0), total - 1)
    active.value = target
    list.value?.scrollToIndex(target, 'auto')
    await nextTick()
    for (let attempt = 0; attempt < FOCUS_ATTEMPTS; attempt++) {
      const el = articleAt(target)
      if (el) {
        el.focus()
        return
      }
      // The row renders once the virtualizer has seen the new scroll position.
      await nextFrame()
    }
  }

  /** Handles j/k/↓/↑/PageDown/PageUp inside the feed; true when the key was used. */
  function onKeydown(event: KeyboardEvent): boolean {
    if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return false
    const from = rowIndexOf(event.target)
    if (from === null) return false
    let delta = 0
    if (event.key === 'j' || event.key === 'ArrowDown' || event.key === 'PageDown') delta = 1
    else if (event.key === 'k' || event.key === 'ArrowUp' || event.key === 'PageUp') delta = -1
    if (delta === 0) return false
    event.preventDefault()
    void focusIndex(from + delta)
    return true
  }

  return { active, tabbable, onRange, onFocusIn, onKeydown, focusIndex }
}
