import { ApiError, type IpcResult } from '@shared/contract/errors'
import { channelOf, contractMethods, eventChannel } from '@shared/contract/methods'
import type { EventMap, EventName } from '@shared/contract/domains'
import type { ApiRegistry, Caller } from '../core/api/registry'
import type { CoreEvents } from '../core/events'

/*
 * The Electron transport: one `ipcMain.handle` per contract method, each dispatching into the
 * same ApiRegistry the web host uses. No Electron import at run time: the bootstrap passes
 * `ipcMain` in, and the tests pass a fake.
 */


/** The parts of an IpcMainInvokeEvent the transport reads. */
export interface IpcInvokeEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null
}

/** The parts of Electron's ipcMain the transport uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<IpcResult>): void
  removeHandler(channel: string): void
}

/** Decides whether the frame that sent a call is the app's own document. */
export type SenderCheck = (event: IpcInvokeEventLike) => boolean

/** The desktop app is its user's own: full access, like a full web token. */
const ELECTRON_CALLER: Caller = Object.freeze({ access: 'full', transport: 'electron' })

/**
 * Registers every contract method on `ipcMain`; returns a function that removes them again.
 * The access table is the registry's business (it rejects missing rights); this layer only
 * establishes who is calling — and refuses anyone who is not the app's own top frame.
 */
export function registerIpc(ipcMain: IpcMainLike, registry: Pick<ApiRegistry, 'dispatch'>, isTrustedSender: SenderCheck): () => void {
  const channels: string[] = []
  for (const { domain, method } of contractMethods()) {
    const channel = channelOf(domain, method)
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event)) {
        console.warn(`Earshot: refused ${channel} from a frame that is not the app.`)
        return failure(new ApiError('forbidden', 'This page may not use Earshot.'))
      }
      try {
        // One argument per method (a plain object or nothing); extra arguments are ignored.
        return { ok: true, result: await registry.dispatch(domain, method, args[0], ELECTRON_CALLER) }
      } catch (error) {
        if (error instanceof ApiError) return failure(error)
        // Unknown failures are bugs: log the error itself (never the input, which may carry
        // tokens or private messages) and send the UI a plain sentence.
        console.error(`Earshot: ${channel} failed:`, error instanceof Error ? (error.stack ?? error.message) : String(error))
        return failure(new ApiError('internal', 'Something went wrong inside Earshot.'))
      }
    })
    channels.push(channel)
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel)
  }
}

function failure(error: ApiError): IpcResult {
  return { ok: false, error: error.toJSON() }
}

/** The parts of a webContents that event forwarding uses. */
export interface EventSink {
  isDestroyed(): boolean
  getURL(): string
  send(channel: string, payload: unknown): void
}

/**
 * Forwards every core push event to every live app window. `targets` is asked on each event, so
 * windows opened later are included; a window showing anything but the app gets nothing.
 * Returns the unsubscribe function.
 */
export function forwardEvents(
  events: Pick<CoreEvents, 'on'>,
  targets: () => Iterable<EventSink>,
  isAppUrl: (url: string) => boolean
): () => void {
  return events.on(<E extends EventName>(event: E, payload: EventMap[E]) => {
    const channel = eventChannel(event)
    for (const target of targets()) {
      if (target.isDestroyed() || !isAppUrl(target.getURL())) continue
      target.send(channel, payload)
    }
  })
}
