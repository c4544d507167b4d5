import { describe, expect, it } from 'vitest'
import type { StoredTriage } from '@shared/triage/types'
import { computePriority, createTriage, DEMO_BRAND, type PostInput } from '../../src/main/core/triage'
import { storedPriorityInput } from '../../src/main/core/triage/priority'
import { TriagePool } from '../../src/main/core/triage/pool'
import { toIso6391 } from '../../src/main/core/triage/language'

const posts: PostInput[] = [
  { id: 'a', text: '@lumora my Halo keeps disconnecting since the update, can you help?', followers: 250_000 },
  { id: 'b', text: 'Mein Lumora Stick blinkt seit gestern rot und nichts geht mehr. Super Service, danke für nichts!', followers: 40 },
  { id: 'c', text: 'Je cherche une lampe connectée, la Lumora Halo vaut-elle le coup ?', language: 'fr-CA' },
  { id: 'd', text: 'Lumora!!', followers: null }
]

describe('triage pool on the calling thread', () => {
  it('stores what the classifier says, as StoredTriage, without the SLA factor', async () => {
    const pool = new TriagePool({ workers: 0 })
    const stored = await pool.classify(posts, DEMO_BRAND)
    const direct = createTriage()
    expect(stored).toHaveLength(posts.length)
    posts.forEach((post, i) => {
      const expected = direct.classify(post, { brand: DEMO_BRAND })
      const got = stored[i]
      expect(got).toMatchObject({
        intent: expected.intent,
        confidence: expected.confidence,
        sentimentScore: expected.sentiment_score,
        needsResponse: expected.needs_response,
        basePriority: expected.priority,
        followers: post.followers ?? null,
        watchlist: false
      })
      // The factors are not stored: what they are computed from is, and gives them back exactly.
      const rebuilt = computePriority(storedPriorityInput(got as StoredTriage))
      expect(rebuilt).toEqual({ priority: expected.priority, factors: expected.factors })
      expect(rebuilt.factors.map((f) => f.factor)).not.toContain('sla')
    })
    await pool.close()
  })

  it('keeps the network language tag and stores detected languages as ISO 639-1', async () => {
    const pool = new TriagePool({ workers: 0 })
    const [en, de, fr, short] = await pool.classify(posts, DEMO_BRAND)
    expect(en?.language).toBe('en')
    expect(de?.language).toBe('de')
    expect(fr?.language).toBe('fr-CA')
    expect(short?.language).toBeNull()
    expect(toIso6391('und')).toBeNull()
    expect(toIso6391('pol')).toBe('pl')
    await pool.close()
  })

  it('says "unknown" for sentiment where there is no model, and names the tone elsewhere', async () => {
    const pool = new TriagePool({ workers: 0 })
    const [en, de, fr] = await pool.classify(posts, DEMO_BRAND)
    expect(fr?.sentiment).toBe('unknown')
    expect(fr?.sentimentScore).toBeNull()
    expect(de?.sentiment).toBe('negative')
    expect(['negative', 'neutral']).toContain(en?.sentiment)
    await pool.close()
  })

  it('yields to the event loop between chunks of a big batch', async () => {
    const pool = new TriagePool({ workers: 0, chunk: 10 })
    const many = Array.from({ length: 200 }, (_, i) => ({ id: `p${i}`, text: `Lumora lamp number ${i} is lovely` }))
    let ticks = 0
    const timer = setInterval(() => (ticks += 1), 0)
    const started = pool.classify(many, DEMO_BRAND)
    const stored = await started
    clearInterval(timer)
    expect(stored).toHaveLength(200)
    expect(ticks).toBeGreaterThan(0)
    await pool.close()
  })

  it('learns examples, also those sent before its model was built, and can take one back', async () => {
    const text = 'The Lumora colours are dull and washed out'
    const pool = new TriagePool({ workers: 0 })
    pool.learn([
      { text: 'The new Lumora colours are a bit dull honestly', intent: 'idea', weight: 2 },
      { text: 'Lumora colours look washed out, meh', intent: 'idea', weight: 2 }
    ])
    expect((await pool.classify([{ id: 'x', text }], DEMO_BRAND))[0]?.intent).toBe('idea')
    pool.learn([
      { text: 'The new Lumora colours are a bit dull honestly', intent: 'idea', weight: -2 },
      { text: 'Lumora colours look washed out, meh', intent: 'idea', weight: -2 }
    ])
    const baseline = createTriage().classify({ id: 'x', text }, { brand: DEMO_BRAND }).intent
    expect((await pool.classify([{ id: 'x', text }], DEMO_BRAND))[0]?.intent).toBe(baseline)
    await pool.close()
  })

  it('refuses work once closed', async () => {
    const pool = new TriagePool({ workers: 0 })
    await pool.close()
    await expect(pool.classify(posts, DEMO_BRAND)).rejects.toThrow(/closed/)
  })

  it('stays on the calling thread without a built worker', () => {
    expect(new TriagePool({ workers: 2, workerPath: null }).mode).toBe('in-process')
  })
})
