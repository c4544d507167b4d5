import { computed, onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { DEFAULT_SETTINGS, type Settings, type ThemePreference } from '@shared/domain/settings'
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

function writeLocalTheme(theme: ThemePreference): void {
  try {
    globalThis.localStorage?.setItem(LOCAL_THEME_KEY, theme)
  } catch {
    // Storage can be disabled; the choice then lasts until the page reloads.
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

  const stop = api.on('settings:changed', (next) => {
    settings.value = next
  })
  onScopeDispose(stop)
  const connection = useConnectionStore()
  watch(
    () => connection.reconnects,
    () => void load()
  )

  return { settings, theme, error, load, setTheme }
})
