import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { usePerson } from '../support/person'
import { startServe, type ServeProcess } from '../support/serve'
import { useTempDirs } from '../support/temp'

const person = usePerson('e2e-deck-layout')
const tempDir = useTempDirs()

/** What the core has stored, asked the way the page asks (same cookie, same endpoint). */
interface StoredDeck {
  name: string
  columns: Array<{ title: string; width: number; collapsed: boolean }>
}

async function storedDecks(page: Page): Promise<StoredDeck[]> {
  return page.evaluate(async () => {
    const res = await fetch('/api/decks/list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Earshot': '1' },
      body: JSON.stringify({})
    })
    return ((await res.json()) as { result: StoredDeck[] }).result
  })
}

async function regionNames(page: Page): Promise<string[]> {
  return page.getByRole('tabpanel').getByRole('region').evaluateAll((els) => els.map((el) => el.querySelector('h2')?.textContent ?? ''))
}

describe('building a deck', () => {
  it('builds a column from the form and it shows matching posts only', async () => {
    const { page } = await person.open()
    const all = page.getByRole('region', { name: 'All mentions' })
    await expect.poll(() => all.getByRole('article').count(), { timeout: 15_000 }).toBeGreaterThan(3)

    await page.getByRole('button', { name: 'Add column' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add column' })
    await dialog.getByLabel('Search words').fill('Lumora')
    await dialog.getByRole('group', { name: 'Networks' }).getByRole('checkbox', { name: 'Demo' }).check()
    await dialog.getByRole('group', { name: 'Languages' }).getByRole('checkbox', { name: 'German' }).check()
    await expect.poll(() => dialog.locator('output').innerText()).toBe('Demo · German · “Lumora”')
    await dialog.getByLabel('Column title (optional)').fill('Lumora auf Deutsch')
    await dialog.getByRole('button', { name: 'Add column' }).click()
    await expect.poll(() => dialog.count()).toBe(0)

    const column = page.getByRole('region', { name: 'Lumora auf Deutsch' })
    await expect.poll(() => column.getByRole('article').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await expect.poll(() => column.innerText()).toContain('Demo · German · “Lumora”')
    // Every post in it is German and says Lumora; the deck as a whole has others, so the filter did something.
    const langs = await column.locator('article [lang]').evaluateAll((els) => els.map((el) => el.getAttribute('lang')))
    expect(langs.length).toBeGreaterThan(0)
    expect(new Set(langs)).toEqual(new Set(['de']))
    for (const text of await column.getByRole('article').allInnerTexts()) expect(text.toLowerCase()).toContain('lumora')
    await expect
      .poll(async () => new Set(await all.locator('article [lang]').evaluateAll((els) => els.map((el) => el.getAttribute('lang')))).size, {
        timeout: 30_000
      })
      .toBeGreaterThan(1)

    await expect.poll(async () => (await storedDecks(page))[0]?.columns.at(-1)?.title).toBe('Lumora auf Deutsch')
  })

  it('reorders (drag) and resizes (drag, keys) columns, and the layout survives a restart', async () => {
    const dataDir = tempDir()
    let serve: ServeProcess = await startServe(['--data-dir', dataDir, '--no-demo'])
    person.onCleanup(() => serve.stop())
    const context = await person.browser().newContext({ viewport: { width: 1600, height: 900 } })
    person.onCleanup(() => context.close())
    let page = await context.newPage()
    await page.goto(serve.url)
    await page.getByRole('region', { name: 'Demo network' }).waitFor({ timeout: 15_000 })
    const before = await regionNames(page)
    expect(before.slice(0, 2)).toEqual(['Needs a reply', 'All mentions'])

    // Drag "Demo network" by its handle onto the left half of "Needs a reply": it becomes first.
    const handle = page.getByRole('button', { name: 'Move “Demo network”' })
    const target = page.getByRole('region', { name: 'Needs a reply' })
    const box = await target.boundingBox()
    if (!box) throw new Error('the first column is not on screen')
    await handle.dragTo(target, { targetPosition: { x: 20, y: box.height / 2 } })
    await expect.poll(() => regionNames(page)).toEqual(['Demo network', ...before.filter((name) => name !== 'Demo network')])

    // Resize "All mentions" by dragging its edge 100 px to the right, then two steps back with the keys.
    const edge = page.getByRole('separator', { name: 'Resize “All mentions”' })
    const edgeBox = await edge.boundingBox()
    if (!edgeBox) throw new Error('the resize handle is not on screen')
    await page.mouse.move(edgeBox.x + edgeBox.width / 2, edgeBox.y + 200)
    await page.mouse.down()
    await page.mouse.move(edgeBox.x + edgeBox.width / 2 + 50, edgeBox.y + 200, { steps: 3 })
    await page.mouse.move(edgeBox.x + edgeBox.width / 2 + 100, edgeBox.y + 200, { steps: 3 })
    await page.mouse.up()
    await expect.poll(() => edge.getAttribute('aria-valuenow')).toBe('440')
    await edge.focus()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => edge.getAttribute('aria-valuenow')).toBe('400')
    const allBox = await page.getByRole('region', { name: 'All mentions' }).boundingBox()
    expect(Math.round(allBox?.width ?? 0)).toBe(400)

    // Keyboard reorder too: Alt+Shift+ArrowRight on the handle of "Needs a reply".
    await page.getByRole('button', { name: 'Move “Needs a reply”' }).focus()
    await page.keyboard.press('Alt+Shift+ArrowRight')
    const order = ['Demo network', 'All mentions', 'Needs a reply', ...before.filter((name) => !['Demo network', 'All mentions', 'Needs a reply'].includes(name))]
    await expect.poll(() => regionNames(page)).toEqual(order)
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Moved “Needs a reply” to position 3' }).count()).toBe(1)

    // Saved (debounced) before the host goes away.
    await expect
      .poll(async () => {
        const deck = (await storedDecks(page))[0]
        return deck ? [deck.columns.map((c) => c.title), deck.columns.find((c) => c.title === 'All mentions')?.width] : null
      })
      .toEqual([order, 400])
    await page.close()
    await serve.stop()

    serve = await startServe(['--data-dir', dataDir, '--no-demo'])
    page = await context.newPage()
    await page.goto(serve.url)
    await page.getByRole('region', { name: 'Demo network' }).waitFor({ timeout: 15_000 })
    expect(await regionNames(page)).toEqual(order)
    expect(await page.getByRole('separator', { name: 'Resize “All mentions”' }).getAttribute('aria-valuenow')).toBe('400')
    expect(Math.round((await page.getByRole('region', { name: 'All mentions' }).boundingBox())?.width ?? 0)).toBe(400)
  })

  it('adds, reorders (drag a tab), switches and collapses, with the layout kept across a restart', async () => {
    const dataDir = tempDir()
    let serve: ServeProcess = await startServe(['--data-dir', dataDir, '--no-demo'])
    person.onCleanup(() => serve.stop())
    const context = await person.browser().newContext({ viewport: { width: 1600, height: 900 } })
    person.onCleanup(() => context.close())
    let page = await context.newPage()
    await page.goto(serve.url)
    await page.getByRole('region', { name: 'All mentions' }).waitFor({ timeout: 15_000 })

    await page.getByRole('button', { name: 'New deck' }).click()
    await page.getByRole('dialog', { name: 'New deck' }).getByLabel('Deck name').fill('Launch')
    await page.getByRole('dialog', { name: 'New deck' }).getByRole('button', { name: 'Add deck' }).click()
    await page.getByRole('heading', { name: '“Launch” has no columns' }).waitFor()

    // Drag the new tab in front of "Main".
    const tabs = page.getByRole('tablist', { name: 'Decks' })
    await tabs.getByRole('tab', { name: 'Launch' }).dragTo(tabs.getByRole('tab', { name: 'Main' }), { targetPosition: { x: 4, y: 10 } })
    await expect.poll(() => tabs.getByRole('tab').allInnerTexts()).toEqual([expect.stringContaining('Launch'), expect.stringContaining('Main')])

    await tabs.getByRole('tab', { name: 'Main' }).click()
    await page.getByRole('button', { name: 'Collapse “Competitors”' }).click()
    await page.getByRole('button', { name: 'Expand “Competitors”' }).waitFor()
    await expect
      .poll(async () => (await storedDecks(page)).map((d) => [d.name, d.columns.some((c) => c.collapsed)]))
      .toEqual([
        ['Launch', false],
        ['Main', true]
      ])
    await page.close()
    await serve.stop()

    serve = await startServe(['--data-dir', dataDir, '--no-demo'])
    page = await context.newPage()
    await page.goto(serve.url)
    const tabsAgain = page.getByRole('tablist', { name: 'Decks' })
    await tabsAgain.getByRole('tab', { name: 'Main' }).waitFor({ timeout: 15_000 })
    expect(await tabsAgain.getByRole('tab').allInnerTexts()).toEqual([expect.stringContaining('Launch'), expect.stringContaining('Main')])
    await tabsAgain.getByRole('tab', { name: 'Main' }).click()
    await page.getByRole('button', { name: 'Expand “Competitors”' }).click()
    // Expanded again: the full column with its controls (no posts without the demo: its empty state).
    await page.getByRole('region', { name: 'Competitors' }).getByRole('button', { name: 'Options for “Competitors”' }).waitFor()
    await expect.poll(() => page.getByRole('region', { name: 'Competitors' }).innerText()).toContain('No posts match')
  })
})
