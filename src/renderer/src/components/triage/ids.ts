/** A fresh id for a team, person or rule made in the UI (crypto.randomUUID needs a secure context, a LAN address is not one). */
export function newId(prefix: string): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
  return `${prefix}-${random}`
}
