import { afterEach, describe, expect, it } from 'vitest'
import type { Intent } from '@shared/triage/types'
import { openCore, type Core } from '../../src/main/core'
import { isHeldBack, MIN_HELD_BACK } from '../../src/main/core/triage/learn'
import { makePost } from '../support/posts'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const cores: Core[] = []

afterEach(() => {
  for (const core of cores.splice(0)) core.close()
})

function core(dataDir = tempDir()): Core {
  const opened = openCore({ dataDir, demo: false, sync: false, version: '0.0.0-test' })
  cores.push(opened)
  return opened
}

const TAUGHT = [
  'The new Lumora colours are a bit dull honestly',
  'Lumora colours look washed out, meh',
  'Those Lumora colour presets are so dull'
]
const SIMILAR = 'The Lumora colours are dull and washed out'

/** Post ids that the learner holds back (or not) for measuring, so a test knows which slice a correction lands in. */
function ids(heldBack: boolean, count: number, prefix: string): string[] {
  const out: string[] = []
  for (let i = 0; out.length < count; i++) if (isHeldBack(`${prefix}:${i}`) === heldBack) out.push(`${prefix}:${i}`)
  return out
}

async function intentOf(target: Core, n: number, text: string): Promise<Intent | undefined> {
  await target.ingest.add([makePost(n, { text })])
  return target.store.posts.get(`mastodon:${n}`)?.triage?.intent
}

describe('learning from corrections', () => {
  it('changes later predictions of similar posts, and keeps them after a restart', async () => {
    const dataDir = tempDir()
    const first = core(dataDir)
    const before = await intentOf(first, 1, SIMILAR)
    expect(before).not.toBe('idea')
    TAUGHT.forEach((text, i) => first.triage.learner.addCorrection({ postId: `mastodon:${100 + i}`, text, language: 'en', intent: 'idea' }))
    expect(await intentOf(first, 2, SIMILAR)).toBe('idea')
    first.close()

    // Nothing but the durable store carries them over.
    const second = core(dataDir)
    expect(await intentOf(second, 3, SIMILAR)).toBe('idea')
    expect(second.triage.learner.stats().corrections).toBe(TAUGHT.length)
  })

  it('re-classifies stored posts on request and tells the columns', async () => {
    const target = core()
    await target.ingest.add([makePost(1, { text: SIMILAR })])
    const changed: string[][] = []
    target.events.on((event, payload) => {
      if (event === 'posts:changed') changed.push((payload as { ids: string[] }).ids)
    })
    TAUGHT.forEach((text, i) => target.triage.learner.addCorrection({ postId: `mastodon:${100 + i}`, text, language: 'en', intent: 'idea' }))
    expect(await target.triage.learner.reclassify(['mastodon:1', 'mastodon:404'])).toEqual(['mastodon:1'])
    expect(target.store.posts.get('mastodon:1')?.triage?.intent).toBe('idea')
    expect(changed).toEqual([['mastodon:1']])
  })

  it('unlearns the old label when a post is corrected again', async () => {
    const target = core()
    const before = await intentOf(target, 1, SIMILAR)
    TAUGHT.forEach((text, i) => target.triage.learner.addCorrection({ postId: `mastodon:${100 + i}`, text, language: 'en', intent: 'idea' }))
    expect(await intentOf(target, 2, SIMILAR)).toBe('idea')
    TAUGHT.forEach((text, i) => target.triage.learner.addCorrection({ postId: `mastodon:${100 + i}`, text, language: 'en', intent: 'other' }))
    expect(await intentOf(target, 3, SIMILAR)).toBe(before === 'idea' ? 'other' : before)
    expect(target.store.corrections.all().map((c) => c.intent)).toEqual(['other', 'other', 'other'])
    // A team-only correction keeps the intent that was corrected before.
    const kept = target.triage.learner.addCorrection({ postId: 'mastodon:100', text: TAUGHT[0] ?? '', language: 'en', teamId: 'support' })
    expect(kept).toMatchObject({ intent: 'other', teamId: 'support' })
  })

  it('measures accuracy on held-back corrections with a model that never saw them', () => {
    const target = core()
    const { learner } = target.triage
    // Made-up words only the team's corrections use: a model that learned a held-back post would know it.
    const jargon = (i: number): string => `zorblax frobnicate quuxling gizmotron ${i}`
    const held = ids(true, MIN_HELD_BACK, 'held')
    held.slice(0, MIN_HELD_BACK - 1).forEach((postId, i) => learner.addCorrection({ postId, text: jargon(i), language: 'en', intent: 'idea' }))
    expect(learner.stats()).toEqual({ corrections: MIN_HELD_BACK - 1, heldOutAccuracy: null, heldOutSize: MIN_HELD_BACK - 1 })

    learner.addCorrection({ postId: held[MIN_HELD_BACK - 1] ?? '', text: jargon(99), language: 'en', intent: 'idea' })
    const unseen = learner.stats()
    expect(unseen.heldOutSize).toBe(MIN_HELD_BACK)
    expect(unseen.heldOutAccuracy).toBe(0)

    // Once the training slice teaches the same words, the held-back posts are recognised.
    ids(false, 4, 'taught').forEach((postId, i) => learner.addCorrection({ postId, text: jargon(50 + i), language: 'en', intent: 'idea' }))
    expect(learner.stats()).toEqual({ corrections: MIN_HELD_BACK + 4, heldOutAccuracy: 1, heldOutSize: MIN_HELD_BACK })
  })
})
