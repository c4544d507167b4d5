import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron'

/*
 * The main window. Options and the renderer's location are pure functions (tested without the
 * Electron binary); `createMainWindow` receives the BrowserWindow class from the bootstrap.
 */

/** Where the renderer is loaded from, and the URL the sender and navigation checks compare with. */
export type RendererTarget =
  | { kind: 'dev-server'; url: string }
  | { kind: 'file'; path: string; url: string }

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The electron-vite dev server (ELECTRON_RENDERER_URL) in development, the built
 * `out/renderer/index.html` otherwise. A packaged app ignores the variable, and only a loopback
 * http(s) URL is honoured: whatever page the window loads receives the full API through the
 * preload, so an environment variable must not be able to point it at another host.
 */
export function resolveRendererTarget(options: {
  isPackaged: boolean
  env: Record<string, string | undefined>
  /** Folder of the built main bundle (`out/main`). */
  mainDir: string
}): RendererTarget {
  const devUrl = options.env.ELECTRON_RENDERER_URL
  if (!options.isPackaged && devUrl) {
    try {
      const url = new URL(devUrl)
      if ((url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)) {
        return { kind: 'dev-server', url: url.href }
      }
    } catch {
      // fall through to the built renderer
    }
    console.warn('Earshot: ignoring ELECTRON_RENDERER_URL, which is not a loopback http(s) URL.')
  }
  const path = join(options.mainDir, '..', 'renderer', 'index.html')
  return { kind: 'file', path, url: pathToFileURL(path).href }
}

/** The preload bundle beside the main bundle (CommonJS: sandboxed preloads cannot be ESM). */
export function preloadPath(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.cjs')
}

/** Constructor options of the one main window; every security-relevant preference is explicit. */
export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 720,
    minHeight: 480,
    title: 'Earshot',
    // Shown on 'ready-to-show' so the user never sees an empty frame.
    show: false,
    webPreferences: {
      preload,
      // The renderer is untrusted: it shows text from strangers on the internet.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Dropping a file or link onto the window must not navigate it away from the app.
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true
    }
  }
}

/** Creates the main window and loads the renderer. */
export function createMainWindow(
  BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  target: RendererTarget,
  preload: string
): BrowserWindow {
  const window = new BrowserWindowClass(mainWindowOptions(preload))
  window.once('ready-to-show', () => window.show())
  const loading = target.kind === 'dev-server' ? window.loadURL(target.url) : window.loadFile(target.path)
  loading.catch((error: unknown) => {
    console.error('Earshot: the window could not load the interface:', error instanceof Error ? error.message : String(error))
  })
  return window
}

/** Brings a window to the front (second launch, dock click). */
export function focusWindow(window: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus' | 'isDestroyed'> | null | undefined): void {
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}
