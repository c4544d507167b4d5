import type { Event, HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron'
import { CSP_HEADER, contentSecurityPolicy } from '../core/security/csp'
import { isAllowedExternalUrl } from '../core/security/external-links'

/*
 * The desktop app's hardening, written as pure decisions plus small installers that receive the
 * Electron objects as arguments. Nothing here imports Electron at run time, so the decisions are
 * unit-tested under plain Node (tests/unit/electron-hardening.test.ts) without the Electron binary.
 */

export { contentSecurityPolicy, isAllowedExternalUrl }

/** Opens a URL outside the app (Electron's `shell.openExternal`). */
export type OpenExternal = (url: string) => Promise<void>

function parse(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url === '') return null
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/**
 * True when `url` is a document of the app itself. `rendererUrl` is where the window was loaded
 * from: the electron-vite dev server (`http://localhost:5173/`, any path on that origin) or the
 * built `file:///…/out/renderer/index.html` (that one file only: every local file shares the
 * `file://` origin, so trusting the scheme would trust any HTML file on the disk).
 */
export function isTrustedSenderUrl(url: string | null | undefined, rendererUrl: string): boolean {
  const candidate = parse(url)
  const app = parse(rendererUrl)
  if (!candidate || !app) return false
  if (app.protocol === 'http:' || app.protocol === 'https:') {
    return candidate.protocol === app.protocol && candidate.host === app.host
  }
  if (app.protocol === 'file:') {
    return candidate.protocol === 'file:' && candidate.host === app.host && decodeURIComponent(candidate.pathname) === decodeURIComponent(app.pathname)
  }
  return false
}

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrameLike {
  readonly url: string
  readonly parent: unknown
}

/**
 * The IPC sender check: only the top frame of an app document may call the API. A sub-frame
 * (should one ever exist despite `frame-src 'none'`) or a frame that has already navigated away
 * (Electron reports it as null) is refused.
 */
export function isTrustedSenderFrame(frame: SenderFrameLike | null | undefined, rendererUrl: string): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  return isTrustedSenderUrl(frame.url, rendererUrl)
}

/**
 * Whether the window may navigate to `targetUrl`. Only a (re)load of the app's own document is
 * allowed; everything else — links in posts, `location = …` from injected script — is refused,
 * because the window carries the preload's full API.
 */
export function shouldAllowNavigation(targetUrl: string, rendererUrl: string): boolean {
  return isTrustedSenderUrl(targetUrl, rendererUrl)
}

/**
 * `window.open` and `target=_blank` links: never a new Electron window (it would inherit nothing
 * of the hardening we control here); an allowed link goes to the system browser instead.
 */
export function handleWindowOpen(url: string, openExternal: OpenExternal): WindowOpenHandlerResponse {
  openIfAllowed(url, openExternal)
  return { action: 'deny' }
}

/** Hands `url` to the system when its scheme is allowed; returns whether it did. */
export function openIfAllowed(url: string, openExternal: OpenExternal): boolean {
  if (!isAllowedExternalUrl(url)) {
    console.warn('Earshot: refused to open a link with a disallowed scheme.')
    return false
  }
  openExternal(url).catch((error: unknown) => {
    console.warn('Earshot: the system could not open a link:', error instanceof Error ? error.message : String(error))
  })
  return true
}

/** Permission requests (camera, microphone, geolocation, notifications, …) are all refused. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false)
}

/** Synchronous permission checks are refused too, or Chromium would report them as granted. */
export function denyPermissionCheck(): boolean {
  return false
}

/**
 * Response headers with our CSP replacing whatever the server sent (the dev server sends none;
 * replacing, not appending, keeps one policy in force).
 */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
  policy: string = contentSecurityPolicy()
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase()
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue
    out[name] = value
  }
  out[CSP_HEADER] = [policy]
  return out
}

/** Session-wide hardening: permissions denied, CSP on the app's own pages. */
export function hardenSession(session: Session, rendererUrl: string): void {
  session.setPermissionRequestHandler(denyPermissionRequest)
  session.setPermissionCheckHandler(denyPermissionCheck)
  session.setDevicePermissionHandler(denyPermissionCheck)
  const policy = contentSecurityPolicy()
  session.webRequest.onHeadersReceived((details, callback) => {
    // Only our own documents get (and need) the policy; responses from other hosts (avatars)
    // are passed through untouched.
    if (isTrustedSenderUrl(details.url, rendererUrl)) {
      callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) })
    } else {
      callback({})
    }
  })
}

/**
 * Per-webContents hardening, installed for every webContents the app creates
 * (`app.on('web-contents-created')`), so no window can be opened without it.
 */
export function hardenWebContents(contents: WebContents, rendererUrl: string, openExternal: OpenExternal): void {
  contents.setWindowOpenHandler((details: HandlerDetails) => handleWindowOpen(details.url, openExternal))
  contents.on('will-navigate', (details) => {
    if (shouldAllowNavigation(details.url, rendererUrl)) return
    details.preventDefault()
    // A plain link to the web in a post: open it where the user expects it, outside the app.
    if (details.isMainFrame) openIfAllowed(details.url, openExternal)
  })
  contents.on('will-redirect', (details) => {
    if (!shouldAllowNavigation(details.url, rendererUrl)) details.preventDefault()
  })
  // <webview> is disabled in webPreferences; refusing the attach is the second lock.
  contents.on('will-attach-webview', (event: Event) => {
    event.preventDefault()
  })
}
