export type ThemePreference = 'system' | 'dark' | 'light'

/** How much a post card shows: comfortable (avatar, media, counts) or compact (one dense block). */
export type Density = 'comfortable' | 'compact'

/** The brand Earshot listens for: triage uses it to tell whether a post addresses the brand. */
export interface Brand {
  /** Names and product names, e.g. "Lumora". */
  names: string[]
  /** Handles with their @, e.g. "@lumora". */
  handles: string[]
}

/** The wall screen (kiosk mode). */
export interface WallSettings {
  /** Seconds each deck stays on screen before the next one (rotation); 0 keeps one deck. */
  rotateSeconds: number
  /** Mask direct messages, e-mail addresses and phone numbers. */
  hidePrivate: boolean
  /** Decks shown, in order; empty means all decks. */
  deckIds: string[]
}

/**
 * User settings (persisted in the durable store). The demo workspace is switched on and off
 * as a source (sources.setEnabled), so there is one truth for it.
 */
export interface Settings {
  theme: ThemePreference
  density: Density
  /** The name this desktop's user signs notes and history with. */
  userName: string
  brand: Brand
  wall: WallSettings
}

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  density: 'comfortable',
  userName: 'You',
  brand: { names: ['Lumora'], handles: ['@lumora'] },
  wall: { rotateSeconds: 60, hidePrivate: true, deckIds: [] }
}
