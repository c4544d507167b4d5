/**
 * A real, local Bluesky network for one test file: PLC + PDS + Bluesky AppView (+ the bsync and
 * Ozone services `TestNetwork` always starts) from `@atproto/dev-env`, on a throw-away PostgreSQL
 * (see postgres.ts), every server on 127.0.0.1 (see loopback.ts; `preload.ts` applies it).
 *
 * - Each run uses fresh Postgres schemas (`appview_<x>`, `bsync_<x>`, `ozone_<x>`, `<x>` made of
 *   letters and `_` only), in a database server that only lives for the run anyway.
 * - The PDS keeps its SQLite files and blobs, and dev-env its port reservations, under
 *   `os.tmpdir()`; we point that at the run's own temp folder while the network starts, so
 *   `stop()` removes them too.
 * - Redis is not used: `REDIS_HOST` only has to be set (TestNetwork asserts it).
 * - The AppView indexes asynchronously: call `network.processAll()` after writes before reading
 *   timelines, notifications, threads or search.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestNetwork } from '@atproto/dev-env'
import { startPostgres, type TempPostgres } from './postgres'

export interface LocalBluesky {
  network: TestNetwork
  /** The PDS: where accounts log in, write, and (proxied) read the AppView. */
  pdsUrl: string
  /** The AppView, for direct reads. */
  appviewUrl: string
  /** Milliseconds from the start of Postgres to a ready network. */
  startupMs: number
  /** Of which: initdb + pg_ctl start. */
  postgresMs: number
  stop(): Promise<void>
}

function randomLetters(length: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  let out = ''
  for (let i = 0; i < length; i++) out += letters[Math.floor(Math.random() * letters.length)] ?? 'x'
  return out
}

export async function startLocalBluesky(): Promise<LocalBluesky> {
  const started = Date.now()
  let postgres: TempPostgres | null = null
  const scratch = mkdtempSync(join(tmpdir(), 'earshot-bsky-'))
  const previousTmp = process.env.TMPDIR
  try {
    postgres = await startPostgres()
    const postgresMs = Date.now() - started
    process.env.REDIS_HOST ??= '127.0.0.1:6379'
    // Set before the import: dev-env also keeps its port reservations under os.tmpdir().
    process.env.TMPDIR = scratch
    const { TestNetwork } = await import('@atproto/dev-env')
    let network: TestNetwork
    try {
      network = await TestNetwork.create({
        dbPostgresUrl: postgres.url,
        dbPostgresSchema: `earshot_${randomLetters(10)}`
      })
    } finally {
      if (previousTmp === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = previousTmp
    }
    const pg = postgres
    return {
      network,
      pdsUrl: network.pds.url,
      appviewUrl: network.bsky.url,
      startupMs: Date.now() - started,
      postgresMs,
      stop: async () => {
        try {
          await network.close()
        } finally {
          await pg.stop()
          rmSync(scratch, { recursive: true, force: true })
        }
      }
    }
  } catch (error) {
    await postgres?.stop()
    rmSync(scratch, { recursive: true, force: true })
    throw error
  }
}
