import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { usePerson } from '../support/person'

const person = usePerson('e2e-keyboard')

/*
 * Page-side code is passed as strings: these files compile without the DOM library (they run in
 * Node), and the browser evaluates the text.
 */

/** Whether the element is the one with keyboard focus. */
async function hasFocus(locator: Locator): Promise<boolean> {
  return (await locator.and(locator.page().locator(':focus')).count()) > 0
}

/** The accessible name of the region (column) that holds the focus, or '' outside any. */
function focusedColumn(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const id = document.activeElement?.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby')
    return (id && document.getElementById(id)?.textContent?.trim()) || ''
  })()`)
}

/** What the focused post says (its text), or '' when focus is not on a post. */
function focusedPostText(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const el = document.activeElement
    return el?.tagName === 'ARTICLE' ? (el.querySelector('.post-text')?.textContent?.trim() ?? '') : ''
  })()`)
}

/**
 * Milliseconds from the last key typed into the search box to the frame after the results for
 * that text are in the page (the status line and the result cards change in the same render).
 */
async function searchLatency(page: Page, box: Locator, word: string): Promise<number> {
  await box.fill('')
  await page.evaluate(`(() => {
    const expected = ${JSON.stringify(`“${word}”`)}
    let lastKey = 0
    const onKey = () => { lastKey = performance.now() }
    document.addEventListener('keydown', onKey, true)
    window.__searchDone = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!(document.querySelector('dialog [role="status"]')?.textContent ?? '').includes(expected)) return
        observer.disconnect()
        document.removeEventListener('keydown', onKey, true)
        // Two frames: the one that lays the results out and paints them has run.
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - lastKey)))
      })
      observer.observe(document.body, { subtree: true, childList: true, characterData: true })
    })
  })()`)
  await box.pressSequentially(word)
  return page.evaluate<number>('window.__searchDone')
}

describe('keyboard-only reading', () => {
  it('moves through the deck with j/k, h/l and 1–9, opens a thread with Enter and closes it with Escape', async () => {
    const { page } = await person.open()
    const all = page.getByRole('region', { name: 'All mentions' })
    await expect.poll(() => all.getByRole('article').count(), { timeout: 15_000 }).toBeGreaterThan(3)

    // Column 2 is "All mentions" in the default deck; its first post takes the focus.
    await page.keyboard.press('2')
    await expect.poll(() => focusedColumn(page)).toBe('All mentions')
    const first = await focusedPostText(page)
    expect(first).not.toBe('')
    await page.keyboard.press('j')
    await expect.poll(() => focusedPostText(page)).not.toBe(first)
    const second = await focusedPostText(page)
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => focusedPostText(page)).not.toBe(second)
    await page.keyboard.press('k')
    await expect.poll(() => focusedPostText(page)).toBe(second)

    await page.keyboard.press('l')
    await expect.poll(() => focusedColumn(page)).toBe('Lumora Book 14')
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => focusedColumn(page)).toBe('All mentions')
    // Back in the column where the reader left it.
    expect(await focusedPostText(page)).toBe(second)
    await page.keyboard.press('1')
    await expect.poll(() => focusedColumn(page)).toBe('Needs a reply')
    await page.keyboard.press('2')
    await expect.poll(() => focusedColumn(page)).toBe('All mentions')

    // Enter: the conversation, with the post highlighted and focused.
    await page.keyboard.press('Enter')
    const thread = page.getByRole('dialog', { name: 'Conversation' })
    await thread.waitFor()
    const current = thread.locator('article[aria-current="true"]')
    await expect.poll(() => current.count()).toBe(1)
    expect(await current.locator('.post-text').innerText()).toBe(second)
    await expect.poll(() => hasFocus(current)).toBe(true)

    await page.keyboard.press('Escape')
    await thread.waitFor({ state: 'detached' })
    expect(await focusedPostText(page)).toBe(second)
    expect(await focusedColumn(page)).toBe('All mentions')
  })

  it('? lists the shortcuts and / searches everything stored, with results within 100 ms', async () => {
    const { page } = await person.open()
    await page.getByRole('region', { name: 'All mentions' }).getByRole('article').first().waitFor({ timeout: 15_000 })

    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await help.waitFor()
    for (const line of ['Next post in the column', 'Go to column 1 to 9', 'Open the post’s conversation', 'Search everything stored', 'Show these shortcuts']) {
      expect(await help.getByText(line).count()).toBe(1)
    }
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'detached' })

    await page.keyboard.press('/')
    const search = page.getByRole('dialog', { name: 'Search everything' })
    const box = search.getByRole('searchbox', { name: 'Search all stored posts' })
    await expect.poll(() => hasFocus(box)).toBe(true)

    // Warm-up (first query compiles statements in the core), then the measured searches.
    await searchLatency(page, box, 'lumora')
    const timings: number[] = []
    for (const word of ['book', 'update', 'support', 'laptop', 'buds', 'cloud', 'phone', 'battery', 'lumora', 'voltic']) {
      timings.push(await searchLatency(page, box, word))
    }
    timings.sort((a, b) => a - b)
    const median = timings[Math.floor(timings.length / 2)] ?? Number.NaN
    const worst = timings[timings.length - 1] ?? Number.NaN
    console.log(
      `search latency, last key → results painted: median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms; all: ${timings.map((t) => t.toFixed(0)).join(', ')}`
    )
    // The target is the typical search; a single one may collide with the demo's live posts
    // being rendered in the columns behind on this shared machine, so the worst is only reported.
    expect(median).toBeLessThan(100)

    // The results are posts that say what was searched; ↓ goes into them, Enter opens one.
    const results = search.getByRole('feed', { name: 'Search results' })
    expect((await results.getByRole('article').first().innerText()).toLowerCase()).toContain('voltic')
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => hasFocus(results.getByRole('article').first())).toBe(true)
    await page.keyboard.press('Enter')
    const thread = page.getByRole('dialog', { name: 'Conversation' })
    await thread.waitFor()
    await page.keyboard.press('Escape')
    await thread.waitFor({ state: 'detached' })
    // Back in the search, where the reader was.
    await expect.poll(() => hasFocus(results.getByRole('article').first())).toBe(true)

    // Keep it: the search becomes a column of the deck.
    await search.getByRole('button', { name: 'Add as column' }).click()
    await search.waitFor({ state: 'detached' })
    const column = page.getByRole('region', { name: 'voltic' })
    await expect.poll(() => column.getByRole('article').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await expect.poll(() => focusedColumn(page)).toBe('voltic')
  })
})
