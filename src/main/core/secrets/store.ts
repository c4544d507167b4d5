import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * How secrets are protected at rest. The desktop app encrypts with the OS keyring (Electron
 * safeStorage); `earshot serve` has no keyring under plain Node and keeps them in a file only
 * the user can read — and says so once, plainly.
 */
export interface SecretCodec {
  /** 'os-keyring' when encrypted by the operating system, 'user-only-file' otherwise. */
  readonly protection: 'os-keyring' | 'user-only-file'
  encode(plain: string): string
  decode(stored: string): string
}

export const PLAIN_FILE_CODEC: SecretCodec = {
  protection: 'user-only-file',
  encode: (plain) => plain,
  decode: (stored) => stored
}

export const SECRETS_FILE = 'secrets.json'

/**
 * Account secrets (tokens, app passwords, sessions) by account id. Never in the database,
 * never sent to the renderer, never logged: nothing here has a toString that could leak them.
 * Writes are atomic (temp file + rename) with mode 0600.
 */
export class SecretStore {
  private readonly path: string
  private cache: Record<string, string> | null = null

  constructor(
    dataDir: string,
    private readonly codec: SecretCodec = PLAIN_FILE_CODEC
  ) {
    this.path = join(dataDir, SECRETS_FILE)
  }

  get protection(): SecretCodec['protection'] {
    return this.codec.protection
  }

  get(id: string): string | null {
    const stored = this.load()[id]
    return stored === undefined ? null : this.codec.decode(stored)
  }

  set(id: string, secret: string): void {
    this.save({ ...this.load(), [id]: this.codec.encode(secret) })
  }

  delete(id: string): void {
    const entries = this.load()
    if (!(id in entries)) return
    this.save(Object.fromEntries(Object.entries(entries).filter(([key]) => key !== id)))
  }

  private load(): Record<string, string> {
    if (this.cache) return this.cache
    if (!existsSync(this.path)) return (this.cache = {})
    const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'))
    if (!parsed || typeof parsed !== 'object') throw new Error(`${this.path} is not a secrets file.`)
    this.cache = Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    return this.cache
  }

  private save(entries: Record<string, string>): void {
    const temp = `${this.path}.tmp`
    writeFileSync(temp, `${JSON.stringify(entries)}\n`, { mode: 0o600 })
    chmodSync(temp, 0o600)
    renameSync(temp, this.path)
    this.cache = entries
  }
}
