/** Bluesky post views → Post: the media read from a view's embed (hand-built views, as the AppView sends them). */
import { describe, expect, it } from 'vitest'
import type { AppBskyFeedDefs } from '@atproto/api'
import { mapEmbedMedia, mapPostView } from '../../src/main/core/connectors/bluesky/map'

const DID = 'did:plc:anna123'
const CDN = 'https://cdn.bsky.app/img'

function view(embed?: unknown): AppBskyFeedDefs.PostView {
  return {
    $type: 'app.bsky.feed.defs#postView',
    uri: `at://${DID}/app.bsky.feed.post/3abc`,
    cid: 'bafyreib',
    author: { did: DID, handle: 'anna.bsky.social', displayName: 'Anna' },
    record: { $type: 'app.bsky.feed.post', text: 'Look at this', createdAt: '2025-03-01T12:00:00.000Z' },
    indexedAt: '2025-03-01T12:00:01.000Z',
    ...(embed === undefined ? {} : { embed })
  } as AppBskyFeedDefs.PostView
}

const imagesView = {
  $type: 'app.bsky.embed.images#view',
  images: [
    {
      $type: 'app.bsky.embed.images#viewImage',
      fullsize: `${CDN}/feed_fullsize/plain/${DID}/a@jpeg`,
      thumb: `${CDN}/feed_thumbnail/plain/${DID}/a@jpeg`,
      alt: 'The Lumora Book 14 on a desk',
      aspectRatio: { width: 2000, height: 1500 }
    },
    { $type: 'app.bsky.embed.images#viewImage', fullsize: `${CDN}/feed_fullsize/plain/${DID}/b@jpeg`, thumb: `${CDN}/feed_thumbnail/plain/${DID}/b@jpeg`, alt: '' },
    { $type: 'app.bsky.embed.images#viewImage', fullsize: 'javascript:alert(1)', thumb: 'javascript:alert(1)', alt: 'bad' }
  ]
}

describe('Bluesky media', () => {
  it('maps images#view: fullsize, thumb, alt and aspect ratio; drops non-http(s) images', () => {
    const post = mapPostView('src-1', view(imagesView))
    expect(post?.media).toEqual([
      {
        kind: 'image',
        url: `${CDN}/feed_fullsize/plain/${DID}/a@jpeg`,
        previewUrl: `${CDN}/feed_thumbnail/plain/${DID}/a@jpeg`,
        description: 'The Lumora Book 14 on a desk',
        width: 2000,
        height: 1500
      },
      { kind: 'image', url: `${CDN}/feed_fullsize/plain/${DID}/b@jpeg`, previewUrl: `${CDN}/feed_thumbnail/plain/${DID}/b@jpeg`, description: null, width: null, height: null }
    ])
  })

  it('maps external#view as a link card with its title as the description', () => {
    const post = mapPostView(
      'src-1',
      view({
        $type: 'app.bsky.embed.external#view',
        external: { uri: 'https://news.example/lumora-review', title: 'Lumora Book 14 review', description: 'A long review', thumb: `${CDN}/feed_thumbnail/plain/${DID}/c@jpeg` }
      })
    )
    expect(post?.media).toEqual([
      { kind: 'link', url: 'https://news.example/lumora-review', previewUrl: `${CDN}/feed_thumbnail/plain/${DID}/c@jpeg`, description: 'Lumora Book 14 review', width: null, height: null }
    ])
  })

  it('takes the media part of recordWithMedia#view, not the quoted post', () => {
    const embed = {
      $type: 'app.bsky.embed.recordWithMedia#view',
      record: { $type: 'app.bsky.embed.record#view', record: { $type: 'app.bsky.embed.record#viewNotFound', uri: 'at://did:plc:x/app.bsky.feed.post/1', notFound: true } },
      media: imagesView
    }
    expect(mapPostView('src-1', view(embed))?.media.map((item) => item.description)).toEqual(['The Lumora Book 14 on a desk', null])
  })

  it('gives no media for a post without an embed, a quote only, or an odd embed', () => {
    expect(mapPostView('src-1', view())?.media).toEqual([])
    expect(mapEmbedMedia({ $type: 'app.bsky.embed.record#view', record: {} })).toEqual([])
    expect(mapEmbedMedia({ $type: 'app.bsky.embed.images#view', images: 'nope' })).toEqual([])
    expect(mapEmbedMedia({ $type: 'app.bsky.embed.external#view' })).toEqual([])
    expect(mapEmbedMedia(null)).toEqual([])
  })
})
