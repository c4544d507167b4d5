import type { App, BrowserWindow } from 'electron'
import { focusWindow } from './window'

/**
 * One Earshot per user: two processes writing the same SQLite store and both syncing the same
 * accounts would double-send replies. A second launch focuses the first window and exits.
 * Returns false when another instance holds the lock (the caller quits).
 */
export function acquireSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on'>, currentWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false
  app.on('second-instance', () => focusWindow(currentWindow()))
  return true
}
