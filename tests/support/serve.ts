import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/earshot.js', import.meta.url))

export interface ServeProcess {
  /** Full-access URL with ?token=… as printed. */
  url: string
  /** Read-only URL for wall screens. */
  readOnlyUrl: string
  child: ChildProcess
  /** Everything the process wrote, for failure messages. */
  output(): string
  stop(): Promise<number | null>
}

/** Starts the built `earshot serve` as a user would, on a free port, and waits for its URL line. */
export function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`earshot serve printed no URL within 20 s:\n${output}`)), 20_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const full = /Earshot is serving on (\S+)/.exec(output)
      const read = /Wall screens \(read-only\): (\S+)/.exec(output)
      if (full?.[1] && read?.[1]) {
        clearTimeout(timer)
        resolve({
          url: full[1],
          readOnlyUrl: read[1],
          child,
          output: () => output,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode)
              child.once('exit', (code) => done(code))
              child.kill('SIGTERM')
            })
        })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`earshot serve exited with ${code}:\n${output}`))
    })
  })
}
