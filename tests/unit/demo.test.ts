import { describe, expect, it } from 'vitest'
import { INTENTS, type Intent } from '@shared/domain/intent'
import type { IncomingPost } from '@shared/domain/post'
import { DEMO_SOURCE_ID, DemoGenerator } from '../../src/main/core/demo/generator'
import { DEMO_LANGUAGES, PHRASES, PRODUCT_KINDS } from '../../src/main/core/demo/phrases'
import { compileTemplate, slotsOf } from '../../src/main/core/demo/template'
import { compiledBooks } from '../../src/main/core/demo/text'
import { hashSeed, Rng } from '../../src/main/core/demo/random'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** A Monday 18:00 UTC: the week before it has five weekdays and one weekend. */
const END = Date.UTC(2025, 10, 24, 18, 0)
/** The generator's default clock is UTC+1 (see DemoGeneratorOptions.utcOffsetMinutes). */
const OFFSET = HOUR

const generator = new DemoGenerator({ seed: 42 })
const week = generator.backfill(END)

function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length
}

function localHour(t: number): number {
  return new Date(t + OFFSET).getUTCHours()
}

describe('demo generator: determinism and shape', () => {
  it('gives the same post for the same (seed, n) in any order, and a different one for another seed', () => {
    const a = new DemoGenerator({ seed: 7 })
    const b = new DemoGenerator({ seed: 7 })
    const late = a.post(4321, 1000)
    for (let n = 0; n < 50; n++) a.post(n, n)
    expect(b.post(4321, 1000)).toEqual(late)
    expect(a.post(4321, 1000)).toEqual(late)

    const other = new DemoGenerator({ seed: 8 })
    let differentText = 0
    for (let n = 0; n < 200; n++) if (other.post(n, 0).text !== a.post(n, 0).text) differentText++
    expect(differentText).toBeGreaterThan(180)
    expect(other.post(5, 0).id).toBe('demo:8-5')
  })

  it('stamps ids, source and network as the storage layer expects', () => {
    const post = generator.post(17, 123_456)
    expect(post.id).toBe('demo:42-17')
    expect(post.remoteId).toBe('42-17')
    expect(post.sourceId).toBe(DEMO_SOURCE_ID)
    expect(post.network).toBe('demo')
    expect(post.createdAt).toBe(123_456)
    expect(post.html).toBeNull()
    expect(post.editedAt).toBeNull()
    expect(post.url).toBeNull()
    expect(post.author.id).toBe(`demo:${post.author.handle}`)
    expect(post.author.network).toBe('demo')
    expect(post.author.avatarUrl).toBeNull()
    expect(post.author.url).toBeNull()
  })

  it('rejects nonsense input', () => {
    expect(() => generator.post(-1, 0)).toThrow(RangeError)
    expect(() => generator.post(1.5, 0)).toThrow(RangeError)
    expect(() => generator.post(1, Number.NaN)).toThrow(RangeError)
    expect(() => new DemoGenerator({ seed: 0.5 })).toThrow(RangeError)
    expect(() => generator.backfill(END, { days: 0 })).toThrow(RangeError)
    expect(() => generator.backfill(END, { count: -1 })).toThrow(RangeError)
  })

  it('writes clean plain text', () => {
    for (const post of week) {
      expect(post.text.length).toBeGreaterThan(5)
      expect(post.text).toBe(post.text.trim())
      // ("null" is a German word, so it is not on this list.)
      expect(post.text).not.toMatch(/[{}]|undefined|NaN|\[object| {2}| [.,]/)
    }
  })
})

describe('demo generator: backfill', () => {
  it('returns count posts, oldest first, within the requested days', () => {
    expect(week).toHaveLength(5000)
    for (let i = 1; i < week.length; i++) {
      expect((week[i] as IncomingPost).createdAt).toBeGreaterThan((week[i - 1] as IncomingPost).createdAt)
    }
    const first = week[0] as IncomingPost
    const last = week[week.length - 1] as IncomingPost
    expect(first.createdAt).toBeGreaterThanOrEqual(END - 7 * DAY)
    expect(last.createdAt).toBeLessThanOrEqual(END)
    expect(last.createdAt - first.createdAt).toBeGreaterThan(6.5 * DAY)
    expect(generator.backfill(END, { days: 2, count: 300 }).every((p) => p.createdAt >= END - 2 * DAY)).toBe(true)
  })

  it('numbers posts 0..count-1 consistently with post(n) and is deterministic', () => {
    week.forEach((post, n) => {
      if (n % 97 === 0) expect(post).toEqual(generator.post(n, post.createdAt))
    })
    expect(week.map((p) => p.id).slice(0, 3)).toEqual(['demo:42-0', 'demo:42-1', 'demo:42-2'])
    expect(new DemoGenerator({ seed: 42 }).backfill(END)).toEqual(week)
    expect(generator.backfill(END + HOUR).map((p) => p.createdAt)).not.toEqual(week.map((p) => p.createdAt))
  })

  it('has unique ids', () => {
    expect(new Set(week.map((p) => p.id)).size).toBe(week.length)
  })

  it('is busy in the afternoon and quiet at night', () => {
    const hours = new Array<number>(24).fill(0)
    for (const post of week) hours[localHour(post.createdAt)] = (hours[localHour(post.createdAt)] ?? 0) + 1
    const at = (h: number): number => hours[h] ?? 0
    expect(at(14)).toBeGreaterThan(5 * at(3))
    const night = at(1) + at(2) + at(3) + at(4)
    const office = at(10) + at(11) + at(14) + at(15)
    expect(office).toBeGreaterThan(6 * night)
  })

  it('is quieter on weekends than on weekdays', () => {
    const perDay = new Map<number, number>()
    for (const post of week) {
      const weekday = new Date(post.createdAt + OFFSET).getUTCDay()
      perDay.set(weekday, (perDay.get(weekday) ?? 0) + 1)
    }
    // Sunday against the weekdays that are fully inside the week (Tue–Fri).
    const sunday = perDay.get(0) ?? 0
    const weekdays = [2, 3, 4, 5].map((d) => perDay.get(d) ?? 0)
    expect(Math.min(...weekdays)).toBeGreaterThan(1.4 * sunday)
  })

  it('shows an outage spike full of complaints and help requests', () => {
    const perHour = new Map<number, IncomingPost[]>()
    week.forEach((post) => {
      const hour = Math.floor(post.createdAt / HOUR)
      perHour.set(hour, [...(perHour.get(hour) ?? []), post])
    })
    const counts = [...perHour.values()].map((posts) => posts.length).sort((a, b) => a - b)
    const median = counts[Math.floor(counts.length / 2)] ?? 0
    const [, peakPosts] = [...perHour.entries()].reduce((best, entry) => (entry[1].length > best[1].length ? entry : best))
    expect(peakPosts.length).toBeGreaterThan(3 * median)

    const outagePosts = week.filter((_, n) => generator.incidentAt(n)?.kind === 'outage')
    expect(outagePosts.length).toBeGreaterThan(200)
    const outageIndexes = week.map((_, n) => n).filter((n) => generator.incidentAt(n)?.kind === 'outage')
    const needy: readonly Intent[] = ['complaint', 'help_explicit', 'help_implicit']
    expect(share(outageIndexes, (n) => needy.includes(generator.intendedIntent(n)))).toBeGreaterThan(0.5)
    expect(share(outagePosts, (p) => /#Lumora|Lumora|5\.\d/i.test(p.text))).toBeGreaterThan(0.5)
  })
})

describe('demo generator: content', () => {
  it('writes about 40% German, 40% English and some of five more languages', () => {
    const de = share(week, (p) => p.language === 'de')
    const en = share(week, (p) => p.language === 'en')
    expect(de).toBeGreaterThan(0.34)
    expect(de).toBeLessThan(0.46)
    expect(en).toBeGreaterThan(0.34)
    expect(en).toBeLessThan(0.46)
    for (const language of DEMO_LANGUAGES) {
      expect(share(week, (p) => p.language === language), language).toBeGreaterThan(0.015)
    }
    expect(new Set(week.map((p) => p.language))).toEqual(new Set(DEMO_LANGUAGES))
  })

  it('writes each language in that language', () => {
    const markers: Record<string, RegExp> = {
      de: /\b(ich|nicht|und|mein|meine|der|die|das|ist|bei|mit|für|fuer|seit|von|hab|wer|was)\b/i,
      en: /\b(the|my|and|is|to|for|it|of|since|on|you|with|I)\b/i
    }
    const german = week.filter((p) => p.language === 'de')
    const english = week.filter((p) => p.language === 'en')
    expect(share(german, (p) => (markers.de as RegExp).test(p.text))).toBeGreaterThan(0.7)
    expect(share(english, (p) => (markers.en as RegExp).test(p.text))).toBeGreaterThan(0.7)
    expect(share(english, (p) => /\b(nicht|ich|seit|und)\b/i.test(p.text))).toBeLessThan(0.02)
    // Umlauts where they belong, and some German typed without them.
    expect(share(german, (p) => /[äöüß]/i.test(p.text))).toBeGreaterThan(0.25)
    expect(german.some((p) => /ae|oe|ue/.test(p.text) && /\b(fuer|ueber|hoer|Muell|zurueck|laedt|haengt|heiss)/i.test(p.text))).toBe(true)
  })

  it('mixes intents like a real brand stream, every one present', () => {
    const intents = Array.from({ length: 10_000 }, (_, n) => generator.intendedIntent(n))
    const expected: Record<Intent, number> = {
      other: 0.35,
      praise: 0.15,
      help_explicit: 0.12,
      help_implicit: 0.1,
      complaint: 0.12,
      purchase_intent: 0.08,
      idea: 0.08
    }
    for (const intent of INTENTS) {
      const actual = share(intents, (i) => i === intent)
      expect(actual, intent).toBeGreaterThan(expected[intent] - 0.04)
      expect(actual, intent).toBeLessThan(expected[intent] + 0.04)
    }
  })

  it('addresses the brand in explicit help requests and not in most chatter', () => {
    const explicit = week.filter((_, n) => generator.intendedIntent(n) === 'help_explicit')
    expect(explicit.length).toBeGreaterThan(300)
    expect(share(explicit, (p) => /@lumora/i.test(p.text))).toBe(1)
    const other = week.filter((p, n) => generator.intendedIntent(n) === 'other' && p.replyToId === null)
    expect(share(other, (p) => /@lumora/i.test(p.text))).toBeLessThan(0.1)
  })

  it('mentions products and competitors', () => {
    expect(share(week, (p) => /voltic|nexaro/i.test(p.text))).toBeGreaterThan(0.05)
    for (const product of ['Book 14', 'Phone X', 'Buds', 'Lumora Cloud']) {
      expect(share(week, (p) => p.text.toLowerCase().includes(product.toLowerCase())), product).toBeGreaterThan(0.02)
    }
  })

  it('does not repeat itself', () => {
    expect(new Set(week.map((p) => p.text)).size).toBeGreaterThan(0.7 * week.length)
  })

  it('has a pool of customers with modest followings and a few influencers with large ones', () => {
    const authors = new Map<string, IncomingPost['author']>()
    for (const post of week) {
      const known = authors.get(post.author.handle)
      if (known !== undefined) expect(post.author).toEqual(known)
      authors.set(post.author.handle, post.author)
    }
    const all = [...authors.values()]
    const influencers = all.filter((a) => a.followers >= 50_000)
    const customers = all.filter((a) => a.followers < 50_000)
    expect(customers.length).toBeGreaterThan(200)
    expect(influencers.length).toBeGreaterThanOrEqual(5)
    expect(influencers.length).toBeLessThanOrEqual(8)
    for (const influencer of influencers) expect(influencer.followers).toBeLessThanOrEqual(2_000_000)
    expect(share(customers, (a) => a.followers >= 20 && a.followers <= 3000)).toBeGreaterThan(0.8)
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length)
    expect(all.every((a) => /^[a-z0-9._]+$/.test(a.handle))).toBe(true)

    // Influencers post less often than an average customer…
    const influencerPosts = week.filter((p) => p.author.followers >= 50_000)
    expect(influencerPosts.length / influencers.length).toBeLessThan((week.length - influencerPosts.length) / customers.length)
    // …but get far more engagement.
    const meanLikes = (posts: IncomingPost[]): number => posts.reduce((sum, p) => sum + p.counts.likes, 0) / posts.length
    const customerPosts = week.filter((p) => p.author.followers < 50_000)
    expect(meanLikes(influencerPosts)).toBeGreaterThan(20 * meanLikes(customerPosts))
  })

  it('gives most posts little engagement and lets some complaints go viral', () => {
    const likes = week.map((p) => p.counts.likes).sort((a, b) => a - b)
    expect(likes[Math.floor(likes.length / 2)]).toBeLessThanOrEqual(5)
    for (const post of week) {
      for (const value of [post.counts.likes, post.counts.reposts, post.counts.replies]) {
        expect(Number.isInteger(value) && value >= 0).toBe(true)
      }
    }
    const viral = week.filter(
      (p, n) => generator.intendedIntent(n) === 'complaint' && p.author.followers < 50_000 && p.counts.likes >= 100
    )
    expect(viral.length).toBeGreaterThan(0)
  })

  it('threads a few replies to earlier demo posts', () => {
    const replies = week.filter((p) => p.replyToId !== null)
    expect(share(week, (p) => p.replyToId !== null)).toBeGreaterThan(0.02)
    expect(share(week, (p) => p.replyToId !== null)).toBeLessThan(0.12)
    const byId = new Map(week.map((p, n) => [p.id, n]))
    week.forEach((post, n) => {
      if (post.replyToId === null) return
      const parent = byId.get(post.replyToId)
      expect(parent).toBeDefined()
      expect(parent ?? Infinity).toBeLessThan(n)
      const parentPost = week[parent ?? 0] as IncomingPost
      expect(post.text.startsWith(`@${parentPost.author.handle}`)).toBe(true)
      expect(post.language).toBe(parentPost.language)
      expect(post.author.handle).not.toBe(parentPost.author.handle)
    })
    expect(replies.length).toBeGreaterThan(100)
  })
})

describe('demo generator: live rhythm', () => {
  const rhythm = Array.from({ length: 20_000 }, (_, n) => generator.nextLive(n))

  it('waits 2–6 s on average and emits one post at a time', () => {
    const mean = rhythm.reduce((sum, r) => sum + r.delayMs, 0) / rhythm.length
    expect(mean).toBeGreaterThan(2000)
    expect(mean).toBeLessThan(6000)
    expect(share(rhythm, (r) => r.count === 1)).toBeGreaterThan(0.9)
    expect(rhythm.every((r) => Number.isInteger(r.delayMs) && r.delayMs > 0)).toBe(true)
  })

  it('bursts now and then, 3–10 posts within a second', () => {
    const bursts = rhythm.filter((r) => r.count > 1)
    expect(bursts.length / rhythm.length).toBeGreaterThan(0.02)
    expect(bursts.length / rhythm.length).toBeLessThan(0.07)
    for (const burst of bursts) {
      expect(burst.count).toBeGreaterThanOrEqual(3)
      expect(burst.count).toBeLessThanOrEqual(10)
      expect(burst.delayMs).toBeLessThan(1000)
    }
    expect(new Set(bursts.map((b) => b.count)).size).toBeGreaterThan(5)
  })

  it('is deterministic and speeds up during an incident', () => {
    expect(new DemoGenerator({ seed: 42 }).nextLive(1234)).toEqual(generator.nextLive(1234))
    const inIncident = rhythm.filter((r, n) => r.count === 1 && generator.incidentAt(n + 1)?.kind === 'outage')
    const calm = rhythm.filter((r, n) => r.count === 1 && generator.incidentAt(n + 1) === null)
    const mean = (rs: typeof rhythm): number => rs.reduce((sum, r) => sum + r.delayMs, 0) / rs.length
    expect(inIncident.length).toBeGreaterThan(100)
    expect(mean(inIncident)).toBeLessThan(0.5 * mean(calm))
  })
})

describe('demo phrase books', () => {
  it('compile, use only known slots and leave every purpose something to say', () => {
    const books = compiledBooks()
    for (const language of DEMO_LANGUAGES) {
      const book = books[language]
      for (const intent of INTENTS) {
        expect(book.posts[intent].all.length, `${language} ${intent}`).toBeGreaterThan(0)
        // The cloud service must have templates too (hardware-only ones are skipped for it).
        expect(book.posts[intent].service.length, `${language} ${intent} service`).toBeGreaterThan(0)
      }
      for (const kind of PRODUCT_KINDS) {
        expect(book.kinds[kind].problem.length).toBeGreaterThanOrEqual(3)
        expect(book.kinds[kind].good.length).toBeGreaterThanOrEqual(3)
        expect(book.kinds[kind].feature.length).toBeGreaterThanOrEqual(3)
      }
      for (const template of book.posts.help_explicit.all) {
        expect(slotsOf(template), template.source).toContain('at')
      }
      for (const group of [book.replies.problem, book.replies.positive]) {
        for (const set of Object.values(group)) {
          for (const template of set.all) expect(template.source.startsWith('{parent}'), template.source).toBe(true)
        }
      }
    }
    expect(PHRASES.de.words.dur.length).toBeGreaterThan(0)
  })

  it('has hundreds of templates', () => {
    let total = 0
    for (const language of DEMO_LANGUAGES) {
      const book = PHRASES[language]
      for (const intent of INTENTS) total += book.posts[intent].length
    }
    expect(total).toBeGreaterThan(300)
  })

  it('rejects unknown slots and stray braces', () => {
    expect(() => compileTemplate('hello {nope}')).toThrow(/Unknown slot/)
    expect(() => compileTemplate('hello {brand')).toThrow(/Stray brace/)
    expect(slotsOf(compileTemplate('^{Problem} at {shop}'))).toEqual(['problem', 'shop'])
  })
})

describe('demo randomness', () => {
  it('hashes (seed, n, stream) to well-spread seeds', () => {
    const seeds = new Set<number>()
    for (let n = 0; n < 10_000; n++) seeds.add(hashSeed(42, n, 1))
    expect(seeds.size).toBe(10_000)
    expect(hashSeed(42, 5, 1)).not.toBe(hashSeed(42, 5, 2))
    expect(hashSeed(42, 2 ** 33, 1)).not.toBe(hashSeed(42, 0, 1))
  })

  it('produces uniform-looking floats', () => {
    const rng = new Rng(hashSeed(1, 2, 3))
    const buckets = new Array<number>(10).fill(0)
    let outOfRange = 0
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next()
      if (!(x >= 0 && x < 1)) outOfRange++
      const bucket = Math.floor(x * 10)
      buckets[bucket] = (buckets[bucket] ?? 0) + 1
    }
    expect(outOfRange).toBe(0)
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(600)
  })
})
