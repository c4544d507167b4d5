import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Account } from '@shared/domain/account'
import { openCore } from '../../src/main/core'
import { startMastodonServer, type MastodonTestServer } from '../support/mastodon-server'
import { useTempDirs } from '../support/temp'

const root = resolve(import.meta.dirname, '../..')
// Inside the project, so that the child resolves better-sqlite3 from node_modules.
const outDir = join(root, 'node_modules', '.earshot-test')
const childScript = join(outDir, 'outbox-child.mjs')
const tempDir = useTempDirs()
const ROUNDS = Number(process.env.EARSHOT_CRASH_ROUNDS ?? 15)

let server: MastodonTestServer

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true })
  // The child runs the real core from source, bundled the way the app is (migrations included).
  await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { '@shared': join(root, 'src/shared') } },
    build: {
      ssr: join(root, 'tests/support/outbox-child.ts'),
      outDir,
      emptyOutDir: false,
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: 'outbox-child.mjs' } }
    }
  })
  // Answers to posts come 15 ms after the post exists: kills land in that window too.
  server = await startMastodonServer({ writeAnswerDelayMs: 15, rateLimit: { limit: 100_000, windowMs: 60_000 } })
}, 120_000)

afterAll(async () => {
  await server?.close()
})

/** Runs the child until it exits by itself or is killed after `killAfterMs`; returns what it acknowledged. */
function runChild(args: string[], killAfterMs: number | null): Promise<{ acked: string[]; drained: boolean }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [childScript, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer)
      if (signal !== 'SIGKILL' && code !== 0) return fail(new Error(`child exited with ${code}: ${err}`))
      // Only complete lines count: a line cut by the kill was never acknowledged.
      const lines = out.split('\n').slice(0, -1)
      done({ acked: lines.filter((l) => l.startsWith('ACK ')).map((l) => l.slice(4)), drained: lines.includes('DRAINED') })
    })
  })
}

describe('outbox crash safety', () => {
  it(`loses nothing acknowledged and posts nothing twice across ${ROUNDS} SIGKILLs at random moments`, async () => {
    const dataDir = tempDir()
    const setup = openCore({ dataDir, demo: false, version: 'crash-test', sync: false })
    const account = (await setup.registry.dispatch('accounts', 'connectMastodon', { instanceUrl: server.url, accessToken: server.token }, { access: 'full', transport: 'web' })) as Account
    setup.close()

    let seed = 20261125
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const acked: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const result = await runChild([dataDir, account.id, `r${round}`, '8'], 200 + Math.floor(random() * 700))
      acked.push(...result.acked)
    }
    const final = await runChild([dataDir, account.id, 'final', '0'], null)
    expect(final.drained).toBe(true)

    const published = [...server.world.statuses.values()].filter((status) => status.accountId === server.world.owner.id).map((status) => status.searchText.trim())
    const counts = new Map<string, number>()
    for (const text of published) counts.set(text, (counts.get(text) ?? 0) + 1)
    const doubled = [...counts].filter(([, n]) => n > 1)
    const missing = acked.filter((text) => !counts.has(text))
    console.info(`[outbox crash] rounds ${ROUNDS}, acknowledged ${acked.length}, published ${published.length}, POSTs sent ${server.apiRequests('/api/v1/statuses').length}`)
    expect(acked.length).toBeGreaterThan(ROUNDS)
    expect(missing).toEqual([])
    expect(doubled).toEqual([])
    // Retries happened (otherwise the test proved nothing about idempotency).
    expect(server.apiRequests('/api/v1/statuses').length).toBeGreaterThan(published.length)

    const check = openCore({ dataDir, demo: false, version: 'crash-test', sync: false })
    const states = check.store.outbox.recent(10_000).map((item) => item.state)
    check.close()
    expect(states.every((state) => state === 'sent')).toBe(true)
    expect(server.violations).toEqual([])
  }, 180_000)
})
