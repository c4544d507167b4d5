/**
 * As a person, in Chromium, against the built `earshot serve` and a real local Bluesky network:
 * connect a Bluesky account (a wrong app password first), listen to its notifications, and see
 * a customer's mention arrive in a column.
 */
import { AtpAgent } from '@atproto/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { usePerson } from '../support/person'
import { startLocalBluesky, type LocalBluesky } from './support/network'

let bsky: LocalBluesky
const person = usePerson('integration')

beforeAll(async () => {
  bsky = await startLocalBluesky()
})

afterAll(async () => {
  await bsky?.stop()
})

describe('a Bluesky account, as a person uses it', () => {
  it('connects with an app password, listens to notifications and sees a mention arrive', async () => {
    const brand = new AtpAgent({ service: bsky.pdsUrl })
    await brand.createAccount({ handle: 'uibrand.test', email: 'uibrand@example.test', password: 'uibrand-password' })
    const customer = new AtpAgent({ service: bsky.pdsUrl })
    await customer.createAccount({ handle: 'robin.test', email: 'robin@example.test', password: 'robin-password' })
    await customer.upsertProfile((profile) => ({ ...profile, displayName: 'Robin Vogel' }))
    const appPassword = (await brand.com.atproto.server.createAppPassword({ name: 'Earshot' })).data.password

    const { page: p } = await person.open({ args: ['--no-demo'] })
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
