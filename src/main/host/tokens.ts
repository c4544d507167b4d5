import { randomBytes, timingSafeEqual } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Access } from '@shared/contract/domains'

/** The two secrets of the web host: one that may act, one that may only look (wall screens). */
export interface HostTokens {
  full: string
  read: string
}

export const TOKENS_FILE = 'host-tokens.json'

function newToken(): string {
  return randomBytes(24).toString('base64url')
}

function isTokens(value: unknown): value is HostTokens {
  if (!value || typeof value !== 'object') return false
  const { full, read } = value as Record<string, unknown>
  return typeof full === 'string' && typeof read === 'string' && full.length >= 16 && read.length >= 16 && full !== read
}

/**
 * Loads the host's tokens, creating them on first use. They are kept (mode 0600, readable by the
 * user only) so that a wall screen's bookmarked URL keeps working across host restarts. Delete
 * the file to revoke every URL handed out so far.
 */
export function loadOrCreateTokens(dataDir: string): HostTokens {
  const path = join(dataDir, TOKENS_FILE)
  if (existsSync(path)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
      if (isTokens(parsed)) return parsed
    } catch {
      // Unreadable or hand-edited: fall through and issue fresh tokens (old URLs stop working).
    }
  }
  const tokens = { full: newToken(), read: newToken() }
  writeFileSync(path, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 })
  chmodSync(path, 0o600)
  return tokens
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** Which access a presented token grants, or null. Constant-time comparison. */
export function accessForToken(tokens: HostTokens, presented: string | undefined | null): Access | null {
  if (!presented) return null
  if (same(presented, tokens.full)) return 'full'
  if (same(presented, tokens.read)) return 'read'
  return null
}
