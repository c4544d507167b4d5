import { computed, onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { DEFAULT_SETTINGS, type Density, type Settings, type ThemePreference } from '@shared/domain/settings'
import { api } from '@renderer/lib/api'
import { errorMessage } from '@renderer/lib/errors'
import { useConnectionStore } from './connection'
import { useSystemStore } from './system'

const LOCAL_THEME_KEY = 'earshot:theme'
const THEMES: readonly ThemePreference[] = ['system', 'dark', 'light']

function isTheme(value: unknown): value is ThemePreference {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value)
}

/**
 * A read-only link (a wall screen) may not change the shared settings, but the screen in
 * front of it can still choose its own theme; that choice stays in this browser only.
 */
function readLocalTheme(): ThemePreference | null {
  try {
    const value = globalThis.localStorage?.getItem(LOCAL_THEME_KEY)
    return isTheme(value) ? value : null
  } catch {
    return null
  }
}

function writeLocal(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value)
  } catch {
    // Storage can be disabled; the choice then lasts until the page reloads.
  }
}

function writeLocalTheme(theme: ThemePreference): void {
  writeLocal(LOCAL_THEME_KEY, theme)
}

const LOCAL_DENSITY_KEY = 'earshot:density'

function readLocalDensity(): Density | null {
  try {
    const value = globalThis.localStorage?.getItem(LOCAL_DENSITY_KEY)
    return value === 'compact' || value === 'comfortable' ? value : null
  } catch {
    return null
  }
}

/** User settings, kept live; the theme is what the UI needs from them now. */
export const useSettingsStore = defineStore('settings', () => {
  const system = useSystemStore()
  const settings = ref<Settings | null>(null)
  const localTheme = ref<ThemePreference | null>(readLocalTheme())
  const error = ref<string | null>(null)

  const theme = computed<ThemePreference>(() =>
    system.readOnly && localTheme.value ? localTheme.value : (settings.value?.theme ?? DEFAULT_SETTINGS.theme)
  )

  /** How dense post cards are; a read-only screen may choose its own, kept in this browser. */
  const localDensity = ref<Density | null>(readLocalDensity())
  const density = computed<Density>(() =>
    system.readOnly && localDensity.value ? localDensity.value : (settings.value?.density ?? DEFAULT_SETTINGS.density)
  )

  async function setDensity(next: Density): Promise<void> {
    if (system.readOnly) {
      localDensity.value = next
      writeLocal(LOCAL_DENSITY_KEY, next)
      return
    }
    const before = settings.value
    settings.value = { ...(before ?? DEFAULT_SETTINGS), density: next }
    try {
      settings.value = await api.settings.update({ density: next })
      error.value = null
    } catch (e) {
      settings.value = before
      error.value = errorMessage(e)
    }
  }

  async function load(): Promise<void> {
    try {
      settings.value = await api.settings.get()
      error.value = null
    } catch (e) {
      error.value = errorMessage(e)
    }
  }

  async function setTheme(next: ThemePreference): Promise<void> {
    if (system.readOnly) {
      localTheme.value = next
      writeLocalTheme(next)
      return
    }
    const before = settings.value
    // Optimistic: the theme switches at once and falls back if the core refuses.
    settings.value = { ...(before ?? DEFAULT_SETTINGS), theme: next }
    try {
      settings.value = await api.settings.update({ theme: next })
      error.value = null
    } catch (e) {
      settings.value = before
      error.value = errorMessage(e)
    }
  }

  /**
   * Saves the wall screen's settings (full access only); null when saved, else the sentence
   * saying why not. Not optimistic: an open wall screen follows only what was actually saved.
   */
  async function setWall(next: Settings['wall']): Promise<string | null> {
    try {
      settings.value = await api.settings.update({ wall: next })
      error.value = null
      return null
    } catch (e) {
      return errorMessage(e)
    }
  }

  const stop = api.on('settings:changed', (next) => {
    settings.value = next
  })
  onScopeDispose(stop)
  const connection = useConnectionStore()
  watch(
    () => connection.reconnects,
    () => void load()
  )

  return { settings, theme, density, error, load, setTheme, setDensity, setWall }
})
