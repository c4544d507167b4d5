import { setTimeout as sleep } from 'node:timers/promises'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { describe, it } from 'vitest'
import { launchChromium } from '../support/chromium'
import { startServe, type ServeProcess } from '../support/serve'
import { useTempDirs } from '../support/temp'
import { report } from './metrics'

/*
 * The wall screen's long-run targets (issue 4): idle renderer CPU under 1%, and the renderer heap
 * after an 8-hour run within 10% of its start. Knobs: WALL_IDLE_SECONDS (default 60; the issue
 * says 10 minutes) and WALL_SOAK_MINUTES (default 4).
 */
const IDLE_SECONDS = Number(process.env.WALL_IDLE_SECONDS ?? 60)
const SOAK_MINUTES = Number(process.env.WALL_SOAK_MINUTES ?? 4)
/** The wall's real rotation pace; the soak rotates every second instead. */
const REAL_ROTATE_SECONDS = 60

const tempDir = useTempDirs()

type Metrics = Record<string, number>

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics')
  return Object.fromEntries(list.map((m) => [m.name, m.value]))
}

/** CPU seconds used so far by this browser's renderer processes (all their threads: main, compositor, raster). */
async function rendererCpuSeconds(browser: CDPSession): Promise<number> {
  const { processInfo } = (await browser.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; cpuTime: number }> }
  return processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + p.cpuTime, 0)
}

async function api(serve: ServeProcess, path: string, input: unknown): Promise<unknown> {
  const base = new URL(serve.url)
  const token = base.searchParams.get('token') ?? ''
  const res = await fetch(new URL(`/api/${path}`, base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Earshot': '1', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ input })
  })
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { result: unknown }).result
}

async function openWall(browser: Browser, serve: ServeProcess, width: number, height: number): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await browser.newPage({ viewport: { width, height } })
  await page.goto(serve.readOnlyUrl)
  await page.getByRole('article').first().waitFor({ timeout: 30_000 })
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  return { page, cdp }
}

/**
 * Heap, nodes and listeners in the same state every time: the window is widened so that the
 * whole deck fits on one screen (the rotation stands still on it), given time to load, then
 * collected twice.
 */
async function settledMetrics(page: Page, cdp: CDPSession): Promise<Metrics> {
  await page.setViewportSize({ width: 1920, height: 1080 })
  await sleep(5000)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const measured = await metrics(cdp)
  await page.setViewportSize({ width: 1280, height: 720 })
  return measured
}

describe('the wall screen', () => {
  it('idles: renderer CPU while nothing arrives', { timeout: (IDLE_SECONDS + 180) * 1000 }, async () => {
    const dataDir = tempDir()
    // A first start fills a week of demo history; the second, without the demo, has nothing arriving.
    const seed = await startServe(['--data-dir', dataDir])
    await sleep(3000)
    await seed.stop()
    const serve = await startServe(['--data-dir', dataDir, '--no-demo'])
    const browser = await launchChromium()
    try {
      const { cdp } = await openWall(browser, serve, 1920, 1080)
      const browserCdp = await browser.newBrowserCDPSession()
      // Let the first loads, the counters and the first scroll step settle.
      await sleep(15_000)
      const before = await metrics(cdp)
      const cpuBefore = await rendererCpuSeconds(browserCdp)
      const started = Date.now()
      await sleep(IDLE_SECONDS * 1000)
      const seconds = (Date.now() - started) / 1000
      const after = await metrics(cdp)
      const cpuAfter = await rendererCpuSeconds(browserCdp)
      const mainThread = (((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) / seconds) * 100
      report('wall.idle.mainThreadCpu', mainThread, '%', { op: '<=', value: 1 }, {
        seconds: Math.round(seconds),
        scriptMs: Math.round(((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1000),
        layoutMs: Math.round(((after.LayoutDuration ?? 0) - (before.LayoutDuration ?? 0)) * 1000),
        note: 'CDP Performance TaskDuration of the wall page (main thread), 1920x1080, columns auto-scrolling'
      })
      report('wall.idle.rendererProcessCpu', ((cpuAfter - cpuBefore) / seconds) * 100, '%', undefined, {
        note: 'all threads of this browser’s renderer processes (CDP SystemInfo.getProcessInfo), headless with --disable-gpu: software compositing and raster of the scroll included'
      })
    } finally {
      await browser.close()
      await serve.stop()
    }
  })

  it('does not grow: renderer heap, DOM nodes and listeners over a time-compressed run', { timeout: (SOAK_MINUTES * 60 + 180) * 1000 }, async () => {
    const serve = await startServe(['--data-dir', tempDir()])
    const browser = await launchChromium()
    try {
      // Rotation every second instead of every minute: each rotation closes the columns on
      // screen and opens the next ones (feeds, components, timers), the wall's main churn.
      await api(serve, 'settings/update', { wall: { rotateSeconds: 1, hidePrivate: true, deckIds: [] } })
      // 1280 px wide: the five demo columns make two screenfuls, so the wall rotates.
      const { page, cdp } = await openWall(browser, serve, 1280, 720)
      // Warm-up (first loads, compiled code, formatters' caches) is start-up, not growth.
      await sleep(30_000)
      const start = await settledMetrics(page, cdp)
      const seqBefore = ((await api(serve, 'system/info', undefined)) as { postCount: number }).postCount
      const started = Date.now()
      await sleep(SOAK_MINUTES * 60_000)
      const end = await settledMetrics(page, cdp)
      const seconds = (Date.now() - started) / 1000
      const postsArrived = ((await api(serve, 'system/info', undefined)) as { postCount: number }).postCount - seqBefore
      const growth = (((end.JSHeapUsedSize ?? 0) - (start.JSHeapUsedSize ?? 0)) / (start.JSHeapUsedSize ?? 1)) * 100
      // Less the time spent standing still for the start measurement.
      const rotations = Math.floor(seconds - 5)
      report('wall.soak.heapGrowth', growth, '%', { op: '<=', value: 10 }, {
        heapStartMb: Math.round(((start.JSHeapUsedSize ?? 0) / 1e6) * 10) / 10,
        heapEndMb: Math.round(((end.JSHeapUsedSize ?? 0) / 1e6) * 10) / 10,
        minutes: Math.round(seconds / 60),
        rotations,
        equivalentHoursOfRotation: Math.round(((rotations * REAL_ROTATE_SECONDS) / 3600) * 10) / 10,
        postsArrived,
        note: 'posts arrive at the demo pace (not compressed); rotation, column open/close and re-render are compressed 60x'
      })
      report('wall.soak.domNodes', end.Nodes ?? 0, 'nodes', undefined, { start: start.Nodes })
      report('wall.soak.listeners', end.JSEventListeners ?? 0, 'listeners', undefined, { start: start.JSEventListeners })
      await page.close()
    } finally {
      await browser.close()
      await serve.stop()
    }
  })
})
