/**
 * Which links the app may hand to the operating system. A link in a post is attacker-controlled
 * text: `file:` could open a local program or document, custom schemes (`ms-msdt:`, `vscode:`,
 * `smb:`) have been used to run code, `javascript:`/`data:` would run in a browser context.
 * Only the web and e-mail are allowed out.
 *
 * No Electron import here: the decision is pure and shared by every window.
 */

/** URL schemes (with the trailing colon, as `URL.protocol` spells them) that may leave the app. */
export const EXTERNAL_URL_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:'])

/** Longer URLs are refused: nothing legitimate needs them, and some handlers choke on them. */
export const MAX_EXTERNAL_URL_LENGTH = 4096

/** True when `url` may be opened in the system browser or mail client. */
export function isAllowedExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (!EXTERNAL_URL_SCHEMES.has(parsed.protocol)) return false
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0
  // A web link needs a host, and credentials in a link are a phishing trick
  // (https://bank.example@evil.example/), never something a post needs.
  return parsed.hostname.length > 0 && parsed.username === '' && parsed.password === ''
}
