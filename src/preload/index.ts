/**
 * The preload: the only bridge between the untrusted renderer and the main process.
 *
 * It exposes exactly the contract as a deeply frozen `window.api` — one function per contract
 * method and `on(event, listener)` — built from the CONTRACT table, so a method cannot be
 * exposed without being in the contract. Never exposed: ipcRenderer, a generic
 * `invoke(channel)`, `process`, or anything from Node.
 *
 * Sandboxed preloads can only `require('electron')`; everything else here is bundled by
 * electron-vite, which is why only the dependency-free contract modules are imported
 * (not schemas.ts, which would pull zod into the preload).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { ApiError, type IpcResult } from '@shared/contract/errors'
import { CONTRACT, EVENT_NAMES, channelOf, eventChannel } from '@shared/contract/methods'
import type { ClientApi, Domain, EventMap, EventName } from '@shared/contract/domains'


/** The parts of ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown
}

function isIpcResult(value: unknown): value is IpcResult {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean'
}

function unwrap(response: unknown): unknown {
  if (!isIpcResult(response)) throw new ApiError('internal', 'Earshot sent an answer the window does not understand.')
  if (response.ok) return response.result
  throw ApiError.fromWire(response.error)
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES)

/** Builds the frozen client API over `ipc`. Exported for the hardening tests. */
export function createClientApi(ipc: IpcRendererLike): ClientApi {
  const api: Record<string, unknown> = {}
  for (const domain of Object.keys(CONTRACT) as Domain[]) {
    const methods: Record<string, (input?: unknown) => Promise<unknown>> = {}
    for (const method of Object.keys(CONTRACT[domain])) {
      const channel = channelOf(domain, method)
      // Exactly one argument crosses; whatever else a caller passes stays behind.
      methods[method] = async (input?: unknown) => unwrap(await ipc.invoke(channel, input))
    }
    api[domain] = methods
  }
  api.on = <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): (() => void) => {
    if (!eventNames.has(event)) throw new ApiError('invalid_input', `There is no event named ${String(event)}.`)
    if (typeof listener !== 'function') throw new ApiError('invalid_input', 'An event listener must be a function.')
    const channel = eventChannel(event)
    // The renderer gets the payload only: the IpcRendererEvent carries `sender` (ipcRenderer itself).
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as EventMap[E])
    ipc.on(channel, forward)
    let subscribed = true
    return () => {
      if (!subscribed) return
      subscribed = false
      ipc.removeListener(channel, forward)
    }
  }
  return deepFreeze(api) as unknown as ClientApi
}

contextBridge.exposeInMainWorld('api', createClientApi(ipcRenderer))
