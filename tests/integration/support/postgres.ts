/**
 * A throw-away PostgreSQL server for one test run: `initdb` into a temp folder, `pg_ctl start`
 * on a free port on 127.0.0.1 with trust auth and fsync off (nothing here has to survive a crash),
 * and `stop()` shuts it down and deletes the folder.
 *
 * PostgreSQL refuses to run as root, so when the tests run as root the binaries run as the
 * `postgres` user (through `runuser`) and the data folder is handed to that user. The binaries are
 * looked up on PATH first, then in /usr/lib/postgresql/<version>/bin (Debian's layout).
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { LOOPBACK } from './loopback'

export interface TempPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string
  port: number
  /** The run's temp folder (the data folder is `<dir>/pgdata`); deleted by `stop()`. */
  dir: string
  stop(): Promise<void>
}

function onPath(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** The folder holding initdb/pg_ctl, or '' when they are on PATH. */
export function findPostgresBin(): string {
  if (onPath('initdb') && onPath('pg_ctl')) return ''
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a))
    for (const version of versions) {
      const bin = join(root, version, 'bin')
      if (existsSync(join(bin, 'initdb'))) return bin
    }
  }
  throw new Error('PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin); tests/integration/run.sh installs it')
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, LOOPBACK, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export async function startPostgres(): Promise<TempPostgres> {
  const bin = findPostgresBin()
  const tool = (name: string): string => (bin ? join(bin, name) : name)
  const asRoot = userInfo().uid === 0
  const run = (name: string, args: string[]): void => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', tool(name), ...args]] : [tool(name), args]
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
  }

  const dir = mkdtempSync(join(tmpdir(), 'earshot-pg-'))
  const data = join(dir, 'pgdata')
  if (asRoot) {
    const ids = execFileSync('id', ['-u', 'postgres']).toString().trim()
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim()
    chownSync(dir, Number(ids), Number(gid))
  }
  chmodSync(dir, 0o700)
  const port = await freePort()
  const stop = async (): Promise<void> => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
    } catch {
      // Not running (start failed): nothing to stop.
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'])
    const options = [
      `-c listen_addresses=${LOOPBACK}`,
      `-p ${port}`,
      `-k ${dir}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200'
    ].join(' ')
    run('pg_ctl', ['-D', data, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', '-o', options, 'start'])
  } catch (error) {
    await stop()
    throw error
  }
  return { url: `postgres://postgres@${LOOPBACK}:${port}/postgres`, port, dir, stop }
}
