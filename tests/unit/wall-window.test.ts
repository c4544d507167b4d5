import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron'
import { chooseWallDisplay, isWallExitKey, openWallWindow, wallLoad, wallWindowOptions, type DisplayLike } from '../../src/main/app/wall-window'
import { menuTemplate } from '../../src/main/app/menu'

const laptop: DisplayLike = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, internal: true }
const tv: DisplayLike = { id: 2, bounds: { x: 1440, y: 0, width: 1920, height: 1080 } }
const bigPanel: DisplayLike = { id: 3, bounds: { x: -2560, y: 0, width: 2560, height: 1440 }, internal: true }

describe('the wall window', () => {
  it('goes to another display than the app, an external one first, then the largest', () => {
    expect(chooseWallDisplay([laptop, tv], 1)).toEqual({ display: tv, secondScreen: true })
    expect(chooseWallDisplay([laptop, bigPanel, tv], 1)?.display.id).toBe(2)
    expect(chooseWallDisplay([laptop, tv], 2)).toEqual({ display: laptop, secondScreen: true })
    expect(chooseWallDisplay([laptop], 1)).toEqual({ display: laptop, secondScreen: false })
    expect(chooseWallDisplay([], 1)).toBeNull()
  })

  it('is full screen on that display with the main window’s hardened preferences', () => {
    const options = wallWindowOptions('/app/out/preload/index.cjs', tv.bounds)
    expect(options).toMatchObject({ x: 1440, y: 0, width: 1920, height: 1080, fullscreen: true, autoHideMenuBar: true })
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/app/out/preload/index.cjs' })
  })

  it('loads the app’s own document asking for the wall, and Escape leaves it', () => {
    expect(wallLoad({ kind: 'file', path: '/app/out/renderer/index.html', url: 'file:///app/out/renderer/index.html' })).toEqual({
      kind: 'file',
      path: '/app/out/renderer/index.html',
      query: { view: 'wall' }
    })
    expect(wallLoad({ kind: 'dev-server', url: 'http://localhost:5173/' })).toEqual({ kind: 'url', url: 'http://localhost:5173/?view=wall' })
    expect(isWallExitKey({ type: 'keyDown', key: 'Escape' })).toBe(true)
    expect(isWallExitKey({ type: 'keyUp', key: 'Escape' })).toBe(false)
    expect(isWallExitKey({ type: 'keyDown', key: 'w' })).toBe(false)
  })

  it('opens once on the second screen, and brings back the open one on the next call', () => {
    const created: Array<{ options: BrowserWindowConstructorOptions; loaded: unknown[] }> = []
    class FakeWindow {
      destroyed = false
      shown = 0
      loaded: unknown[] = []
      webContents = { on: vi.fn() }
      constructor(options: BrowserWindowConstructorOptions) {
        created.push({ options, loaded: this.loaded })
      }
      once(): void {}
      isDestroyed(): boolean {
        return this.destroyed
      }
      show(): void {
        this.shown++
      }
      focus(): void {}
      getBounds() {
        return laptop.bounds
      }
      loadFile(path: string, options: unknown): Promise<void> {
        this.loaded.push({ path, options })
        return Promise.resolve()
      }
      loadURL(url: string): Promise<void> {
        this.loaded.push(url)
        return Promise.resolve()
      }
    }
    const appWindow = new FakeWindow({}) as unknown as BrowserWindow
    created.length = 0
    const deps = {
      BrowserWindowClass: FakeWindow as unknown as new (options: BrowserWindowConstructorOptions) => BrowserWindow,
      screen: { getAllDisplays: () => [laptop, tv], getDisplayMatching: () => laptop, getPrimaryDisplay: () => laptop },
      target: { kind: 'file' as const, path: '/app/out/renderer/index.html', url: 'file:///app/out/renderer/index.html' },
      preload: '/app/out/preload/index.cjs',
      appWindow
    }
    const wall = openWallWindow(deps, null)
    expect(created).toHaveLength(1)
    expect(created[0]?.options).toMatchObject({ x: 1440, width: 1920, fullscreen: true })
    expect(created[0]?.loaded).toEqual([{ path: '/app/out/renderer/index.html', options: { query: { view: 'wall' } } }])
    expect(openWallWindow(deps, wall)).toBe(wall)
    expect(created).toHaveLength(1)
  })

  it('is offered in the View menu when the app can open it', () => {
    const open = vi.fn()
    const view = menuTemplate({ isDev: false, platform: 'linux', onOpenWall: open }).find((item) => item.label === 'View')
    const item = Array.isArray(view?.submenu) ? view.submenu.find((entry) => entry.label === 'Open Wall Screen') : undefined
    expect(item?.accelerator).toBe('CmdOrCtrl+Alt+W')
    ;(item?.click as () => void)()
    expect(open).toHaveBeenCalledOnce()
    const without = menuTemplate({ isDev: false, platform: 'linux' }).find((entry) => entry.label === 'View')
    expect(Array.isArray(without?.submenu) && without.submenu.some((entry) => entry.label === 'Open Wall Screen')).toBe(false)
  })
})
