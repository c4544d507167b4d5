import { createServer } from 'node:net'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(args, { out: (l) => (out += `${l}\n`), err: (l) => (err += `${l}\n`), env: {} })
  return { code, out, err }
}

describe('earshot CLI', () => {
  it('lists its commands with --help', async () => {
    const { code, out } = await run(['--help'])
    expect(code).toBe(0)
    expect(out).toMatch(/serve/)
    expect(out).toMatch(/--data-dir/)
  })

  it('prints usage and exits 2 on unknown flags and commands', async () => {
    for (const args of [['serve', '--prot', '80'], ['frobnicate'], ['serve', '--port', 'eighty'], []]) {
      const { code, err, out } = await run(args)
      expect(code, args.join(' ')).toBe(2)
      expect(err + out).toMatch(/Usage: earshot/)
    }
  })

  it('says in one sentence that the data folder cannot be used', async () => {
    const file = join(tempDir(), 'plain-file')
    writeFileSync(file, 'x')
    const { code, err } = await run(['serve', '--port', '0', '--data-dir', join(file, 'inside')])
    expect(code).toBe(1)
    expect(err.trim().split('\n')).toHaveLength(1)
    expect(err).toMatch(/cannot write to its data folder/)
  })

  it("refuses a database that is not Earshot's and leaves it alone", async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'earshot.db'), 'PK\u0003\u0004 a zip file, perhaps')
    const { code, err } = await run(['serve', '--port', '0', '--data-dir', dir])
    expect(code).toBe(1)
    expect(err).toMatch(/is not an Earshot state database/)
    expect(readFileSync(join(dir, 'earshot.db'), 'utf8')).toBe('PK\u0003\u0004 a zip file, perhaps')
  })

  it('says which port is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const { code, err } = await run(['serve', '--port', String(port), '--no-demo', '--data-dir', tempDir()])
      expect(code).toBe(1)
      expect(err).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`))
    } finally {
      blocker.close()
    }
  })
})
