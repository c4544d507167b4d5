import type { Intent } from '@shared/domain/intent'
import { BRAND, COMPETITORS, LAUNCHES, PRODUCTS, type CompetitorDef, type LaunchDef, type ProductDef } from './cast'
import {
  EMOJI,
  HASHTAGS,
  LAUNCH_TAGS,
  OUTAGE_TAGS,
  PHRASES,
  type DemoLanguage,
  type LaunchIntent,
  type OutageIntent,
  type OutageTheme,
  type PositiveReplyIntent,
  type ProblemReplyIntent,
  type ProductKind
} from './phrases'
import type { Rng } from './random'
import { compileAll, expandTemplate, SLOTS, type SlotSource, type Template } from './template'

/** Templates for one purpose, with the subset usable for the cloud service precomputed. */
export interface TemplateSet {
  all: readonly Template[]
  /** Without `^` (hardware-only) templates. */
  service: readonly Template[]
}

interface KindTemplates {
  my: readonly Template[]
  problem: readonly Template[]
  feature: readonly Template[]
  good: readonly Template[]
}

/** One language's phrase book, compiled once per process. */
export interface CompiledBook {
  language: DemoLanguage
  posts: Record<Intent, TemplateSet>
  influencer: TemplateSet
  replies: { problem: Record<ProblemReplyIntent, TemplateSet>; positive: Record<PositiveReplyIntent, TemplateSet> }
  outage: Record<OutageIntent, TemplateSet>
  outageThemes: Record<OutageTheme, { clause: readonly Template[]; topic: readonly Template[] }>
  launch: Record<LaunchIntent, TemplateSet>
  kinds: Record<ProductKind, KindTemplates>
  words: Record<'time' | 'dur' | 'quick' | 'shop' | 'nth' | 'pct', readonly string[]>
  /** Launch prices, by index into LAUNCHES. */
  prices: readonly string[]
}

/** Map every value of a record (keys are preserved, so the cast is sound). */
function mapRecord<K extends string, A, B>(record: Record<K, A>, map: (value: A) => B): Record<K, B> {
  const out: Partial<Record<K, B>> = {}
  for (const key of Object.keys(record) as K[]) out[key] = map(record[key])
  return out as Record<K, B>
}

function templateSet(sources: readonly string[]): TemplateSet {
  const all = compileAll(sources)
  return { all, service: all.filter((template) => !template.hardwareOnly) }
}

function compileBook(language: DemoLanguage): CompiledBook {
  const book = PHRASES[language]
  return {
    language,
    posts: mapRecord(book.posts, templateSet),
    influencer: templateSet(book.influencer),
    replies: {
      problem: mapRecord(book.replies.problem, templateSet),
      positive: mapRecord(book.replies.positive, templateSet)
    },
    outage: mapRecord(book.outage, templateSet),
    outageThemes: mapRecord(book.outageThemes, (theme) => ({
      clause: compileAll(theme.clause),
      topic: compileAll(theme.topic)
    })),
    launch: mapRecord(book.launch, templateSet),
    kinds: mapRecord(book.kinds, (kind) => ({
      my: compileAll(kind.my),
      problem: compileAll(kind.problem),
      feature: compileAll(kind.feature),
      good: compileAll(kind.good)
    })),
    words: book.words,
    prices: LAUNCHES.map((launch) => book.price(launch.euros))
  }
}

let compiled: Record<DemoLanguage, CompiledBook> | null = null

/** All phrase books, compiled on first use (the phrases are static, so once per process). */
export function compiledBooks(): Record<DemoLanguage, CompiledBook> {
  compiled ??= {
    de: compileBook('de'),
    en: compileBook('en'),
    fr: compileBook('fr'),
    es: compileBook('es'),
    it: compileBook('it'),
    nl: compileBook('nl'),
    pl: compileBook('pl')
  }
  return compiled
}

const FALLBACK_PRODUCT: ProductDef = PRODUCTS[0] ?? { key: 'book14', kind: 'laptop', names: ['Lumora Book 14'], weight: 1 }
const FALLBACK_RIVAL: CompetitorDef = COMPETITORS[0] ?? {
  name: 'Voltic',
  products: { laptop: 'Voltic Air 14', phone: 'Voltic V12', buds: 'Voltic Pods 3', cloud: 'Voltic Drive' }
}

/**
 * Writes the text of one post: holds what the post is about and answers the template slots.
 * One writer is reused for every post of a generator (post() is synchronous), which keeps the
 * hot path free of allocations beyond the strings themselves.
 */
export class PostWriter implements SlotSource {
  book: CompiledBook
  rng: Rng
  product: ProductDef = FALLBACK_PRODUCT
  rival: CompetitorDef = FALLBACK_RIVAL
  parentHandle = ''
  outageTheme: OutageTheme = 'cloud'
  version = ''
  launch: LaunchDef | null = null
  launchIndex = 0

  constructor(book: CompiledBook, rng: Rng) {
    this.book = book
    this.rng = rng
  }

  /** Pick a template for the current product (never a hardware-only one for the cloud service). */
  choose(set: TemplateSet): Template {
    const pool = this.product.kind === 'cloud' ? set.service : set.all
    return this.rng.pick(pool.length > 0 ? pool : set.all)
  }

  /** Fill a template in and tidy the whitespace that empty slots (no emoji, no hashtag) leave. */
  write(template: Template): string {
    const text = expandTemplate(template, this)
    return text.includes('  ') ? text.replace(/ {2,}/g, ' ').trim() : text.trim()
  }

  private nested(templates: readonly Template[]): string {
    return expandTemplate(this.rng.pick(templates), this)
  }

  slot(id: number): string {
    const kind = this.product.kind
    switch (SLOTS[id]) {
      case 'brand':
        return BRAND.name
      case 'at':
        return `@${BRAND.handle}`
      case 'product':
        return this.rng.pick(this.product.names)
      case 'my':
        return this.nested(this.book.kinds[kind].my)
      case 'problem':
        return this.nested(this.book.kinds[kind].problem)
      case 'feature':
        return this.nested(this.book.kinds[kind].feature)
      case 'good':
        return this.nested(this.book.kinds[kind].good)
      case 'comp':
        return this.rival.products[kind]
      case 'rival':
        return this.rival.name
      case 'time':
        return this.rng.pick(this.book.words.time)
      case 'dur':
        return this.rng.pick(this.book.words.dur)
      case 'quick':
        return this.rng.pick(this.book.words.quick)
      case 'shop':
        return this.rng.pick(this.book.words.shop)
      case 'nth':
        return this.rng.pick(this.book.words.nth)
      case 'pct':
        return this.rng.pick(this.book.words.pct)
      case 'neg':
        return this.rng.pick(EMOJI.neg)
      case 'pos':
        return this.rng.pick(EMOJI.pos)
      case 'neu':
        return this.rng.pick(EMOJI.neu)
      case 'tag':
        return this.rng.pick(HASHTAGS[kind])
      case 'parent':
        return `@${this.parentHandle}`
      case 'oclause':
        return this.nested(this.book.outageThemes[this.outageTheme].clause)
      case 'otopic':
        return this.nested(this.book.outageThemes[this.outageTheme].topic)
      case 'otag':
        return this.rng.pick(OUTAGE_TAGS[this.outageTheme])
      case 'ver':
        return this.version
      case 'launch': {
        const name = this.launch?.name ?? this.product.names[0] ?? ''
        return this.rng.chance(0.6) ? `${BRAND.name} ${name}` : name
      }
      case 'price':
        return this.book.prices[this.launchIndex] ?? ''
      case 'ltag':
        return this.rng.pick(LAUNCH_TAGS)
      default:
        return ''
    }
  }
}
