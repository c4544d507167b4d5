/**
 * The one Content-Security-Policy of Earshot's UI. The desktop app sends it as a response header
 * for its own pages (session.webRequest) and the web host (`earshot serve`) sends the same string
 * with every page it serves, so both ways of running the UI are held to the same rules.
 *
 * No Electron import here: the web host runs under plain Node.
 */

/** How the policy is delivered; a `<meta>` tag cannot carry `frame-ancestors` (browsers ignore it there). */
export type CspDelivery = 'header' | 'meta'

export interface CspOptions {
  delivery?: CspDelivery
}

/** Directive → sources. Kept as data so tests can check single directives exactly. */
export function contentSecurityPolicyDirectives(options: CspOptions = {}): ReadonlyArray<readonly [string, readonly string[]]> {
  const directives: Array<readonly [string, readonly string[]]> = [
    // Anything not listed below may only come from the app itself.
    ['default-src', ["'self'"]],
    // Only the bundled scripts: no 'unsafe-eval' (no string-to-code) and no inline scripts, so an
    // HTML injection in a post cannot run code even if it got past the sanitizer.
    ['script-src', ["'self'"]],
    // Vue's scoped-style injection in dev and chart.js' canvas sizing set inline styles. Styles
    // cannot run code; allowing them inline is the usual, accepted trade-off.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    // Avatars and media previews come from many network hosts, always over https.
    ['img-src', ["'self'", 'data:', 'https:']],
    ['media-src', ["'self'", 'https:']],
    ['font-src', ["'self'", 'data:']],
    // The UI talks only to its own origin: IPC on the desktop, HTTP/WebSocket to the web host
    // (CSP Level 3 lets 'self' match ws:/wss: on the same host). Network calls happen in the core.
    ['connect-src', ["'self'"]],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['child-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]]
  ]
  // The UI must never be framed by another page (clickjacking on a wall screen served on the LAN).
  if ((options.delivery ?? 'header') === 'header') directives.push(['frame-ancestors', ["'none'"]])
  return directives
}

/** The policy as one header value. */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  return contentSecurityPolicyDirectives(options)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ')
}

/** The response header name, spelled once. */
export const CSP_HEADER = 'Content-Security-Policy'
