import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Access, EventName } from '@shared/contract/domains'
import { ApiError, type ApiErrorCode } from '@shared/contract/errors'
import { WALL_VIEW_PARAM, WALL_VIEW_VALUE } from '@shared/wall'
import type { Core } from '../core'
import { CSP_HEADER, contentSecurityPolicy } from '../core/security/csp'
import { accessForToken, type HostTokens } from './tokens'
import { resolveStaticPath, sendFile } from './static-files'

export const SESSION_COOKIE = 'earshot_session'
/** Required on every API call: a cross-site form or <img> cannot send it (CSRF). */
export const CALL_HEADER = 'x-earshot'
const MAX_BODY_BYTES = 1_000_000
const HEARTBEAT_MS = 25_000

export interface WebHostOptions {
  core: Core
  tokens: HostTokens
  /** Folder of the built renderer (index.html and assets/). */
  rendererDir: string
  host: string
  port: number
}

export interface WebHost {
  /** Base URL, e.g. http://127.0.0.1:5170/ */
  url: string
  port: number
  /** Open this to get full access (sets the session cookie). */
  fullAccessUrl: string
  /** Open this on a wall screen: it can look, never act, and opens the wall presentation. */
  readOnlyUrl: string
  close(): Promise<void>
}

const STATUS: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unavailable: 503,
  internal: 500
}

const SECURITY_HEADERS: Record<string, string> = {
  [CSP_HEADER]: contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.')
}

function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('='))
  }
  return null
}

function presentedToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim()
  return readCookie(req, SESSION_COOKIE)
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text)
  })
  res.end(text)
}

function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, STATUS[error.code], { error: error.toJSON() })
}

function sendPlainPage(res: ServerResponse, status: number, title: string, sentence: string): void {
  const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body style="font:16px system-ui,sans-serif;margin:4rem auto;max-width:40rem;line-height:1.5">
<h1>${escape(title)}</h1><p>${escape(sentence)}</p></body></html>`
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(html)
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > MAX_BODY_BYTES) throw new ApiError('invalid_input', 'The request is too large.')
    chunks.push(buffer)
  }
  if (size === 0) return {}
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    throw new ApiError('invalid_input', 'The request body is not valid JSON.')
  }
}

/**
 * `earshot serve`: the same core as the desktop app, over HTTP (calls) and Server-Sent Events
 * (push). Every request needs a token: `?token=` once on the page URL (exchanged for an HttpOnly,
 * SameSite=Strict cookie so the renderer never holds it), or `Authorization: Bearer` for scripts.
 * On a loopback bind the Host header must name this host (defeats DNS rebinding).
 */
export function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core, tokens, rendererDir } = options
  const streams = new Set<ServerResponse>()
  let port = options.port

  const hostAllowed = (req: IncomingMessage): boolean => {
    if (!isLoopback(options.host)) return true
    const host = req.headers.host ?? ''
    return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host)
  }

  const handleApi = async (req: IncomingMessage, res: ServerResponse, path: string, access: Access): Promise<void> => {
    if (path === '/api/events') {
      if (req.method !== 'GET') throw new ApiError('not_found', 'Events are read with GET.')
      openEventStream(req, res)
      return
    }
    const match = /^\/api\/([a-z]+)\/([A-Za-z]+)$/.exec(path)
    if (!match?.[1] || !match[2] || req.method !== 'POST') throw new ApiError('not_found', `There is no API endpoint ${req.method} ${path}.`)
    if (req.headers[CALL_HEADER] !== '1') throw new ApiError('forbidden', 'API calls must carry the X-Earshot header.')
    const body = await readJsonBody(req)
    const input = body && typeof body === 'object' && 'input' in body ? (body as { input: unknown }).input : undefined
    const result = await core.registry.dispatch(match[1], match[2], input, { access, transport: 'web' })
    sendJson(res, 200, { result: result ?? null })
  }

  const openEventStream = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no'
    })
    // Browsers reconnect by themselves after this many ms when the host restarts or the LAN drops.
    res.write('retry: 2000\n: connected\n\n')
    streams.add(res)
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS)
    req.on('close', () => {
      clearInterval(heartbeat)
      streams.delete(res)
    })
  }

  const unsubscribe = core.events.on((event: EventName, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const stream of streams) stream.write(frame)
  })

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://host.invalid')
      try {
        if (!hostAllowed(req)) {
          sendPlainPage(res, 421, 'Wrong host name', 'Open Earshot through the address that earshot serve printed.')
          return
        }
        const queryToken = url.searchParams.get('token')
        if (queryToken !== null && !url.pathname.startsWith('/api/')) {
          const access = accessForToken(tokens, queryToken)
          if (!access) {
            sendPlainPage(res, 401, 'This link is not valid', 'The token in this link is not one this Earshot issued. Use the link that earshot serve printed.')
            return
          }
          url.searchParams.delete('token')
          res.writeHead(303, {
            ...SECURITY_HEADERS,
            Location: `${url.pathname}${url.search}`,
            'Set-Cookie': `${SESSION_COOKIE}=${encodeURIComponent(queryToken)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=31536000`,
            'Cache-Control': 'no-store'
          })
          res.end()
          return
        }
        const access = accessForToken(tokens, presentedToken(req))
        if (url.pathname.startsWith('/api/')) {
          if (!access) throw new ApiError('unauthorized', 'This request needs the token that earshot serve printed.')
          await handleApi(req, res, url.pathname, access)
          return
        }
        if (!access) {
          sendPlainPage(res, 401, 'Earshot needs its link', 'Open the address with ?token=… that earshot serve printed (the read-only one for wall screens).')
          return
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          sendPlainPage(res, 405, 'Not allowed', 'Only GET is served here.')
          return
        }
        // Anything that is not a built file is the app itself (client-side routes).
        const file = resolveStaticPath(rendererDir, url.pathname) ?? resolveStaticPath(rendererDir, '/index.html')
        if (!file) {
          sendPlainPage(res, 500, 'Earshot is not built', 'The user interface has not been built yet: run npm run build (npm run serve does it for you).')
          return
        }
        sendFile(res, file, SECURITY_HEADERS)
      } catch (error) {
        if (error instanceof ApiError) {
          sendError(res, error)
          return
        }
        // Never echo internals (or anything secret) to the client; the operator sees the log.
        console.error(`Earshot: ${req.method} ${url.pathname} failed:`, error)
        if (!res.headersSent) sendError(res, new ApiError('internal', 'Something went wrong inside Earshot; the host log has details.'))
        else res.end()
      }
    })()
  })

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      port = (server.address() as AddressInfo).port
      const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host
      const base = `http://${shownHost}:${port}/`
      resolve({
        url: base,
        port,
        fullAccessUrl: `${base}?token=${tokens.full}`,
        readOnlyUrl: `${base}?${WALL_VIEW_PARAM}=${WALL_VIEW_VALUE}&token=${tokens.read}`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe()
            for (const stream of streams) stream.end()
            server.close(() => done())
            server.closeAllConnections()
          })
      })
    })
  })
}

/** Where the built renderer sits next to the built CLI (out/main → out/renderer). */
export function builtRendererDir(mainOutDir: string): string {
  return join(mainOutDir, '..', 'renderer')
}
