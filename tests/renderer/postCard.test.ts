import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { nextTick } from 'vue'
import type { Post } from '@shared/domain/post'
import PostCard from '@renderer/components/post/PostCard.vue'
import { makePost, T0 } from './support/fixtures'
import { accessibleText, getByRole, queryAllByRole, queryByRole } from './support/a11y'

const NOW = T0 + 10 * 60 * 60_000

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
  vi.setSystemTime(NOW)
})
const wrappers: VueWrapper[] = []

afterEach(() => {
  // Unmounting releases the shared clock, so the next test starts it on its own timers.
  for (const wrapper of wrappers.splice(0)) wrapper.unmount()
  vi.useRealTimers()
  document.body.innerHTML = ''
})

function anna(overrides: Partial<Post> = {}): Post {
  return makePost(3, {
    network: 'mastodon',
    url: 'https://social.example/@anna/113',
    text: 'Mein Nimbus 14 startet seit dem Update nicht mehr. <b>Hilfe?</b>',
    language: 'de',
    createdAt: NOW - 3 * 60_000,
    author: {
      id: 'mastodon:anna',
      network: 'mastodon',
      handle: 'anna@social.example',
      displayName: 'Anna Schmidt',
      followers: 12_345,
      avatarUrl: null,
      url: 'https://social.example/@anna'
    },
    counts: { replies: 4, reposts: 1, likes: 1_234 },
    ...overrides
  })
}

function render(post: Post): HTMLElement {
  const wrapper = mount(PostCard, { props: { post }, attachTo: document.body })
  wrappers.push(wrapper)
  return getByRole(wrapper.element.parentElement as HTMLElement, 'article', { name: `Post by ${post.author.displayName}` })
}

describe('PostCard', () => {
  test('is an article named after its author, with handle, network and text', () => {
    const article = render(anna())
    const text = accessibleText(article)
    expect(text).toContain('Anna Schmidt')
    expect(text).toContain('@anna@social.example')
    expect(getByRole(article, 'paragraph', { name: /Mein Nimbus 14/ }).getAttribute('lang')).toBe('de')
    expect(article.querySelector('.badge')?.textContent?.trim()).toBe('Mastodon')
  })

  test('shows followers compactly and reads them out in full', () => {
    const article = render(anna())
    const followers = getByRole(article, 'img', { name: '12,345 followers' })
    expect(followers.textContent?.trim()).toBe('12.3k')
  })

  test('counts have accessible labels and compact figures', () => {
    const article = render(anna())
    expect(getByRole(article, 'img', { name: '4 replies' }).textContent?.trim()).toBe('4')
    expect(getByRole(article, 'img', { name: '1 repost' }).textContent?.trim()).toBe('1')
    expect(getByRole(article, 'img', { name: '1,234 likes' }).textContent?.trim()).toBe('1.2k')
  })

  test('the relative time is a <time> with the exact moment, linking to the post', () => {
    const article = render(anna())
    const time = article.querySelector('time')
    expect(time?.textContent).toBe('3 min')
    expect(time?.getAttribute('datetime')).toBe(new Date(NOW - 3 * 60_000).toISOString())
    expect(time?.getAttribute('title')).toMatch(/2025/)
    const link = getByRole(article, 'link', { name: '3 minutes ago, open on Mastodon' })
    expect(link.getAttribute('href')).toBe('https://social.example/@anna/113')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
  })

  test('the time keeps ticking on the shared clock', async () => {
    const article = render(anna())
    vi.setSystemTime(NOW + 60 * 60_000)
    vi.advanceTimersByTime(15_000)
    await nextTick()
    expect(article.querySelector('time')?.textContent).toBe('1 h')
  })

  test('text is text: markup in a post is shown, never interpreted', () => {
    const article = render(anna())
    expect(article.querySelector('b')).toBeNull()
    expect(accessibleText(article)).toContain('<b>Hilfe?</b>')
  })

  test('language tag and no link for unsafe or missing URLs', () => {
    const article = render(anna({ url: 'javascript:alert(1)' }))
    expect(queryByRole(article, 'link')).toBeNull()
    const lang = article.querySelector('abbr')
    expect(lang?.textContent).toBe('DE')
    expect(lang?.getAttribute('title')).toBe('German')
  })

  test('without an avatar image, initials stand in (hidden from screen readers)', () => {
    const article = render(anna())
    expect(article.querySelector('img')).toBeNull()
    expect(accessibleText(article)).not.toContain('AS ')
    expect(queryAllByRole(article, 'img').map((el) => el.getAttribute('aria-label'))).toEqual([
      '12,345 followers',
      '4 replies',
      '1 repost',
      '1,234 likes'
    ])
  })

  test('network HTML (sanitized by the core) renders as markup: links are real links, nothing runs', () => {
    // Exactly what core/sanitize/html.ts made of a hostile Mastodon status (onclick, style,
    // <script>, a tracking <img>): the handler, style, script and image are gone.
    const html =
      '<p>Nimbus 14 review: <a href="https://blog.example.com/nimbus-14" rel="noopener noreferrer nofollow ugc" target="_blank">read it here</a><span>pixel</span></p>' +
      '<p><span class="h-card"><a class="u-url mention" href="https://social.example/@lumora" rel="noopener noreferrer nofollow ugc" target="_blank">@<span>lumora</span></a></span> ' +
      '<a href="https://www.example.com/a/very/long/path/to/an/article" rel="noopener noreferrer nofollow ugc" target="_blank"><span class="invisible">https://www.</span><span class="ellipsis">example.com/a/very/long/path/</span><span class="invisible">to/an/article</span></a></p>'
    const article = render(anna({ html, text: 'Nimbus 14 review: read it here' }))

    const link = getByRole(article, 'link', { name: 'read it here' })
    expect(link.getAttribute('href')).toBe('https://blog.example.com/nimbus-14')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.getAttribute('rel')).toContain('noopener')
    // Keyboard users reach it: a real link, not taken out of the Tab order.
    expect(link.getAttribute('tabindex')).toBeNull()
    expect(getByRole(article, 'link', { name: '@lumora' }).className).toBe('u-url mention')
    expect(article.querySelectorAll('p')).toHaveLength(2)
    expect(article.querySelector('script, img, style, [onclick], [onerror]')).toBeNull()
    const content = link.closest('p')?.parentElement as HTMLElement
    expect(content.querySelector('[style]')).toBeNull()
    // Mastodon's shortened link keeps its parts for CSS to hide and to end with "…".
    expect(article.querySelectorAll('.invisible')).toHaveLength(2)
    expect(article.querySelector('.ellipsis')?.textContent).toBe('example.com/a/very/long/path/')
  })

  test('without HTML the text is shown as text', () => {
    const article = render(anna({ html: null, text: 'Plain <a href="https://x.example">words</a>' }))
    expect(queryByRole(article, 'link', { name: 'words' })).toBeNull()
    expect(accessibleText(article)).toContain('Plain <a href="https://x.example">words</a>')
  })
})

describe('PostCard media', () => {
  const image = (n: number, description: string | null): Post['media'][number] => ({
    kind: 'image',
    url: `https://files.example/${n}.jpg`,
    previewUrl: `https://files.example/${n}-small.jpg`,
    description,
    width: 1200,
    height: 800
  })

  test('a post without media shows no media area', () => {
    const article = render(anna())
    expect(article.querySelector('.media')).toBeNull()
  })

  test('two images render as two lazy thumbnails with their alt text, in fixed boxes, linking to the full size', () => {
    const article = render(anna({ media: [image(1, 'A laptop on a desk'), image(2, 'The same laptop, closed')] }))
    const first = getByRole(article, 'img', { name: 'A laptop on a desk' }) as HTMLImageElement
    const second = getByRole(article, 'img', { name: 'The same laptop, closed' }) as HTMLImageElement
    expect(article.querySelectorAll('.media img')).toHaveLength(2)
    expect(first.getAttribute('src')).toBe('https://files.example/1-small.jpg')
    expect(second.getAttribute('src')).toBe('https://files.example/2-small.jpg')
    for (const img of [first, second]) {
      expect(img.getAttribute('loading')).toBe('lazy')
      expect(img.getAttribute('decoding')).toBe('async')
      expect(img.closest('.media-cell')).not.toBeNull()
    }
    const link = first.closest('a')
    expect(link?.getAttribute('href')).toBe('https://files.example/1.jpg')
    expect(link?.getAttribute('target')).toBe('_blank')
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer')
  })

  test('an image that fails to load becomes a placeholder naming its kind', async () => {
    const article = render(anna({ media: [image(1, 'A laptop on a desk'), image(2, null)] }))
    const img = getByRole(article, 'img', { name: 'A laptop on a desk' })
    img.dispatchEvent(new Event('error'))
    await nextTick()
    expect(queryByRole(article, 'img', { name: 'A laptop on a desk' })).toBeNull()
    const placeholder = getByRole(article, 'img', { name: /Media not available offline/ })
    expect(placeholder.tagName).not.toBe('IMG')
    expect(placeholder.textContent).toContain('Image')
    expect(placeholder.textContent).toContain('Media not available offline')
    // The other picture is untouched.
    expect(article.querySelectorAll('.media img')).toHaveLength(1)
  })

  test('shows at most four thumbnails; video, audio and links are labelled links opening in a new tab', () => {
    const media: Post['media'] = [
      image(1, 'one'),
      image(2, 'two'),
      image(3, 'three'),
      image(4, 'four'),
      image(5, 'five'),
      { kind: 'video', url: 'https://files.example/clip.mp4', previewUrl: null, description: null, width: null, height: null },
      { kind: 'link', url: 'https://news.example/review', previewUrl: null, description: 'Nimbus 14 review', width: null, height: null }
    ]
    const article = render(anna({ media }))
    expect(article.querySelectorAll('.media img')).toHaveLength(4)
    expect(queryByRole(article, 'img', { name: 'five' })).toBeNull()
    expect(article.querySelector('.media-more')?.textContent).toBe('+1')
    const video = getByRole(article, 'link', { name: /Video\s*files\.example/ })
    expect(video.getAttribute('href')).toBe('https://files.example/clip.mp4')
    expect(video.getAttribute('target')).toBe('_blank')
    expect(video.getAttribute('rel')).toBe('noopener noreferrer')
    expect(getByRole(article, 'link', { name: /Link\s*Nimbus 14 review/ }).getAttribute('href')).toBe('https://news.example/review')
  })
})

describe('PostCard opens its conversation and comes in two densities', () => {
  function mountCard(post: Post, props: Record<string, unknown> = {}) {
    const wrapper = mount(PostCard, { props: { post, ...props }, attachTo: document.body })
    wrappers.push(wrapper)
    const article = getByRole(document.body, 'article', { name: `Post by ${post.author.displayName}` })
    return { wrapper, article }
  }

  test('a click on the card or on “Open conversation” asks to open it; a click on a link does not', async () => {
    const post = anna({ html: '<p>See <a href="https://example.com/" target="_blank" rel="noopener">this page</a></p>' })
    const { wrapper, article } = mountCard(post)
    const link = getByRole(article, 'link', { name: 'this page' })
    // The test environment would follow the link for real; the browser opens a new tab instead.
    link.addEventListener('click', (event) => event.preventDefault())
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    expect(wrapper.emitted('open')).toBeUndefined()
    article.querySelector('.post-text')?.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    expect(wrapper.emitted('open')).toEqual([[post]])
    getByRole(article, 'button', { name: 'Open conversation' }).click()
    expect(wrapper.emitted('open')).toHaveLength(2)
  })

  test('selecting text in a card is not a click to open it', () => {
    const { wrapper, article } = mountCard(anna())
    const text = article.querySelector('.post-text') as HTMLElement
    const range = document.createRange()
    range.selectNodeContents(text)
    const selection = window.getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
    text.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    selection?.removeAllRanges()
    expect(wrapper.emitted('open')).toBeUndefined()
  })

  test('in its thread the opened post is marked current and has no “Open conversation”', () => {
    const { article } = mountCard(anna(), { current: true, hideOpen: true })
    expect(article.getAttribute('aria-current')).toBe('true')
    expect(queryByRole(article, 'button', { name: 'Open conversation' })).toBeNull()
  })

  test('compact shows the same facts: author, handle, followers, time, text, network, counts', () => {
    const { article } = mountCard(anna(), { density: 'compact' })
    expect(article.classList.contains('post--compact')).toBe(true)
    const text = accessibleText(article)
    for (const fact of ['Anna Schmidt', '@anna@social.example', '12,345 followers', '3 minutes ago', 'Mein Nimbus 14', 'Mastodon', '1,234 likes']) {
      expect(text).toContain(fact)
    }
  })
})
