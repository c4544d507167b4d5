import { describe, expect, it } from 'vitest'
import { startMastodonServer } from '../support/mastodon-server'
import { usePerson } from '../support/person'

const person = usePerson()

describe('signing in to Mastodon with the browser, as a person does it', () => {
  it('opens the server’s sign-in page in a new tab, copies the code back, and sees the account connected', async () => {
    const server = await startMastodonServer()
    person.onCleanup(() => server.close())
    const { page: p } = await person.open({ args: ['--no-demo'] })
    const context = p.context()
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
