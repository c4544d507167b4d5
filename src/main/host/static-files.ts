import { createReadStream, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8'
}

/**
 * Resolves a URL path to a file inside `root`, or null. Refuses anything that would leave the
 * folder (`..`, encoded separators) rather than trying to clean it up.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  if (relative.split(/[/\\]/).includes('..')) return null
  const full = join(root, relative)
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null
  try {
    return statSync(full).isFile() ? full : null
  } catch {
    return null
  }
}

/** Streams a file with its type; hashed build assets are cached for good, the rest revalidated. */
export function sendFile(res: ServerResponse, path: string, headers: Record<string, string>): void {
  const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream'
  const immutable = /[\\/]assets[\\/]/.test(path)
  res.writeHead(200, {
    ...headers,
    'Content-Type': type,
    'Cache-Control': immutable ? 'private, max-age=31536000, immutable' : 'no-cache'
  })
  createReadStream(path).pipe(res)
}
