/**
 * A small real HTTP server (node:http on 127.0.0.1, a free port) that serves feed fixtures the way
 * real feed servers misbehave: any status and headers (ETag, Last-Modified, Cache-Control,
 * Retry-After, Content-Type with a charset), a response that never comes, a body that stalls, a
 * connection destroyed halfway through the body, and large bodies generated on the fly with
 * back-pressure (so the server never holds them either). It records every request's headers.
 *
 * `useFeedServer()` starts one per test on demand and closes it (and every open connection)
 * after the test.
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach } from 'vitest'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'feeds')

/** A fixture file from tests/fixtures/feeds, as bytes. */
export function feedFixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name))
}

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
}

/** A body produced lazily: `head`, then `chunk` repeated until `totalBytes`, then `tail`. */
export interface GeneratedBody {
  head?: string
  chunk: string
  totalBytes: number
  tail?: string
  /** Send a Content-Length (true) or stream chunked (false, the default). */
  contentLength?: boolean
}

export interface FeedReply {
  /** HTTP status; 200 unless given. */
  status?: number
  headers?: Record<string, string>
  /** The body: bytes, text, or the name of a fixture (`fixture`). */
  body?: Buffer | string
  fixture?: string
  generated?: GeneratedBody
  /**
   * - `hang`: accept the request and never answer;
   * - `stall`: send the headers and half the body, then nothing;
   * - `drop`: send the headers (with the full Content-Length) and half the body, then destroy the connection.
   */
  behaviour?: 'normal' | 'hang' | 'stall' | 'drop'
}

export type FeedRoute = FeedReply | ((request: RecordedRequest) => FeedReply)

export interface FeedServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  url(path: string): string
  /** Serve `reply` (or the reply a function returns for each request) at `path`; unknown paths are 404. */
  route(path: string, route: FeedRoute): void
  /** Every request received, in order. */
  readonly requests: RecordedRequest[]
  requestsTo(path: string): RecordedRequest[]
  /** Body bytes written for `path` so far (all requests). */
  bytesWritten(path: string): number
  close(): Promise<void>
}

function bodyOf(reply: FeedReply): Buffer {
  if (reply.fixture !== undefined) return feedFixture(reply.fixture)
  if (reply.body === undefined) return Buffer.alloc(0)
  return typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body
}

/** Writes a generated body chunk by chunk, waiting for 'drain', stopping when the client goes away. */
function writeGenerated(res: ServerResponse, body: GeneratedBody, count: (bytes: number) => void): void {
  const chunk = Buffer.from(body.chunk, 'utf8')
  const head = Buffer.from(body.head ?? '', 'utf8')
  const tail = Buffer.from(body.tail ?? '', 'utf8')
  let remaining = Math.max(0, body.totalBytes - head.length - tail.length)
  let closed = false
  res.on('close', () => {
    closed = true
  })
  const write = (data: Buffer): boolean => {
    count(data.length)
    return res.write(data)
  }
  const pump = (): void => {
    while (!closed && remaining > 0) {
      const piece = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining)
      remaining -= piece.length
      if (!write(piece)) {
        res.once('drain', pump)
        return
      }
    }
    if (!closed) {
      write(tail)
      res.end()
    }
  }
  write(head)
  pump()
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, FeedRoute>()
  const requests: RecordedRequest[] = []
  const written = new Map<string, number>()

  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/'
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers }
    requests.push(recorded)
    const count = (bytes: number): void => {
      written.set(path, (written.get(path) ?? 0) + bytes)
    }
    const route = routes.get(path)
    if (route === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' })
      res.end('not found')
      return
    }
    const reply = typeof route === 'function' ? route(recorded) : route
    const behaviour = reply.behaviour ?? 'normal'
    if (behaviour === 'hang') return // the connection stays open until the client gives up or the server closes

    const headers: Record<string, string> = { 'Content-Type': 'application/rss+xml', ...reply.headers }
    if (reply.generated) {
      if (reply.generated.contentLength) headers['Content-Length'] = String(reply.generated.totalBytes)
      res.writeHead(reply.status ?? 200, headers)
      writeGenerated(res, reply.generated, count)
      return
    }
    const body = bodyOf(reply)
    headers['Content-Length'] = String(body.length)
    res.writeHead(reply.status ?? 200, headers)
    if (behaviour === 'stall' || behaviour === 'drop') {
      const half = body.subarray(0, Math.floor(body.length / 2))
      count(half.length)
      res.write(half)
      if (behaviour === 'drop') setTimeout(() => res.socket?.destroy(), 20)
      return
    }
    count(body.length)
    res.end(body)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`

  return {
    origin,
    url: (path) => origin + path,
    route: (path, route) => {
      routes.set(path, route)
    },
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    bytesWritten: (path) => written.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A feed server per test, started on first use and closed after the test. */
export function useFeedServer(): () => Promise<FeedServer> {
  const started: FeedServer[] = []
  afterEach(async () => {
    for (const server of started.splice(0)) await server.close()
  })
  return async () => {
    const server = await startFeedServer()
    started.push(server)
    return server
  }
}
