/**
 * The RSS/Atom connector against a real HTTP server on 127.0.0.1 and the real parsers:
 * formats, encodings, sanitizing, conditional GET, every failure the engine must tell apart,
 * size and time limits, stable ids, polling hints and feed discovery.
 */
import { describe, expect, it } from 'vitest'
import type { IncomingPost } from '@shared/domain/post'
import { createRssConnector, MIN_POLL_MS, type RssConnectorOptions } from '../../src/main/core/connectors/rss/connector'
import { decodeFeedBytes } from '../../src/main/core/connectors/rss/decode'
import { discoverFeeds, feedLinksFromHtml } from '../../src/main/core/connectors/rss/discover'
import { feedKey } from '../../src/main/core/connectors/rss/parse'
import { ConnectorError, type FetchResult } from '../../src/main/core/connectors/types'
import { feedFixture, useFeedServer, type FeedReply, type FeedServer } from '../support/feed-server'

const feedServer = useFeedServer()

/** A fixed clock: whole seconds, so HTTP dates round-trip exactly. */
const NOW = Date.UTC(2025, 2, 10, 12, 0, 0)
const MINUTE = 60_000

function connector(server: FeedServer, path: string, extra: Partial<RssConnectorOptions> = {}): ReturnType<typeof createRssConnector> {
  return createRssConnector({ sourceId: 'src-1', feedUrl: server.url(path), version: '1.2.3', now: () => NOW, ...extra })
}

function fetchOnce(server: FeedServer, path: string, extra: Partial<RssConnectorOptions> = {}, cursor: string | null = null): Promise<FetchResult> {
  return connector(server, path, extra).fetch({ cursor, signal: new AbortController().signal })
}

/** The ConnectorError a promise rejects with (fails the test if it resolves or rejects with anything else). */
async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error: unknown = await promise.then(
    () => new Error('expected the fetch to fail'),
    (reason: unknown) => reason
  )
  expect(error).toBeInstanceOf(ConnectorError)
  return error as ConnectorError
}

function byRemoteId(posts: IncomingPost[], remoteId: string): IncomingPost {
  const post = posts.find((candidate) => candidate.remoteId === remoteId)
  if (!post) throw new Error(`no post ${remoteId} in ${posts.map((p) => p.remoteId).join(', ')}`)
  return post
}

/** An RSS document with the given channel extras and items (for tests that need variations). */
function rss(items: string, channelExtra = '', encoding = 'UTF-8'): string {
  return `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0"><channel><title>Test feed</title><link>https://test.example/</link><description>d</description>${channelExtra}${items}</channel></rss>`
}

describe('RSS connector: formats', () => {
  it('maps RSS 2.0 items: ids, links resolved against the feed address, authors, text, dates, language', async () => {
    const server = await feedServer()
    server.route('/news/feed.xml', { fixture: 'rss2.xml' })
    const result = await fetchOnce(server, '/news/feed.xml')
    const key = feedKey(server.url('/news/feed.xml'))

    expect(result.posts).toHaveLength(3)
    expect(result.deletedIds).toEqual([])
    expect(result.more).toBe(false)

    const first = byRemoteId(result.posts, 'lumora-post-1001')
    expect(first.id).toBe(`rss:${key}:lumora-post-1001`)
    expect(first.sourceId).toBe('src-1')
    expect(first.network).toBe('rss')
    expect(first.url).toBe(server.url('/posts/x2-firmware-2-1'))
    expect(first.author).toEqual({
      id: 'rss:127.0.0.1:Jana Novak',
      network: 'rss',
      handle: '127.0.0.1',
      displayName: 'Jana Novak',
      followers: 0,
      avatarUrl: null,
      url: null
    })
    expect(first.text).toBe('Lumora X2 firmware 2.1 is out\n\nThe update fixes the boot loop.chart\n\nThanks for your patience!')
    expect(first.language).toBe('en')
    expect(first.createdAt).toBe(Date.UTC(2025, 2, 4, 8, 30))
    expect(first.editedAt).toBeNull()
    expect(first.replyToId).toBeNull()
    expect(first.counts).toEqual({ likes: 0, reposts: 0, replies: 0 })

    // Entity-encoded HTML in <description>; author from <author>; the link is the id.
    const second = byRemoteId(result.posts, 'https://blog.lumora.example/posts/second')
    expect(second.text).toBe('Second post & more\n\nEntity-encoded HTML with a bad link.')
    expect(second.author.displayName).toBe('Press Office')
    expect(second.createdAt).toBe(Date.UTC(2025, 2, 3, 8, 0))

    // No guid, no link, no date: a hash id and the fetch time.
    const third = result.posts.find((post) => post.text.startsWith('No guid'))
    expect(third?.remoteId).toMatch(/^sha256-[0-9a-f]{32}$/)
    expect(third?.url).toBeNull()
    expect(third?.createdAt).toBe(NOW)
    expect(third?.author.displayName).toBe('Lumora Newsroom') // the feed's title stands in

    const request = server.requestsTo('/news/feed.xml')[0]
    expect(request?.headers['user-agent']).toBe('Earshot/1.2.3 (+feed reader)')
    expect(request?.headers.accept).toContain('application/rss+xml')
  })

  it('sanitizes item HTML: no script, no event handlers, no javascript: links; relative links resolved', async () => {
    const server = await feedServer()
    server.route('/news/feed.xml', { fixture: 'rss2.xml' })
    const { posts } = await fetchOnce(server, '/news/feed.xml')
    const first = byRemoteId(posts, 'lumora-post-1001')
    const second = byRemoteId(posts, 'https://blog.lumora.example/posts/second')

    for (const html of [first.html, second.html]) {
      expect(html).not.toBeNull()
      expect(html).not.toMatch(/<script|onerror|onclick|javascript:|alert\(|<img/i)
    }
    // `kb/boot-loop` is relative to the item's link, which is itself relative to the feed's address.
    expect(first.html).toBe(
      `<p>The update fixes <a href="${server.url('/posts/kb/boot-loop')}" rel="noopener noreferrer nofollow ugc" target="_blank">the boot loop</a>.<span>chart</span></p>` +
        '<p>Thanks for your patience!</p>'
    )
    expect(second.html).toBe('<p>Entity-encoded <b>HTML</b> with a <span>bad link</span>.</p>')
  })

  it('maps Atom entries: html titles, inherited authors, published vs updated, xhtml content, entry language', async () => {
    const server = await feedServer()
    server.route('/forum/atom.xml', { fixture: 'atom.xml', headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } })
    const { posts } = await fetchOnce(server, '/forum/atom.xml')
    expect(posts).toHaveLength(3)

    const akku = byRemoteId(posts, 'tag:forum.lumora.example,2025:t-123')
    expect(akku.url).toBe(server.url('/t/akku-123')) // rel=alternate, not rel=edit
    expect(akku.text).toBe('Akku hält nicht\n\nSeit dem Update hält der Akku nur noch 2 Stunden. Hilfe')
    expect(akku.html).toBe(
      `<p>Seit dem Update hält der Akku nur noch 2 Stunden. <a href="${server.url('/hilfe')}" rel="noopener noreferrer nofollow ugc" target="_blank">Hilfe</a></p>`
    )
    expect(akku.author.displayName).toBe('Max Müller')
    expect(akku.author.url).toBe('https://forum.lumora.example/u/max')
    expect(akku.language).toBe('de')
    expect(akku.createdAt).toBe(Date.UTC(2025, 2, 5, 8, 0))
    expect(akku.editedAt).toBe(Date.UTC(2025, 2, 5, 10, 15))

    const plain = byRemoteId(posts, 'tag:forum.lumora.example,2025:t-456')
    expect(plain.text).toBe('Plain entry\n\nText summary with <angle brackets> kept as text')
    expect(plain.html).toBeNull() // a text summary is not HTML
    expect(plain.author.displayName).toBe('Forum Team') // the feed's <author> applies to every entry
    expect(plain.createdAt).toBe(Date.UTC(2025, 2, 4, 8, 0))
    expect(plain.editedAt).toBeNull()

    const xhtml = byRemoteId(posts, 'tag:forum.lumora.example,2025:t-789')
    expect(xhtml.html).toBe('<p>Works <b>great</b> now</p>')
    expect(xhtml.text).toBe('XHTML entry\n\nWorks great now')
    expect(xhtml.language).toBe('en')
  })

  it('maps RDF (RSS 1.0) items with Dublin Core and honours sy:updatePeriod', async () => {
    const server = await feedServer()
    server.route('/rdf', { fixture: 'rdf.xml', headers: { 'Content-Type': 'application/rdf+xml' } })
    const result = await fetchOnce(server, '/rdf')
    expect(result.posts).toHaveLength(1)
    const [post] = result.posts
    expect(post?.id).toBe(`rss:${feedKey(server.url('/rdf'))}:https://presse.lumora.example/cp/42`)
    expect(post?.url).toBe('https://presse.lumora.example/cp/42')
    expect(post?.text).toBe('Nouvelle gamme\n\nLa nouvelle gamme arrive en avril.')
    expect(post?.author.displayName).toBe('Claire Dubois')
    expect(post?.language).toBe('fr')
    expect(post?.createdAt).toBe(Date.UTC(2025, 1, 28, 13, 0))
    // daily, 4 times a day: every 6 hours.
    expect(result.notBefore).toBe(NOW + 6 * 60 * MINUTE)
  })

  it('maps JSON Feed items', async () => {
    const server = await feedServer()
    server.route('/feed.json', { fixture: 'feed.json', headers: { 'Content-Type': 'application/feed+json' } })
    const { posts } = await fetchOnce(server, '/feed.json')
    expect(posts).toHaveLength(2)
    const note7 = byRemoteId(posts, 'note-7')
    expect(note7.url).toBe('https://dev.lumora.example/notes/7')
    expect(note7.html).toBe('<p>We raised the limits. <a href="https://dev.lumora.example/docs/limits" rel="noopener noreferrer nofollow ugc" target="_blank">Details</a></p>')
    expect(note7.text).toBe('API rate limits\n\nWe raised the limits. Details')
    expect(note7.createdAt).toBe(Date.UTC(2025, 2, 1, 12, 0))
    expect(note7.editedAt).toBe(Date.UTC(2025, 2, 2, 12, 0))
    expect(note7.author.displayName).toBe('Dev Team')
    expect(note7.language).toBe('en')
    const note8 = byRemoteId(posts, 'note-8')
    expect(note8.text).toBe('Plain text note without a title.')
    expect(note8.html).toBeNull()
    expect(note8.author.displayName).toBe('Ola Nordmann')
  })

  it('maps enclosures, media:content (also in media:group) and media:thumbnail to media; only image, video and audio over http(s)', async () => {
    const server = await feedServer()
    server.route('/media.xml', { fixture: 'media.xml' })
    const { posts } = await fetchOnce(server, '/media.xml')
    expect(byRemoteId(posts, 'podcast-12').media).toEqual([
      { kind: 'audio', url: 'https://cdn.lumora.example/podcast/12.mp3', previewUrl: null, description: null, width: null, height: null }
    ])
    // Relative addresses are resolved against the feed; the javascript: one is dropped.
    expect(byRemoteId(posts, 'launch').media).toEqual([
      {
        kind: 'image',
        url: server.url('/img/launch-1.jpg'),
        previewUrl: server.url('/img/launch-1-small.jpg'),
        description: 'The Lumora Book 14 on stage',
        width: 1600,
        height: 900
      },
      { kind: 'video', url: 'https://cdn.lumora.example/launch.mp4', previewUrl: 'https://cdn.lumora.example/launch-cover.jpg', description: null, width: 1920, height: 1080 }
    ])
    expect(byRemoteId(posts, 'thumb').media).toEqual([
      { kind: 'image', url: 'https://cdn.lumora.example/thumb.jpg', previewUrl: null, description: null, width: 640, height: 480 }
    ])
    expect(byRemoteId(posts, 'plain').media).toEqual([])
  })

  it('maps Atom enclosure links and JSON Feed attachments to media', async () => {
    const server = await feedServer()
    server.route('/atom', {
      headers: { 'Content-Type': 'application/atom+xml' },
      body: `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2025-03-01T12:00:00Z</updated>
<entry><id>urn:e1</id><title>Clip</title><updated>2025-03-01T12:00:00Z</updated><link href="https://a.example/e1"/>
<link rel="enclosure" href="https://cdn.a.example/clip.webm" type="video/webm" title="The clip" length="100"/></entry></feed>`
    })
    server.route('/feed.json', {
      headers: { 'Content-Type': 'application/feed+json' },
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'J',
        items: [
          {
            id: 'j1',
            content_text: 'with attachments',
            attachments: [
              { url: 'https://cdn.j.example/photo.webp', mime_type: 'image/webp', title: 'A photo' },
              { url: 'file:///etc/passwd', mime_type: 'image/png' }
            ]
          }
        ]
      })
    })
    const atom = await fetchOnce(server, '/atom')
    expect(byRemoteId(atom.posts, 'urn:e1').media).toEqual([
      { kind: 'video', url: 'https://cdn.a.example/clip.webm', previewUrl: null, description: 'The clip', width: null, height: null }
    ])
    const json = await fetchOnce(server, '/feed.json')
    expect(byRemoteId(json.posts, 'j1').media).toEqual([
      { kind: 'image', url: 'https://cdn.j.example/photo.webp', previewUrl: null, description: 'A photo', width: null, height: null }
    ])
  })

  it('reports broken XML with the line it breaks on', async () => {
    const server = await feedServer()
    server.route('/broken.xml', { fixture: 'broken.xml' })
    const error = await failure(fetchOnce(server, '/broken.xml'))
    expect(error.kind).toBe('invalid_response')
    expect(error.message).toMatch(/^the feed is not valid XML at line 8: /)
    expect(error.message).toContain("'titel'")
  })

  it('keeps line numbers right when whitespace precedes the XML declaration', async () => {
    const server = await feedServer()
    server.route('/broken.xml', { body: `\n\n${feedFixture('broken.xml').toString('utf8')}` })
    const error = await failure(fetchOnce(server, '/broken.xml'))
    expect(error.message).toMatch(/^the feed is not valid XML at line 10: /)
  })

  it('tells a web page, an empty answer and a non-feed document apart', async () => {
    const server = await feedServer()
    server.route('/page', { fixture: 'page.html', headers: { 'Content-Type': 'text/html' } })
    server.route('/empty', { body: '' })
    server.route('/other', { body: '<?xml version="1.0"?><note><to>Tove</to></note>' })
    server.route('/json', { body: '{"version": 1, oops}', headers: { 'Content-Type': 'application/json' } })
    expect((await failure(fetchOnce(server, '/page'))).message).toBe('the address is a web page, not a feed — look for the feed on that page')
    expect((await failure(fetchOnce(server, '/empty'))).message).toBe('the feed is empty')
    expect((await failure(fetchOnce(server, '/other'))).message).toBe('the document is not an RSS, Atom, RDF or JSON feed')
    const json = await failure(fetchOnce(server, '/json'))
    expect(json.kind).toBe('invalid_response')
    expect(json.message).toMatch(/^the feed is not valid JSON: /)
  })
})

describe('RSS connector: encodings', () => {
  const umlauts = (posts: IncomingPost[]): string | undefined => posts[0]?.text

  it('reads ISO-8859-1 declared in the XML prolog', async () => {
    const server = await feedServer()
    server.route('/latin1', { fixture: 'latin1-declared.xml', headers: { 'Content-Type': 'application/rss+xml' } })
    const { posts } = await fetchOnce(server, '/latin1')
    expect(umlauts(posts)).toBe('Über die Brücke\n\nSchöne Grüße, Jürgen.')
    expect(posts[0]?.author.displayName).toBe('Grüße aus Köln')
  })

  it('reads ISO-8859-1 named only in the Content-Type charset', async () => {
    const server = await feedServer()
    server.route('/latin1', { fixture: 'latin1-undeclared.xml', headers: { 'Content-Type': 'text/xml; charset="ISO-8859-1"' } })
    const { posts } = await fetchOnce(server, '/latin1')
    expect(umlauts(posts)).toBe('Über die Brücke\n\nSchöne Grüße, Jürgen.')
  })

  it('reads UTF-16 with a byte order mark', async () => {
    const server = await feedServer()
    server.route('/utf16', { fixture: 'utf16le-bom.xml', headers: { 'Content-Type': 'application/xml; charset=utf-8' } })
    const { posts } = await fetchOnce(server, '/utf16')
    expect(umlauts(posts)).toBe('Über die Brücke\n\nSchöne Grüße, Jürgen.')
  })

  it('survives wrong declared encodings and still gets the umlauts right', async () => {
    const server = await feedServer()
    const item = '<item><guid>1</guid><title>Grüße</title><description>Käse für Jürgen</description></item>'
    // Latin-1 bytes that claim to be UTF-8 (prolog and header).
    server.route('/a', { body: Buffer.from(rss(item, '', 'UTF-8'), 'latin1'), headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } })
    // UTF-8 bytes that claim to be ISO-8859-1.
    server.route('/b', { body: Buffer.from(rss(item, '', 'ISO-8859-1'), 'utf8') })
    // An encoding nobody knows.
    server.route('/c', { body: Buffer.from(rss(item, '', 'x-klingon'), 'utf8'), headers: { 'Content-Type': 'text/xml; charset=x-klingon' } })
    // UTF-16 claimed for ASCII-compatible bytes.
    server.route('/d', { body: Buffer.from(rss(item, '', 'UTF-16'), 'utf8'), headers: { 'Content-Type': 'application/xml; charset=utf-16' } })
    for (const path of ['/a', '/b', '/c', '/d']) {
      const { posts } = await fetchOnce(server, path)
      expect(posts[0]?.text, path).toBe('Grüße\n\nKäse für Jürgen')
    }
  })

  it('decodes by BOM, then Content-Type, then declaration, never throwing', () => {
    const xml = '<?xml version="1.0" encoding="windows-1252"?><a>€ ü</a>'
    expect(decodeFeedBytes(Buffer.from(xml, 'latin1').map((b) => (b === 0xac ? 0x80 : b)))).toMatchObject({ encoding: 'windows-1252', source: 'declaration' })
    expect(decodeFeedBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>ü</a>')]), { contentType: 'text/xml; charset=iso-8859-1' })).toEqual({
      text: '<a>ü</a>',
      encoding: 'utf-8',
      source: 'bom'
    })
    expect(decodeFeedBytes(Buffer.from('<a>ü</a>', 'latin1'), { contentType: 'text/xml; charset=latin1' })).toEqual({
      text: '<a>ü</a>',
      encoding: 'windows-1252',
      source: 'content-type'
    })
    // UTF-8 with one stray byte stays UTF-8 (one replacement character), not mojibake.
    const mostly = Buffer.concat([Buffer.from('<a>Grüße aus Köln '), Buffer.from([0xff]), Buffer.from('</a>')])
    expect(decodeFeedBytes(mostly).text).toBe('<a>Grüße aus Köln \ufffd</a>')
    // UTF-16 BE without a BOM, recognised from the zero bytes.
    const be = Buffer.from('<a>ü</a>', 'utf16le').swap16()
    expect(decodeFeedBytes(be)).toMatchObject({ text: '<a>ü</a>', encoding: 'utf-16be' })
    for (const junk of [Buffer.alloc(0), Buffer.from([0xfe]), Buffer.from([0x00, 0x3c, 0xd8]), Buffer.from('<?xml encoding="replacement"?>')]) {
      expect(() => decodeFeedBytes(junk, { contentType: 'text/xml; charset=iso-2022-kr' })).not.toThrow()
    }
  })
})

describe('RSS connector: conditional GET and cursor', () => {
  it('sends If-None-Match / If-Modified-Since; a 304 gives no posts and keeps the cursor', async () => {
    const server = await feedServer()
    const lastModified = 'Mon, 10 Mar 2025 11:00:00 GMT'
    server.route('/feed.xml', (request): FeedReply =>
      request.headers['if-none-match'] === '"v1"'
        ? { status: 304, headers: { ETag: '"v1"' } }
        : { fixture: 'rss2.xml', headers: { ETag: '"v1"', 'Last-Modified': lastModified } }
    )
    const feed = connector(server, '/feed.xml')
    const signal = new AbortController().signal

    const first = await feed.fetch({ cursor: null, signal })
    expect(first.posts).toHaveLength(3)
    expect(first.cursor).not.toBeNull()
    expect(JSON.parse(first.cursor ?? '')).toMatchObject({ v: 1, etag: '"v1"', lastModified, interval: 60 * MINUTE })
    expect((first.cursor ?? '').length).toBeLessThan(200)

    const second = await feed.fetch({ cursor: first.cursor, signal })
    const sent = server.requestsTo('/feed.xml')[1]?.headers
    expect(sent?.['if-none-match']).toBe('"v1"')
    expect(sent?.['if-modified-since']).toBe(lastModified)
    expect(second.posts).toEqual([])
    expect(second.cursor).toBe(first.cursor)
    // The feed's ttl (60 min) is remembered in the cursor and still honoured on a 304.
    expect(second.notBefore).toBe(NOW + 60 * MINUTE)
  })

  it('skips an unchanged body from a server without validators, and reads a changed one', async () => {
    const server = await feedServer()
    let body = rss('<item><guid>a</guid><title>A</title></item>')
    server.route('/feed.xml', () => ({ body }))
    const feed = connector(server, '/feed.xml')
    const signal = new AbortController().signal
    const first = await feed.fetch({ cursor: null, signal })
    expect(first.posts.map((post) => post.remoteId)).toEqual(['a'])
    const same = await feed.fetch({ cursor: first.cursor, signal })
    expect(same.posts).toEqual([])
    body = rss('<item><guid>b</guid><title>B</title></item><item><guid>a</guid><title>A</title></item>')
    const changed = await feed.fetch({ cursor: same.cursor, signal })
    expect(changed.posts.map((post) => post.remoteId)).toEqual(['b', 'a'])
    expect(server.requestsTo('/feed.xml')[1]?.headers['if-none-match']).toBeUndefined()
  })

  it('treats an unreadable cursor as none', async () => {
    const server = await feedServer()
    server.route('/feed.xml', { fixture: 'rss2.xml', headers: { ETag: '"v1"' } })
    for (const cursor of ['not json', '{"v":99,"etag":"x"}', '[]', 'null']) {
      const result = await fetchOnce(server, '/feed.xml', {}, cursor)
      expect(result.posts).toHaveLength(3)
    }
    expect(server.requests.every((request) => request.headers['if-none-match'] === undefined)).toBe(true)
  })
})

describe('RSS connector: failures', () => {
  it('429 with Retry-After in seconds is a rate limit of that many milliseconds', async () => {
    const server = await feedServer()
    server.route('/feed.xml', { status: 429, headers: { 'Retry-After': '120' }, body: 'slow down' })
    const error = await failure(fetchOnce(server, '/feed.xml'))
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterMs).toBe(120_000)
    expect(error.message).toBe('the feed server asks us to slow down (HTTP 429); trying again in 2 minutes')
  })

  it('503 with Retry-After as an HTTP date is a rate limit; without it, a server error', async () => {
    const server = await feedServer()
    server.route('/busy', { status: 503, headers: { 'Retry-After': new Date(NOW + 90_000).toUTCString() } })
    server.route('/down', { status: 503 })
    const busy = await failure(fetchOnce(server, '/busy'))
    expect(busy.kind).toBe('rate_limited')
    expect(busy.retryAfterMs).toBe(90_000)
    expect(busy.message).toBe('the feed server is busy (HTTP 503); trying again in 90 seconds')
    const down = await failure(fetchOnce(server, '/down'))
    expect(down.kind).toBe('server')
    expect(down.retryAfterMs).toBeUndefined()
  })

  it('maps 500, 404, 410, 401, 403 and 400 to server, not_found, auth and server', async () => {
    const server = await feedServer()
    const cases: Array<[number, ConnectorError['kind'], string]> = [
      [500, 'server', 'the feed server has a problem (HTTP 500)'],
      [404, 'not_found', 'the feed is gone (HTTP 404) — check the address'],
      [410, 'not_found', 'the feed is gone (HTTP 410) — check the address'],
      [401, 'auth', "the feed asks for a login we don't have (HTTP 401)"],
      [403, 'auth', "the feed asks for a login we don't have (HTTP 403)"],
      [400, 'server', 'the feed server refused the request (HTTP 400)']
    ]
    for (const [status, kind, message] of cases) {
      server.route(`/s${status}`, { status, body: 'nope' })
      const error = await failure(fetchOnce(server, `/s${status}`))
      expect([error.kind, error.message]).toEqual([kind, message])
    }
  })

  it('a connection dropped mid-body is a network failure', async () => {
    const server = await feedServer()
    server.route('/feed.xml', { fixture: 'rss2.xml', behaviour: 'drop' })
    const error = await failure(fetchOnce(server, '/feed.xml'))
    expect(error.kind).toBe('network')
    expect(error.message).toBe(`lost the connection to ${new URL(server.origin).host} before the feed was complete (the connection was reset)`)
  })

  it('a server that never answers times out as a network failure', async () => {
    const server = await feedServer()
    server.route('/feed.xml', { behaviour: 'hang' })
    const started = Date.now()
    const error = await failure(fetchOnce(server, '/feed.xml', { timeoutMs: 300 }))
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(error.kind).toBe('network')
    expect(error.message).toBe(`could not reach ${new URL(server.origin).host}: no answer within 0.3 seconds`)
  })

  it('a body that stalls halfway times out as a network failure', async () => {
    const server = await feedServer()
    server.route('/feed.xml', { fixture: 'rss2.xml', behaviour: 'stall' })
    const error = await failure(fetchOnce(server, '/feed.xml', { timeoutMs: 300 }))
    expect(error.kind).toBe('network')
    expect(error.message).toBe(`could not read the feed from ${new URL(server.origin).host}: it took longer than 0.3 seconds`)
  })

  it('a refused connection is a network failure that names the host', async () => {
    const server = await feedServer()
    const address = server.url('/feed.xml')
    await server.close()
    const feed = createRssConnector({ sourceId: 's', feedUrl: address, version: '1.2.3' })
    const error = await failure(feed.fetch({ cursor: null, signal: new AbortController().signal }))
    expect(error.kind).toBe('network')
    expect(error.message).toBe(`could not reach ${new URL(address).host}: connection refused`)
  })

  it('the caller cancelling is reported as cancelled, not as a time-out', async () => {
    const server = await feedServer()
    server.route('/feed.xml', { behaviour: 'hang' })
    const controller = new AbortController()
    const pending = connector(server, '/feed.xml').fetch({ cursor: null, signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    const error = await failure(pending)
    expect(error.kind).toBe('network')
    expect(error.message).toBe(`the request to ${new URL(server.origin).host} was cancelled`)
  })

  it('follows up to five redirects and refuses more, or a redirect to another scheme', async () => {
    const server = await feedServer()
    server.route('/feed.xml', { fixture: 'rss2.xml' })
    for (let i = 1; i <= 6; i++) server.route(`/r${i}`, { status: i % 2 ? 301 : 302, headers: { Location: i === 1 ? '/feed.xml' : `/r${i - 1}` } })
    server.route('/ftp', { status: 301, headers: { Location: 'ftp://files.example/feed.xml' } })

    const five = await fetchOnce(server, '/r5')
    expect(five.posts).toHaveLength(3)
    // Ids belong to the configured address, not to where the redirects ended.
    expect(five.posts[0]?.id.startsWith(`rss:${feedKey(server.url('/r5'))}:`)).toBe(true)
    // Relative links resolve against where the feed really is.
    expect(byRemoteId(five.posts, 'lumora-post-1001').url).toBe(server.url('/posts/x2-firmware-2-1'))

    const six = await failure(fetchOnce(server, '/r6'))
    expect([six.kind, six.message]).toEqual(['server', 'the feed redirects too often (more than 5 times)'])
    const ftp = await failure(fetchOnce(server, '/ftp'))
    expect(ftp.message).toBe('the feed server redirects to a ftp address, which Earshot does not open')
  })

  it('refuses a feed address that is not http(s)', async () => {
    const feed = createRssConnector({ sourceId: 's', feedUrl: 'file:///etc/passwd', version: '1' })
    const error = await failure(feed.fetch({ cursor: null, signal: new AbortController().signal }))
    expect([error.kind, error.message]).toEqual(['not_found', 'Earshot reads feeds over http and https only, not file'])
  })
})

describe('RSS connector: huge feeds', () => {
  const MB = 1024 * 1024
  const item = '<item><title>padding</title><description>' + 'x'.repeat(1000) + '</description></item>\n'

  it('refuses a 15 MB feed announced by Content-Length before reading it', async () => {
    const server = await feedServer()
    server.route('/huge.xml', { generated: { head: rss('').replace('</channel></rss>', ''), chunk: item, tail: '</channel></rss>', totalBytes: 15 * MB, contentLength: true } })
    const error = await failure(fetchOnce(server, '/huge.xml'))
    expect([error.kind, error.message]).toEqual(['invalid_response', 'the feed is larger than 10 MB, more than Earshot reads from one feed'])
    expect(server.bytesWritten('/huge.xml')).toBeLessThan(15 * MB)
  })

  it('stops reading a chunked feed as soon as it passes 10 MB', async () => {
    const server = await feedServer()
    server.route('/huge.xml', { generated: { head: rss('').replace('</channel></rss>', ''), chunk: item, tail: '</channel></rss>', totalBytes: 15 * MB } })
    const error = await failure(fetchOnce(server, '/huge.xml'))
    expect([error.kind, error.message]).toEqual(['invalid_response', 'the feed is larger than 10 MB, more than Earshot reads from one feed'])
  })

  it('never downloads an endless feed: the server stops long before the end', async () => {
    const server = await feedServer()
    server.route('/endless.xml', { generated: { head: rss('').replace('</channel></rss>', ''), chunk: item, totalBytes: 500 * MB } })
    const error = await failure(fetchOnce(server, '/endless.xml', { maxBytes: 2 * MB }))
    expect(error.message).toBe('the feed is larger than 2 MB, more than Earshot reads from one feed')
    // Give the server a moment to notice the closed connection, then check how much it produced.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(server.bytesWritten('/endless.xml')).toBeLessThan(64 * MB)
  })
})

describe('RSS connector: a big feed does not stall the process', () => {
  it('maps at most 1000 full-content items, without blocking the event loop for long', async () => {
    const server = await feedServer()
    const para = '<p>Lorem ipsum dolor sit amet, <a href="/x">consectetur</a> adipiscing elit, <b>sed</b> do eiusmod tempor.</p>'.repeat(40)
    const items = Array.from({ length: 1005 }, (_, i) => `<item><guid>g${i}</guid><title>Item ${i}</title><description><![CDATA[${para}]]></description></item>`)
    server.route('/big.xml', { body: rss(items.join('')) })
    let last = performance.now()
    let longest = 0
    const ticker = setInterval(() => {
      const now = performance.now()
      longest = Math.max(longest, now - last)
      last = now
    }, 5)
    try {
      const { posts } = await fetchOnce(server, '/big.xml')
      expect(posts).toHaveLength(1000)
      expect(posts[999]?.text.startsWith('Item 999\n\nLorem ipsum')).toBe(true)
      // One more tick, so a stall right at the end is measured too.
      await new Promise((resolve) => setTimeout(resolve, 20))
    } finally {
      clearInterval(ticker)
    }
    // Mapping alone takes over a second here; only validation and parsing (100–350 ms for these 4.5 MB) run in one piece.
    expect(longest).toBeLessThan(800)
  })
})

describe('RSS connector: ids', () => {
  it('ids are stable across fetches (guid, link and hash ids alike) and unique within a feed', async () => {
    const server = await feedServer()
    const items =
      '<item><guid>g-1</guid><title>With guid</title></item>' +
      '<item><link>/only-link</link><title>With link</title></item>' +
      '<item><title>Hash only</title><pubDate>Sun, 09 Mar 2025 10:00:00 GMT</pubDate></item>' +
      '<item><guid>dup</guid><title>First with a repeated guid</title></item>' +
      '<item><guid>dup</guid><title>Second with a repeated guid</title></item>' +
      '<item><guid>dup</guid><title>Second with a repeated guid</title></item>'
    let build = 'Mon, 10 Mar 2025 10:00:00 GMT'
    server.route('/feed.xml', () => ({ body: rss(items, `<lastBuildDate>${build}</lastBuildDate>`) }))
    const feed = connector(server, '/feed.xml')
    const signal = new AbortController().signal

    const first = await feed.fetch({ cursor: null, signal })
    build = 'Mon, 10 Mar 2025 11:00:00 GMT' // regenerated feed, same items
    const second = await feed.fetch({ cursor: first.cursor, signal })

    const ids = first.posts.map((post) => post.id)
    expect(ids).toHaveLength(5) // the exact duplicate is dropped
    expect(new Set(ids).size).toBe(5)
    expect(second.posts.map((post) => post.id)).toEqual(ids)
    const prefix = `rss:${feedKey(server.url('/feed.xml'))}:`
    expect(ids.slice(0, 4)).toEqual([`${prefix}g-1`, `${prefix}${server.url('/only-link')}`, expect.stringMatching(/:sha256-[0-9a-f]{32}$/), `${prefix}dup`])
    expect(ids[4]).toMatch(/:dup#[0-9a-f]{16}$/)
  })

  it('ids are scoped to the feed: the same guid in two feeds gives two posts', async () => {
    const server = await feedServer()
    server.route('/one.xml', { fixture: 'rss2.xml' })
    server.route('/two.xml', { fixture: 'rss2.xml' })
    const one = await fetchOnce(server, '/one.xml')
    const two = await fetchOnce(server, '/two.xml')
    expect(byRemoteId(one.posts, 'lumora-post-1001').id).not.toBe(byRemoteId(two.posts, 'lumora-post-1001').id)
  })
})

describe('RSS connector: polling hints', () => {
  async function notBefore(channelExtra: string, headers: Record<string, string> = {}): Promise<number | undefined> {
    const server = await feedServer()
    server.route('/feed.xml', { body: rss('<item><guid>1</guid><title>t</title></item>', channelExtra), headers })
    return (await fetchOnce(server, '/feed.xml')).notBefore
  }

  it('honours ttl, and never polls sooner than 15 minutes', async () => {
    expect(MIN_POLL_MS).toBe(15 * MINUTE)
    expect(await notBefore('<ttl>60</ttl>')).toBe(NOW + 60 * MINUTE)
    expect(await notBefore('<ttl>5</ttl>')).toBe(NOW + 15 * MINUTE)
    expect(await notBefore('')).toBe(NOW + 15 * MINUTE)
    expect(await notBefore('', { 'Cache-Control': 'public, max-age=60' })).toBe(NOW + 15 * MINUTE)
  })

  it('honours Cache-Control max-age and Expires, the largest hint wins, capped at a day', async () => {
    expect(await notBefore('<ttl>30</ttl>', { 'Cache-Control': 'public, max-age=7200' })).toBe(NOW + 120 * MINUTE)
    expect(await notBefore('', { 'Cache-Control': 'max-age=7200', Age: '1800' })).toBe(NOW + 90 * MINUTE)
    const date = new Date(NOW - 5 * MINUTE).toUTCString() // the server's clock is 5 minutes behind
    expect(await notBefore('', { Date: date, Expires: new Date(NOW - 5 * MINUTE + 180 * MINUTE).toUTCString() })).toBe(NOW + 180 * MINUTE)
    expect(await notBefore('<ttl>100000</ttl>')).toBe(NOW + 24 * 60 * MINUTE)
    expect(await notBefore('', { 'Cache-Control': 'max-age=31536000' })).toBe(NOW + 24 * 60 * MINUTE)
    expect(await notBefore('<ttl>120</ttl>', { 'Cache-Control': 'no-cache', Expires: 'Thu, 01 Jan 2099 00:00:00 GMT' })).toBe(NOW + 120 * MINUTE)
  })

  it('honours sy:updatePeriod when the namespace is declared', async () => {
    const server = await feedServer()
    const body = rss('<item><guid>1</guid><title>t</title></item>', '<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>').replace(
      '<rss version="2.0">',
      '<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">'
    )
    server.route('/feed.xml', { body })
    // Twice an hour is every 30 minutes.
    expect((await fetchOnce(server, '/feed.xml')).notBefore).toBe(NOW + 30 * MINUTE)
  })
})

describe('feed discovery', () => {
  it('finds RSS, Atom and JSON Feed alternates in the head, resolved and de-duplicated, with titles', async () => {
    const server = await feedServer()
    server.route('/blog/', { fixture: 'page.html', headers: { 'Content-Type': 'text/html; charset=utf-8' } })
    const feeds = await discoverFeeds(server.url('/blog/'), { signal: new AbortController().signal, version: '1.2.3' })
    expect(feeds).toEqual([
      { url: server.url('/feed.xml'), title: 'Lumora Blog & News (RSS)', format: 'rss' },
      { url: server.url('/blog/atom.xml'), title: 'Lumora Blog (Atom)', format: 'atom' },
      { url: 'http://cdn.example/feed.json', title: null, format: 'json' }
    ])
    expect(server.requestsTo('/blog/')[0]?.headers['user-agent']).toBe('Earshot/1.2.3 (+feed reader)')
  })

  it('returns the address itself when it is a feed, even if served as text/html', async () => {
    const server = await feedServer()
    server.route('/feed', { fixture: 'rss2.xml', headers: { 'Content-Type': 'text/html' } })
    server.route('/atom', { fixture: 'atom.xml', headers: { 'Content-Type': 'application/atom+xml' } })
    const signal = new AbortController().signal
    expect(await discoverFeeds(server.url('/feed'), { signal })).toEqual([{ url: server.url('/feed'), title: 'Lumora Newsroom', format: 'rss' }])
    expect(await discoverFeeds(server.url('/atom'), { signal })).toEqual([{ url: server.url('/atom'), title: 'Lumora Forum', format: 'atom' }])
  })

  it('follows a permanent redirect to the feed and returns its new address', async () => {
    const server = await feedServer()
    server.route('/old', { status: 301, headers: { Location: '/new.xml' } })
    server.route('/new.xml', { fixture: 'rss2.xml' })
    expect(await discoverFeeds(server.url('/old'), { signal: new AbortController().signal })).toEqual([
      { url: server.url('/new.xml'), title: 'Lumora Newsroom', format: 'rss' }
    ])
  })

  it('honours <base href>, and a page without feeds gives an empty list', async () => {
    const html = '<html><head><link rel="alternate feed" type="application/atom+xml" href="feed.atom"><base href="https://cdn.example/site/"></head></html>'
    expect(feedLinksFromHtml(html, 'https://www.example/page')).toEqual([{ url: 'https://cdn.example/site/feed.atom', title: null, format: 'atom' }])
    const server = await feedServer()
    server.route('/plain', { body: '<!doctype html><title>Nothing here</title><p>hi', headers: { 'Content-Type': 'text/html' } })
    expect(await discoverFeeds(server.url('/plain'), { signal: new AbortController().signal })).toEqual([])
  })

  it('rejects with the connector errors when the page cannot be read', async () => {
    const server = await feedServer()
    const error = await failure(discoverFeeds(server.url('/missing'), { signal: new AbortController().signal }))
    expect([error.kind, error.message]).toEqual(['not_found', 'the feed is gone (HTTP 404) — check the address'])
  })
})
