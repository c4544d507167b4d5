/**
 * How a page asks for the wall screen (kiosk) presentation instead of the deck: `?view=wall`.
 * A query parameter rather than a path or a fragment, because it survives the web host's
 * token-for-cookie redirect and Electron's loadFile alike, and means the same in both.
 */
export const WALL_VIEW_PARAM = 'view'
export const WALL_VIEW_VALUE = 'wall'

/** Whether a page address asks for the wall screen. */
export function isWallUrl(href: string): boolean {
  try {
    return new URL(href).searchParams.get(WALL_VIEW_PARAM) === WALL_VIEW_VALUE
  } catch {
    return false
  }
}

/** The same address, opening the wall screen. */
export function wallUrl(href: string): string {
  const url = new URL(href)
  url.searchParams.set(WALL_VIEW_PARAM, WALL_VIEW_VALUE)
  return url.href
}
