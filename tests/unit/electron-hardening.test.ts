/**
 * The desktop app's hardening, asserted without the Electron binary: every decision the main
 * process and the preload make is a pure function or takes its Electron objects as arguments,
 * and `electron` itself is mocked for the preload.
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Session, WebContents } from 'electron'
import { ApiError } from '@shared/contract/errors'
import { CONTRACT, EVENT_NAMES, channelOf, contractMethods, eventChannel } from '@shared/contract/methods'
import type { ClientApi } from '@shared/contract/domains'
import { contentSecurityPolicy, contentSecurityPolicyDirectives } from '../../src/main/core/security/csp'
import { EXTERNAL_URL_SCHEMES, isAllowedExternalUrl } from '../../src/main/core/security/external-links'
import {
  denyPermissionCheck,
  denyPermissionRequest,
  handleWindowOpen,
  hardenSession,
  hardenWebContents,
  isTrustedSenderFrame,
  isTrustedSenderUrl,
  shouldAllowNavigation,
  withContentSecurityPolicy
} from '../../src/main/app/security'
import { focusWindow, mainWindowOptions, preloadPath, resolveRendererTarget } from '../../src/main/app/window'
import { menuTemplate } from '../../src/main/app/menu'
import { acquireSingleInstance } from '../../src/main/app/single-instance'
import { electronNativeBinding } from '../../src/main/app/native-binding'
import { forwardEvents, registerIpc, type IpcInvokeEventLike, type IpcMainLike } from '../../src/main/ipc/register'
import type { IpcResult } from '@shared/contract/errors'
import { CoreEvents } from '../../src/main/core/events'

const electronMock = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn(),
  on: vi.fn(),
  removeListener: vi.fn()
}))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electronMock.exposeInMainWorld },
  ipcRenderer: { invoke: electronMock.invoke, on: electronMock.on, removeListener: electronMock.removeListener }
}))

const DEV_URL = 'http://localhost:5173/'
const BUILT_FILE = join(tmpdir(), 'earshot app', 'out', 'renderer', 'index.html')
const BUILT_URL = pathToFileURL(BUILT_FILE).href

/** Hostile and unwanted URLs a post, a feed or injected script could produce. */
const REFUSED_URLS = [
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  'file:///etc/passwd',
  'file:///C:/Windows/System32/calc.exe',
  'file://attacker.example/share/payload.exe',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'ms-msdt:/id PCWDiagnostic',
  'vscode://file/etc/passwd',
  'smb://attacker.example/share',
  'chrome://settings',
  'about:blank',
  'blob:https://example.com/uuid',
  'ftp://example.com/file',
  'https://bank.example@evil.example/',
  'earshot-custom:open',
  '//example.com/no-scheme',
  'not a url',
  ''
]

let warn: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('main window', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs')
  const prefs = options.webPreferences

  it('is isolated, sandboxed and without Node', () => {
    expect(prefs).toBeDefined()
    expect(prefs?.contextIsolation).toBe(true)
    expect(prefs?.sandbox).toBe(true)
    expect(prefs?.nodeIntegration).toBe(false)
    expect(prefs?.webSecurity).toBe(true)
  })

  it('loads the CommonJS preload and enables nothing dangerous', () => {
    expect(prefs?.preload).toBe('/app/out/preload/index.cjs')
    expect(prefs?.nodeIntegrationInSubFrames).not.toBe(true)
    expect(prefs?.nodeIntegrationInWorker).not.toBe(true)
    expect(prefs?.webviewTag).not.toBe(true)
    expect(prefs?.allowRunningInsecureContent).not.toBe(true)
    expect(prefs?.experimentalFeatures).not.toBe(true)
    expect(prefs?.navigateOnDragDrop).not.toBe(true)
    expect(preloadPath('/app/out/main')).toBe(join('/app/out/preload/index.cjs'))
  })

  it('loads the dev server only from loopback and only when not packaged', () => {
    const mainDir = join(tmpdir(), 'earshot app', 'out', 'main')
    expect(resolveRendererTarget({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, mainDir })).toEqual({
      kind: 'dev-server',
      url: DEV_URL
    })
    const built = { kind: 'file', path: BUILT_FILE, url: BUILT_URL }
    expect(resolveRendererTarget({ isPackaged: false, env: {}, mainDir })).toEqual(built)
    expect(resolveRendererTarget({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' }, mainDir })).toEqual(built)
    expect(resolveRendererTarget({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'https://evil.example/' }, mainDir })).toEqual(built)
    expect(resolveRendererTarget({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'file:///tmp/x.html' }, mainDir })).toEqual(built)
  })

  it('focuses a restored window on a second launch', () => {
    const calls: string[] = []
    const window = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus')
    }
    const app = new EventEmitter() as EventEmitter & { requestSingleInstanceLock: () => boolean }
    app.requestSingleInstanceLock = () => true
    expect(acquireSingleInstance(app as never, () => window as never)).toBe(true)
    app.emit('second-instance')
    expect(calls).toEqual(['restore', 'show', 'focus'])

    const locked = new EventEmitter() as EventEmitter & { requestSingleInstanceLock: () => boolean }
    locked.requestSingleInstanceLock = () => false
    expect(acquireSingleInstance(locked as never, () => null)).toBe(false)
    expect(locked.listenerCount('second-instance')).toBe(0)
    expect(() => focusWindow(null)).not.toThrow()
  })
})

describe('content security policy', () => {
  const policy = contentSecurityPolicy()
  const directives = new Map(contentSecurityPolicyDirectives().map(([name, sources]) => [name, sources.join(' ')]))

  it('never allows eval or inline script', () => {
    expect(policy).not.toContain('unsafe-eval')
    expect(policy).not.toContain('wasm-unsafe-eval')
    expect(directives.get('script-src')).toBe("'self'")
    expect(policy).not.toMatch(/\*/)
  })

  it('locks down everything else', () => {
    expect(directives.get('default-src')).toBe("'self'")
    expect(directives.get('connect-src')).toBe("'self'")
    expect(directives.get('img-src')).toBe("'self' data: https:")
    expect(directives.get('object-src')).toBe("'none'")
    expect(directives.get('base-uri')).toBe("'none'")
    expect(directives.get('form-action')).toBe("'none'")
    expect(directives.get('frame-ancestors')).toBe("'none'")
    expect(directives.get('frame-src')).toBe("'none'")
    // Only style may be inline; no other directive gets 'unsafe-inline'.
    for (const [name, sources] of directives) if (name !== 'style-src') expect(sources).not.toContain('unsafe-inline')
    expect(policy.split('; ')).toHaveLength(directives.size)
  })

  it('leaves frame-ancestors out of the <meta> form, where browsers ignore it', () => {
    expect(contentSecurityPolicy({ delivery: 'meta' })).not.toContain('frame-ancestors')
    expect(contentSecurityPolicy({ delivery: 'meta' })).toContain("script-src 'self'")
  })

  it('replaces any policy the server sent with ours', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] }, 'X')
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['X'] })
  })
})

describe('external links', () => {
  it('allows http, https and mailto', () => {
    expect([...EXTERNAL_URL_SCHEMES].sort()).toEqual(['http:', 'https:', 'mailto:'])
    expect(isAllowedExternalUrl('https://example.com/post/1')).toBe(true)
    expect(isAllowedExternalUrl('http://example.com/')).toBe(true)
    expect(isAllowedExternalUrl('mailto:press@example.com')).toBe(true)
  })

  it.each(REFUSED_URLS)('refuses %j', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false)
  })

  it('refuses overlong URLs and non-strings', () => {
    expect(isAllowedExternalUrl(`https://example.com/${'a'.repeat(5000)}`)).toBe(false)
    expect(isAllowedExternalUrl(undefined)).toBe(false)
    expect(isAllowedExternalUrl({ toString: () => 'https://example.com' })).toBe(false)
  })

  it('window.open: an https link opens in the system browser, the window is denied', () => {
    const openExternal = vi.fn(() => Promise.resolve())
    expect(handleWindowOpen('https://example.com/a', openExternal)).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/a')
  })

  it.each(REFUSED_URLS)('window.open: %j is denied and not opened', (url) => {
    const openExternal = vi.fn(() => Promise.resolve())
    expect(handleWindowOpen(url, openExternal)).toEqual({ action: 'deny' })
    expect(openExternal).not.toHaveBeenCalled()
  })

  it('a failing system browser does not throw into the handler', async () => {
    const openExternal = vi.fn(() => Promise.reject(new Error('no browser')))
    expect(handleWindowOpen('https://example.com/', openExternal)).toEqual({ action: 'deny' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(warn).toHaveBeenCalled()
  })
})

describe('sender and navigation checks', () => {
  it('trusts the dev server origin only', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/', DEV_URL)).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5173/#/deck/1', DEV_URL)).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5174/', DEV_URL)).toBe(false)
    expect(isTrustedSenderUrl('https://localhost:5173/', DEV_URL)).toBe(false)
    expect(isTrustedSenderUrl('http://127.0.0.1:5173/', DEV_URL)).toBe(false)
    expect(isTrustedSenderUrl('https://evil.example/', DEV_URL)).toBe(false)
  })

  it('trusts the built index.html only, not every file:// page', () => {
    expect(isTrustedSenderUrl(BUILT_URL, BUILT_URL)).toBe(true)
    expect(isTrustedSenderUrl(`${BUILT_URL}#/decks`, BUILT_URL)).toBe(true)
    expect(isTrustedSenderUrl(pathToFileURL(join(tmpdir(), 'Downloads', 'index.html')).href, BUILT_URL)).toBe(false)
    expect(isTrustedSenderUrl('file:///etc/passwd', BUILT_URL)).toBe(false)
    expect(isTrustedSenderUrl('https://example.com/', BUILT_URL)).toBe(false)
    expect(isTrustedSenderUrl('about:blank', BUILT_URL)).toBe(false)
    expect(isTrustedSenderUrl('', BUILT_URL)).toBe(false)
    expect(isTrustedSenderUrl(null, BUILT_URL)).toBe(false)
  })

  it('trusts the top frame only', () => {
    expect(isTrustedSenderFrame({ url: DEV_URL, parent: null }, DEV_URL)).toBe(true)
    expect(isTrustedSenderFrame({ url: DEV_URL, parent: {} }, DEV_URL)).toBe(false)
    expect(isTrustedSenderFrame(null, DEV_URL)).toBe(false)
  })

  it('allows navigation only to the app itself', () => {
    expect(shouldAllowNavigation(DEV_URL, DEV_URL)).toBe(true)
    expect(shouldAllowNavigation('https://example.com/', DEV_URL)).toBe(false)
    expect(shouldAllowNavigation('file:///etc/passwd', BUILT_URL)).toBe(false)
    expect(shouldAllowNavigation('javascript:alert(1)', BUILT_URL)).toBe(false)
  })

  describe('installed on a webContents', () => {
    function fakeContents(): { contents: WebContents; emitter: EventEmitter; openHandler: () => ((details: { url: string }) => unknown) | undefined } {
      const emitter = new EventEmitter()
      let handler: ((details: { url: string }) => unknown) | undefined
      const contents = Object.assign(emitter, {
        setWindowOpenHandler: (h: (details: { url: string }) => unknown) => {
          handler = h
        }
      })
      return { contents: contents as unknown as WebContents, emitter, openHandler: () => handler }
    }
    function navigation(url: string): { url: string; isMainFrame: boolean; preventDefault: ReturnType<typeof vi.fn> } {
      return { url, isMainFrame: true, preventDefault: vi.fn() }
    }

    it('denies will-navigate away from the app and sends web links to the browser', () => {
      const openExternal = vi.fn(() => Promise.resolve())
      const { contents, emitter } = fakeContents()
      hardenWebContents(contents, BUILT_URL, openExternal)

      const away = navigation('https://example.com/')
      emitter.emit('will-navigate', away)
      expect(away.preventDefault).toHaveBeenCalled()
      expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/')

      const local = navigation('file:///etc/passwd')
      emitter.emit('will-navigate', local)
      expect(local.preventDefault).toHaveBeenCalled()
      const script = navigation('javascript:alert(1)')
      emitter.emit('will-navigate', script)
      expect(script.preventDefault).toHaveBeenCalled()
      expect(openExternal).toHaveBeenCalledTimes(1)

      const reload = navigation(BUILT_URL)
      emitter.emit('will-navigate', reload)
      expect(reload.preventDefault).not.toHaveBeenCalled()
    })

    it('denies redirects away from the app, new windows and webview attachment', () => {
      const openExternal = vi.fn(() => Promise.resolve())
      const { contents, emitter, openHandler } = fakeContents()
      hardenWebContents(contents, DEV_URL, openExternal)

      const redirect = navigation('https://evil.example/')
      emitter.emit('will-redirect', redirect)
      expect(redirect.preventDefault).toHaveBeenCalled()

      const attach = { preventDefault: vi.fn() }
      emitter.emit('will-attach-webview', attach, {}, {})
      expect(attach.preventDefault).toHaveBeenCalled()

      expect(openHandler()?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
      expect(openHandler()?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
      expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/')
    })
  })
})

describe('session', () => {
  function fakeSession(): {
    session: Session
    installed: Record<string, unknown>
  } {
    const installed: Record<string, unknown> = {}
    const session = {
      setPermissionRequestHandler: (h: unknown) => (installed.request = h),
      setPermissionCheckHandler: (h: unknown) => (installed.check = h),
      setDevicePermissionHandler: (h: unknown) => (installed.device = h),
      webRequest: { onHeadersReceived: (h: unknown) => (installed.headers = h) }
    }
    return { session: session as unknown as Session, installed }
  }

  it('denies every permission request and check', () => {
    const granted = vi.fn()
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'unknown']) {
      denyPermissionRequest({}, permission, granted)
    }
    expect(granted).toHaveBeenCalledTimes(6)
    for (const call of granted.mock.calls) expect(call).toEqual([false])
    expect(denyPermissionCheck()).toBe(false)

    const { session, installed } = fakeSession()
    hardenSession(session, BUILT_URL)
    const request = installed.request as typeof denyPermissionRequest
    const check = installed.check as () => boolean
    const device = installed.device as () => boolean
    const answer = vi.fn()
    request({}, 'media', answer)
    expect(answer).toHaveBeenCalledExactlyOnceWith(false)
    expect(check()).toBe(false)
    expect(device()).toBe(false)
  })

  it('adds the CSP header to the app’s own pages only', () => {
    const { session, installed } = fakeSession()
    hardenSession(session, DEV_URL)
    type Listener = (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void
    const onHeaders = installed.headers as Listener

    const own = vi.fn()
    onHeaders({ url: 'http://localhost:5173/', responseHeaders: { 'Content-Type': ['text/html'] } }, own)
    expect(own).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy()] }
    })

    const avatar = vi.fn()
    onHeaders({ url: 'https://cdn.example/avatar.png', responseHeaders: {} }, avatar)
    expect(avatar).toHaveBeenCalledExactlyOnceWith({})
  })
})

describe('IPC transport', () => {
  type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<IpcResult>
  function fakeIpcMain(): IpcMainLike & { handlers: Map<string, Handler> } {
    const handlers = new Map<string, Handler>()
    return {
      handlers,
      handle: (channel, listener) => {
        if (handlers.has(channel)) throw new Error(`twice: ${channel}`)
        handlers.set(channel, listener)
      },
      removeHandler: (channel) => {
        handlers.delete(channel)
      }
    }
  }
  const trusted: IpcInvokeEventLike = { senderFrame: { url: BUILT_URL, parent: null } }
  const stranger: IpcInvokeEventLike = { senderFrame: { url: 'https://evil.example/', parent: null } }
  const check = (event: IpcInvokeEventLike): boolean => isTrustedSenderFrame(event.senderFrame, BUILT_URL)

  it('registers exactly the contract channels and removes them again', () => {
    const ipc = fakeIpcMain()
    const unregister = registerIpc(ipc, { dispatch: vi.fn() }, check)
    expect([...ipc.handlers.keys()].sort()).toEqual(contractMethods().map(({ domain, method }) => channelOf(domain, method)).sort())
    unregister()
    expect(ipc.handlers.size).toBe(0)
  })

  it('dispatches a trusted call as the full-access electron caller', async () => {
    const ipc = fakeIpcMain()
    const dispatch = vi.fn(() => Promise.resolve({ version: '1' }))
    registerIpc(ipc, { dispatch }, check)
    const result = await ipc.handlers.get('posts:get')?.(trusted, { id: 'p1' }, 'extra')
    expect(result).toEqual({ ok: true, result: { version: '1' } })
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('posts', 'get', { id: 'p1' }, { access: 'full', transport: 'electron' })
  })

  it('refuses a call from a foreign frame without dispatching', async () => {
    const ipc = fakeIpcMain()
    const dispatch = vi.fn()
    registerIpc(ipc, { dispatch }, check)
    expect(await ipc.handlers.get('settings:update')?.(stranger, {})).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } })
    expect(await ipc.handlers.get('settings:update')?.({ senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('sends ApiErrors as data and unknown errors as internal, logging them without the input', async () => {
    const ipc = fakeIpcMain()
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const dispatch = vi
      .fn()
      .mockRejectedValueOnce(new ApiError('not_found', 'No such post.'))
      .mockRejectedValueOnce(new Error('disk on fire'))
    registerIpc(ipc, { dispatch }, check)
    expect(await ipc.handlers.get('posts:get')?.(trusted, { id: 'x' })).toEqual({ ok: false, error: { code: 'not_found', message: 'No such post.' } })
    expect(logged).not.toHaveBeenCalled()
    const secret = { id: 'token-SECRET-123' }
    const internal = await ipc.handlers.get('posts:get')?.(trusted, secret)
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong inside Earshot.' } })
    expect(JSON.stringify(internal)).not.toContain('disk on fire')
    expect(logged).toHaveBeenCalledOnce()
    expect(JSON.stringify(logged.mock.calls)).not.toContain('SECRET')
  })

  it('forwards core events to live app windows only', () => {
    const events = new CoreEvents()
    const app = { isDestroyed: () => false, getURL: () => BUILT_URL, send: vi.fn() }
    const closed = { isDestroyed: () => true, getURL: () => BUILT_URL, send: vi.fn() }
    const foreign = { isDestroyed: () => false, getURL: () => 'https://evil.example/', send: vi.fn() }
    const stop = forwardEvents(events, () => [app, closed, foreign], (url) => isTrustedSenderUrl(url, BUILT_URL))
    events.emit('posts:added', { count: 2, latestSeq: 9 })
    expect(app.send).toHaveBeenCalledExactlyOnceWith(eventChannel('posts:added'), { count: 2, latestSeq: 9 })
    expect(closed.send).not.toHaveBeenCalled()
    expect(foreign.send).not.toHaveBeenCalled()
    stop()
    events.emit('posts:added', { count: 1, latestSeq: 10 })
    expect(app.send).toHaveBeenCalledOnce()
  })
})

describe('preload', () => {
  async function exposedApi(): Promise<ClientApi> {
    await import('../../src/preload/index')
    expect(electronMock.exposeInMainWorld).toHaveBeenCalledOnce()
    const [name, api] = electronMock.exposeInMainWorld.mock.calls[0] as [string, ClientApi]
    expect(name).toBe('api')
    return api
  }

  function isDeepFrozen(value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return true
    return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen)
  }

  it('exposes exactly the contract, deeply frozen, and nothing generic', async () => {
    const api = await exposedApi()
    expect(isDeepFrozen(api)).toBe(true)
    expect(Object.keys(api).sort()).toEqual([...Object.keys(CONTRACT), 'on'].sort())
    for (const [domain, methods] of Object.entries(CONTRACT)) {
      const exposed = (api as unknown as Record<string, Record<string, unknown>>)[domain] ?? {}
      expect(Object.keys(exposed).sort()).toEqual(Object.keys(methods).sort())
      for (const fn of Object.values(exposed)) expect(typeof fn).toBe('function')
    }
    // Nested names are exactly the contract's (checked above); the top level has nothing generic.
    for (const forbidden of ['invoke', 'send', 'ipcRenderer', 'process', 'env', 'require']) expect(Object.keys(api)).not.toContain(forbidden)
    expect(() => {
      ;(api as unknown as Record<string, unknown>).invoke = () => undefined
    }).toThrow(TypeError)
    expect(() => {
      ;(api.posts as unknown as Record<string, unknown>).get = () => undefined
    }).toThrow(TypeError)
  })

  it('calls the method’s own channel with one argument and unwraps the result', async () => {
    const api = await exposedApi()
    electronMock.invoke.mockResolvedValueOnce({ ok: true, result: { id: 'p1' } })
    await expect(api.posts.get({ id: 'p1' })).resolves.toEqual({ id: 'p1' })
    expect(electronMock.invoke).toHaveBeenLastCalledWith('posts:get', { id: 'p1' })
    expect(electronMock.invoke.mock.lastCall).toHaveLength(2)

    electronMock.invoke.mockResolvedValueOnce({ ok: true, result: [] })
    await api.decks.list()
    expect(electronMock.invoke).toHaveBeenLastCalledWith('decks:list', undefined)
  })

  it('rebuilds ApiError from an error answer and refuses malformed answers', async () => {
    const api = await exposedApi()
    electronMock.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'forbidden', message: 'Read-only.' } })
    const error = await api.settings.update({}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'forbidden', message: 'Read-only.' })

    electronMock.invoke.mockResolvedValueOnce('surprise')
    await expect(api.system.info()).rejects.toMatchObject({ code: 'internal' })
  })

  it('subscribes to known events only, passes only the payload, and unsubscribes', async () => {
    const api = await exposedApi()
    expect(() => api.on('nope' as never, () => undefined)).toThrow(ApiError)
    expect(electronMock.on).not.toHaveBeenCalled()

    const listener = vi.fn()
    const unsubscribe = api.on('posts:added', listener)
    expect(EVENT_NAMES).toContain('posts:added')
    expect(electronMock.on).toHaveBeenCalledOnce()
    const [channel, forward] = electronMock.on.mock.calls[0] as [string, (event: unknown, payload: unknown) => void]
    expect(channel).toBe(eventChannel('posts:added'))
    const ipcEvent = { sender: { invoke: () => undefined }, senderId: 0 }
    forward(ipcEvent, { count: 3, latestSeq: 4 })
    expect(listener).toHaveBeenCalledExactlyOnceWith({ count: 3, latestSeq: 4 })

    unsubscribe()
    unsubscribe()
    expect(electronMock.removeListener).toHaveBeenCalledExactlyOnceWith(channel, forward)
  })

  beforeEach(() => {
    electronMock.invoke.mockReset()
    electronMock.on.mockReset()
    electronMock.removeListener.mockReset()
  })
})

describe('menu', () => {
  function roles(template: ReturnType<typeof menuTemplate>): string[] {
    return template.flatMap((item) => [String(item.role ?? item.label), ...(Array.isArray(item.submenu) ? item.submenu.map((sub) => String(sub.role ?? sub.type)) : [])])
  }

  it('offers reload and devtools in development only', () => {
    const production = roles(menuTemplate({ isDev: false, platform: 'linux' }))
    expect(production).not.toContain('toggleDevTools')
    expect(production).not.toContain('reload')
    expect(production).not.toContain('forceReload')
    expect(production).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'windowMenu', 'togglefullscreen']))
    expect(roles(menuTemplate({ isDev: true, platform: 'linux' }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
    expect(roles(menuTemplate({ isDev: false, platform: 'darwin' }))[0]).toBe('appMenu')
  })
})

describe('Electron build of better-sqlite3', () => {
  let root: string
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'earshot-native-'))
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('is used only when built for the running Electron', () => {
    expect(electronNativeBinding(root, '40.8.5')).toBeUndefined()
    mkdirSync(join(root, '.electron-native'))
    const file = join(root, '.electron-native', 'better_sqlite3.node')
    writeFileSync(file, '')
    expect(electronNativeBinding(root, '40.8.5')).toBeUndefined()
    writeFileSync(join(root, '.electron-native', 'manifest.json'), JSON.stringify({ electron: '40.8.5' }))
    expect(electronNativeBinding(root, '40.8.5')).toBe(file)
    expect(electronNativeBinding(root, '41.0.0')).toBeUndefined()
  })
})
