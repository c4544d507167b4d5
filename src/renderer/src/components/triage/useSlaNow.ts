import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue'

/**
 * The SLA clocks' one timer. Every clock on screen reads this ref; a single interval ticks it
 * every second while at least one clock is mounted (the general `useNow` ticks every 15 s, too
 * slow for a countdown). Clocks far from their deadline only change text once a minute, so the
 * second-by-second tick re-renders nothing but the clocks that show seconds.
 */
const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | null = null

function tick(): void {
  now.value = Date.now()
}

export function useSlaNow(): Readonly<Ref<number>> {
  if (getCurrentScope()) {
    if (users++ === 0) {
      tick()
      timer = setInterval(tick, 1000)
    }
    onScopeDispose(() => {
      if (--users === 0 && timer) {
        clearInterval(timer)
        timer = null
      }
    })
  }
  return readonly(now)
}
