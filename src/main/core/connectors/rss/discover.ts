/**
 * Feed discovery: from the address of a blog, news site or forum to the feeds it offers, so a
 * user can paste the address they know instead of hunting for the feed's.
 *
 * - If the address is itself a feed (whatever Content-Type the server gives it), that feed is the
 *   answer, with its title.
 * - Otherwise the page is read as HTML with htmlparser2 (the tolerant parser sanitize-html is built
 *   on) and every `<link rel="alternate">` before `<body>` whose type is RSS, Atom, RDF or JSON Feed
 *   is returned: resolved against the page's `<base href>` or address, http(s) only,
 *   de-duplicated, in document order, with its `title`. `application/json` alternates are not
 *   feeds (oEmbed uses `application/json+oembed`; plain JSON is ambiguous) and are skipped.
 * - A page with no such link gives an empty list; HTTP failures reject with the same
 *   `ConnectorError`s as the connector ("the feed is gone (HTTP 404) — check the address", …).
 */
import { Parser } from 'htmlparser2'
import { EARSHOT_VERSION } from '../../version'
import { ConnectorError } from '../types'
import { decodeFeedBytes } from './decode'
import { feedUserAgent, httpGet, PAGE_ACCEPT } from './http'
import { feedInfo, readFeed, type FeedFormat } from './parse'

export interface DiscoveredFeed {
  /** Absolute http(s) address of the feed. */
  url: string
  /** The title the page (or the feed) gives it, or null. */
  title: string | null
  format: FeedFormat
}

export interface DiscoverOptions {
  signal: AbortSignal
  /** For the User-Agent; defaults to this build's version. */
  version?: string
  timeoutMs?: number
  maxBytes?: number
}

/** Feed media types in `<link type>` and the format each announces. */
const FEED_TYPES: Readonly<Record<string, FeedFormat>> = {
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/rdf+xml': 'rdf',
  'application/feed+json': 'json'
}

function absolute(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/** The feeds a web page links to (see the header). Pure: exported for tests and for pages read elsewhere. */
export function feedLinksFromHtml(html: string, pageUrl: string): DiscoveredFeed[] {
  const candidates: Array<{ href: string; title: string | null; format: FeedFormat }> = []
  let baseHref: string | null = null
  let inBody = false
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'body') inBody = true
        // The document's base URL is the first <base href>, wherever it is (HTML spec).
        if (name === 'base' && baseHref === null && attribs.href) baseHref = attribs.href
        if (name !== 'link' || inBody) return
        const rel = (attribs.rel ?? '').toLowerCase().split(/\s+/)
        if (!rel.includes('alternate')) return
        const format = FEED_TYPES[(attribs.type ?? '').split(';')[0]?.trim().toLowerCase() ?? '']
        if (!format || !attribs.href) return
        const title = attribs.title?.replace(/\s+/g, ' ').trim() || null
        candidates.push({ href: attribs.href, title, format })
      }
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }
  )
  parser.write(html)
  parser.end()

  const base = (baseHref !== null ? absolute(baseHref, pageUrl) : null) ?? pageUrl
  const seen = new Set<string>()
  const feeds: DiscoveredFeed[] = []
  for (const candidate of candidates) {
    const url = absolute(candidate.href, base)
    if (url === null || seen.has(url)) continue
    seen.add(url)
    feeds.push({ url, title: candidate.title, format: candidate.format })
  }
  return feeds
}

/** The feeds at or linked from `pageUrl` (see the header). */
export async function discoverFeeds(pageUrl: string, options: DiscoverOptions): Promise<DiscoveredFeed[]> {
  const response = await httpGet(pageUrl, {
    signal: options.signal,
    userAgent: feedUserAgent(options.version ?? EARSHOT_VERSION),
    accept: PAGE_ACCEPT,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes
  })
  const { text } = decodeFeedBytes(response.body, { contentType: response.headers.get('content-type'), html: true })
  try {
    const info = feedInfo(readFeed(text), response.url)
    // A feed reached through a temporary redirect keeps the address the user gave.
    return [{ url: response.movedTo ?? new URL(pageUrl).href, title: info.title, format: info.format }]
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error
    // Not a feed: a web page (or nothing useful), read its links.
  }
  return feedLinksFromHtml(text, response.url)
}
