import type { Intent } from '@shared/domain/intent'
import type { IncomingPost } from '@shared/domain/post'
import { buildCast, COMPETITORS, LAUNCHES, PRODUCTS, type Cast, type CastMember, type ProductDef } from './cast'
import { engagement } from './engagement'
import {
  BASE_INTENTS,
  FIRST_REPLY,
  INFLUENCER_INTENTS,
  INFLUENCER_SHARE,
  LANGUAGE_MIX,
  LAUNCH_INTENTS,
  OUTAGE_INTENTS,
  POSITIVE_REPLY_INTENTS,
  PROBLEM_REPLY_INTENTS,
  REPLY_SHARE,
  REPLY_WINDOW
} from './mix'
import { roughen } from './noise'
import type { DemoLanguage } from './phrases/types'
import { hashSeed, Rng, WeightedTable } from './random'
import { DemoSchedule, type Incident } from './schedule'
import { compiledBooks, PostWriter, type CompiledBook, type TemplateSet } from './text'

/**
 * The demo workspace's post generator (PRODUCT.md "The embedded default"): a believable stream
 * about the fictional brand Lumora, in German, English and five more languages. Pure and
 * deterministic: post n is a function of (seed, n), so the store, the live stream and the
 * benchmarks can all ask for any post in any order.
 */

export const DEMO_SOURCE_ID = 'demo'

export interface DemoGeneratorOptions {
  /** Any safe integer; the same seed always yields the same workspace. */
  seed: number
  /**
   * The clock the day/night rhythm of backfill() follows, in minutes east of UTC. Default 60
   * (Central European time, without daylight saving, so the result never depends on the machine).
   */
  utcOffsetMinutes?: number
}

export interface BackfillOptions {
  /** Days of history (default 7). */
  days?: number
  /** Number of posts (default 5000). */
  count?: number
}

const STREAM_POST = 0x9057

const PRODUCT_MIX = new WeightedTable<ProductDef>(PRODUCTS.map((product) => [product, product.weight] as const))
const PROBLEM_INTENTS: ReadonlySet<Intent> = new Set<Intent>(['help_explicit', 'help_implicit', 'complaint'])

type Mode = 'customer' | 'influencer' | 'reply' | 'outage' | 'launch'

/**
 * Everything decided about post n before its text is written. A class, not object spreads:
 * one fixed shape keeps the hot path fast (the benchmarks generate a million posts).
 */
class Plan {
  constructor(
    readonly rng: Rng,
    readonly member: CastMember,
    readonly intent: Intent,
    readonly product: ProductDef,
    readonly mode: Mode,
    readonly incident: Incident | null,
    readonly templates: TemplateSet,
    /** Post number this one replies to, or -1. */
    readonly parent: number,
    readonly parentHandle: string
  ) {}
}

function productByKey(key: string): ProductDef {
  const product = PRODUCTS.find((candidate) => candidate.key === key)
  if (product === undefined) throw new Error(`Demo product ${key} is missing`)
  return product
}

const CLOUD = productByKey('cloud')
const UPDATE_VICTIMS: readonly ProductDef[] = [productByKey('phonex'), productByKey('book14')]

export class DemoGenerator {
  readonly seed: number
  private readonly cast: Cast
  private readonly books: Record<DemoLanguage, CompiledBook>
  private readonly schedule: DemoSchedule
  private readonly writer: PostWriter

  constructor(options: DemoGeneratorOptions) {
    if (!Number.isSafeInteger(options.seed)) throw new RangeError(`Demo seed must be a safe integer, got ${options.seed}`)
    const offset = options.utcOffsetMinutes ?? 60
    if (!Number.isFinite(offset)) throw new RangeError('utcOffsetMinutes must be a finite number')
    this.seed = options.seed
    this.cast = buildCast(options.seed)
    this.books = compiledBooks()
    this.schedule = new DemoSchedule(options.seed, offset * 60_000)
    this.writer = new PostWriter(this.books.en, new Rng(0))
  }

  /**
   * Post number n, fully determined by (seed, n), stamped with createdAt (epoch ms).
   * id `demo:<seed>-<n>`, remoteId `<seed>-<n>`, sourceId DEMO_SOURCE_ID, network 'demo'.
   */
  post(n: number, createdAt: number): IncomingPost {
    checkIndex(n)
    if (!Number.isFinite(createdAt)) throw new RangeError(`createdAt must be a finite number, got ${createdAt}`)
    const plan = this.plan(n)
    const { rng, member, incident } = plan
    const writer = this.writer
    writer.book = this.books[member.language]
    writer.rng = rng
    writer.product = plan.product
    writer.rival = rng.pick(COMPETITORS)
    writer.parentHandle = plan.parentHandle
    if (incident !== null) {
      writer.outageTheme = incident.theme
      writer.version = incident.version
      writer.launchIndex = incident.launchIndex
      writer.launch = LAUNCHES[incident.launchIndex] ?? null
    }
    let text = writer.write(writer.choose(plan.templates))
    // Professionals proof-read; customers do not.
    if (!member.influencer) text = roughen(text, member.language, rng)
    const counts = engagement(
      {
        followers: member.author.followers,
        intent: plan.intent,
        influencer: member.influencer,
        incident: plan.mode === 'outage' || plan.mode === 'launch'
      },
      rng
    )
    const author = member.author
    const remoteId = `${this.seed}-${n}`
    return {
      id: `demo:${remoteId}`,
      sourceId: DEMO_SOURCE_ID,
      network: 'demo',
      remoteId,
      url: null,
      author: {
        id: author.id,
        network: author.network,
        handle: author.handle,
        displayName: author.displayName,
        followers: author.followers,
        avatarUrl: author.avatarUrl,
        url: author.url
      },
      text,
      html: null,
      language: member.language,
      createdAt,
      editedAt: null,
      replyToId: plan.parent >= 0 ? `demo:${this.seed}-${plan.parent}` : null,
      counts,
      media: [],
      direct: false
    }
  }

  /** The intent post n was written with (ground truth for triage tests; not part of the Post). */
  intendedIntent(n: number): Intent {
    checkIndex(n)
    return this.plan(n).intent
  }

  /** The launch or outage post n belongs to, or null (for tests of spike and crisis detection). */
  incidentAt(n: number): Incident | null {
    checkIndex(n)
    return this.schedule.incidentAt(n)
  }

  /**
   * About a week of history ending at endMs: `count` posts (default 5000) numbered 0..count-1,
   * oldest first, spread over `days` (default 7) with a day/night rhythm, a weekday/weekend
   * difference and visible spikes (a product launch, an outage with many complaints).
   * Post i of the result equals post(i, result[i].createdAt). Deterministic for the same
   * (seed, endMs, options).
   */
  backfill(endMs: number, options: BackfillOptions = {}): IncomingPost[] {
    const days = options.days ?? 7
    const count = options.count ?? 5000
    if (!Number.isFinite(endMs)) throw new RangeError(`endMs must be a finite number, got ${endMs}`)
    if (!(days > 0) || !Number.isFinite(days)) throw new RangeError(`days must be positive, got ${days}`)
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`)
    const times = this.schedule.backfillTimes(endMs, days, count)
    const posts: IncomingPost[] = []
    for (let n = 0; n < count; n++) posts.push(this.post(n, times[n] ?? endMs))
    return posts
  }

  /**
   * The live rhythm after post n: wait delayMs, then emit `count` posts (n+1 .. n+count).
   * Usually one post every 2–6 s; about 1 in 25 times a burst of 3–10 posts within a second;
   * faster while an incident is running. Deterministic from (seed, n).
   */
  nextLive(n: number): { delayMs: number; count: number } {
    checkIndex(n)
    return this.schedule.nextLive(n)
  }

  /** True if post m draws to be a reply; only such posts can be replies (see plan()). */
  private replyCandidate(m: number): boolean {
    if (m < FIRST_REPLY) return false
    if (new Rng(hashSeed(this.seed, m, STREAM_POST)).next() >= REPLY_SHARE) return false
    return this.schedule.incidentAt(m) === null
  }

  private pickCustomer(language: DemoLanguage, rng: Rng): CastMember {
    const pool = this.cast.customers[language]
    // Skewed towards the front: a few regulars post a lot, most people rarely.
    const member = pool[Math.floor(pool.length * Math.pow(rng.next(), 1.7))] ?? pool[0]
    if (member === undefined) throw new Error(`The demo cast has no customers writing ${language}`)
    return member
  }

  /**
   * Decide who writes post n, about what and with which intent. The draws happen in a fixed
   * order from the post's own generator, so intendedIntent(n) and post(n) always agree.
   */
  private plan(n: number): Plan {
    const rng = new Rng(hashSeed(this.seed, n, STREAM_POST))
    const incident = this.schedule.incidentAt(n)
    const replyDraw = rng.next()
    if (n >= FIRST_REPLY && replyDraw < REPLY_SHARE && incident === null) {
      const back = 1 + Math.floor(Math.pow(rng.next(), 2) * Math.min(n, REPLY_WINDOW))
      const parentIndex = n - back
      // A reply answers a post that is not a reply itself; that keeps plan() one level deep.
      if (!this.replyCandidate(parentIndex)) return this.replyPlan(rng, this.plan(parentIndex), parentIndex)
    }

    let themed = false
    if (incident !== null) {
      const intensity = this.schedule.intensity(n)
      // During an incident the usual chatter goes on; the extra posts are about the incident.
      themed = rng.next() < (intensity - 1) / intensity
    }
    let member: CastMember
    if (rng.next() < INFLUENCER_SHARE) member = rng.pick(this.cast.influencers)
    else member = this.pickCustomer(LANGUAGE_MIX.pick(rng), rng)
    const book = this.books[member.language]

    if (themed && incident !== null && incident.kind === 'outage') {
      const intent = OUTAGE_INTENTS.pick(rng)
      const product = incident.theme === 'cloud' ? CLOUD : rng.pick(UPDATE_VICTIMS)
      return new Plan(rng, member, intent, product, 'outage', incident, book.outage[intent], -1, '')
    }
    if (themed && incident !== null) {
      const intent = LAUNCH_INTENTS.pick(rng)
      const kind = LAUNCHES[incident.launchIndex]?.kind ?? 'phone'
      const product = PRODUCTS.find((candidate) => candidate.kind === kind) ?? CLOUD
      return new Plan(rng, member, intent, product, 'launch', incident, book.launch[intent], -1, '')
    }
    if (member.influencer) {
      const intent = INFLUENCER_INTENTS.pick(rng)
      const product = PRODUCT_MIX.pick(rng)
      const ownVoice = intent === 'other' && book.influencer.all.length > 0 && rng.next() < 0.7
      const templates = ownVoice ? book.influencer : book.posts[intent]
      return new Plan(rng, member, intent, product, 'influencer', incident, templates, -1, '')
    }
    const intent = BASE_INTENTS.pick(rng)
    return new Plan(rng, member, intent, PRODUCT_MIX.pick(rng), 'customer', incident, book.posts[intent], -1, '')
  }

  /** Someone writing in the parent's language answers it, about the same product. */
  private replyPlan(rng: Rng, parent: Plan, parentIndex: number): Plan {
    const language = parent.member.language
    const book = this.books[language]
    let member = this.pickCustomer(language, rng)
    if (member === parent.member) {
      const pool = this.cast.customers[language]
      member = pool[(pool.indexOf(member) + 1) % pool.length] ?? member
    }
    const handle = parent.member.author.handle
    if (PROBLEM_INTENTS.has(parent.intent)) {
      const intent = PROBLEM_REPLY_INTENTS.pick(rng)
      return new Plan(rng, member, intent, parent.product, 'reply', null, book.replies.problem[intent], parentIndex, handle)
    }
    const intent = POSITIVE_REPLY_INTENTS.pick(rng)
    return new Plan(rng, member, intent, parent.product, 'reply', null, book.replies.positive[intent], parentIndex, handle)
  }
}

function checkIndex(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Demo post number must be a non-negative integer, got ${n}`)
}
