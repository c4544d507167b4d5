import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../support/chromium'
import { startServe, type ServeProcess } from '../support/serve'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const SCREENSHOTS = join(process.cwd(), 'test-results', 'e2e')

let browser: Browser
let serve: ServeProcess
let page: Page

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

afterEach(async (context) => {
  // Keep what the person would have seen when a check fails.
  if (context.task.result?.state === 'fail' && page) {
    mkdirSync(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: join(SCREENSHOTS, `${context.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined)
  }
  await page?.close()
  await serve?.stop()
})

async function openDeck(args: string[] = []): Promise<void> {
  serve = await startServe(['--data-dir', tempDir(), ...args])
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
  await page.goto(serve.url)
}

describe('the first deck', () => {
  it('shows the demo deck: named columns with posts that carry author, network, time and text', async () => {
    await openDeck()
    const all = page.getByRole('region', { name: 'All mentions' })
    await expect.poll(() => all.getByRole('article').count(), { timeout: 15_000 }).toBeGreaterThan(3)
    expect(await page.getByRole('region').count()).toBeGreaterThanOrEqual(3)
    const first = all.getByRole('article').first()
    const text = await first.innerText()
    expect(text).toMatch(/Demo/)
    expect(await first.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(await page.getByText('Demo', { exact: true }).first().isVisible()).toBe(true)
    // The token was exchanged for a cookie: it is no longer in the address bar.
    expect(page.url()).not.toMatch(/token=/)
  })

  it('shows a new post live, without a reload', async () => {
    await openDeck()
    const all = page.getByRole('region', { name: 'All mentions' })
    const first = all.getByRole('article').first()
    await first.waitFor({ timeout: 15_000 })
    const before = await first.innerText()
    // The demo workspace posts every few seconds; the newest one must appear at the top.
    await expect.poll(() => all.getByRole('article').first().innerText(), { timeout: 30_000, interval: 250 }).not.toBe(before)
  })

  it('the read-only wall-screen link can look but the host refuses changes', async () => {
    serve = await startServe(['--data-dir', tempDir(), '--no-demo'])
    page = await browser.newPage()
    await page.goto(serve.readOnlyUrl)
    await page.getByRole('region', { name: 'All mentions' }).waitFor({ timeout: 15_000 })
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/settings/update', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Earshot': '1' },
        body: JSON.stringify({ input: { theme: 'dark' } })
      })
      return res.status
    })
    expect(status).toBe(403)
  })
})
