/**
 * Electron bootstrap: order of start-up and wiring only. Every decision lives in a module that is
 * tested without Electron (app/security, app/window, app/menu, ipc/register, core/security).
 */
import { join } from 'node:path'
import { BrowserWindow, Menu, app, dialog, ipcMain, safeStorage, screen, session, shell } from 'electron'
import { openCore, type Core } from './core'
import { defaultDataDir } from './core/paths'
import { StoreOpenError } from './core/storage/errors'
import { hardenSession, hardenWebContents, isTrustedSenderFrame, isTrustedSenderUrl } from './app/security'
import { createMainWindow, preloadPath, resolveRendererTarget } from './app/window'
import { acquireSingleInstance } from './app/single-instance'
import { menuTemplate } from './app/menu'
import { openWallWindow } from './app/wall-window'
import { electronNativeBinding } from './app/native-binding'
import { safeStorageCodec } from './app/secret-codec'
import { forwardEvents, registerIpc } from './ipc/register'

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox()
// The desktop app and `earshot serve` share one data folder (EARSHOT_DATA_DIR overrides both).
// Must happen before 'ready' and before the single-instance lock, which lives in userData.
const dataDir = defaultDataDir()
app.setPath('userData', dataDir)
// Chromium's caches and storage go to a subfolder, so the data folder holds Earshot's own files.
app.setPath('sessionData', join(dataDir, 'Chromium'))

const mainDir = import.meta.dirname
const renderer = resolveRendererTarget({ isPackaged: app.isPackaged, env: process.env, mainDir })
const isDev = !app.isPackaged && renderer.kind === 'dev-server'

let mainWindow: BrowserWindow | null = null
let wallWindow: BrowserWindow | null = null
let core: Core | null = null

if (!acquireSingleInstance(app, () => mainWindow)) {
  app.quit()
} else {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, renderer.url, (url) => shell.openExternal(url))
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error))
}

function start(): void {
  hardenSession(session.defaultSession, renderer.url)
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isDev, platform: process.platform, onOpenWall: openWall })))

  const nativeBinding = electronNativeBinding(app.getAppPath(), process.versions.electron)
  if (!nativeBinding) console.warn('Earshot: no better-sqlite3 build for Electron found in .electron-native/; using the one in node_modules.')
  // Throws StoreOpenError when the data folder cannot be used; fail() shows it and quits.
  const opened = openCore({
    dataDir,
    demo: !process.argv.includes('--no-demo'),
    version: app.getVersion(),
    nativeBinding,
    secretCodec: safeStorageCodec(safeStorage) ?? undefined
  })
  core = opened

  registerIpc(ipcMain, opened.registry, (event) => isTrustedSenderFrame(event.senderFrame, renderer.url))
  forwardEvents(
    opened.events,
    () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    (url) => isTrustedSenderUrl(url, renderer.url)
  )

  openMainWindow()
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow()
  })
}

function openMainWindow(): void {
  const window = createMainWindow(BrowserWindow, renderer, preloadPath(mainDir))
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
  mainWindow = window
}

function openWall(): void {
  const window = openWallWindow(
    { BrowserWindowClass: BrowserWindow, screen, target: renderer, preload: preloadPath(mainDir), appWindow: mainWindow },
    wallWindow
  )
  if (!window || window === wallWindow) return
  window.on('closed', () => {
    if (wallWindow === window) wallWindow = null
  })
  wallWindow = window
}

/** Start-up failed: say why in a dialog (a desktop app has no console) and quit with code 1. */
function fail(error: unknown): void {
  if (error instanceof StoreOpenError) {
    dialog.showErrorBox('Earshot cannot open its data', error.message)
  } else {
    console.error('Earshot: start-up failed:', error instanceof Error ? (error.stack ?? error.message) : String(error))
    const reason = error instanceof Error ? error.message : String(error)
    dialog.showErrorBox('Earshot could not start', `Something went wrong while starting Earshot:\n\n${reason}`)
  }
  closeCore()
  app.exit(1)
}

function closeCore(): void {
  const open = core
  core = null
  try {
    open?.close()
  } catch (error) {
    console.error('Earshot: closing the store failed:', error instanceof Error ? error.message : String(error))
  }
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

// The store is closed once, after every window is gone, so no IPC call races the close.
app.on('will-quit', closeCore)
