/**
 * Bluesky record keys (TIDs) chosen by us, so that a publish can be retried safely. Kept apart
 * from publish.ts so the core can mint one without loading the AT Protocol client.
 */
import { randomInt } from 'node:crypto'

const S32 = '234567abcdefghijklmnopqrstuvwxyz'
let lastMicros = 0
let clockId: number | null = null

function s32(value: number, length: number): string {
  let out = ''
  let rest = value
  for (let i = 0; i < length; i++) {
    out = S32.charAt(rest % 32) + out
    rest = Math.floor(rest / 32)
  }
  return out
}

/**
 * A new TID record key (13 characters, base32-sortable: 53 bits of microseconds since 1970 and a
 * 10-bit clock id), strictly increasing within the process — the same format as Bluesky's own
 * clients (`TID.nextStr()` in @atproto/common-web, which is not a direct dependency here).
 */
export function newRecordKey(now: () => number = Date.now): string {
  const micros = Math.max(now() * 1000, lastMicros + 1)
  lastMicros = micros
  clockId ??= randomInt(0, 32)
  return s32(micros, 11) + s32(clockId, 2)
}
