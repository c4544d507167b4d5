/**
 * As a person, in Chromium, against the built `earshot serve` and a real local Bluesky network:
 * connect a Bluesky account (a wrong app password first), listen to its notifications, and see
 * a customer's mention arrive in a column.
 */
import { AtpAgent } from '@atproto/api'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../support/chromium'
import { startServe, type ServeProcess } from '../support/serve'
import { startLocalBluesky, type LocalBluesky } from './support/network'

let bsky: LocalBluesky
let browser: Browser
let serve: ServeProcess | null = null
let page: Page | null = null
let dataDir: string

beforeAll(async () => {
  bsky = await startLocalBluesky()
  browser = await launchChromium()
  dataDir = mkdtempSync(join(tmpdir(), 'earshot-bsky-ui-'))
})

afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && page) {
    const dir = join(import.meta.dirname, '..', '..', 'test-results', 'integration')
    mkdirSync(dir, { recursive: true })
    await page.screenshot({ path: join(dir, `${context.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined)
  }
})

afterAll(async () => {
  await serve?.stop()
  await browser?.close()
  await bsky?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('a Bluesky account, as a person uses it', () => {
  it('connects with an app password, listens to notifications and sees a mention arrive', async () => {
    const brand = new AtpAgent({ service: bsky.pdsUrl })
    await brand.createAccount({ handle: 'uibrand.test', email: 'uibrand@example.test', password: 'uibrand-password' })
    const customer = new AtpAgent({ service: bsky.pdsUrl })
    await customer.createAccount({ handle: 'robin.test', email: 'robin@example.test', password: 'robin-password' })
    await customer.upsertProfile((profile) => ({ ...profile, displayName: 'Robin Vogel' }))
    const appPassword = (await brand.com.atproto.server.createAppPassword({ name: 'Earshot' })).data.password

    serve = await startServe(['--data-dir', dataDir, '--no-demo'])
    const p = await browser.newPage({ viewport: { width: 1600, height: 900 } })
    page = p
    await p.goto(serve.url)
    await p.getByRole('region', { name: 'All mentions' }).waitFor({ timeout: 15_000 })

    await p.getByRole('button', { name: /^Sources:/ }).click()
    const panel = p.getByRole('dialog', { name: 'Sources' })
    const accounts = panel.getByRole('region', { name: 'Accounts' })
    await accounts.getByRole('group', { name: 'Network' }).getByRole('button', { name: 'Bluesky' }).click()
    const form = accounts.getByRole('form', { name: 'Connect Bluesky' })
    await form.getByRole('textbox', { name: 'Handle' }).fill('uibrand.test')
    await form.getByRole('textbox', { name: /^Custom server/ }).fill(bsky.pdsUrl)
    const password = form.getByLabel('App password')

    await password.fill('wrong-wrong-wrong-wrong')
    await form.getByRole('button', { name: 'Connect Bluesky' }).click()
    const alert = form.getByRole('alert')
    await alert.waitFor({ timeout: 20_000 })
    expect(await alert.innerText()).toMatch(/app password was refused/)

    await password.fill(appPassword)
    await form.getByRole('button', { name: 'Connect Bluesky' }).click()
    const account = accounts.getByRole('listitem').filter({ hasText: 'uibrand.test' })
    await account.waitFor({ timeout: 20_000 })
    expect(await p.content()).not.toContain(appPassword)

    await customer.post({
      text: '@uibrand.test the app logs me out every hour, help?',
      facets: [{ index: { byteStart: 0, byteEnd: 13 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: brand.assertDid }] }]
    })
    await bsky.network.processAll()

    await account.getByRole('button', { name: /^Listen to…/ }).click()
    const listen = account.getByRole('form', { name: /^Listen with / })
    await listen.getByRole('combobox', { name: 'Listen to' }).selectOption({ label: 'Notifications (mentions and replies)' })
    await listen.getByRole('button', { name: 'Start listening' }).click()
    await expect.poll(() => accounts.getByRole('status').first().innerText(), { timeout: 30_000 }).toMatch(/^Now listening to /)

    await p.keyboard.press('Escape')
    const post = p.getByRole('region', { name: 'All mentions' }).getByRole('article', { name: 'Post by Robin Vogel' })
    await post.waitFor({ timeout: 30_000 })
    expect(await post.innerText()).toMatch(/logs me out every hour/)
    expect(await post.innerText()).toMatch(/Bluesky/)
  })
})
