export type ThemePreference = 'system' | 'dark' | 'light'

/**
 * User settings (persisted in the durable store). The demo workspace is switched on and off
 * as a source (sources.setEnabled), so there is one truth for it.
 */
export interface Settings {
  theme: ThemePreference
}

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system'
}
