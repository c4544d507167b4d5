import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { usePerson } from '../support/person'

const person = usePerson()
/** A word no demo post and no other fixture contains, to find the feed's item on screen. */
const UNIQUE = 'Zeppelinfeld'

let site: { server: Server; base: string }

/** The RSS 2.0 feed: three items, dated just now so they are the newest posts in the store. */
function rss(base: string): string {
  const now = Date.now()
  const item = (n: number, title: string, html: string): string => `
    <item>
      <title>${title}</title>
      <link>${base}/posts/${n}</link>
      <guid isPermaLink="false">zeppelin-gazette-${n}</guid>
      <pubDate>${new Date(now - n * 60_000).toUTCString()}</pubDate>
      <description><![CDATA[${html}]]></description>
    </item>`
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Zeppelin Gazette</title>
    <link>${base}/blog/</link>
    <description>News from the airfield</description>
    ${item(1, `Open day at the ${UNIQUE}`, `<p>The ${UNIQUE} opens its hangars on Sunday. <a href="https://example.org/open-day">Programme and tickets</a></p>`)}
    ${item(2, 'Lumora Book 14 on board', '<p>The crew now flies with <strong>Lumora Book 14</strong> laptops.</p>')}
    ${item(3, 'Weather report', '<p>Calm winds all week.</p>')}
  </channel>
</rss>`
}

/** A web page that links to the feed, as blogs do: adding the page finds the feed behind it. */
function blogPage(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <title>Zeppelin Gazette — the blog</title>
    <link rel="alternate" type="application/rss+xml" title="Zeppelin Gazette" href="/feed.xml">
  </head>
  <body><h1>Zeppelin Gazette</h1><p>Stories from the airfield.</p></body>
</html>`
}

function startSite(): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const base = `http://${req.headers.host ?? '127.0.0.1'}`
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' })
      res.end(rss(base))
    } else if (req.url === '/blog/' || req.url === '/blog') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(blogPage())
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Not found')
    }
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({ server, base: `http://127.0.0.1:${port}` })
    })
  })
}

beforeAll(async () => {
  site = await startSite()
})

afterAll(async () => {
  site?.server.closeAllConnections()
  await new Promise<void>((resolve) => (site ? site.server.close(() => resolve()) : resolve()))
})

async function openDeck(): Promise<Page> {
  // Without the demo stream the feed's items stay on top of "All mentions".
  const { page: opened } = await person.open({ args: ['--no-demo'] })
  await opened.getByRole('region', { name: 'All mentions' }).waitFor({ timeout: 15_000 })
  return opened
}

describe('managing sources', () => {
  it('adds a blog by its web address, shows its posts in the deck, and explains bad addresses', async () => {
    const p = await openDeck()

    // Open the Sources panel from the header.
    await p.getByRole('button', { name: /^Sources:/ }).click()
    const panel = p.getByRole('dialog', { name: 'Sources' })
    await panel.waitFor()
    const address = panel.getByRole('textbox', { name: 'Feed or website address' })

    // The page, not the feed: Earshot finds the feed behind it.
    await address.fill(`${site.base}/blog/`)
    await panel.getByRole('button', { name: 'Add feed' }).click()
    const source = panel.getByRole('listitem', { name: 'Zeppelin Gazette' })
    await source.waitFor({ timeout: 30_000 })
    await expect.poll(() => source.innerText(), { timeout: 15_000 }).toMatch(/3 posts/)
    expect(await source.innerText()).toMatch(/RSS\/Atom/)
    expect(await address.inputValue()).toBe('')

    // Close the panel and find the feed's item in the deck.
    await p.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached' })
    // Focus went back to the button that opened the panel.
    expect(await p.evaluate<string>("document.activeElement?.getAttribute('aria-label') ?? ''")).toMatch(/^Sources:/)
    const all = p.getByRole('region', { name: 'All mentions' })
    const item = all.getByRole('article').filter({ hasText: UNIQUE }).first()
    await item.waitFor({ timeout: 15_000 })
    // The item's HTML arrived sanitized and renders as a real link.
    const link = item.getByRole('link', { name: 'Programme and tickets' })
    expect(await link.getAttribute('href')).toBe('https://example.org/open-day')
    expect(await link.getAttribute('target')).toBe('_blank')

    // A feed that is gone: the core's sentence appears next to the field, the address stays.
    await p.getByRole('button', { name: /^Sources:/ }).click()
    await panel.waitFor()
    const gone = `${site.base}/gone.xml`
    await address.fill(gone)
    await address.press('Enter')
    const error = panel.getByRole('alert')
    await error.waitFor({ timeout: 30_000 })
    expect(await error.innerText()).toMatch(/404|no RSS or Atom feed|gone|not found/i)
    expect(await address.inputValue()).toBe(gone)
    expect(await address.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await address.getAttribute('aria-describedby')) ?? ''
    expect(describedBy.split(/\s+/)).toContain(await error.getAttribute('id'))

    // Something that is no address at all.
    await address.fill('not a url at all')
    await panel.getByRole('button', { name: 'Add feed' }).click()
    await expect.poll(() => error.innerText(), { timeout: 15_000 }).toMatch(/"not a url at all" is not a web address\./)
    expect(await address.inputValue()).toBe('not a url at all')
    // Still exactly one source from this site.
    expect(await panel.getByRole('listitem', { name: 'Zeppelin Gazette' }).count()).toBe(1)
  })
})
