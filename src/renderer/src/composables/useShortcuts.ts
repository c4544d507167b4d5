/**
 * The one keyboard layer of the deck. A single `keydown` listener on the window turns keys into
 * actions; features add theirs with `registerShortcut` (or `useShortcut` inside a component,
 * which unregisters with it). The `?` dialog lists every registered shortcut with its
 * description, so a key that is registered is also documented.
 *
 * Rules the layer applies before any shortcut runs:
 * - keys typed into an input, textarea, select or contenteditable are the text's, not ours;
 * - while a dialog is open (composer, thread, search, this list) only shortcuts marked
 *   `inDialog` run (Escape); the dialog handles its own keys;
 * - Enter and Space on a link or button belong to that control;
 * - keys with Ctrl, Alt or Meta are the browser's and the system's;
 * - an event a component already handled (`defaultPrevented`) is left alone.
 *
 * Example — a feature acting on the post that has keyboard focus (triage does this for a/e/s):
 *
 *   useShortcut({
 *     keys: ['a'], group: 'Triage', description: 'Assign the post to me',
 *     scope: 'post',
 *     run: ({ post }) => triage.assignToMe(post)   // post: the focused card's Post
 *   })
 *
 * A `post` shortcut runs only while focus is on (or inside) a post card in a column; `run` may
 * return `false` to say "not for me", and the key then does what it would have done anyway.
 */
import { getCurrentScope, onScopeDispose, readonly, ref, shallowReactive, type Ref } from 'vue'
import type { Post } from '@shared/domain/post'

/** Where a shortcut is listed in the `?` dialog, in this order. */
export const SHORTCUT_GROUPS = ['Reading', 'Columns', 'Posts', 'Triage', 'General'] as const
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number]

export interface ShortcutContext {
  event: KeyboardEvent
  /** The post whose card has focus (`post` shortcuts always get one). */
  post: Post | null
  /** The column the focus is in, if any. */
  column: ShortcutColumn | null
}

export interface Shortcut {
  /** `KeyboardEvent.key` values, e.g. `['j', 'ArrowDown']`, `['?']`, `['Escape']`. */
  keys: readonly string[]
  /** How the `?` dialog shows the keys; defaults to the keys themselves. */
  label?: readonly string[]
  /** What it does, as a short sentence for the `?` dialog ("Open the post's conversation"). */
  description: string
  group: ShortcutGroup
  /** `post`: only while a post card has focus (the context then carries the post). Default `global`. */
  scope?: 'global' | 'post'
  /** Also runs while a dialog is open (Escape). */
  inDialog?: boolean
  /** Returns `false` when it did not use the key (the key then keeps its normal meaning). */
  run(context: ShortcutContext): unknown
}

/**
 * What the layer needs from a column to move through it: ColumnView registers itself with
 * `registerColumn`. Columns are ordered as they appear on screen.
 */
export interface ShortcutColumn {
  /** The column's section element (for order and "is focus in here?"). */
  element(): HTMLElement | null
  /** The post shown by the card that contains `target`, or null. */
  postAt(target: Element): Post | null
  /** Focuses the post at `delta` from the one containing `from` (±1: next/previous). */
  move(from: Element, delta: number): void
  /** Focuses the column's current post (or the column itself when it has none). */
  focus(): void
  /** Goes to the newest post (showing the ones waiting behind the "new posts" pill). */
  home(): void
}

interface Entry {
  shortcut: Shortcut
  scope: 'global' | 'post'
}

const entries = shallowReactive<Entry[]>([])
const columns = new Set<ShortcutColumn>()

function modifiersOf(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.altKey || event.metaKey
}

/** Text fields keep their keys. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
}

function dialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null
}

function isControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('a[href], button, summary, [role="button"], [role="link"]') !== null
}

/** Registers a shortcut; returns the function that removes it. Two shortcuts of one scope may not share a key. */
export function registerShortcut(shortcut: Shortcut): () => void {
  const scope = shortcut.scope ?? 'global'
  for (const key of shortcut.keys) {
    const taken = entries.find((entry) => entry.scope === scope && entry.shortcut.keys.includes(key))
    if (taken) throw new Error(`The key “${key}” is already used for “${taken.shortcut.description}”.`)
  }
  const entry: Entry = { shortcut, scope }
  entries.push(entry)
  return () => {
    const at = entries.indexOf(entry)
    if (at >= 0) entries.splice(at, 1)
  }
}

/** `registerShortcut` for the lifetime of the calling component (or effect scope). */
export function useShortcut(shortcut: Shortcut): void {
  const stop = registerShortcut(shortcut)
  if (getCurrentScope()) onScopeDispose(stop)
}

/** Every registered shortcut, in registration order (the `?` dialog groups them). */
export function listShortcuts(): readonly Shortcut[] {
  return entries.map((entry) => entry.shortcut)
}

/** Called by ColumnView: the column joins keyboard navigation until the returned function runs. */
export function registerColumn(column: ShortcutColumn): () => void {
  columns.add(column)
  return () => columns.delete(column)
}

/** Columns in screen order (document order of their sections). */
export function orderedColumns(): ShortcutColumn[] {
  const withElements = [...columns].flatMap((column) => {
    const element = column.element()
    return element?.isConnected ? [{ column, element }] : []
  })
  withElements.sort((a, b) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))
  return withElements.map((entry) => entry.column)
}

/** The column that contains `target`, if any. */
export function columnOf(target: EventTarget | null): ShortcutColumn | null {
  if (!(target instanceof Node)) return null
  for (const column of columns) if (column.element()?.contains(target)) return column
  return null
}

/** Whether the `?` dialog is open. */
const helpOpen = ref(false)

/** Opens and closes the list of shortcuts (the `?` dialog). */
export function useShortcutHelp(): { open: Readonly<Ref<boolean>>; show(): void; hide(): void } {
  return {
    open: readonly(helpOpen),
    show: () => {
      helpOpen.value = true
    },
    hide: () => {
      helpOpen.value = false
    }
  }
}

/** Runs the first shortcut that takes the event; true when one did. */
export function dispatchShortcut(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.isComposing || modifiersOf(event)) return false
  const inDialog = dialogOpen()
  const typing = isTyping(event.target)
  if ((event.key === 'Enter' || event.key === ' ') && isControl(event.target)) return false
  const column = columnOf(event.target)
  const card = event.target instanceof Element ? event.target.closest('article') : null
  const post = card && column ? column.postAt(card) : null
  for (const { shortcut, scope } of entries) {
    if (!shortcut.keys.includes(event.key)) continue
    if ((inDialog || typing) && !shortcut.inDialog) continue
    if (scope === 'post' && !post) continue
    if (shortcut.run({ event, post, column }) === false) continue
    event.preventDefault()
    return true
  }
  return false
}

let installed = 0

/**
 * Starts listening on the window (once, however many callers); the listener goes when the
 * last caller's scope ends.
 */
export function installShortcuts(target: Window = window): void {
  if (installed++ === 0) target.addEventListener('keydown', dispatchShortcut)
  if (getCurrentScope()) {
    onScopeDispose(() => {
      if (--installed === 0) target.removeEventListener('keydown', dispatchShortcut)
    })
  }
}
