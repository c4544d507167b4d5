import { onMounted, onScopeDispose, ref, type Ref } from 'vue'
import { DEFAULT_SCROLL, nextScroll, type ScrollOptions } from './wall'

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)'

/** Whether the screen asks for less motion, kept current. */
export function useReducedMotion(): Ref<boolean> {
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(REDUCED_MOTION) : null
  const reduced = ref(query?.matches ?? false)
  if (query) {
    const update = (event: MediaQueryListEvent): void => {
      reduced.value = event.matches
    }
    query.addEventListener('change', update)
    onScopeDispose(() => query.removeEventListener('change', update))
  }
  return reduced
}

/**
 * Steps a column's content through its viewport, forever, with one timer (see nextScroll). A
 * move is a CSS transform transition, which the compositor animates; between moves the page's
 * main thread sleeps (the wall must idle at under 1% CPU). Heights are measured again before
 * each step, so new posts at the top are simply part of the next pass.
 */
export function useAutoScroll(
  viewport: Ref<HTMLElement | null>,
  content: Ref<HTMLElement | null>,
  options: ScrollOptions = DEFAULT_SCROLL
): { reanchor: () => void } {
  const reduced = useReducedMotion()
  let offset = 0
  /** The post at the top edge after the last step. */
  let anchor: HTMLElement | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let stopped = false

  function moveTo(next: number, moveMs: number): void {
    const inner = content.value
    if (!inner) return
    inner.style.transition = moveMs > 0 ? `transform ${moveMs}ms ease-in-out` : 'none'
    inner.style.transform = next === 0 ? '' : `translate3d(0, ${-next}px, 0)`
    offset = next
  }

  interface Layout {
    /** What the viewport shows of the content: its height inside the padding. */
    visible: number
    overflow: number
    posts: HTMLElement[]
    /** The posts' tops (the content is positioned, so offsetTop is measured from its top). */
    stops: number[]
  }

  function measure(box: HTMLElement, inner: HTMLElement): Layout {
    const style = getComputedStyle(box)
    const visible = box.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
    const posts = Array.from(inner.children as HTMLCollectionOf<HTMLElement>)
    return { visible, overflow: inner.scrollHeight - visible, posts, stops: posts.map((post) => post.offsetTop) }
  }

  /** The post whose top is at `at` (a stop), for reanchor. */
  function postAt(layout: Layout, at: number): HTMLElement | null {
    return at === 0 ? null : (layout.posts.find((_, i) => (layout.stops[i] ?? -1) >= at - 1) ?? null)
  }

  function step(): void {
    timer = null
    const box = viewport.value
    const inner = content.value
    if (stopped || !box || !inner) return
    const layout = measure(box, inner)
    const next = nextScroll({ offset, overflow: layout.overflow, viewport: layout.visible, stops: layout.stops, reduced: reduced.value }, options)
    if (next.offset !== offset) moveTo(next.offset, next.moveMs)
    anchor = postAt(layout, next.offset)
    timer = setTimeout(step, next.nextInMs)
  }

  /**
   * Posts arrived above (or grew) while the column is scrolled down: keep the post being read
   * where it is, no jump; the new ones are seen when the column returns to the top. When that
   * post has left the column, stay put but snap to a post's top, never past the end.
   */
  function reanchor(): void {
    const box = viewport.value
    const inner = content.value
    if (stopped || offset === 0 || !box || !inner) return
    const layout = measure(box, inner)
    const wanted = Math.min(anchor?.isConnected ? anchor.offsetTop : offset, Math.max(0, layout.overflow))
    const snapped = wanted >= layout.overflow ? wanted : layout.stops.filter((top) => top <= wanted).reduce((a, b) => Math.max(a, b), 0)
    if (snapped !== offset) moveTo(snapped, 0)
    anchor = postAt(layout, snapped)
  }

  // Posts above can also change height after they were measured (a late font, an edit).
  const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => reanchor())
  onMounted(() => {
    timer = setTimeout(step, options.holdTopMs)
    if (content.value) resize?.observe(content.value)
  })
  onScopeDispose(() => {
    stopped = true
    if (timer) clearTimeout(timer)
    timer = null
    anchor = null
    resize?.disconnect()
  })
  return { reanchor }
}
