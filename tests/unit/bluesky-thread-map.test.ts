/** getPostThread's tree → posts (hand-built, as the AppView sends it): parents, replies, and the gaps left by deleted or blocked posts. */
import { describe, expect, it } from 'vitest'
import type { AppBskyFeedDefs } from '@atproto/api'
import { mapThread } from '../../src/main/core/connectors/bluesky/map'

function node(name: string, more: { parent?: unknown; replies?: unknown[] } = {}): AppBskyFeedDefs.ThreadViewPost & { $type: 'app.bsky.feed.defs#threadViewPost' } {
  const did = `did:plc:${name}`
  return {
    $type: 'app.bsky.feed.defs#threadViewPost',
    post: {
      $type: 'app.bsky.feed.defs#postView',
      uri: `at://${did}/app.bsky.feed.post/${name}1`,
      cid: `cid-${name}`,
      author: { did, handle: `${name}.test` },
      record: { $type: 'app.bsky.feed.post', text: `said by ${name}`, createdAt: '2026-03-01T12:00:00.000Z' },
      indexedAt: '2026-03-01T12:00:01.000Z'
    },
    ...more
  } as AppBskyFeedDefs.ThreadViewPost & { $type: 'app.bsky.feed.defs#threadViewPost' }
}

const notFound = { $type: 'app.bsky.feed.defs#notFoundPost', uri: 'at://did:plc:gone/app.bsky.feed.post/x', notFound: true }
const blocked = { $type: 'app.bsky.feed.defs#blockedPost', uri: 'at://did:plc:rude/app.bsky.feed.post/y', blocked: true, author: { did: 'did:plc:rude' } }

describe('mapThread', () => {
  it('keeps the post, its parents up the chain and every reply below, skipping the gaps', () => {
    const thread = node('max', {
      parent: node('lee', { parent: node('kim') }),
      replies: [node('ana', { replies: [blocked, node('bo')] }), notFound]
    })
    const posts = mapThread('source-1', thread)
    expect(posts.map((post) => post.text).sort()).toEqual(['said by ana', 'said by bo', 'said by kim', 'said by lee', 'said by max'])
    expect(posts.every((post) => post.sourceId === 'source-1' && post.network === 'bluesky')).toBe(true)
  })

  it('stops the chain at a deleted parent and gives nothing for a post that is gone', () => {
    expect(mapThread('s', node('max', { parent: notFound })).map((post) => post.text)).toEqual(['said by max'])
    expect(mapThread('s', notFound as AppBskyFeedDefs.NotFoundPost & { $type: 'app.bsky.feed.defs#notFoundPost' })).toEqual([])
  })
})
