/**
 * Seeded randomness for the demo workspace. Every post draws from its own generator seeded by
 * hashing (seed, n, stream), so post n never depends on posts 0..n-1 and a benchmark can jump
 * straight to post 1,000,000.
 */

const TWO_POW_32 = 4294967296

/** The 32-bit finaliser of MurmurHash3: every input bit affects every output bit. */
export function fmix32(value: number): number {
  let h = value | 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * Hash (seed, n, stream) to a 32-bit generator seed. Seeds and indices beyond 2^32 keep their
 * high bits; `stream` separates independent uses of the same (seed, n) (text, timing, live…).
 */
export function hashSeed(seed: number, n: number, stream: number): number {
  const seedHigh = Math.floor(seed / TWO_POW_32)
  const nHigh = Math.floor(n / TWO_POW_32)
  let h = fmix32((seed >>> 0) ^ Math.imul(stream, 0x9e3779b1))
  h = fmix32(h ^ Math.imul(seedHigh, 0x27d4eb2f))
  h = fmix32(h + (n >>> 0))
  return fmix32(h ^ Math.imul(nHigh, 0x165667b1))
}

/** One uniform float in [0, 1) from (seed, n, stream), without creating a generator. */
export function hashUnit(seed: number, n: number, stream: number): number {
  return hashSeed(seed, n, stream) / TWO_POW_32
}

/** mulberry32: tiny, fast and good enough for believable fake data (not for anything secret). */
export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed | 0
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32
  }

  /** Uniform integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.next() * max)
  }

  /** Uniform float in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new RangeError('Rng.pick needs a non-empty array')
    return item
  }

  /** Approximately standard normal (Irwin–Hall of three uniforms: cheap, bounded at ±3). */
  normal(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2
  }

  /** Exponential with mean 1 (gaps of a Poisson process). */
  exponential(): number {
    return -Math.log(1 - this.next())
  }
}

/** A fixed weighted choice, precomputed once (cumulative weights, linear scan: tables are small). */
export class WeightedTable<T> {
  private readonly items: readonly T[]
  private readonly cumulative: Float64Array

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new RangeError('WeightedTable needs at least one entry')
    this.items = entries.map(([item]) => item)
    this.cumulative = new Float64Array(entries.length)
    let total = 0
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0)) throw new RangeError('WeightedTable weights must be >= 0')
      total += weight
      this.cumulative[i] = total
    })
    if (total <= 0) throw new RangeError('WeightedTable needs a positive total weight')
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i] = (this.cumulative[i] ?? 0) / total
  }

  pick(rng: Rng): T {
    const r = rng.next()
    const last = this.items.length - 1
    for (let i = 0; i < last; i++) {
      if (r < (this.cumulative[i] ?? 1)) return this.items[i] as T
    }
    return this.items[last] as T
  }
}
