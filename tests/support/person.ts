import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { launchChromium } from './chromium'
import { startServe, type ServeProcess } from './serve'
import { useTempDirs } from './temp'

export interface OpenOptions {
  /** Extra `earshot serve` flags (a fresh temp data folder is always given). */
  args?: string[]
  /** Open the read-only wall-screen link instead of the full one. */
  readOnly?: boolean
}

/**
 * Chromium and `earshot serve` for one test file, used the way a person uses them. After each
 * test: a screenshot of what the person saw if it failed (in test-results/<folder>/), then the
 * page, the host and whatever the test registered with `onCleanup` are closed.
 */
export function usePerson(folder = 'e2e'): {
  browser(): Browser
  open(options?: OpenOptions): Promise<{ page: Page; serve: ServeProcess }>
  /** Runs after the test (servers the test started, …), last registered first. */
  onCleanup(close: () => unknown): void
} {
  const tempDir = useTempDirs()
  const screenshots = join(process.cwd(), 'test-results', folder)
  let browser: Browser | undefined
  let page: Page | undefined
  let serve: ServeProcess | undefined
  const cleanups: Array<() => unknown> = []

  beforeAll(async () => {
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
  })

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) {
      mkdirSync(screenshots, { recursive: true })
      await page.screenshot({ path: join(screenshots, `${context.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined)
    }
    await page?.context().close()
    await serve?.stop()
    for (const close of cleanups.splice(0).reverse()) await close()
    page = undefined
    serve = undefined
  })

  const ready = (): Browser => {
    if (!browser) throw new Error('Chromium is not running (usePerson must be called at the top of the test file)')
    return browser
  }

  return {
    browser: ready,
    open: async (options = {}) => {
      serve = await startServe(['--data-dir', tempDir(), ...(options.args ?? [])])
      const context = await ready().newContext({ viewport: { width: 1600, height: 900 } })
      page = await context.newPage()
      await page.goto(options.readOnly ? serve.readOnlyUrl : serve.url)
      return { page, serve }
    },
    onCleanup: (close) => {
      cleanups.push(close)
    }
  }
}
