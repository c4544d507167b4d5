import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { openCore, StoreOpenError, type Core } from '../main/core'
import { classifyStream, parseBrand } from './classify'
import { defaultDataDir } from '../main/core/paths'
import { SECRETS_FILE } from '../main/core/secrets/store'
import { EARSHOT_VERSION } from '../main/core/version'
import { builtRendererDir, startWebHost } from '../main/host/server'
import { loadOrCreateTokens } from '../main/host/tokens'

/** Exit codes: 0 fine, 1 could not do it, 2 wrong usage. */
const EXIT_FAILURE = 1
const EXIT_USAGE = 2

export const USAGE = `Usage: earshot <command> [options]

Commands:
  serve            Serve Earshot to browsers: this machine, or a wall screen (read-only link)
  classify         Triage posts offline: JSON Lines in on stdin, one result line out per post
  help             Show this help

Options for serve:
  --port <n>       Port to listen on (default 5170; 0 picks a free port)
  --host <addr>    Address to bind (default 127.0.0.1; another address exposes Earshot to your network)
  --no-demo        Do not run the built-in demo workspace

Options for classify:
  --brand <list>   The brand's names and @handles, comma-separated (default "Lumora,@lumora",
                   the demo workspace's brand)
                   In:  {"id": "1", "text": "…", "followers": 120, "network": "mastodon", "language": "de"}
                   Out: {"id": "1", "language": "deu", "sentiment": -1, "sentiment_score": -0.62,
                         "intent": "help_implicit", "confidence": 0.71, "priority": 41,
                         "needs_response": true, "factors": [{"factor", "weight", "contribution", "reason"}]}
                   A line that is not a valid post gives {"line": 7, "error": "…"}; exit code 1 then.
                   sentiment_score is null where there is no sentiment model (languages other than
                   German and English): sentiment is then 0 meaning "unknown".

Options for every command:
  --data-dir <dir> Data folder (default: $EARSHOT_DATA_DIR, else the desktop app's folder)
  -h, --help       Show this help
  -v, --version    Show Earshot's version
`

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'no-demo': { type: 'boolean' },
  brand: { type: 'string' }
} satisfies ParseArgsConfig['options']

export interface CliIo {
  out(line: string): void
  err(line: string): void
  env: NodeJS.ProcessEnv
  /** Standard input (classify reads JSON Lines from it); the process's stdin when run as `earshot`. */
  stdin?: AsyncIterable<string | Uint8Array>
}

class UsageError extends Error {}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 5170
  const port = Number(raw)
  if (!/^\d+$/.test(raw) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${raw}".`)
  return port
}

async function serve(values: Record<string, string | boolean | undefined>, io: CliIo): Promise<number> {
  const port = parsePort(values.port as string | undefined)
  const host = (values.host as string | undefined) ?? '127.0.0.1'
  const dataDir = (values['data-dir'] as string | undefined) ?? defaultDataDir(io.env)
  let core: Core
  try {
    core = openCore({ dataDir, demo: values['no-demo'] !== true, version: EARSHOT_VERSION })
  } catch (error) {
    if (error instanceof StoreOpenError) {
      io.err(`Earshot: ${error.message}`)
      return EXIT_FAILURE
    }
    throw error
  }
  let host_
  try {
    const tokens = loadOrCreateTokens(dataDir)
    const rendererDir = builtRendererDir(dirname(fileURLToPath(import.meta.url)))
    host_ = await startWebHost({ core, tokens, rendererDir, host, port })
  } catch (error) {
    core.close()
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') io.err(`Earshot: port ${port} on ${host} is already in use; choose another one with --port.`)
    else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') io.err(`Earshot: cannot listen on ${host}: this machine has no such address.`)
    else if (code === 'EACCES') io.err(`Earshot: not allowed to listen on port ${port}; choose one above 1023 with --port.`)
    else io.err(`Earshot: could not start the web host: ${(error as Error).message}`)
    return EXIT_FAILURE
  }
  const webHost = host_
  io.out(`Earshot is serving on ${webHost.fullAccessUrl}`)
  io.out(`Wall screens (read-only): ${webHost.readOnlyUrl}`)
  io.out(`Data folder: ${dataDir}`)
  if (core.secretProtection === 'user-only-file') {
    io.out(`Account secrets: kept in ${join(dataDir, SECRETS_FILE)}, readable only by you (earshot serve has no OS keyring to encrypt them).`)
  }
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    io.err('Earshot: note: listening beyond this machine; anyone on the network with a link can see what it shows.')
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void webHost.close().then(() => {
        core.close()
        resolve()
      })
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  return 0
}

async function classify(values: Record<string, string | boolean | undefined>, io: CliIo): Promise<number> {
  const brand = parseBrand(values.brand as string | undefined)
  if (brand.names.length + brand.handles.length === 0) throw new UsageError('--brand needs at least one name or @handle.')
  if (!io.stdin) throw new UsageError('classify reads posts from standard input.')
  const { errors } = await classifyStream(io.stdin, io.out, brand)
  return errors ? EXIT_FAILURE : 0
}

/** Runs one `earshot` command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    io.err(`earshot: ${(error as Error).message}\n`)
    io.err(USAGE)
    return EXIT_USAGE
  }
  const { values, positionals } = parsed
  if (values.version) {
    io.out(EARSHOT_VERSION)
    return 0
  }
  const [command, ...rest] = positionals
  if (values.help || command === undefined || command === 'help') {
    io.out(USAGE)
    return command === undefined && !values.help ? EXIT_USAGE : 0
  }
  try {
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}".`)
    if (command === 'serve') return await serve(values, io)
    if (command === 'classify') return await classify(values, io)
    throw new UsageError(`unknown command "${command}".`)
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`earshot: ${error.message}\n`)
      io.err(USAGE)
      return EXIT_USAGE
    }
    throw error
  }
}

/** Entry point used by bin/earshot.js: runs the process's command line and exits with its code. */
export function main(): void {
  runCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    stdin: process.stdin
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('Earshot stopped because of an unexpected error:', error)
      process.exit(EXIT_FAILURE)
    }
  )
}
