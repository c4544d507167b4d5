/**
 * The post HTML sanitizer against a corpus of hostile payloads (tests/fixtures/xss-payloads.txt)
 * and against real post HTML that must survive.
 *
 * Every sanitized output is parsed by a DOM parser (happy-dom, as `v-html` would insert it into a
 * `<div>`) and walked: the checks use this file's own copy of the allowlist, not the module's,
 * so loosening the sanitizer makes these tests fail instead of silently agreeing with it.
 */
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { Window, type Element, type Node } from 'happy-dom'
import { MAX_POST_HTML_LENGTH, MAX_POST_HTML_NESTING, htmlToPlainText, sanitizePostHtml, type SanitizeOptions } from '../../src/main/core/sanitize/html'

// ---------------------------------------------------------------------------------------------
// What may appear in sanitized output (independent of the implementation on purpose).

/** Element → the attributes it may carry. Nothing else may appear. */
const EXPECTED_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  p: [], br: [], span: ['class'], a: ['href', 'rel', 'target', 'class'],
  strong: [], b: [], em: [], i: [], u: [], s: [], del: [],
  code: [], pre: [], blockquote: [], ul: [], ol: [], li: []
}
const EXPECTED_CLASSES: Readonly<Record<string, readonly string[]>> = {
  a: ['mention', 'hashtag', 'u-url'],
  span: ['h-card', 'invisible', 'ellipsis']
}
const EXPECTED_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:'])
const EXPECTED_REL = 'noopener noreferrer nofollow ugc'
const XHTML = 'http://www.w3.org/1999/xhtml'
const ELEMENT_NODE = 1
const TEXT_NODE = 3

const FEED_BASE = 'https://feed.example/blog/2024/post.html'

// ---------------------------------------------------------------------------------------------
// The corpus.

/** `[[0xHH]]` in the fixture stands for the character with that code point (see its header). */
function decodeFixtureLine(line: string): string {
  return line.replace(/\[\[0x([0-9A-Fa-f]{2,6})\]\]/g, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
}

const PAYLOADS: readonly string[] = readFileSync(new URL('../fixtures/xss-payloads.txt', import.meta.url), 'utf8')
  .split(/\r?\n/)
  .filter((line) => line !== '' && !line.startsWith('# '))
  .map(decodeFixtureLine)

// ---------------------------------------------------------------------------------------------
// DOM checks.

// A DOM with no script evaluation and no loading of anything (happy-dom's defaults, made explicit).
const window = new Window({
  url: 'https://app.earshot.invalid/',
  settings: {
    enableJavaScriptEvaluation: false,
    disableJavaScriptFileLoading: true,
    enableCSSFileLoading: false,
    enableImageFileLoading: false,
    handleDisabledFileLoadingAsSuccess: true
  }
})
afterAll(async () => {
  await window.happyDOM.close()
})

/** Parse `html` the way `v-html` inserts it: as the innerHTML of a `<div>`. */
function parse(html: string): Element {
  const container = window.document.createElement('div')
  container.innerHTML = html
  return container
}

/** Everything in a parsed fragment that must not be there; empty when the fragment is inert. */
function violationsIn(root: Element): string[] {
  const problems: string[] = []
  const visit = (node: Node, depth: number): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) continue
      if (child.nodeType !== ELEMENT_NODE) {
        problems.push(`non-element, non-text node (type ${child.nodeType})`)
        continue
      }
      const el = child as Element
      const tag = el.localName
      if (el.namespaceURI !== XHTML) problems.push(`<${tag}> in namespace ${String(el.namespaceURI)}`)
      if (tag === 'script') problems.push('<script> element')
      const allowedAttributes = EXPECTED_ELEMENTS[tag]
      if (allowedAttributes === undefined) problems.push(`<${tag}> is not in the allowlist`)
      if (depth > MAX_POST_HTML_NESTING) problems.push(`<${tag}> nested ${depth} deep`)
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase()
        const value = attr.value ?? ''
        if (name.startsWith('on')) problems.push(`<${tag} ${name}>: event handler attribute`)
        if (name === 'style') problems.push(`<${tag} style>`)
        if (name === 'id' || name === 'name') problems.push(`<${tag} ${name}>: DOM clobbering`)
        if (!(allowedAttributes ?? []).includes(name)) problems.push(`<${tag} ${name}>: attribute not in the allowlist`)
        if (name === 'class') {
          const allowedClasses = EXPECTED_CLASSES[tag] ?? []
          for (const cls of value.split(/\s+/).filter(Boolean)) {
            if (!allowedClasses.includes(cls)) problems.push(`<${tag} class="${cls}">: class not in the allowlist`)
          }
        }
        if (['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'data', 'ping'].includes(name)) {
          problems.push(...urlProblems(tag, name, value))
        }
      }
      if (tag === 'a') {
        if (el.getAttribute('href') === null) problems.push('<a> without href')
        if (el.getAttribute('rel') !== EXPECTED_REL) problems.push(`<a rel="${String(el.getAttribute('rel'))}">`)
        if (el.getAttribute('target') !== '_blank') problems.push(`<a target="${String(el.getAttribute('target'))}">`)
      }
      visit(el, depth + 1)
    }
  }
  visit(root, 1)
  if (root.querySelectorAll('script').length > 0) problems.push('querySelectorAll finds <script>')
  return problems
}

/** A URL attribute must be absolute (WHATWG parser, as the browser) with an allowed scheme. */
function urlProblems(tag: string, name: string, value: string): string[] {
  if (tag !== 'a' || name !== 'href') return [`<${tag} ${name}>: URL attribute not in the allowlist`]
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return [`<a href="${value}">: not an absolute URL`]
  }
  if (!EXPECTED_SCHEMES.has(url.protocol)) return [`<a href="${value}">: scheme ${url.protocol}`]
  if (url.username !== '' || url.password !== '') return [`<a href="${value}">: credentials in URL`]
  return []
}

/** Parse, check, then serialize and re-parse (mXSS: the browser's own round trip) and check again. */
function violations(html: string): string[] {
  const first = parse(html)
  const again = parse(first.innerHTML)
  return [...violationsIn(first), ...violationsIn(again).map((p) => `after re-serialization: ${p}`)]
}

/** Short, printable test label for a payload. */
function label(payload: string): string {
  const shown = JSON.stringify(payload)
  return shown.length > 90 ? `${shown.slice(0, 87)}...` : shown
}

// ---------------------------------------------------------------------------------------------

describe('XSS corpus', () => {
  it('has at least 200 payloads', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(200)
    expect(new Set(PAYLOADS).size).toBe(PAYLOADS.length)
  })

  const modes: ReadonlyArray<readonly [string, SanitizeOptions]> = [
    ['post (no base URL)', {}],
    ['feed item (base URL)', { baseUrl: FEED_BASE }]
  ]
  describe.each(modes)('%s', (_mode, options) => {
    it.each(PAYLOADS.map((payload, index) => [index + 1, label(payload), payload] as const))(
      '#%i %s',
      (_index, _label, payload) => {
        const out = sanitizePostHtml(payload, options)
        expect(violations(out), `payload: ${payload}\noutput:  ${out}`).toEqual([])
        // Idempotent: a second pass over the output changes nothing. A difference would mean the
        // output parses differently from what was intended (the mXSS signature).
        expect(sanitizePostHtml(out, options)).toBe(out)
        // The plain text of the raw HTML and of the stored, sanitized HTML agree.
        expect(htmlToPlainText(out)).toBe(htmlToPlainText(payload))
      }
    )
  })
})

describe('sanitizePostHtml keeps what posts need', () => {
  /** A Mastodon 4.x status: mention (h-card), shortened link (invisible/ellipsis), hashtags. */
  const MASTODON_STATUS =
    '<p><span class="h-card" translate="no"><a href="https://mastodon.social/@trwnh" class="u-url mention">@<span>trwnh</span></a></span> sup! Have you read this?</p>' +
    '<p><a href="https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code" target="_blank" rel="nofollow noopener noreferrer" translate="no">' +
    '<span class="invisible">https://www.</span><span class="ellipsis">theguardian.com/money/2019/dec</span><span class="invisible">/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code</span></a></p>' +
    '<p><a href="https://mspsocial.net/tags/cats" class="mention hashtag" rel="tag">#<span>cats</span></a> &amp; <a href="https://mastodon.social/tags/Caf%C3%A9" class="mention hashtag" rel="tag">#<span>Café</span></a></p>'

  it('keeps a Mastodon status: links, Mastodon classes and text', () => {
    const out = sanitizePostHtml(MASTODON_STATUS)
    const rel = `rel="${EXPECTED_REL}" target="_blank"`
    expect(out).toBe(
      `<p><span class="h-card"><a class="u-url mention" href="https://mastodon.social/@trwnh" ${rel}>@<span>trwnh</span></a></span> sup! Have you read this?</p>` +
        `<p><a href="https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code" ${rel}>` +
        '<span class="invisible">https://www.</span><span class="ellipsis">theguardian.com/money/2019/dec</span><span class="invisible">/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code</span></a></p>' +
        `<p><a class="mention hashtag" href="https://mspsocial.net/tags/cats" ${rel}>#<span>cats</span></a> &amp; <a class="mention hashtag" href="https://mastodon.social/tags/Caf%C3%A9" ${rel}>#<span>Café</span></a></p>`
    )
    const dom = parse(out)
    expect(violationsIn(dom)).toEqual([])
    const links = Array.from(dom.querySelectorAll('a'))
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://mastodon.social/@trwnh',
      'https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code',
      'https://mspsocial.net/tags/cats',
      'https://mastodon.social/tags/Caf%C3%A9'
    ])
    expect(dom.querySelectorAll('.invisible')).toHaveLength(2)
    expect(dom.querySelector('.ellipsis')?.textContent).toBe('theguardian.com/money/2019/dec')
    expect(dom.querySelector('.h-card .u-url.mention')?.textContent).toBe('@trwnh')
    expect(dom.textContent).toContain('#cats & #Café')
  })

  it('keeps the allowed formatting unchanged', () => {
    const html =
      '<p><strong>a</strong> <b>b</b> <em>c</em> <i>d</i> <u>e</u> <s>f</s> <del>g</del> <code>h</code><br />next</p>' +
      '<pre><code>if (a &lt; b) { return &amp;x }</code></pre><blockquote><p>quoted</p></blockquote>' +
      '<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>'
    expect(sanitizePostHtml(html)).toBe(html)
  })

  it('resolves a feed item\'s relative links against baseUrl', () => {
    const item =
      '<p>See <a href="../docs/install.html">the guide</a>, <a href="/changelog">the changelog</a>, ' +
      '<a href="#faq">the FAQ</a>, <a href="?page=2">page 2</a> and <a href="//cdn.example.org/file.zip">the download</a>.</p>'
    const out = sanitizePostHtml(item, { baseUrl: 'https://blog.example/2024/05/release.html' })
    expect(violations(out)).toEqual([])
    expect(Array.from(parse(out).querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual([
      'https://blog.example/2024/docs/install.html',
      'https://blog.example/changelog',
      'https://blog.example/2024/05/release.html#faq',
      'https://blog.example/2024/05/release.html?page=2',
      'https://cdn.example.org/file.zip'
    ])
    // Without a base, relative links are not links any more; their text stays.
    const bare = sanitizePostHtml(item)
    expect(parse(bare).querySelectorAll('a')).toHaveLength(0)
    expect(htmlToPlainText(bare)).toBe('See the guide, the changelog, the FAQ, page 2 and the download.')
  })

  it('ignores a baseUrl that is not an absolute http(s) URL', () => {
    const item = '<a href="/x">rel</a> <a href="https://ok.example/">abs</a>'
    for (const baseUrl of ['javascript:alert(1)//', 'file:///etc/', 'data:text/html,x', 'not a url', '/relative/']) {
      const out = sanitizePostHtml(item, { baseUrl })
      expect(Array.from(parse(out).querySelectorAll('a')).map((a) => a.getAttribute('href')), baseUrl).toEqual(['https://ok.example/'])
    }
  })

  it('rewrites every link: normalised href, forced rel and target, Mastodon classes only', () => {
    const out = sanitizePostHtml('<a href=" HTTPS://Example.COM/a b?q=1 " rel="opener" target="_self" class="mention evil u-url" id="x">x</a>')
    expect(out).toBe(`<a class="mention u-url" href="https://example.com/a%20b?q=1" rel="${EXPECTED_REL}" target="_blank">x</a>`)
    expect(sanitizePostHtml('<a href="mailto:press@ok.example">mail</a>')).toBe(`<a href="mailto:press@ok.example" rel="${EXPECTED_REL}" target="_blank">mail</a>`)
  })

  it('turns links that cannot be opened into plain text spans', () => {
    for (const href of ['javascript:alert(1)', 'java\tscript:alert(1)', 'JAVA&#x09;SCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'https://user:pw@evil.example/', '/relative']) {
      expect(sanitizePostHtml(`<a href="${href}">x</a>`), href).toBe('<span>x</span>')
    }
  })

  it('flattens a link nested in a link (a browser would split them)', () => {
    const out = sanitizePostHtml('<a href="https://a.example/">1<a href="https://b.example/">2</a>3</a>')
    expect(out).toBe(`<a href="https://a.example/" rel="${EXPECTED_REL}" target="_blank">1<span>2</span>3</a>`)
    // Parsing and serializing it again (what a browser does) gives the same markup.
    expect(parse(out).innerHTML).toBe(out)
  })

  it('replaces images by their alt text and drops images without one', () => {
    expect(sanitizePostHtml('<p>Chart: <img src="https://ok.example/c.png" alt="sales up 20%"> see above <i>now</i>.</p>')).toBe(
      '<p>Chart: <span>sales up 20%</span> see above <i>now</i>.</p>'
    )
    expect(sanitizePostHtml('<p>a<img src="https://ok.example/pixel.gif" width="1" height="1">b</p>')).toBe('<p>ab</p>')
    expect(sanitizePostHtml('<img alt="<script>alert(1)</script>">')).toBe('<span>&lt;script&gt;alert(1)&lt;/script&gt;</span>')
  })

  it('maps headings to paragraphs', () => {
    expect(sanitizePostHtml('<h1 id="top">Title</h1><h3>Sub</h3><p>Body</p>')).toBe('<p>Title</p><p>Sub</p><p>Body</p>')
  })

  it('keeps the text of harmless unknown tags and drops the content of dangerous ones', () => {
    expect(sanitizePostHtml('<div><font color="red">red</font> <small>small</small></div>')).toBe('red small')
    expect(sanitizePostHtml('a<script>alert(1)</script><style>p{}</style><textarea>t</textarea><noscript>n</noscript><template>x</template><svg><text>s</text></svg><math><mi>m</mi></math>b')).toBe('ab')
  })

  it('leaves template syntax as inert text', () => {
    const payloads = ["{{constructor.constructor('alert(1)')()}}", '${alert(1)}', '{{_c.constructor(\'alert(1)\')()}}', '#{7*7} [[${7*7}]]']
    for (const text of payloads) {
      expect(sanitizePostHtml(`<p>${text}</p>`)).toBe(`<p>${text}</p>`)
      expect(htmlToPlainText(`<p>${text}</p>`)).toBe(text)
      expect(parse(sanitizePostHtml(`<p>${text}</p>`)).textContent).toBe(text)
    }
    // Vue directive-like attributes are attributes like any other: dropped.
    expect(sanitizePostHtml('<span v-html="x" :class="y" @click="alert(1)" v-on:click="z">{{ x }}</span>')).toBe('<span>{{ x }}</span>')
  })

  it('caps the input length without splitting a character', () => {
    const big = sanitizePostHtml(`<p>${'a'.repeat(MAX_POST_HTML_LENGTH * 2)}</p>`)
    expect(big.length).toBeLessThanOrEqual(MAX_POST_HTML_LENGTH + '</p>'.length)
    expect(big.endsWith('</p>')).toBe(true)
    // 'a' then emoji: the cap falls between the two halves of a surrogate pair.
    const emoji = sanitizePostHtml(`a${'😀'.repeat(MAX_POST_HTML_LENGTH)}`)
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    expect(emoji.length).toBeLessThanOrEqual(MAX_POST_HTML_LENGTH)
  })

  it('caps nesting depth and keeps the text', () => {
    const deep = `${'<blockquote>'.repeat(500)}deep text${'</blockquote>'.repeat(500)}`
    const out = sanitizePostHtml(deep)
    expect(violations(out)).toEqual([])
    expect(parse(out).textContent).toBe('deep text')
  })

  it('returns an empty string for empty input', () => {
    expect(sanitizePostHtml('')).toBe('')
    expect(htmlToPlainText('')).toBe('')
  })
})

describe('htmlToPlainText', () => {
  it('gives the text of a Mastodon status, with the full URL of shortened links', () => {
    const status =
      '<p><span class="h-card" translate="no"><a href="https://mastodon.social/@trwnh" class="u-url mention">@<span>trwnh</span></a></span> sup!</p>' +
      '<p><a href="https://example.com/a/very/long/path" rel="nofollow noopener noreferrer"><span class="invisible">https://</span><span class="ellipsis">example.com/a/ve</span><span class="invisible">ry/long/path</span></a> <a href="https://mspsocial.net/tags/cats" class="mention hashtag" rel="tag">#<span>cats</span></a></p>'
    expect(htmlToPlainText(status)).toBe('@trwnh sup!\n\nhttps://example.com/a/very/long/path #cats')
  })

  it('turns br into line breaks and paragraphs into blank lines', () => {
    expect(htmlToPlainText('a<br>b<br><br>c')).toBe('a\nb\n\nc')
    expect(htmlToPlainText('<p>one</p><p>two<br/>three</p>')).toBe('one\n\ntwo\nthree')
    expect(htmlToPlainText('<h1>Title</h1><p>Body</p>')).toBe('Title\n\nBody')
    expect(htmlToPlainText('<p>He said:</p><blockquote><p>hi</p></blockquote><p>end</p>')).toBe('He said:\n\nhi\n\nend')
  })

  it('decodes entities and returns text, not HTML', () => {
    expect(htmlToPlainText('&lt;3 &amp; &quot;quotes&quot; &#x1F600; caf&eacute;&nbsp;au lait')).toBe('<3 & "quotes" 😀 café au lait')
    expect(htmlToPlainText('&lt;b&gt;not bold&lt;/b&gt;')).toBe('<b>not bold</b>')
    expect(htmlToPlainText('&amp;lt;')).toBe('&lt;')
  })

  it('collapses source whitespace of feed HTML, but not inside pre', () => {
    const feed = '\n  <p>\n    Hello\n    world\n  </p>\n  <ul>\n    <li>one</li>\n    <li>two</li>\n  </ul>\n'
    expect(htmlToPlainText(feed)).toBe('Hello world\n\none\ntwo')
    expect(htmlToPlainText('<p>code:</p><pre>  a\n    b</pre>')).toBe('code:\n\n  a\n    b')
    expect(htmlToPlainText('<pre>  indented\n    more</pre><p>after</p>')).toBe('  indented\n    more\n\nafter')
    expect(htmlToPlainText('&nbsp; <p> padded </p> ')).toBe('padded')
  })

  it('keeps alt text and drops scripts, styles and other dropped content', () => {
    expect(htmlToPlainText('<p>Chart: <img src="https://ok.example/c.png" alt="sales up"></p>')).toBe('Chart: sales up')
    expect(htmlToPlainText('<p>hi<script>alert(1)</script><style>p{}</style></p><template>t</template>')).toBe('hi')
  })
})
