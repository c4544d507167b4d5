/**
 * Feed text → `IncomingPost`s, for RSS 0.9x/2.0, Atom 0.3/1.0, RDF (RSS 1.0) and JSON Feed.
 *
 * Validation first: XML goes through fast-xml-parser's `XMLValidator`, so a broken feed is
 * reported as "the feed is not valid XML at line 12: …" instead of being half-read by a lenient
 * parser. Then feedsmith's `parseFeed` detects the format and parses. feedsmith is configured by
 * its authors with `processEntities: false` (entities are decoded by the `entities` package, never
 * from a DOCTYPE), so a feed cannot define an entity that expands into gigabytes.
 *
 * Decisions (the sync engine and the store rely on these):
 *
 * - **Ids** are `rss:<feed key>:<item key>`.
 *   - The feed key is the first 16 hex digits of the SHA-256 of the *configured* feed address
 *     (normalised by the URL parser; not the address after redirects, which may change). Scoping
 *     by feed matters: RSS guids are only unique within their feed in practice (`1`, `2`, …),
 *     and a hostile feed must not be able to overwrite another feed's posts by copying its guids.
 *     The same feed added twice (two sources, same address) gives the same ids, so its posts are
 *     stored once.
 *   - The item key is, in order: the RSS `guid` / Atom `id` / RDF `rdf:about` / JSON Feed `id`;
 *     else the item's link (resolved to an absolute URL); else `sha256-<32 hex>` of the title and
 *     the raw date text (and the body, when both are empty). A key longer than 256 characters is
 *     replaced by its hash. Keys are trimmed, otherwise kept as the feed wrote them.
 *   - Within one document, a key seen before gets `#<16 hex>` of the item's title, date and body
 *     appended (feeds that repeat a guid for different items); an exact duplicate item is dropped.
 *     This stays stable across fetches as long as those items do not change.
 *   - `remoteId` is the item key.
 * - **Dates**: `createdAt` from RSS `pubDate`, Atom `published`, `dc:date`, JSON `date_published`,
 *   then the update date (Atom `updated`, JSON `date_modified`); RFC 822 and ISO 8601 are read,
 *   an ISO date-time without a zone is taken as UTC, and a few common zone abbreviations
 *   (CET, CEST, BST, …) are understood. An item without a readable date gets the fetch time. That
 *   is stable in the store: the repository keeps the `createdAt` of the first insert and never
 *   updates it, so the first time we saw the item is what stays. `editedAt` is the update date
 *   when it is later than the creation date, else null.
 * - **Text** is the title, a blank line, and the plain text of the body (or just one of them;
 *   the title is left out when the body already starts with it, as in title-less microblog feeds).
 *   The body is the full content (`content:encoded`, Atom `content`, JSON `content_html` /
 *   `content_text`) when there is one, else the summary (`description`, Atom `summary`).
 *   **HTML** is that body through `sanitizePostHtml` with the item's link (else the feed's
 *   address) as the base for relative links; plain-text bodies give `html: null`.
 * - **Author**: the item's author (RSS `author`, `dc:creator`, Atom `author`, JSON `authors`),
 *   then the feed's author (Atom and JSON Feed, where the spec says it applies to every entry),
 *   else the feed's title. Its id is `rss:<feed host>:<name>`, the handle is the feed host,
 *   followers 0, no avatar (an avatar URL from a feed would be a tracking pixel in every card).
 * - **Language** is the item's, else the feed's (`language`, `xml:lang`, `dc:language`), cut to
 *   the lower-case two-letter ISO 639-1 code; anything else (e.g. a three-letter code) is null.
 * - Items with neither text nor link are skipped. At most `MAX_ITEMS` items are read per fetch.
 * - Not handled yet: media and enclosures (podcasts, video channels' thumbnails), categories,
 *   comments links, `xml:base` (relative links resolve against the item link or feed address).
 */
import { createHash } from 'node:crypto'
import { XMLValidator } from 'fast-xml-parser'
import { DetectError, parseFeed, type AnyFeed, type AtomFeed, type JsonFeed, type MediaNs, type RdfFeed, type RssFeed } from 'feedsmith'
import type { Author, IncomingPost, PostMedia } from '@shared/domain/post'
import { htmlToPlainText, sanitizePostHtml } from '../../sanitize/html'
import { compactMedia, kindOfMime, mediaItem } from '../media'
import { ConnectorError } from '../types'

/** Items read from one document; the rest are ignored (a feed is a window, not an archive). */
export const MAX_ITEMS = 1000
/** Item keys longer than this are hashed. */
const MAX_KEY_LENGTH = 256
/** Titles and names longer than this are cut. */
const MAX_TITLE_LENGTH = 1000
const MAX_NAME_LENGTH = 200

export type FeedFormat = AnyFeed['format']

export interface ParseContext {
  /** The source that delivered the posts. */
  sourceId: string
  /** The configured feed address: namespace of every id, and source of the author handle. */
  feedUrl: string
  /** The address that answered (after redirects): base for relative links. Defaults to `feedUrl`. */
  baseUrl?: string
  /** When the feed was fetched (epoch ms): the `createdAt` of items without a date. */
  fetchedAt: number
}

/** What a feed says about itself. */
export interface FeedInfo {
  format: FeedFormat
  title: string | null
  /** The site the feed belongs to (absolute http(s) URL), if it says. */
  homeUrl: string | null
  /** ISO 639-1 code, or null. */
  language: string | null
  /**
   * The feed's own polling hint in ms (RSS `ttl`; `sy:updatePeriod` / `sy:updateFrequency`; the
   * larger when both are given), or null when it gives none.
   */
  updateIntervalMs: number | null
}

export interface ParsedFeed extends FeedInfo {
  posts: IncomingPost[]
}

function invalid(message: string): ConnectorError {
  return new ConnectorError('invalid_response', message)
}

/** A validator or parser message as the end of our sentence: first letter lower-case, no final period, bounded. */
function reason(message: string): string {
  const text = message.trim().replace(/\.$/, '').slice(0, 200)
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/**
 * Validates and parses a feed document. Throws `ConnectorError('invalid_response')` with a plain
 * sentence when the text is not a feed.
 */
export function readFeed(text: string): AnyFeed {
  const lead = /^[\uFEFF\s]*/.exec(text)?.[0] ?? ''
  const body = text.slice(lead.length)
  if (body === '') throw invalid('the feed is empty')
  let input: unknown = body
  if (body.startsWith('{')) {
    try {
      input = JSON.parse(body) as unknown
    } catch (error) {
      throw invalid(`the feed is not valid JSON: ${reason((error as Error).message)}`)
    }
  } else if (body.startsWith('<')) {
    if (/^<!doctype\s+html[\s>]|^<html[\s>]/i.test(body)) {
      throw invalid('the address is a web page, not a feed — look for the feed on that page')
    }
    // Leading whitespace before `<?xml` is not XML, but common (PHP templates); it is skipped,
    // and counted back into the line numbers so they match the file the user may open.
    const result = XMLValidator.validate(body)
    if (result !== true) {
      const line = result.err.line + (lead.match(/\n/g)?.length ?? 0)
      throw invalid(`the feed is not valid XML at line ${line}: ${reason(result.err.msg)}`)
    }
  } else {
    throw invalid('the feed is neither XML nor JSON')
  }
  try {
    return parseFeed(input, { maxItems: MAX_ITEMS })
  } catch (error) {
    if (error instanceof DetectError) throw invalid('the document is not an RSS, Atom, RDF or JSON feed')
    throw invalid(`the feed could not be read: ${reason(error instanceof Error ? error.message : String(error))}`)
  }
}

/** First 16 hex digits of the SHA-256 of the normalised feed address: the feed part of every id. */
export function feedKey(feedUrl: string): string {
  let normalised = feedUrl.trim()
  try {
    normalised = new URL(normalised).href
  } catch {
    // Not a URL: the fetch will say so; the key only has to be deterministic.
  }
  return sha256(normalised).slice(0, 16)
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** The host of the feed address (lower-case, as the URL parser writes it), or the address itself. */
export function feedHost(feedUrl: string): string {
  try {
    return new URL(feedUrl).hostname
  } catch {
    return feedUrl
  }
}

/** Collapses whitespace and cuts to `max` characters. */
function clean(text: string | null | undefined, max: number): string | null {
  if (typeof text !== 'string') return null
  const collapsed = text.replace(/\s+/g, ' ').trim()
  if (collapsed === '') return null
  return collapsed.length > max ? collapsed.slice(0, max).trimEnd() + '…' : collapsed
}

/** `href` resolved against `base`, if the result is an http(s) URL. */
function absolute(href: string | null | undefined, base: string): string | null {
  if (typeof href !== 'string' || href.trim() === '') return null
  try {
    const url = new URL(href.trim(), base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/** The ISO 639-1 part of a language tag (`de-DE` → `de`), or null. */
export function languageCode(tag: string | null | undefined): string | null {
  if (typeof tag !== 'string') return null
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  return /^[a-z]{2}$/.test(primary) ? primary : null
}

/** Zone abbreviations feeds use that `Date.parse` does not know (it knows UT, GMT, Z and US zones). */
const ZONES: Readonly<Record<string, string>> = {
  CET: '+0100', CEST: '+0200', MEZ: '+0100', MESZ: '+0200', WET: '+0000', WEST: '+0100',
  EET: '+0200', EEST: '+0300', BST: '+0100', IST: '+0530', JST: '+0900', KST: '+0900',
  AEST: '+1000', AEDT: '+1100', UTC: '+0000'
}

/** Epoch ms of a feed date (RFC 822 or ISO 8601), or null. */
export function parseFeedDate(raw: string | null | undefined): number | null {
  if (typeof raw !== 'string') return null
  let text = raw.trim()
  if (text === '') return null
  // ISO date-time without a zone: UTC, not the local zone of whoever runs the app.
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) text = `${text.replace(' ', 'T')}Z`
  text = text.replace(/\b([A-Z]{3,4})$/, (zone) => ZONES[zone] ?? zone)
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? null : ms
}

/** One item, reduced to what every format has. */
interface RawItem {
  key: string | null
  link: string | null
  /** Plain-text title. */
  title: string | null
  /** The body when it is HTML. */
  html: string | null
  /** The body when it is plain text. */
  text: string | null
  authorName: string | null
  authorUrl: string | null
  published: string | null
  updated: string | null
  language: string | null
  /** Attachments as the feed gives them (addresses not yet resolved against the base). */
  media: RawMedia[]
}

/** An attachment before its addresses are resolved. */
interface RawMedia {
  url: string | undefined
  type?: string | undefined
  medium?: string | undefined
  previewUrl?: string | undefined
  description?: string | undefined
  width?: number | undefined
  height?: number | undefined
}

const NO_MEDIA: RawMedia[] = []

/**
 * Media RSS (`media:content`, also inside `media:group`, and `media:thumbnail`). A thumbnail of
 * the item serves as the preview of contents without their own; with no content at all it is
 * the item's picture.
 */
function mediaRss(media: MediaNs.ItemOrFeed | undefined): RawMedia[] {
  if (!media) return NO_MEDIA
  const itemThumb = first(media.thumbnails)
  const contents = [...(media.contents ?? []), ...(media.groups ?? []).flatMap((group) => group.contents ?? [])]
  const out: RawMedia[] = contents.map((content) => ({
    url: content.url,
    type: content.type,
    medium: content.medium,
    previewUrl: first(content.thumbnails)?.url ?? itemThumb?.url,
    description: content.description?.value ?? content.title?.value,
    width: content.width,
    height: content.height
  }))
  if (out.length === 0 && itemThumb) {
    out.push({ url: itemThumb.url, medium: 'image', description: media.description?.value ?? media.title?.value, width: itemThumb.width, height: itemThumb.height })
  }
  return out
}

/** RSS `<enclosure>`s followed by Media RSS. */
function rssMedia(enclosures: ReadonlyArray<RssFeed.Enclosure> | undefined, media: MediaNs.ItemOrFeed | undefined): RawMedia[] {
  if (!enclosures?.length && !media) return NO_MEDIA
  return [...(enclosures ?? []).map((enclosure) => ({ url: enclosure.url, type: enclosure.type })), ...mediaRss(media)]
}

/** Resolves addresses, keeps image/video/audio with http(s) addresses, drops repeats. */
function resolveMedia(raw: RawMedia[], base: string): PostMedia[] {
  if (raw.length === 0) return []
  return compactMedia(
    raw.map((item) => {
      const kind = kindOfMime(item.type, item.medium)
      if (!kind) return null
      return mediaItem(kind, {
        url: absolute(item.url, base),
        previewUrl: absolute(item.previewUrl, base),
        description: item.description,
        width: item.width,
        height: item.height
      })
    })
  )
}

/** Plain text of an Atom text construct (`type` text, html or xhtml). */
function atomText(value: AtomFeed.Text | undefined): string | null {
  if (!value || typeof value.value !== 'string') return null
  return isHtmlType(value.type) ? htmlToPlainText(value.value) : value.value
}

function isHtmlType(type: string | undefined): boolean {
  return type !== undefined && /html/i.test(type)
}

/** Atom content or summary → html or text body; out-of-line (`src`) and binary content give nothing. */
function atomBody(content: AtomFeed.Content | AtomFeed.Text | undefined): { html: string | null; text: string | null } | null {
  if (!content || typeof content.value !== 'string' || content.value.trim() === '') return null
  if ('src' in content && content.src) return null
  if (isHtmlType(content.type)) return { html: content.value, text: null }
  if (content.type === undefined || content.type === 'text' || /^text\//i.test(content.type)) return { html: null, text: content.value }
  return null
}

function atomLink(links: ReadonlyArray<AtomFeed.Link<string>> | undefined): string | null {
  if (!links) return null
  const alternates = links.filter((link) => !link.rel || link.rel === 'alternate')
  const html = alternates.find((link) => !link.type || /html/i.test(link.type))
  return (html ?? alternates[0])?.href ?? null
}

const first = <T>(values: ReadonlyArray<T> | undefined): T | undefined => values?.[0]

function rssItem(item: RssFeed.Item<string>): RawItem {
  const author = first(item.authors)
  const body = item.content?.encoded ?? item.description
  const guid = item.guid?.value
  // A permalink guid is the item's address when there is no <link>.
  const link = item.link ?? (guid && item.guid?.isPermaLink !== false && /^https?:/i.test(guid.trim()) ? guid : null)
  return {
    key: guid ?? null,
    link: link ?? null,
    title: clean(item.title, MAX_TITLE_LENGTH),
    html: body ?? null,
    text: null,
    authorName: clean(author?.name ?? author?.email ?? first(item.dc?.creators), MAX_NAME_LENGTH),
    authorUrl: author?.link ?? null,
    published: item.pubDate ?? first(item.dc?.dates) ?? item.atom?.published ?? null,
    updated: item.atom?.updated ?? null,
    language: first(item.dc?.languages) ?? item.xml?.lang ?? null,
    media: rssMedia(item.enclosures, item.media)
  }
}

function rdfItem(item: RdfFeed.Item<string>): RawItem {
  return {
    key: item.rdf?.about ?? null,
    link: item.link ?? item.rdf?.about ?? null,
    title: clean(item.title, MAX_TITLE_LENGTH),
    html: item.content?.encoded ?? item.description ?? null,
    text: null,
    authorName: clean(first(item.dc?.creators), MAX_NAME_LENGTH),
    authorUrl: null,
    published: first(item.dc?.dates) ?? first(item.dcterms?.issued) ?? first(item.dcterms?.created) ?? null,
    updated: first(item.dcterms?.modified) ?? null,
    language: first(item.dc?.languages) ?? item.xml?.lang ?? null,
    media: mediaRss(item.media)
  }
}

/** Atom `<link rel="enclosure">`s followed by Media RSS. */
function atomMedia(entry: AtomFeed.Entry<string>): RawMedia[] {
  const enclosures = (entry.links ?? []).filter((link) => link.rel === 'enclosure')
  if (enclosures.length === 0 && !entry.media) return NO_MEDIA
  return [...enclosures.map((link) => ({ url: link.href, type: link.type, description: link.title })), ...mediaRss(entry.media)]
}

function atomEntry(entry: AtomFeed.Entry<string>, feedAuthor: AtomFeed.Person | undefined): RawItem {
  const body = atomBody(entry.content) ?? atomBody(entry.summary)
  const author = first(entry.authors) ?? feedAuthor
  return {
    key: entry.id ?? null,
    link: atomLink(entry.links),
    title: clean(atomText(entry.title), MAX_TITLE_LENGTH),
    html: body?.html ?? null,
    text: body?.text ?? null,
    authorName: clean(author?.name ?? first(entry.dc?.creators), MAX_NAME_LENGTH),
    authorUrl: author?.uri ?? null,
    published: entry.published ?? first(entry.dc?.dates) ?? entry.updated ?? null,
    updated: entry.updated ?? null,
    language: entry.xml?.lang ?? null,
    media: atomMedia(entry)
  }
}

function jsonItem(item: JsonFeed.Item<string>, feedAuthor: JsonFeed.Author | undefined): RawItem {
  const author = first(item.authors) ?? feedAuthor
  return {
    key: typeof item.id === 'string' ? item.id : null,
    link: item.url ?? item.external_url ?? null,
    title: clean(item.title, MAX_TITLE_LENGTH),
    html: item.content_html ?? null,
    text: item.content_html ? null : (item.content_text ?? item.summary ?? null),
    authorName: clean(author?.name, MAX_NAME_LENGTH),
    authorUrl: author?.url ?? null,
    published: item.date_published ?? item.date_modified ?? null,
    updated: item.date_modified ?? null,
    language: item.language ?? null,
    media: item.attachments?.length
      ? item.attachments.map((attachment) => ({ url: attachment.url, type: attachment.mime_type, description: attachment.title }))
      : NO_MEDIA
  }
}

const SY_PERIODS: Readonly<Record<string, number>> = {
  hourly: 60 * 60_000,
  daily: 24 * 60 * 60_000,
  weekly: 7 * 24 * 60 * 60_000,
  monthly: 30 * 24 * 60 * 60_000,
  yearly: 365 * 24 * 60 * 60_000
}

/** The feed's polling hint: `ttl` minutes and/or `sy:updatePeriod` ÷ `sy:updateFrequency`. */
function updateInterval(ttl: number | undefined, sy: { updatePeriod?: string; updateFrequency?: number } | undefined): number | null {
  const hints: number[] = []
  if (typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0) hints.push(ttl * 60_000)
  const period = sy?.updatePeriod ? SY_PERIODS[sy.updatePeriod.trim().toLowerCase()] : undefined
  if (period !== undefined) {
    const frequency = sy?.updateFrequency
    const times = typeof frequency === 'number' && Number.isFinite(frequency) && frequency >= 1 ? frequency : 1
    hints.push(period / times)
  }
  return hints.length ? Math.max(...hints) : null
}

/** The feed's own description and its items in a common shape. */
function normalise(parsed: AnyFeed, base: string): { info: FeedInfo; items: RawItem[] } {
  switch (parsed.format) {
    case 'rss': {
      const feed = parsed.feed
      return {
        info: {
          format: 'rss',
          title: clean(feed.title, MAX_TITLE_LENGTH),
          homeUrl: absolute(feed.link, base),
          language: languageCode(feed.language ?? first(feed.dc?.languages) ?? feed.xml?.lang),
          updateIntervalMs: updateInterval(feed.ttl, feed.sy)
        },
        items: (feed.items ?? []).map(rssItem)
      }
    }
    case 'rdf': {
      const feed = parsed.feed
      return {
        info: {
          format: 'rdf',
          title: clean(feed.title, MAX_TITLE_LENGTH),
          homeUrl: absolute(feed.link, base),
          language: languageCode(first(feed.dc?.languages) ?? feed.xml?.lang),
          updateIntervalMs: updateInterval(undefined, feed.sy)
        },
        items: (feed.items ?? []).map(rdfItem)
      }
    }
    case 'atom': {
      const feed = parsed.feed
      const author = first(feed.authors)
      return {
        info: {
          format: 'atom',
          title: clean(atomText(feed.title), MAX_TITLE_LENGTH),
          homeUrl: absolute(atomLink(feed.links), base),
          language: languageCode(feed.xml?.lang ?? first(feed.dc?.languages)),
          updateIntervalMs: updateInterval(undefined, feed.sy)
        },
        items: (feed.entries ?? []).map((entry) => atomEntry(entry, author))
      }
    }
    case 'json': {
      const feed = parsed.feed
      const author = first(feed.authors)
      return {
        info: {
          format: 'json',
          title: clean(feed.title, MAX_TITLE_LENGTH),
          homeUrl: absolute(feed.home_page_url, base),
          language: languageCode(feed.language),
          updateIntervalMs: null
        },
        items: (feed.items ?? []).map((item) => jsonItem(item, author))
      }
    }
  }
}

/** What a feed says about itself, from an already parsed document (for discovery). */
export function feedInfo(parsed: AnyFeed, baseUrl: string): FeedInfo {
  return normalise(parsed, baseUrl).info
}

/** The title, a blank line, the body; the title alone or the body alone when the other is empty or repeats it. */
function composeText(title: string | null, body: string): string {
  if (!title) return body
  if (!body) return title
  const stem = title.replace(/(\.\.\.|…)$/, '').trim()
  if (stem !== '' && body.replace(/\s+/g, ' ').startsWith(stem)) return body
  return `${title}\n\n${body}`
}

/** Chooses the item key (see the header) and keeps keys unique within the document. */
function itemKey(item: RawItem, link: string | null, fingerprint: string, used: Set<string>): string | null {
  const hashed = item.title || item.published ? `${item.title ?? ''}\n${item.published ?? ''}` : fingerprint
  let key = item.key?.trim() || link || `sha256-${sha256(hashed).slice(0, 32)}`
  if (key.length > MAX_KEY_LENGTH) key = `sha256-${sha256(key).slice(0, 32)}`
  if (used.has(key)) {
    key = `${key}#${sha256(`${item.title ?? ''}\n${item.published ?? ''}\n${fingerprint}`).slice(0, 16)}`
    if (used.has(key)) return null // the very same item twice
  }
  used.add(key)
  return key
}

/** Longest stretch of item mapping before yielding to the event loop. */
const SLICE_MS = 20

/**
 * Parses `text` and maps its items to posts as described in the header. Throws
 * `ConnectorError('invalid_response')` when the text is not a readable feed.
 *
 * Asynchronous only to stay off the event loop's back: sanitizing costs about 1.5 ms per
 * full-content item, so a big feed (1000 articles) would otherwise stall the main process for
 * over a second. Mapping yields every `SLICE_MS`; validation and parsing (about 20 ms per MB) run
 * in one piece. Stops with a `ConnectorError('network')` when `signal` is aborted meanwhile.
 */
export async function parseFeedText(text: string, context: ParseContext, signal?: AbortSignal): Promise<ParsedFeed> {
  const base = context.baseUrl ?? context.feedUrl
  const { info, items } = normalise(readFeed(text), base)
  const idPrefix = `rss:${feedKey(context.feedUrl)}:`
  const host = feedHost(context.feedUrl)
  const feedName = info.title ?? host
  const used = new Set<string>()
  const posts: IncomingPost[] = []

  let sliceStart = performance.now()
  for (const item of items) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve))
      if (signal?.aborted) throw new ConnectorError('network', `the request to ${host} was cancelled`)
      sliceStart = performance.now()
    }
    const url = absolute(item.link, base)
    const bodyText = item.html !== null ? htmlToPlainText(item.html) : (item.text?.replace(/\r\n?/g, '\n').trim() ?? '')
    const postText = composeText(item.title, bodyText)
    if (postText === '' && url === null) continue
    const key = itemKey(item, url, `${item.link ?? ''}\n${bodyText}`, used)
    if (key === null) continue

    const html = item.html !== null ? sanitizePostHtml(item.html, { baseUrl: url ?? base }) : ''
    const createdAt = parseFeedDate(item.published) ?? parseFeedDate(item.updated) ?? context.fetchedAt
    const updatedAt = parseFeedDate(item.updated)
    const name = item.authorName ?? feedName
    const author: Author = {
      id: `rss:${host}:${name}`,
      network: 'rss',
      handle: host,
      displayName: name,
      followers: 0,
      avatarUrl: null,
      url: item.authorName !== null ? absolute(item.authorUrl, base) : info.homeUrl
    }
    posts.push({
      id: idPrefix + key,
      sourceId: context.sourceId,
      network: 'rss',
      remoteId: key,
      url,
      author,
      text: postText,
      html: html === '' ? null : html,
      language: languageCode(item.language) ?? info.language,
      createdAt,
      editedAt: updatedAt !== null && updatedAt > createdAt ? updatedAt : null,
      replyToId: null,
      counts: { likes: 0, reposts: 0, replies: 0 },
      media: resolveMedia(item.media, base),
      direct: false
    })
  }
  return { ...info, posts }
}
