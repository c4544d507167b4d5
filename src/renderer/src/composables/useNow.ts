import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue'

/**
 * One clock for the whole UI. Hundreds of "3 min" labels share a single interval, which runs
 * only while something on screen uses it.
 */
const TICK_MS = 15_000
const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | null = null

function tick(): void {
  now.value = Date.now()
}

function onVisible(): void {
  if (document.visibilityState === 'visible') tick()
}

function start(): void {
  tick()
  timer = setInterval(tick, TICK_MS)
  // A hidden tab's timers are throttled; catch up the moment it shows again.
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible)
}

function stop(): void {
  if (timer) clearInterval(timer)
  timer = null
  if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible)
}

/** The shared clock (epoch ms), updated every 15 s while anything uses it. */
export function useNow(): Readonly<Ref<number>> {
  if (getCurrentScope()) {
    if (users++ === 0) start()
    onScopeDispose(() => {
      if (--users === 0) stop()
    })
  }
  return readonly(now)
}
