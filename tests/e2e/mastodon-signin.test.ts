import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../support/chromium'
import { startMastodonServer, type MastodonTestServer } from '../support/mastodon-server'
import { startServe, type ServeProcess } from '../support/serve'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const SCREENSHOTS = join(process.cwd(), 'test-results', 'e2e')

let browser: Browser
let serve: ServeProcess | undefined
let page: Page | undefined
let mastodon: MastodonTestServer | undefined

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && page) {
    mkdirSync(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: join(SCREENSHOTS, `${context.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined)
  }
  await page?.context().close()
  await serve?.stop()
  await mastodon?.close()
  page = undefined
  serve = undefined
  mastodon = undefined
})

describe('signing in to Mastodon with the browser, as a person does it', () => {
  it('opens the server’s sign-in page in a new tab, copies the code back, and sees the account connected', async () => {
    const server = await startMastodonServer()
    mastodon = server
    serve = await startServe(['--data-dir', tempDir(), '--no-demo'])
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } })
    const p = await context.newPage()
    page = p
    await p.goto(serve.url)
    await p.getByRole('region', { name: 'All mentions' }).waitFor({ timeout: 15_000 })

    await p.getByRole('button', { name: /^Sources:/ }).click()
    const panel = p.getByRole('dialog', { name: 'Sources' })
    await panel.waitFor()
    const accounts = panel.getByRole('region', { name: 'Accounts' })
    const form = accounts.getByRole('form', { name: 'Connect Mastodon' })
    await form.getByRole('textbox', { name: 'Server address' }).fill(server.url)
    await form.getByRole('button', { name: 'Open sign-in page' }).click()

    // The server's own page opens in a new tab and shows the code after approval.
    const link = form.getByRole('link', { name: `Open ${server.host} sign-in` })
    await link.waitFor({ timeout: 15_000 })
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click()])
    await tab.waitForLoadState()
    expect(tab.url()).toMatch(new RegExp(`^${server.url.replace(/[.:/]/g, '\\$&')}/oauth/authorize\\?response_type=code&client_id=`))
    const code = (await tab.locator('code#code').innerText()).trim()
    expect(code).not.toBe('')
    await tab.close()

    // A half-copied code: the sentence next to the field, and the sign-in stays open.
    const codeField = form.getByRole('textbox', { name: 'Paste the code from the page' })
    await codeField.fill(code.slice(0, 8))
    await form.getByRole('button', { name: 'Finish sign-in' }).click()
    const alert = form.getByRole('alert')
    await alert.waitFor({ timeout: 15_000 })
    expect(await alert.innerText()).toBe('Could not connect: that code was not accepted — copy the whole code again.')

    await codeField.fill(code)
    await form.getByRole('button', { name: 'Finish sign-in' }).click()
    const account = accounts.getByRole('listitem').filter({ hasText: 'Earshot Team' })
    await account.waitFor({ timeout: 15_000 })
    expect(await account.innerText()).toMatch(/Connected/)

    // Neither the new token nor the app's secret ever reached the page.
    const issued = [...server.tokens.keys()].filter((token) => token.startsWith('token-oauth-'))
    expect(issued).toHaveLength(1)
    const secrets = [...issued, ...[...server.apps.values()].map((app) => app.clientSecret)]
    const content = await p.content()
    const storage = await p.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })')
    for (const secret of secrets) {
      expect(content).not.toContain(secret)
      expect(storage).not.toContain(secret)
    }
    expect(server.violations).toEqual([])
  })
})
