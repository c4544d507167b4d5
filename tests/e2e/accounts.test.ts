import { describe, expect, it } from 'vitest'
import { startMastodonServer } from '../support/mastodon-server'
import { usePerson } from '../support/person'

const person = usePerson()

describe('a Mastodon account, as a person uses it', () => {
  it('connects, listens to mentions, and answers a customer exactly once through the outbox', async () => {
    const server = await startMastodonServer()
    person.onCleanup(() => server.close())
    const anna = server.world.addAccount({ username: 'anna', domain: 'social.example', displayName: 'Anna Berger', followers: 840 })

    // Without the demo stream the customer's mention stays on top of "All mentions".
    const { page: p } = await person.open({ args: ['--no-demo'] })
    await p.getByRole('region', { name: 'All mentions' }).waitFor({ timeout: 15_000 })

    // Sources → Accounts: with no account yet, the Mastodon form is right there.
    await p.getByRole('button', { name: /^Sources:/ }).click()
    const panel = p.getByRole('dialog', { name: 'Sources' })
    await panel.waitFor()
    const accounts = panel.getByRole('region', { name: 'Accounts' })
    const form = accounts.getByRole('form', { name: 'Connect Mastodon' })
    await form.getByRole('button', { name: 'Use an access token instead' }).click()
    await form.getByRole('textbox', { name: 'Server address' }).fill(server.url)
    const token = form.getByLabel('Access token')
    expect(await token.getAttribute('type')).toBe('password')

    // A wrong token: the core's sentence, next to the field; the server address stays.
    await token.fill('not-the-token')
    await form.getByRole('button', { name: 'Connect Mastodon' }).click()
    const alert = form.getByRole('alert')
    await alert.waitFor({ timeout: 15_000 })
    expect(await alert.innerText()).toMatch(/^Could not connect: .*access token/)
    expect(await form.getByRole('textbox', { name: 'Server address' }).inputValue()).toBe(server.url)

    // The right one: the account is listed, and the token is nowhere on the page any more.
    await token.fill(server.token)
    await form.getByRole('button', { name: 'Connect Mastodon' }).click()
    const account = accounts.getByRole('listitem').filter({ hasText: 'Earshot Team' })
    await account.waitFor({ timeout: 15_000 })
    expect(await account.innerText()).toMatch(/Connected/)
    expect(await p.content()).not.toContain(server.token)
    expect(await p.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })')).not.toContain(server.token)

    // A customer asks for help.
    const mention = server.world.post(anna, { text: 'my Book 14 will not boot since the update, can you help?', mentions: [server.world.owner] })

    // Listen to → Mentions.
    await account.getByRole('button', { name: /^Listen to…/ }).click()
    const listen = account.getByRole('form', { name: /^Listen with / })
    await listen.getByRole('combobox', { name: 'Listen to' }).selectOption({ label: 'Mentions' })
    await listen.getByRole('button', { name: 'Start listening' }).click()
    await expect.poll(() => accounts.getByRole('status').first().innerText(), { timeout: 30_000 }).toMatch(/^Now listening to /)
    await panel.getByRole('region', { name: 'Listening to' }).getByRole('listitem').filter({ hasText: 'Mastodon' }).first().waitFor()

    // Back in the deck, the mention arrives in "All mentions".
    await p.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    const all = p.getByRole('region', { name: 'All mentions' })
    const post = all.getByRole('article', { name: 'Post by Anna Berger' }).filter({ hasText: 'will not boot' })
    await post.waitFor({ timeout: 30_000 })

    // Reply from the post.
    await post.getByRole('button', { name: 'Reply to Anna Berger' }).click()
    const composer = p.getByRole('dialog', { name: 'Reply to Anna Berger' })
    await composer.waitFor()
    expect(await composer.getByRole('blockquote').innerText()).toMatch(/will not boot/)
    const reply = composer.getByRole('textbox', { name: 'Your reply' })
    expect(await reply.inputValue()).toMatch(/^@anna@social\.example $/)
    await reply.fill('@anna@social.example Sorry to hear that! Hold the power button for 10 seconds, then try again.')
    await composer.getByRole('button', { name: 'Queue reply' }).click()
    await composer.waitFor({ state: 'detached' })
    await p.getByRole('status').filter({ hasText: 'Queued — it goes out as soon as Mastodon is reachable.' }).waitFor()

    // The Outbox shows it Sent, with a link to the published post.
    await p.getByRole('button', { name: /^Outbox:/ }).click()
    const outbox = p.getByRole('dialog', { name: 'Outbox' })
    await outbox.waitFor()
    const item = outbox.getByRole('listitem', { name: /^Reply: @anna@social\.example Sorry/ })
    await expect.poll(() => item.innerText(), { timeout: 30_000 }).toMatch(/\bSent\b/)
    const link = item.getByRole('link', { name: 'View post' })
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${server.url.replace(/[.:/]/g, '\\$&')}/`))
    await expect.poll(() => p.getByRole('button', { name: 'Outbox: nothing waiting' }).count()).toBe(1)

    // On the server: exactly one reply to the mention, and every request and answer was valid.
    const replies = [...server.world.statuses.values()].filter((status) => status.inReplyToId === mention.id)
    expect(replies).toHaveLength(1)
    expect(server.violations).toEqual([])
  })
})
