import { computed, onScopeDispose, ref, shallowReactive, watch } from 'vue'
import { defineStore } from 'pinia'
import { COLUMN_WIDTH_RANGE, type Column, type ColumnQuery, type Deck } from '@shared/domain/column'
import type { QueryNames } from '@shared/domain/describe-query'
import type { Person, Team } from '@shared/domain/triage'
import { api } from '@renderer/lib/api'
import { errorMessage } from '@renderer/lib/errors'
import { deckOpening } from '@renderer/lib/startup'
import { feedKeyOf, useColumnsStore } from './columns'
import { useConnectionStore } from './connection'
import { useSourcesStore } from './sources'

/** Layout changes (resize, move, collapse, edits) are saved this long after the last one. */
export const SAVE_DELAY_MS = 300
/** A deck holds at most this many columns (the core refuses more). */
export const MAX_COLUMNS = 30
/** Unread counts of collapsed columns are asked for at most this often. */
export const UNREAD_INTERVAL_MS = 1000

/**
 * Which deck this screen shows is remembered in localStorage, not in the settings: it is a
 * property of the screen, not of the workspace. A wall screen's read-only link may not write
 * settings, and two windows (or the desktop and a browser) showing different decks must not
 * keep switching each other.
 */
const CURRENT_DECK_KEY = 'earshot.currentDeck'

function remembered(): string | null {
  try {
    return globalThis.localStorage?.getItem(CURRENT_DECK_KEY) ?? null
  } catch {
    return null
  }
}

function remember(id: string): void {
  try {
    globalThis.localStorage?.setItem(CURRENT_DECK_KEY, id)
  } catch {
    // Storage refused (private mode, quota): the choice lasts until the page closes.
  }
}

/** Reactive proxies cannot cross IPC (structured clone) — send plain data. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** An id that is unique enough within a user's decks, and never a local rowid. */
function newId(prefix: string): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`
  return `${prefix}-${random.slice(0, 8)}`
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(COLUMN_WIDTH_RANGE.max, Math.max(COLUMN_WIDTH_RANGE.min, width)))
}

/** `list` with the item at `from` moved to `to` (both clamped to the list). */
function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list]
  const [item] = next.splice(from, 1)
  if (item === undefined) return next
  next.splice(Math.max(0, Math.min(next.length, to)), 0, item)
  return next
}

/** A new column's parts: the store gives it an id, the default width and an open state. */
export interface ColumnDraft {
  title: string
  query: ColumnQuery
}

/**
 * The user's decks and which one is on screen, plus every change to their layout: decks added,
 * renamed, duplicated, removed and reordered; columns added, edited, moved, resized, collapsed.
 * Changes show at once and are saved shortly after (debounced), so dragging a column's edge
 * saves once, not sixty times a second.
 */
export const useDecksStore = defineStore('decks', () => {
  const decks = ref<Deck[]>([])
  const currentId = ref<string | null>(remembered())
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<string | null>(null)
  /** Why the last change could not be saved (shown until a save succeeds). */
  const saveError = ref<string | null>(null)
  /** Teams and people for the column form and the query in words; null when triage is not available. */
  const teams = ref<Team[] | null>(null)
  const people = ref<Person[] | null>(null)

  const current = computed<Deck | null>(
    () => decks.value.find((deck) => deck.id === currentId.value) ?? decks.value[0] ?? null
  )

  /** Decks with a save waiting or on its way: their local layout is newer than the core's. */
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  const inFlight = new Map<string, number>()
  /** Decks whose last save failed: "Try again" saves them. */
  const unsaved = new Set<string>()
  const hasLocalChanges = (id: string): boolean => timers.has(id) || (inFlight.get(id) ?? 0) > 0
  /** While a new order is on its way, echoes of other saves still carry the old one. */
  let ordering = 0

  function receive(next: Deck[]): void {
    // The echo of an earlier save must not undo a change made since: those decks stay as they are here.
    const local = new Map(decks.value.map((deck) => [deck.id, deck]))
    const merged = next.map((deck) => (hasLocalChanges(deck.id) ? (local.get(deck.id) ?? deck) : deck))
    for (const deck of decks.value) {
      if (hasLocalChanges(deck.id) && !next.some((d) => d.id === deck.id)) merged.push(deck)
    }
    if (ordering > 0) {
      const order = new Map(decks.value.map((deck, index) => [deck.id, index]))
      merged.sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity))
    }
    decks.value = merged
    // Keep the deck on screen when it still exists; otherwise fall back to the first one.
    if (!merged.some((deck) => deck.id === currentId.value)) currentId.value = merged[0]?.id ?? null
  }

  /**
   * Reads the decks. With `prefetchColumns` (the deck window), the current deck's columns ask
   * for their first pages right away, before Vue renders the deck that will show them.
   */
  async function load(options: { prefetchColumns?: boolean } = {}): Promise<void> {
    if (status.value !== 'ready') status.value = 'loading'
    void loadNames()
    try {
      receive(await api.decks.list())
      const deck = current.value
      if (options.prefetchColumns && deck?.columns.some((column) => !column.collapsed)) {
        deckOpening()
        const columns = useColumnsStore()
        for (const column of deck.columns) if (!column.collapsed) columns.prefetch(feedKeyOf(deck.id, column.id), column.query)
      }
      status.value = 'ready'
      error.value = null
    } catch (e) {
      error.value = errorMessage(e)
      if (status.value !== 'ready') status.value = 'error'
    }
  }

  /** Teams and people, when triage answers; without them their form fields are hidden. */
  async function loadNames(): Promise<void> {
    try {
      const config = await api.triage.config()
      teams.value = config.teams
      people.value = config.people
    } catch {
      teams.value = null
      people.value = null
    }
  }

  const sources = useSourcesStore()
  /** Names for the query in words. */
  const names = computed<QueryNames>(() => {
    const sourceList = sources.sources
    const teamList = teams.value ?? []
    const peopleList = people.value ?? []
    return {
      source: (id) => sourceList.find((s) => s.id === id)?.name,
      team: (id) => teamList.find((t) => t.id === id)?.name,
      person: (id) => peopleList.find((p) => p.id === id)?.name
    }
  })

  function select(id: string): void {
    if (!decks.value.some((deck) => deck.id === id)) return
    currentId.value = id
    remember(id)
  }

  function deckById(id: string): Deck | undefined {
    return decks.value.find((deck) => deck.id === id)
  }

  // ---- saving ----

  async function save(id: string): Promise<boolean> {
    const timer = timers.get(id)
    if (timer) clearTimeout(timer)
    timers.delete(id)
    const deck = deckById(id)
    if (!deck) return true
    inFlight.set(id, (inFlight.get(id) ?? 0) + 1)
    try {
      await api.decks.save({ deck: plain(deck) })
      unsaved.delete(id)
      if (unsaved.size === 0) saveError.value = null
      return true
    } catch (e) {
      unsaved.add(id)
      saveError.value = `Could not save “${deck.name}”: ${errorMessage(e)}.`
      return false
    } finally {
      inFlight.set(id, (inFlight.get(id) ?? 1) - 1)
    }
  }

  function scheduleSave(id: string): void {
    const timer = timers.get(id)
    if (timer) clearTimeout(timer)
    timers.set(
      id,
      setTimeout(() => void save(id), SAVE_DELAY_MS)
    )
  }

  /** Saves every waiting change now (before the page goes away, or to retry after a failure). */
  async function flush(): Promise<void> {
    const ids = new Set([...timers.keys(), ...unsaved])
    await Promise.all([...ids].map((id) => save(id)))
  }

  /** Changes one deck here at once and saves it shortly after. */
  function change(id: string, update: (deck: Deck) => Deck): void {
    const deck = deckById(id)
    if (!deck) return
    const next = update(deck)
    decks.value = decks.value.map((d) => (d.id === id ? next : d))
    scheduleSave(id)
  }

  // ---- decks ----

  /** Adds an empty deck at the end and shows it. */
  async function addDeck(name: string): Promise<Deck> {
    const deck: Deck = { id: newId('deck'), name: name.trim(), columns: [] }
    decks.value = [...decks.value, deck]
    select(deck.id)
    await save(deck.id)
    return deck
  }

  function renameDeck(id: string, name: string): void {
    change(id, (deck) => ({ ...deck, name: name.trim() }))
  }

  /** A copy of a deck with all its columns, placed right after it, shown at once. */
  async function duplicateDeck(id: string): Promise<Deck | null> {
    const original = deckById(id)
    if (!original) return null
    const copy: Deck = { ...plain(original), id: newId('deck'), name: `${original.name} copy`.slice(0, 100) }
    const index = decks.value.indexOf(original)
    decks.value = moved([...decks.value, copy], decks.value.length, index + 1)
    select(copy.id)
    // The core puts a new deck last; the order that follows puts it next to its original.
    ordering++
    try {
      if (await save(copy.id)) await persistOrder()
    } finally {
      ordering--
    }
    return copy
  }

  /** Removes a deck; the last one stays (Earshot needs one deck to show). */
  async function removeDeck(id: string): Promise<boolean> {
    const index = decks.value.findIndex((deck) => deck.id === id)
    if (index < 0 || decks.value.length <= 1) return false
    const before = decks.value
    const timer = timers.get(id)
    if (timer) clearTimeout(timer)
    timers.delete(id)
    unsaved.delete(id)
    decks.value = decks.value.filter((deck) => deck.id !== id)
    const neighbour = decks.value[index] ?? decks.value[index - 1]
    if (currentId.value === id && neighbour) select(neighbour.id)
    try {
      await api.decks.remove({ id })
      saveError.value = null
      return true
    } catch (e) {
      decks.value = before
      saveError.value = `Could not remove the deck: ${errorMessage(e)}.`
      return false
    }
  }

  async function persistOrder(): Promise<void> {
    ordering++
    try {
      await api.decks.reorder({ ids: decks.value.map((deck) => deck.id) })
      saveError.value = null
    } catch (e) {
      saveError.value = `Could not save the order of the decks: ${errorMessage(e)}.`
    } finally {
      ordering--
    }
  }

  /** Moves a deck to position `to` (0-based) and saves the new order. */
  async function moveDeck(id: string, to: number): Promise<void> {
    const from = decks.value.findIndex((deck) => deck.id === id)
    if (from < 0 || from === to) return
    decks.value = moved(decks.value, from, to)
    await persistOrder()
  }

  // ---- columns ----

  function changeColumn(deckId: string, columnId: string, update: (column: Column) => Column): void {
    change(deckId, (deck) => ({ ...deck, columns: deck.columns.map((c) => (c.id === columnId ? update(c) : c)) }))
  }

  /** Adds a column at the end of a deck. */
  function addColumn(deckId: string, draft: ColumnDraft): Column {
    const column: Column = {
      id: newId('col'),
      title: draft.title,
      query: plain(draft.query),
      width: COLUMN_WIDTH_RANGE.default,
      collapsed: false
    }
    change(deckId, (deck) => ({ ...deck, columns: [...deck.columns, column] }))
    return column
  }

  function editColumn(deckId: string, columnId: string, draft: ColumnDraft): void {
    changeColumn(deckId, columnId, (column) => ({ ...column, title: draft.title, query: plain(draft.query) }))
  }

  function removeColumn(deckId: string, columnId: string): void {
    change(deckId, (deck) => ({ ...deck, columns: deck.columns.filter((c) => c.id !== columnId) }))
  }

  /** Moves a column to position `to` (0-based) within its deck. */
  function moveColumn(deckId: string, columnId: string, to: number): void {
    const deck = deckById(deckId)
    const from = deck?.columns.findIndex((c) => c.id === columnId) ?? -1
    if (from < 0 || from === to) return
    change(deckId, (d) => ({ ...d, columns: moved(d.columns, from, to) }))
  }

  function resizeColumn(deckId: string, columnId: string, width: number): void {
    const next = clampWidth(width)
    changeColumn(deckId, columnId, (column) => (column.width === next ? column : { ...column, width: next }))
  }

  function setCollapsed(deckId: string, columnId: string, collapsed: boolean): void {
    changeColumn(deckId, columnId, (column) => ({ ...column, collapsed }))
  }

  // ---- unread counts of collapsed columns ----

  /** Posts that arrived for a collapsed column since it was collapsed (or since it was first seen). */
  const unread = shallowReactive(new Map<string, number>())
  const tracked = new Map<string, { query: ColumnQuery; sinceSeq: number | null }>()
  let latestSeq: number | null = null
  let unreadTimer: ReturnType<typeof setTimeout> | null = null
  let lastUnreadAt = 0

  async function countUnread(key: string): Promise<void> {
    const entry = tracked.get(key)
    if (!entry) return
    try {
      if (entry.sinceSeq === null) {
        // Nothing known yet: count from now on.
        entry.sinceSeq = (await api.posts.query({ query: plain(entry.query), limit: 1 })).latestSeq
        unread.set(key, 0)
        return
      }
      const count = await api.posts.count({ query: plain(entry.query), afterSeq: entry.sinceSeq })
      if (tracked.get(key) === entry) unread.set(key, count)
    } catch {
      // No count is better than a wrong one; the strip shows none.
      unread.delete(key)
    }
  }

  /** Counts a collapsed column's new posts from `sinceSeq` (or from now) until untracked. */
  function trackUnread(key: string, query: ColumnQuery, sinceSeq: number | null): void {
    tracked.set(key, { query: plain(query), sinceSeq: sinceSeq ?? latestSeq })
    void countUnread(key)
  }

  function untrackUnread(key: string): void {
    tracked.delete(key)
    unread.delete(key)
  }

  function refreshUnread(): void {
    if (unreadTimer || tracked.size === 0) return
    const wait = Math.max(0, lastUnreadAt + UNREAD_INTERVAL_MS - Date.now())
    unreadTimer = setTimeout(() => {
      unreadTimer = null
      lastUnreadAt = Date.now()
      for (const key of tracked.keys()) void countUnread(key)
    }, wait)
  }

  const stops = [
    api.on('decks:changed', ({ decks: next }) => receive(next)),
    api.on('posts:added', ({ latestSeq: seq }) => {
      latestSeq = seq
      refreshUnread()
    }),
    // Triage changes (a post answered, snoozed, reassigned) change what a collapsed queue counts.
    api.on('posts:changed', () => refreshUnread()),
    api.on('triage:config', (config) => {
      teams.value = config.teams
      people.value = config.people
    })
  ]
  // A window closed right after a resize still saves it (IPC gets there; a browser tries its best).
  const onPageHide = (): void => void flush()
  globalThis.addEventListener?.('pagehide', onPageHide)
  onScopeDispose(() => {
    globalThis.removeEventListener?.('pagehide', onPageHide)
    for (const stop of stops) stop()
    for (const timer of timers.values()) clearTimeout(timer)
    if (unreadTimer) clearTimeout(unreadTimer)
  })
  const connection = useConnectionStore()
  watch(
    () => connection.reconnects,
    () => void load()
  )

  return {
    decks,
    currentId,
    current,
    status,
    error,
    saveError,
    teams,
    people,
    names,
    unread,
    load,
    select,
    flush,
    addDeck,
    renameDeck,
    duplicateDeck,
    removeDeck,
    moveDeck,
    addColumn,
    editColumn,
    removeColumn,
    moveColumn,
    resizeColumn,
    setCollapsed,
    trackUnread,
    untrackUnread
  }
})
