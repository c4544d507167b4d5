import { describe, expect, it } from 'vitest'
import { ICON_PATHS } from '@renderer/lib/icons'

/** Every component's source, by path (Vite reads them at build time of the test). */
const SOURCES = import.meta.glob<string>('../../src/renderer/src/**/*.vue', { query: '?raw', import: 'default', eager: true })

/**
 * Per-post templates reference the icon sprite directly (`<use href>` of an `#icon-` id) instead
 * of through the typed UiIcon component; a misspelt name would draw nothing, silently.
 */
describe('icon sprite references', () => {
  const references = Object.entries(SOURCES).flatMap(([file, source]) =>
    [...source.matchAll(/href="#icon-([^"]+)"/g)].map((match) => ({ file: file.replace(/^.*src\/renderer\/src\//, ''), name: match[1] ?? '' }))
  )

  it('finds the inline icons of the post card and the triage strip', () => {
    const files = new Set(references.map((ref) => ref.file))
    expect(files).toContain('components/post/PostCard.vue')
    expect(files).toContain('components/triage/PostTriageStrip.vue')
  })

  it('names only icons the sprite draws', () => {
    const unknown = references.filter((ref) => !(ref.name in ICON_PATHS))
    expect(unknown).toEqual([])
  })
})
