import { ApiError } from '@shared/contract/errors'
import { EVENT_NAMES, contractMethods } from '@shared/contract/methods'
import type { ClientApi, EventMap, EventName } from '@shared/contract/domains'
import { TransportStatus } from './transportStatus'

/**
 * The only place in the renderer that talks to the core.
 *
 * - In Electron the preload exposes the frozen contract as `window.api` (IPC).
 * - In a browser (the web host: wall screens, end-to-end tests) the same contract travels as
 *   `POST /api/<domain>/<method>` and push events arrive over one shared EventSource.
 *
 * Stores import `api` from here; it delegates to whichever implementation is active, so tests
 * can swap in an in-memory fake with `setApi()` before they create their stores.
 */

/** Live state of the event connection; the connection store turns it into reactive state. */
export const transportStatus = new TransportStatus()

const UNREACHABLE = 'Earshot is not reachable. Check that it is still running, then try again.'

type AnyMethod = (input?: unknown) => Promise<unknown>
/** The contract seen as a plain table of functions, for the generic builders below. */
type MethodTable = Record<string, Record<string, AnyMethod>>
type AnyListener = (payload: unknown) => void

/** What the HTTP client needs from an EventSource (the real one, or a fake in tests). */
export interface EventSourceLike {
  readonly readyState: number
  addEventListener(type: string, listener: (event: Event) => void): void
  close(): void
}

export interface HttpApiOptions {
  /** Prefix for the endpoints; '' means the page's own origin (the default). */
  baseUrl?: string
  /** Defaults to the global fetch, looked up at call time. */
  fetch?: typeof fetch
  /** Defaults to `new EventSource(url)`. */
  createEventSource?: (url: string) => EventSourceLike
  /** Where the event connection reports online/offline; defaults to a private one. */
  status?: TransportStatus
  /** Longest wait before re-opening an event stream the browser gave up on (ms). */
  maxReconnectDelayMs?: number
}

const EVENT_SOURCE_CLOSED = 2

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown
  } catch {
    return undefined
  }
}

function errorForStatus(status: number): ApiError {
  if (status === 401) {
    return new ApiError('unauthorized', 'This page is not signed in to Earshot. Open the link that `earshot serve` printed.')
  }
  if (status === 403) return new ApiError('forbidden', 'This link may only look, not change things.')
  if (status === 502 || status === 503 || status === 504) return new ApiError('unavailable', UNREACHABLE)
  return ApiError.fromWire(undefined)
}

/**
 * The web host's client, built from the CONTRACT table so that a method added to the contract
 * is reachable here without touching this file.
 */
export function createHttpApi(options: HttpApiOptions = {}): ClientApi {
  const base = options.baseUrl ?? ''
  const status = options.status ?? new TransportStatus()
  const maxDelay = options.maxReconnectDelayMs ?? 30_000

  async function call(domain: string, method: string, input: unknown): Promise<unknown> {
    const doFetch = options.fetch ?? globalThis.fetch
    let response: Response
    try {
      response = await doFetch(`${base}/api/${domain}/${method}`, {
        method: 'POST',
        // X-Earshot is a custom header, so a cross-site page cannot send this request without a
        // CORS preflight the host refuses; the session itself is an HttpOnly cookie.
        headers: { 'Content-Type': 'application/json', 'X-Earshot': '1' },
        credentials: 'same-origin',
        body: JSON.stringify(input === undefined ? {} : { input })
      })
    } catch {
      throw new ApiError('unavailable', UNREACHABLE)
    }
    const body = await readJson(response)
    if (response.ok) {
      if (isRecord(body) && 'result' in body) return body.result
      throw new ApiError('internal', 'Earshot sent an answer this page does not understand.')
    }
    if (isRecord(body) && 'error' in body) throw ApiError.fromWire(body.error)
    throw errorForStatus(response.status)
  }

  // --- push events: one EventSource for every subscriber, opened on the first subscription ---
  const listeners = new Map<EventName, Set<AnyListener>>()
  let source: EventSourceLike | null = null
  let reopenTimer: ReturnType<typeof setTimeout> | null = null
  let reopenDelay = 1000

  function subscriberCount(): number {
    let n = 0
    for (const set of listeners.values()) n += set.size
    return n
  }

  function dispatch(event: EventName, raw: Event): void {
    const data = 'data' in raw ? raw.data : undefined
    if (typeof data !== 'string') return
    let payload: unknown
    try {
      payload = JSON.parse(data)
    } catch {
      console.warn(`Earshot: ignored a malformed "${event}" event.`)
      return
    }
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload)
      } catch (error) {
        // One broken subscriber must not starve the others.
        console.error(`Earshot: a listener for ${event} failed:`, error)
      }
    }
  }

  function open(): void {
    if (source || reopenTimer) return
    const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url))
    const es = createEventSource(`${base}/api/events`)
    source = es
    es.addEventListener('open', () => {
      reopenDelay = 1000
      status.set('online')
    })
    es.addEventListener('error', () => {
      status.set('offline')
      // The browser retries by itself while readyState is CONNECTING. It gives up for good
      // (CLOSED) on an HTTP error, e.g. while the host restarts; then we start over, backing off.
      if (es.readyState === EVENT_SOURCE_CLOSED && source === es) {
        es.close()
        source = null
        if (subscriberCount() > 0) {
          reopenTimer = setTimeout(() => {
            reopenTimer = null
            if (subscriberCount() > 0) open()
          }, reopenDelay)
          reopenDelay = Math.min(reopenDelay * 2, maxDelay)
        }
      }
    })
    for (const name of EVENT_NAMES) es.addEventListener(name, (raw) => dispatch(name, raw))
  }

  function close(): void {
    if (reopenTimer) clearTimeout(reopenTimer)
    reopenTimer = null
    source?.close()
    source = null
  }

  function on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
    // The payload is typed by the contract; the host is the same origin that served this page.
    const stored = listener as unknown as AnyListener
    let set = listeners.get(event)
    if (!set) {
      set = new Set()
      listeners.set(event, set)
    }
    set.add(stored)
    open()
    return () => {
      listeners.get(event)?.delete(stored)
      if (subscriberCount() === 0) close()
    }
  }

  const client: MethodTable = {}
  for (const { domain, method } of contractMethods()) {
    const methods = (client[domain] ??= {})
    methods[method] = (input?: unknown) => call(domain, method, input)
  }
  // The loop above covers every (domain, method) of CONTRACT, which is typed against AppApi.
  return Object.freeze({ ...client, on }) as unknown as ClientApi
}

/** The preload's `window.api`, when this page runs inside Earshot's Electron window. */
function electronApi(): ClientApi | null {
  if (typeof window === 'undefined') return null
  const candidate = (window as Window & { api?: ClientApi }).api
  return candidate && typeof candidate === 'object' ? candidate : null
}

let active: ClientApi | null = null

function current(): ClientApi {
  if (!active) {
    const electron = electronApi()
    if (electron) {
      // IPC to the main process cannot drop like a network connection.
      transportStatus.set('online')
      active = electron
    } else {
      active = createHttpApi({ status: transportStatus })
    }
  }
  return active
}

/**
 * Replaces the implementation behind `api` (tests inject an in-memory fake). Call it before
 * the stores that use it are created; `setApi(null)` goes back to the default.
 */
export function setApi(next: ClientApi | null): void {
  active = next
}

function delegate(): ClientApi {
  const table: MethodTable = {}
  for (const { domain, method } of contractMethods()) {
    const methods = (table[domain] ??= {})
    methods[method] = (input?: unknown) => {
      const owner = (current() as unknown as MethodTable)[domain]
      const target = owner?.[method]
      if (!target) return Promise.reject(new ApiError('internal', `Earshot has no ${domain}.${method}.`))
      return target.call(owner, input)
    }
  }
  const on = <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): (() => void) =>
    current().on(event, listener)
  return Object.freeze({ ...table, on }) as unknown as ClientApi
}

/** The contract, as the stores use it. Components never import this; stores do. */
export const api: ClientApi = delegate()
