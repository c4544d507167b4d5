import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle } from 'electron'
import { WALL_VIEW_PARAM, WALL_VIEW_VALUE, wallUrl } from '@shared/wall'
import { mainWindowOptions, type RendererTarget } from './window'

/*
 * The wall screen window (View → Open Wall Screen): the same renderer with `?view=wall`, full
 * screen on a second monitor when there is one. Which display, the options and the exit key are
 * pure functions (tested without the Electron binary); `openWallWindow` receives Electron's
 * pieces from the bootstrap.
 */

/** The parts of Electron's Display the choice reads. */
export interface DisplayLike {
  id: number
  bounds: Rectangle
  /** Built-in panels (laptop screens) are `internal`; an office TV is not. */
  internal?: boolean
}

export interface WallDisplayChoice {
  display: DisplayLike
  /** False when the wall had to share the only display with the app. */
  secondScreen: boolean
}

function area(display: DisplayLike): number {
  return display.bounds.width * display.bounds.height
}

/**
 * The display for the wall: not the one the app's window is on (the user keeps working there),
 * preferring an external one and then the largest (a TV beats a second laptop panel); the
 * app's own display when it is the only one.
 */
export function chooseWallDisplay(displays: readonly DisplayLike[], appDisplayId: number): WallDisplayChoice | null {
  const others = displays.filter((display) => display.id !== appDisplayId)
  const best = [...others].sort((a, b) => Number(a.internal === true) - Number(b.internal === true) || area(b) - area(a))[0]
  if (best) return { display: best, secondScreen: true }
  const own = displays.find((display) => display.id === appDisplayId) ?? displays[0]
  return own ? { display: own, secondScreen: false } : null
}

/** The wall window: the main window's hardened preferences, placed on `bounds`, full screen, no menu bar. */
export function wallWindowOptions(preload: string, bounds: Rectangle): BrowserWindowConstructorOptions {
  const base = mainWindowOptions(preload)
  return {
    ...base,
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: undefined,
    minHeight: undefined,
    title: 'Earshot wall screen',
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#07090d',
    webPreferences: { ...base.webPreferences, spellcheck: false }
  }
}

/** Where the wall window loads the renderer: the app's own document, asking for the wall. */
export function wallLoad(target: RendererTarget): { kind: 'url'; url: string } | { kind: 'file'; path: string; query: Record<string, string> } {
  if (target.kind === 'dev-server') return { kind: 'url', url: wallUrl(target.url) }
  return { kind: 'file', path: target.path, query: { [WALL_VIEW_PARAM]: WALL_VIEW_VALUE } }
}

/** Escape leaves the wall (it has no controls and no cursor, so the keyboard is the way out). */
export function isWallExitKey(input: { type: string; key: string }): boolean {
  return input.type === 'keyDown' && input.key === 'Escape'
}

export interface WallWindowDeps {
  BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => BrowserWindow
  screen: { getAllDisplays(): DisplayLike[]; getDisplayMatching(rect: Rectangle): DisplayLike; getPrimaryDisplay(): DisplayLike }
  target: RendererTarget
  preload: string
  /** The app's main window, whose display the wall avoids. */
  appWindow: BrowserWindow | null
}

/** Opens the wall window, or brings back the one already open. */
export function openWallWindow(deps: WallWindowDeps, existing: BrowserWindow | null): BrowserWindow | null {
  if (existing && !existing.isDestroyed()) {
    existing.show()
    existing.focus()
    return existing
  }
  const appDisplay =
    deps.appWindow && !deps.appWindow.isDestroyed() ? deps.screen.getDisplayMatching(deps.appWindow.getBounds()) : deps.screen.getPrimaryDisplay()
  const choice = chooseWallDisplay(deps.screen.getAllDisplays(), appDisplay.id)
  if (!choice) return null
  const window = new deps.BrowserWindowClass(wallWindowOptions(deps.preload, choice.display.bounds))
  window.once('ready-to-show', () => window.show())
  window.webContents.on('before-input-event', (event, input) => {
    if (!isWallExitKey(input)) return
    event.preventDefault()
    window.close()
  })
  const load = wallLoad(deps.target)
  const loading = load.kind === 'url' ? window.loadURL(load.url) : window.loadFile(load.path, { query: load.query })
  loading.catch((error: unknown) => {
    console.error('Earshot: the wall screen could not load:', error instanceof Error ? error.message : String(error))
  })
  return window
}
