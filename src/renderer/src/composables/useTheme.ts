import { computed, onScopeDispose, ref, watchEffect, type ComputedRef } from 'vue'
import type { ThemePreference } from '@shared/domain/settings'
import { useSettingsStore } from '@renderer/stores/settings'

export type EffectiveTheme = 'dark' | 'light'

function systemPrefersDark(): ComputedRef<boolean> {
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null
  const dark = ref(query?.matches ?? true)
  if (query) {
    const update = (event: MediaQueryListEvent): void => {
      dark.value = event.matches
    }
    query.addEventListener('change', update)
    onScopeDispose(() => query.removeEventListener('change', update))
  }
  return computed(() => dark.value)
}

/**
 * Applies the theme to the document: `data-theme` picks the palette in theme.css. Before the
 * settings arrive, CSS follows prefers-color-scheme by itself, so nothing flashes.
 */
export function useTheme(): {
  preference: ComputedRef<ThemePreference>
  effective: ComputedRef<EffectiveTheme>
  setPreference: (theme: ThemePreference) => Promise<void>
} {
  const settings = useSettingsStore()
  const prefersDark = systemPrefersDark()
  const preference = computed(() => settings.theme)
  const effective = computed<EffectiveTheme>(() =>
    preference.value === 'system' ? (prefersDark.value ? 'dark' : 'light') : preference.value
  )
  watchEffect(() => {
    if (typeof document === 'undefined') return
    document.documentElement.dataset.theme = effective.value
  })
  return { preference, effective, setPreference: (theme) => settings.setTheme(theme) }
}
