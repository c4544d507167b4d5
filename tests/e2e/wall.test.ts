import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { usePerson } from '../support/person'
import { startServe } from '../support/serve'
import { useTempDirs } from '../support/temp'

const person = usePerson('e2e-wall')
const tempDir = useTempDirs()

/** The newest post of a wall column, as text (author, time, text). */
function newestIn(page: Page, column: string): Promise<string> {
  return page.getByRole('region', { name: column }).getByRole('article').first().innerText()
}

async function tryWrite(page: Page, path: string, input: unknown): Promise<number> {
  return page.evaluate(
    async ({ path, input }) => {
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Earshot': '1' },
        body: JSON.stringify({ input })
      })
      return res.status
    },
    { path, input }
  )
}

describe('the wall screen', () => {
  it('opens from the read-only link: the deck full screen with counters, nothing to press, no cursor', async () => {
    const { page, serve } = await person.open({ readOnly: true })
    expect(serve.readOnlyUrl).toMatch(/\?view=wall&token=/)
    const all = page.getByRole('region', { name: 'All mentions' })
    await expect.poll(() => all.getByRole('article').count(), { timeout: 15_000 }).toBeGreaterThan(3)
    // The token became a cookie; the address keeps asking for the wall, so a reload stays on it.
    expect(page.url()).toMatch(/\?view=wall$/)
    for (const label of ['Mentions today', 'Waiting for reply', 'Oldest unanswered']) {
      expect(await page.getByText(label, { exact: true }).isVisible()).toBe(true)
    }
    for (const role of ['button', 'textbox', 'combobox', 'checkbox', 'menu'] as const) {
      expect(await page.getByRole(role).count(), role).toBe(0)
    }
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('main')).cursor")).toBe('none')
  })

  it('cannot change anything: the host refuses every write from the wall page', async () => {
    const { page } = await person.open({ readOnly: true, args: ['--no-demo'] })
    await page.getByRole('region', { name: 'All mentions' }).waitFor({ timeout: 15_000 })
    expect(await tryWrite(page, '/api/settings/update', { theme: 'light' })).toBe(403)
    expect(await tryWrite(page, '/api/decks/remove', { id: 'main' })).toBe(403)
    expect(await tryWrite(page, '/api/sources/setEnabled', { id: 'demo', enabled: false })).toBe(403)
    // Reading still works with the same cookie.
    expect(
      await page.evaluate(async () => (await fetch('/api/decks/list', { method: 'POST', headers: { 'X-Earshot': '1' }, body: '{}' })).status)
    ).toBe(200)
  })

  it('keeps updating, and recovers by itself when the host restarts on the same port and data', async () => {
    const dataDir = tempDir()
    let serve = await startServe(['--data-dir', dataDir])
    person.onCleanup(() => serve.stop())
    const port = new URL(serve.url).port
    const context = await person.browser().newContext({ viewport: { width: 1920, height: 1080 } })
    person.onCleanup(() => context.close())
    const page = await context.newPage()
    await page.goto(serve.readOnlyUrl)
    const all = page.getByRole('region', { name: 'All mentions' })
    await expect.poll(() => all.getByRole('article').count(), { timeout: 15_000 }).toBeGreaterThan(3)

    // The demo workspace posts every few seconds: a new post appears on top while we watch.
    const first = await newestIn(page, 'All mentions')
    await expect.poll(() => newestIn(page, 'All mentions'), { timeout: 30_000, interval: 250 }).not.toBe(first)

    // The host goes away: the wall says since when it is offline and keeps its posts.
    await serve.stop()
    const offline = page.getByRole('status').filter({ hasText: /Offline since \d{1,2}:\d{2}/ })
    await offline.waitFor({ timeout: 15_000 })
    expect(await all.getByRole('article').count()).toBeGreaterThan(3)

    // Same port, same data folder (so the same token): the wall comes back without a reload.
    serve = await startServe(['--data-dir', dataDir, '--port', port])
    await offline.waitFor({ state: 'detached', timeout: 30_000 })
    const before = await newestIn(page, 'All mentions')
    await expect.poll(() => newestIn(page, 'All mentions'), { timeout: 30_000, interval: 250 }).not.toBe(before)
    expect(page.url()).toMatch(/\?view=wall$/)
  })
})
