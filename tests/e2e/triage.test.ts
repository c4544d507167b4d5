import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { startMastodonServer } from '../support/mastodon-server'
import { usePerson } from '../support/person'
import { startServe, type ServeProcess } from '../support/serve'
import { useTempDirs } from '../support/temp'

const person = usePerson()
const tempDir = useTempDirs()

/** A contract call from the page, as the UI makes it (the session cookie rides along). */
async function call<T>(page: Page, path: string, input: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ([url, body]) => {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Earshot': '1' }, body: JSON.stringify({ input: body }) })
      return { status: res.status, body: (await res.json()) as { result?: unknown; error?: { message?: string } } }
    },
    [`/api/${path}`, input] as const
  )
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${answer.body.error?.message ?? ''}`)
  return answer.body.result as T
}

/** "8:41 left" → seconds left. */
function secondsLeft(text: string): number {
  const match = /(\d+):(\d{2}) left/.exec(text)
  if (!match) throw new Error(`Not a running SLA clock: “${text}”`)
  return Number(match[1]) * 60 + Number(match[2])
}

async function learningLine(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Triage', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Triage' })
  const line = dialog.getByText(/^Learned from /)
  await line.waitFor({ timeout: 15_000 })
  const text = await line.innerText()
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  return text
}

function card(page: Page, name: string): Locator {
  return page.getByRole('region', { name: 'Needs a reply' }).getByRole('article', { name: `Post by ${name}` })
}

describe('triage, as a support team uses it', () => {
  it('puts a large account’s complaint on top of “Needs a reply” for Support, counts its SLA down, and remembers a correction across a restart', async () => {
    const server = await startMastodonServer()
    person.onCleanup(() => server.close())
    // The test world's clock starts weeks ago; customers here post now, so that their SLA clocks are running.
    ;(server.world as unknown as { clock: number }).clock = Date.now() - 30_000
    const max = server.world.addAccount({ username: 'maxgross', domain: 'tech.example', displayName: 'Max Gross', followers: 250_000 })
    const lena = server.world.addAccount({ username: 'lena', domain: 'social.example', displayName: 'Lena Vogel', followers: 40 })
    const owner = server.world.owner

    const dataDir = tempDir()
    let serve: ServeProcess = await startServe(['--data-dir', dataDir, '--no-demo'])
    person.onCleanup(() => serve.stop())
    const context = await person.browser().newContext({ viewport: { width: 1600, height: 900 } })
    person.onCleanup(() => context.close())
    const page = await context.newPage()
    await page.goto(serve.url)
    const needs = page.getByRole('region', { name: 'Needs a reply' })
    await needs.waitFor({ timeout: 15_000 })

    // A short complaint target, set in the Triage settings, so the clock visibly counts seconds.
    await page.getByRole('button', { name: 'Triage', exact: true }).click()
    const settings = page.getByRole('dialog', { name: 'Triage' })
    const sla = settings.getByRole('form', { name: 'SLA targets' })
    await sla.getByLabel('Complaint', { exact: true }).fill('9')
    await sla.getByRole('button', { name: 'Save targets' }).click()
    await sla.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: 15_000 })
    await page.keyboard.press('Escape')

    // The large account complains first; a small one asks for help and another praises later.
    server.world.post(max, { text: 'Your update bricked my Book 14. Unacceptable, worst support ever. I want my money back!', mentions: [owner] })
    server.world.post(lena, { text: 'Love the new keyboard on my Book 14, great job!', mentions: [owner] })
    server.world.post(lena, { text: 'my Book 14 will not boot since the update, can you help?', mentions: [owner] })

    // The brand's Mastodon account connects and listens to its mentions (the first sync fetches them).
    const account = await call<{ id: string }>(page, 'accounts/connectMastodon', { instanceUrl: server.url, accessToken: server.token })
    await call(page, 'sources/addAccountSource', { accountId: account.id, kind: 'mentions' })

    // Both requests wait in "Needs a reply", the praise does not; the complaint is on top, routed to Support.
    await expect.poll(() => needs.getByRole('article').count(), { timeout: 45_000 }).toBe(2)
    const top = needs.getByRole('article').first()
    expect(await top.getAttribute('aria-label')).toBe('Post by Max Gross')
    await top.getByRole('button', { name: 'Intent: Complaint. Correct it' }).waitFor()
    expect(await top.innerText()).toMatch(/\bSupport\b/)
    expect(await needs.getByRole('article').nth(1).getAttribute('aria-label')).toBe('Post by Lena Vogel')

    // The SLA clock counts down, in words and colour.
    const clock = top.getByRole('timer')
    const before = secondsLeft(await clock.innerText())
    expect(before).toBeGreaterThan(7 * 60)
    expect(before).toBeLessThanOrEqual(9 * 60)
    expect(await clock.getAttribute('data-level')).toBe('warning')
    await page.waitForTimeout(2500)
    const after = secondsLeft(await clock.innerText())
    expect(before - after).toBeGreaterThanOrEqual(2)
    expect(before - after).toBeLessThanOrEqual(4)

    // The team corrects the intent; Earshot says it will remember.
    await top.getByRole('button', { name: 'Intent: Complaint. Correct it' }).click()
    await page.getByRole('dialog', { name: 'What is this post?' }).getByRole('button', { name: /^Asks for help/ }).click()
    const maxCard = card(page, 'Max Gross')
    await maxCard.getByRole('status').filter({ hasText: 'Earshot will remember this.' }).waitFor({ timeout: 15_000 })
    await maxCard.getByRole('button', { name: 'Intent: Asks for help. Correct it' }).waitFor()
    expect(await learningLine(page)).toMatch(/^Learned from 1 correction\b/)

    // Remembered after a reload…
    await page.reload()
    await card(page, 'Max Gross').getByRole('button', { name: 'Intent: Asks for help. Correct it' }).waitFor({ timeout: 15_000 })

    // …and after Earshot restarts on the same data.
    await serve.stop()
    serve = await startServe(['--data-dir', dataDir, '--no-demo'])
    await page.goto(serve.url)
    await card(page, 'Max Gross').getByRole('button', { name: 'Intent: Asks for help. Correct it' }).waitFor({ timeout: 15_000 })
    expect(await learningLine(page)).toMatch(/^Learned from 1 correction\b/)

    // The keyboard: e on the focused post marks it done; the queue in the header drops to one.
    await expect.poll(() => page.getByText(/^\s*2 waiting · oldest /).count(), { timeout: 15_000 }).toBe(1)
    await card(page, 'Lena Vogel').focus()
    await page.keyboard.press('e')
    await expect.poll(() => page.getByText(/^\s*1 waiting · oldest /).count(), { timeout: 15_000 }).toBe(1)
    expect(server.violations).toEqual([])
  })
})
