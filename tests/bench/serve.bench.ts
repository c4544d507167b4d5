import { performance } from 'node:perf_hooks'
import { describe, it } from 'vitest'
import { launchChromium } from '../support/chromium'
import { startServe } from '../support/serve'
import { useTempDirs } from '../support/temp'
import { report } from './metrics'

const tempDir = useTempDirs()

/** From starting `earshot serve` to the first post painted in Chromium (browser already running). */
async function startToFirstPost(dataDir: string): Promise<number> {
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
    const started = performance.now()
    const serve = await startServe(['--data-dir', dataDir])
    try {
      await page.goto(serve.url)
      await page.getByRole('article').first().waitFor({ state: 'visible', timeout: 30_000 })
      // One more frame, so the post is painted and not only in the DOM.
      await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(null)))')
      return performance.now() - started
    } finally {
      await serve.stop()
    }
  } finally {
    await browser.close()
  }
}

describe('earshot serve', () => {
  it('start to first post painted, on a fresh and on an existing data folder', async () => {
    const dataDir = tempDir()
    const fresh = await startToFirstPost(dataDir)
    report('serve.firstPost.fresh', fresh, 'ms', { op: '<=', value: 1500 }, { note: 'first start: creates the store and backfills a week of demo posts' })
    const warm: number[] = []
    for (let i = 0; i < 3; i++) warm.push(await startToFirstPost(dataDir))
    report('serve.firstPost', Math.max(...warm), 'ms', { op: '<=', value: 1500 }, { runs: warm.map((ms) => Math.round(ms)) })
  })
})
