/**
 * A tiny template engine for the demo texts, compiled once so that filling one in is a loop of
 * string concatenations (the benchmarks generate a million posts).
 *
 * `{slot}` inserts a value; `{Slot}` inserts it with a capital first letter (sentence start).
 * A leading `^` marks a template that only fits a physical product (see phrases/types.ts).
 */

/** Every slot a template may use. */
export const SLOTS = [
  'brand', // the brand name
  'at', // the brand's handle, @lumora
  'product', // the product the post is about
  'my', // "my {product}" in the right gender and number
  'problem', // a problem clause for the product's family
  'feature', // a wished-for feature for the product's family
  'good', // a positive clause for the product's family
  'comp', // the competing product of the same family
  'rival', // the competitor's name
  'time', // "since this morning"
  'dur', // "3 days"
  'quick', // "10 minutes"
  'shop', // a shop
  'nth', // "third"
  'pct', // "8%"
  'neg', // a negative emoji, or nothing
  'pos', // a positive emoji, or nothing
  'neu', // a neutral emoji, or nothing
  'tag', // a hashtag for the product's family, or nothing
  'parent', // @handle of the author being replied to
  'oclause', // what is broken during an outage
  'otopic', // what the outage is about, as a noun phrase
  'otag', // the outage's hashtag
  'ver', // the firmware version of an update outage
  'launch', // the product being launched
  'price', // its price, written the local way
  'ltag' // the launch's hashtag, or nothing
] as const

export type SlotName = (typeof SLOTS)[number]

const SLOT_IDS: ReadonlyMap<string, number> = new Map(SLOTS.map((name, id) => [name, id]))

/**
 * A compiled template: literal strings and slot references. A slot reference is the number
 * `id * 2 + capitalise`, so a part is either a string or a small integer.
 */
export interface Template {
  readonly parts: readonly (string | number)[]
  /** True for `^` templates that need a physical product. */
  readonly hardwareOnly: boolean
  /** The source, for error messages and tests. */
  readonly source: string
}

/** Resolves a slot (by id, see SLOTS) for the post being written. */
export interface SlotSource {
  slot(id: number): string
}

const SLOT_PATTERN = /\{([A-Za-z]+)\}/g

export function compileTemplate(source: string): Template {
  const hardwareOnly = source.startsWith('^')
  const text = hardwareOnly ? source.slice(1) : source
  const parts: (string | number)[] = []
  let last = 0
  for (const match of text.matchAll(SLOT_PATTERN)) {
    const raw = match[1] ?? ''
    const name = raw.charAt(0).toLowerCase() + raw.slice(1)
    const id = SLOT_IDS.get(name)
    if (id === undefined) throw new Error(`Unknown slot {${raw}} in demo template "${source}"`)
    if (match.index > last) parts.push(text.slice(last, match.index))
    parts.push(id * 2 + (raw !== name ? 1 : 0))
    last = match.index + match[0].length
  }
  if (last < text.length) parts.push(text.slice(last))
  if (text.includes('{') || text.includes('}')) {
    const leftover = text.replace(SLOT_PATTERN, '')
    if (leftover.includes('{') || leftover.includes('}')) throw new Error(`Stray brace in demo template "${source}"`)
  }
  return { parts, hardwareOnly, source }
}

export function compileAll(sources: readonly string[]): Template[] {
  return sources.map(compileTemplate)
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1)
}

export function expandTemplate(template: Template, source: SlotSource): string {
  let out = ''
  for (const part of template.parts) {
    if (typeof part === 'string') {
      out += part
    } else {
      const value = source.slot(part >> 1)
      out += (part & 1) === 1 ? capitalise(value) : value
    }
  }
  return out
}

/** The slot names a template uses (for tests and checks). */
export function slotsOf(template: Template): SlotName[] {
  const names: SlotName[] = []
  for (const part of template.parts) {
    if (typeof part === 'number') {
      const name = SLOTS[part >> 1]
      if (name !== undefined) names.push(name)
    }
  }
  return names
}
