import { describe, expect, it } from 'vitest'
import { usePerson } from '../support/person'

const person = usePerson()

describe('the first deck', () => {
  it('shows the demo deck: named columns with posts that carry author, network, time and text', async () => {
    const { page } = await person.open()
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
    const { page } = await person.open()
    const all = page.getByRole('region', { name: 'All mentions' })
    const first = all.getByRole('article').first()
    await first.waitFor({ timeout: 15_000 })
    const before = await first.innerText()
    // The demo workspace posts every few seconds; the newest one must appear at the top.
    await expect.poll(() => all.getByRole('article').first().innerText(), { timeout: 30_000, interval: 250 }).not.toBe(before)
  })

  it('the read-only wall-screen link can look but the host refuses changes', async () => {
    const { page } = await person.open({ args: ['--no-demo'], readOnly: true })
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
