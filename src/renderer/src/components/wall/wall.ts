import type { Column, Deck } from '@shared/domain/column'
import type { Post } from '@shared/domain/post'
import { OPEN_STATUSES, type PostTriage } from '@shared/domain/triage'

/*
 * The wall screen's decisions as plain functions: what is on screen (pages of columns), how
 * big the type is, how a column scrolls, and how an SLA clock and a wait read from 4 m away.
 */

/** Posts rendered per wall column: more would never be read, and each costs DOM and memory. */
export const WALL_ROWS = 24

/**
 * The posts a wall column shows, newest WALL_ROWS of them. With private data hidden, direct
 * messages are left out altogether rather than shown as a "message hidden" card: even without
 * its text, such a card tells the room that someone wrote privately, and when (and its reply
 * clock, how long they have waited), while taking the place of a post the room may read. The
 * team still counts them in "waiting for reply" and answers them from the deck.
 */
export function wallPosts(posts: readonly Post[], hidePrivate: boolean): Post[] {
  return (hidePrivate ? posts.filter((post) => !post.direct) : posts).slice(0, WALL_ROWS)
}

/** One screenful: some columns of one deck. */
export interface WallPage {
  deckId: string
  deckName: string
  columns: Column[]
  /** 1-based position among the pages of this deck, and how many it has. */
  part: number
  parts: number
}

/**
 * The pages the wall rotates through: the chosen decks (all when none are chosen, in the
 * user's order otherwise), each split into screenfuls of at most `perScreen` columns,
 * balanced (5 columns on a 4-wide screen make 3 + 2, not 4 + 1). Collapsed columns are
 * left out: the user tucked them away.
 */
export function wallPages(decks: readonly Deck[], deckIds: readonly string[], perScreen: number): WallPage[] {
  const chosen = deckIds.length > 0 ? deckIds.flatMap((id) => decks.filter((deck) => deck.id === id)) : [...decks]
  const size = Math.max(1, Math.floor(perScreen))
  const pages: WallPage[] = []
  for (const deck of chosen) {
    const columns = deck.columns.filter((column) => !column.collapsed)
    if (columns.length === 0) continue
    const parts = Math.ceil(columns.length / size)
    const each = Math.ceil(columns.length / parts)
    for (let i = 0; i < parts; i++) {
      pages.push({ deckId: deck.id, deckName: deck.name, columns: columns.slice(i * each, (i + 1) * each), part: i + 1, parts })
    }
  }
  return pages
}

/** The wall's base type size: about 25 px on a 1920 px screen, scaling with it (4K TVs, small monitors). */
export function wallFontPx(viewportWidth: number): number {
  return Math.round(Math.min(44, Math.max(18, viewportWidth * 0.013)))
}

/** A column is at least this many ems wide, so that a line holds about 30 characters. */
export const WALL_COLUMN_MIN_EM = 14
/** Gap between columns and the page's side padding, in ems. */
export const WALL_GAP_EM = 0.6
export const WALL_PADDING_EM = 0.8

/** How many columns fit side by side. */
export function columnsPerScreen(viewportWidth: number): number {
  const font = wallFontPx(viewportWidth)
  const usable = viewportWidth - 2 * WALL_PADDING_EM * font + WALL_GAP_EM * font
  return Math.max(1, Math.floor(usable / ((WALL_COLUMN_MIN_EM + WALL_GAP_EM) * font)))
}

export interface ScrollOptions {
  /** Pause at the top, where the newest posts are. */
  holdTopMs: number
  /** Pause between steps: long enough to read what just came into view. */
  holdMs: number
  /** One step's glide (motion allowed). */
  stepMs: number
  /** A step moves at most this share of the viewport. */
  stepShare: number
  /** The glide back to the top (motion allowed). */
  returnMs: number
  /** With reduced motion: how long each page stands before the next one. */
  pageMs: number
}

export const DEFAULT_SCROLL: ScrollOptions = { holdTopMs: 10_000, holdMs: 8_000, stepMs: 800, stepShare: 0.5, returnMs: 1_200, pageMs: 12_000 }

export interface ScrollState {
  /** Current offset from the top, px. */
  offset: number
  /** How much the content is taller than its viewport, px (≤ 0: it fits). */
  overflow: number
  viewport: number
  /** Tops of the posts in the content, px: a step ends with a post at the top edge. */
  stops: readonly number[]
  /** prefers-reduced-motion: jump a page at a time instead of gliding. */
  reduced: boolean
}

export interface ScrollStep {
  /** Offset to go to. */
  offset: number
  /** Duration of the move (0: jump). */
  moveMs: number
  /** When to take the next step, from now. */
  nextInMs: number
}

/**
 * The next move of a column's scroll. Text that moves cannot be read, so the column steps:
 * a short glide of up to half a screen, ending with a post's top at the top edge, then a pause
 * to read; at the bottom it glides back to the newest posts. Reduced motion: page by page
 * (a little overlap, so no line is lost) without any movement in between. Between moves nothing
 * animates, which also keeps an idle wall near 0% CPU.
 */
export function nextScroll(state: ScrollState, options: ScrollOptions = DEFAULT_SCROLL): ScrollStep {
  const overflow = Math.max(0, Math.round(state.overflow))
  if (overflow === 0) return { offset: 0, moveMs: 0, nextInMs: options.holdTopMs }
  if (state.offset >= overflow - 1) {
    const moveMs = state.reduced ? 0 : options.returnMs
    return { offset: 0, moveMs, nextInMs: moveMs + options.holdTopMs }
  }
  const reach = state.offset + Math.max(1, Math.round(state.viewport * (state.reduced ? 0.85 : options.stepShare)))
  const stop = state.stops.filter((top) => top > state.offset + 1 && top <= reach).reduce((a, b) => Math.max(a, b), -1)
  const offset = Math.min(overflow, stop > 0 ? Math.round(stop) : reach)
  if (state.reduced) return { offset, moveMs: 0, nextInMs: options.pageMs }
  return { offset, moveMs: options.stepMs, nextInMs: options.stepMs + options.holdMs }
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A length of time for the wall: "45 min", "2 h 05 min", "3 d 4 h". */
export function formatSpan(ms: number): string {
  const span = Math.max(0, ms)
  if (span < HOUR) return `${Math.max(1, Math.floor(span / MINUTE))} min`
  if (span < DAY) {
    const minutes = Math.floor((span % HOUR) / MINUTE)
    return `${Math.floor(span / HOUR)} h ${String(minutes).padStart(2, '0')} min`
  }
  return `${Math.floor(span / DAY)} d ${Math.floor((span % DAY) / HOUR)} h`
}

export type SlaTone = 'ok' | 'soon' | 'late'

export interface SlaClock {
  tone: SlaTone
  /** "Due in 25 min" / "Overdue 12 min". */
  label: string
}

/** Less time left than this turns the clock amber. */
export const SLA_SOON_MS = 15 * MINUTE

/** The first-response clock of a post still waiting for the team, or null (nothing due, or answered). */
export function slaClock(triage: PostTriage | null, now: number): SlaClock | null {
  if (!triage || triage.dueAt === null || !OPEN_STATUSES.includes(triage.status)) return null
  const left = triage.dueAt - now
  if (left < 0) return { tone: 'late', label: `Overdue ${formatSpan(-left)}` }
  return { tone: left < SLA_SOON_MS ? 'soon' : 'ok', label: `Due in ${formatSpan(left)}` }
}
