/**
 * Work that can wait until the deck shows its first posts (the triage counters, the outbox).
 * On a slow machine, answers arriving while the deck opens re-render the header in the middle of
 * it and push the columns' first paint back.
 */

/** Past this, the waiting work runs anyway (a column that never answers must not starve it). */
const MAX_WAIT_MS = 1500

let opening: Promise<void> | null = null
let finish: (() => void) | null = null

/** A deck starts opening: `afterDeckShown` work waits for `deckShown` from now on. */
export function deckOpening(): void {
  if (opening) return
  opening = new Promise<void>((resolve) => (finish = resolve))
  setTimeout(deckShown, MAX_WAIT_MS)
}

/** The opening deck's columns show their first posts (or their errors). */
export function deckShown(): void {
  finish?.()
  finish = null
}

/** Runs `work` once the deck has painted its first posts, or at once when no deck is opening. */
export function afterDeckShown(work: () => void): void {
  if (!opening) {
    work()
    return
  }
  void opening.then(() => requestAnimationFrame(() => setTimeout(work, 0)))
}
