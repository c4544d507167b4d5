/**
 * The allowlist sanitizer for post HTML from networks and feeds (Mastodon statuses, RSS/Atom
 * item content, later other networks). Every `Post.html` passes through `sanitizePostHtml`
 * before it is stored, so what reaches the renderer's `v-html` is already inert; the CSP
 * (no inline script, no eval) is the second wall, not the first.
 *
 * Runs in main/core under plain Node: no Electron import, no DOM.
 *
 * Why an allowlist built on sanitize-html (htmlparser2) and not a DOM sanitizer: the core has no
 * DOM, and the output here is re-serialised from parser events, never copied from the input:
 * every attribute value is re-quoted and escaped, every text node escaped, only listed tags and
 * attributes are written. What the browser later parses is therefore a small, regular language
 * (listed tags, quoted attributes, escaped text) with no raw-text or foreign-content elements
 * (no script/style/textarea/svg/math), which is what makes parser differentials (mXSS) between
 * htmlparser2 and the browser harmless. The unit tests check the result against a DOM parser and
 * check that sanitizing twice changes nothing.
 *
 * Decisions (see also the comments at each option):
 * - Images are dropped; an image's alt text is kept as text. Media is handled separately
 *   (Mastodon `media_attachments`, feed enclosures), where the app controls loading, size,
 *   alt text and content warnings. An `<img>` inside post HTML would be fetched as soon as the
 *   post is shown, so anyone who mentions the team could learn when and from which IP address
 *   it read the post (a tracking pixel); it could also draw fake UI (badges, buttons) inside a
 *   post card. Alt text keeps the meaning for reading, search and screen readers.
 * - Headings (h1–h6) become paragraphs: a feed item's `<h1>` must not take over the app's
 *   heading outline (each column is a `<section>`, each post an `<article>` with its own
 *   heading), which screen-reader users navigate by.
 * - Classes: only Mastodon's microformat and display classes (`mention`, `hashtag`, `u-url` on
 *   links; `h-card`, `invisible`, `ellipsis` on spans), so the renderer can style mentions and
 *   shorten long URLs as Mastodon does. Anything else is dropped: a class could otherwise borrow
 *   the app's own styles (e.g. to make a post look like a dialog or a button).
 * - Links: `href` is parsed with the WHATWG URL parser (the browser's rules: tabs and newlines
 *   removed, entities already decoded, case folded) and written back in its normalised form, and
 *   only a URL the app would actually open (`isAllowedExternalUrl`: http, https, mailto, no
 *   credentials) is kept. Relative URLs are resolved against `baseUrl` (feeds) or dropped.
 *   A link that loses its href becomes a plain `<span>` (text kept), and so does a link inside
 *   a link. Every link gets `rel="noopener noreferrer nofollow ugc"` and `target="_blank"`
 *   whatever the input said.
 * - No `id`/`name` (DOM clobbering), no `style`, no event handlers, no other attributes at all.
 * - Unknown but harmless tags (`div`, `font`, `table`, ...) are unwrapped, their text kept; the
 *   content of script, style, svg, math, template, noscript and the like is dropped entirely.
 * - Inputs are cut at `MAX_POST_HTML_LENGTH` and elements deeper than `MAX_POST_HTML_NESTING`
 *   are unwrapped, so a hostile feed cannot make the renderer build a huge or deep tree.
 */
import { createRequire } from 'node:module'
import type sanitizeHtml from 'sanitize-html'
import { isAllowedExternalUrl } from '../security/external-links'

// sanitize-html (with htmlparser2 and postcss) is a quarter of the core's start-up and nothing is
// sanitized before the first page is shown: it loads on first use (synchronously: it is CommonJS).
let sanitizer: typeof sanitizeHtml | null = null
const loadSanitizer = (): typeof sanitizeHtml => (sanitizer ??= createRequire(import.meta.url)('sanitize-html') as typeof sanitizeHtml)

/** Inputs longer than this (UTF-16 code units, about 200 kB of ASCII) are cut before parsing. */
export const MAX_POST_HTML_LENGTH = 200_000

/** Elements nested deeper than this are unwrapped (their text is kept). Mastodon needs about 4. */
export const MAX_POST_HTML_NESTING = 24

/** The `rel` every link gets: no opener, no referrer, no endorsement, marked user-generated. */
export const LINK_REL = 'noopener noreferrer nofollow ugc'

/** Tags that survive, with no attributes unless listed in `ALLOWED_ATTRIBUTES`/`ALLOWED_CLASSES`. */
const ALLOWED_TAGS: readonly string[] = [
  'p', 'br', 'a', 'span',
  'strong', 'b', 'em', 'i', 'u', 's', 'del',
  'code', 'pre', 'blockquote',
  'ul', 'ol', 'li'
]

/** Attribute allowlist per tag; `a`'s values are all set by the `a` transform, never copied. */
const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'rel', 'target']
}

/** Mastodon's classes (mentions, hashtags, shortened URLs); `class` is allowed only for these. */
const ALLOWED_CLASSES: Readonly<Record<string, readonly string[]>> = {
  a: ['mention', 'hashtag', 'u-url'],
  span: ['h-card', 'invisible', 'ellipsis']
}

/** Schemes a link may keep; the same list the app opens in the system browser. */
const ALLOWED_SCHEMES = ['http', 'https', 'mailto']

/**
 * Disallowed elements whose whole content is dropped, not just the tag. sanitize-html's own
 * list is script, style, textarea, option and xmp; the rest hold no prose a post needs, or are
 * elements a browser parses as raw text where htmlparser2 does not (noscript, iframe, noembed,
 * noframes, plaintext), so their "text" is really markup.
 */
const DROP_CONTENT_TAGS = [
  'script', 'style', 'textarea', 'option', 'xmp', 'title', 'head',
  'noscript', 'template', 'iframe', 'noembed', 'noframes', 'plaintext',
  'object', 'embed', 'applet', 'svg', 'math', 'select', 'frameset'
]

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']

export interface SanitizeOptions {
  /**
   * The document the HTML came from (a feed item's link or the feed's URL), for resolving
   * relative links. Without it, or when it is not an absolute http(s) URL, relative links are
   * dropped.
   */
  baseUrl?: string
}

/** `baseUrl` if it is an absolute http(s) URL, else undefined. */
function usableBase(baseUrl: string | undefined): URL | undefined {
  if (baseUrl === undefined) return undefined
  try {
    const base = new URL(baseUrl)
    return base.protocol === 'http:' || base.protocol === 'https:' ? base : undefined
  } catch {
    return undefined
  }
}

/** The link's normalised absolute URL, or null when it is relative without a base or not allowed. */
function safeHref(href: string | undefined, base: URL | undefined): string | null {
  if (href === undefined) return null
  let url: URL
  try {
    // Same parser as the browser's: strips leading/trailing C0 controls and spaces, removes
    // tabs and newlines anywhere, lower-cases the scheme; `java\tscript:` is `javascript:` here.
    url = base ? new URL(href, base) : new URL(href)
  } catch {
    return null
  }
  return isAllowedExternalUrl(url.href) ? url.href : null
}

/** Cut `html` to the length cap without splitting a surrogate pair. */
function capLength(html: string): string {
  if (html.length <= MAX_POST_HTML_LENGTH) return html
  let end = MAX_POST_HTML_LENGTH
  const last = html.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return html.slice(0, end)
}

/** Attribute allowlist for sanitize-html (which wants mutable arrays). */
function allowedAttributes(): Record<string, string[]> {
  const map: Record<string, string[]> = {}
  for (const [tag, names] of Object.entries(ALLOWED_ATTRIBUTES)) map[tag] = [...names]
  return map
}

function allowedClasses(): Record<string, string[]> {
  const map: Record<string, string[]> = {}
  for (const [tag, names] of Object.entries(ALLOWED_CLASSES)) map[tag] = [...names]
  return map
}

/** Headings become paragraphs (see the header). */
const headingTransforms: Record<string, sanitizeHtml.Transformer> = Object.fromEntries(
  HEADINGS.map((tag) => [tag, (): sanitizeHtml.Tag => ({ tagName: 'p', attribs: {} })])
)

/** Options for one call: the link transform keeps per-call state (how many links are open). */
function options(base: URL | undefined): sanitizeHtml.IOptions {
  // htmlparser2 nests `<a>` in `<a>`; a browser closes the outer link first, so the same output
  // would mean a different tree there. Inner links become spans instead. `onOpenTag` and
  // `onCloseTag` see every element, including dropped ones, and htmlparser2 closes every element
  // it opened (implicitly at the end, if need be), so the count stays balanced.
  let openLinks = 0
  return {
    allowedTags: [...ALLOWED_TAGS],
    allowedAttributes: allowedAttributes(),
    allowedClasses: allowedClasses(),
    // Drop unknown tags but keep their text (`<font>hi</font>` → `hi`), except for the
    // elements in DROP_CONTENT_TAGS, whose content goes too.
    disallowedTagsMode: 'discard',
    nonTextTags: [...DROP_CONTENT_TAGS],
    // Belt and braces: links are already normalised by the `a` transform; these stop anything
    // else (e.g. a future allowed attribute) from carrying another scheme or a `//host` URL.
    allowedSchemes: [...ALLOWED_SCHEMES],
    allowedSchemesByTag: { a: [...ALLOWED_SCHEMES] },
    allowProtocolRelative: false,
    allowVulnerableTags: false,
    // `style` is never allowed, so there is nothing for postcss to parse.
    parseStyleAttributes: false,
    nestingLimit: MAX_POST_HTML_NESTING,
    onOpenTag: (name) => {
      if (name === 'a') openLinks += 1
    },
    onCloseTag: (name) => {
      if (name === 'a') openLinks -= 1
    },
    transformTags: {
      a: (_tag, attribs): sanitizeHtml.Tag => {
        const href = openLinks > 1 ? null : safeHref(attribs.href, base)
        const cls: sanitizeHtml.Attributes = attribs.class === undefined ? {} : { class: attribs.class }
        // A link with no usable target is not a link: keep its text (and Mastodon span
        // classes, if any) in a span, which is neither focusable nor clickable.
        if (href === null) return { tagName: 'span', attribs: cls }
        return { tagName: 'a', attribs: { ...cls, href, rel: LINK_REL, target: '_blank' } }
      },
      // The alt text replaces the image (see the header). A span, not bare text: when a
      // *discarded* tag emits replacement text, sanitize-html also swallows the text that
      // follows it in the parent (until the next closing tag), so the replacement must be an
      // allowed element, whose closing tag resets that state.
      img: (_tag, attribs): sanitizeHtml.Tag => {
        const alt = (attribs.alt ?? '').trim()
        return alt === '' ? { tagName: 'img', attribs: {} } : { tagName: 'span', attribs: {}, text: alt }
      },
      ...headingTransforms
    }
  }
}

/**
 * Post HTML from a network or feed, reduced to the allowlist above. Safe to store in
 * `Post.html` and to render with `v-html`. Idempotent: sanitizing the output again returns it
 * unchanged.
 */
export function sanitizePostHtml(html: string, opts: SanitizeOptions = {}): string {
  if (typeof html !== 'string' || html === '') return ''
  return loadSanitizer()(capLength(html), options(usableBase(opts.baseUrl)))
}

const ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"' }

/** Block elements and the number of line breaks around them in plain text. */
const BLOCK_BREAKS: Readonly<Record<string, number>> = { p: 2, blockquote: 2, pre: 2, ul: 1, ol: 1, li: 1 }

/**
 * The plain text of post HTML, for search and triage when a network gives only HTML.
 *
 * - `<br>` is a line break, paragraphs and quotes are separated by a blank line, list items
 *   start a new line; other whitespace collapses as a browser would (except inside `<pre>`),
 *   and no-break spaces become plain spaces.
 * - Entities are decoded (`&amp;` → `&`); the result is text, never HTML: do not render it
 *   with `v-html`.
 * - Mastodon's `invisible` spans are kept: they hold the parts of a long URL that Mastodon's
 *   CSS hides (`https://`, the tail), so the text carries the full URL and a search for it
 *   matches. No ellipsis character is added for `ellipsis` spans (Mastodon's CSS adds it).
 * - Images contribute their alt text, as in `sanitizePostHtml`; script, style and the other
 *   dropped elements contribute nothing. The same length cap applies.
 *
 * Implementation: the input is first reduced by `sanitizePostHtml`, whose output is a regular
 * language (only listed tags, every `<`, `>` and `&` in text and attributes escaped), so the
 * tokenizer below is exact for it; it would not be for arbitrary HTML.
 */
export function htmlToPlainText(html: string): string {
  const clean = sanitizePostHtml(html)
  let out = ''
  let preDepth = 0
  let pending = 0
  const trailingNewlines = (): number => out.length - out.replace(/\n+$/, '').length
  const flush = (): void => {
    if (pending === 0) return
    out = out.replace(/[ \t]+$/, '')
    if (out !== '') out += '\n'.repeat(Math.max(0, pending - trailingNewlines()))
    pending = 0
  }
  const token = /<(\/?)([a-z0-9]+)[^>]*>|([^<]+)/g
  for (const match of clean.matchAll(token)) {
    const [, closing, tag, rawText] = match
    if (rawText !== undefined) {
      let text = rawText.replace(/&(amp|lt|gt|quot);/g, (entity, name: string) => ENTITY[name] ?? entity).replace(/\u00a0/g, ' ')
      if (preDepth === 0) text = text.replace(/[ \t\n\f\r]+/g, ' ')
      flush()
      if (preDepth === 0 && (out === '' || out.endsWith('\n'))) text = text.replace(/^ /, '')
      out += text
      continue
    }
    if (tag === undefined) continue
    if (tag === 'br') {
      flush()
      out = out.replace(/[ \t]+$/, '') + '\n'
      continue
    }
    if (tag === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1))
    const breaks = BLOCK_BREAKS[tag]
    if (breaks !== undefined) pending = Math.max(pending, breaks)
  }
  // Leading spaces outside <pre> were already dropped; keep a leading <pre>'s indentation.
  return out.replace(/[ \t]+\n/g, '\n').replace(/^\n+/, '').trimEnd()
}
