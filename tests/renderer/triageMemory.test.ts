import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { defineComponent, h, nextTick, shallowRef, toRef } from 'vue'
import type { Post } from '@shared/domain/post'
import PostCard from '@renderer/components/post/PostCard.vue'
import { useSystemStore } from '@renderer/stores/system'
import { useTriageStore } from '@renderer/stores/triage'
import { createFakeApi } from './support/fakeApi'
import { mountWith, unmountAll } from './support/mountApp'
import { T0 } from './support/fixtures'
import { TRIAGE_SETUP, triagedPost } from './support/triage'
import { getByRole } from './support/a11y'

const NOW = T0 + 10 * 60 * 60_000

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] })
  vi.setSystemTime(NOW)
})

afterEach(() => {
  unmountAll()
  vi.useRealTimers()
})

/**
 * What Vue keeps to tell readers of `key` in `target` about changes (undefined: nothing). A
 * reactive collection keeps one per key ever read, and Vue does not remove it when the reader
 * was a computed of a component that is gone.
 */
function dependencyOn(target: object, key: string): unknown {
  return (toRef(target as Record<string, unknown>, key) as unknown as { dep?: unknown }).dep
}

test('cards that left the screen leave nothing keyed by their post in the triage store', async () => {
  // A deck left open all day shows thousands of posts one after the other; memory must not grow with them.
  const posts = Array.from({ length: 6 }, (_, n) => triagedPost(n, NOW - n * 60_000))
  const fake = createFakeApi({ posts, triage: TRIAGE_SETUP })
  const shown = shallowRef<Post[]>(posts.slice(0, 3))
  const wrapper = await mountWith(
    fake,
    defineComponent({
      render: () => h('section', shown.value.map((post) => h(PostCard, { key: post.id, post, tabindex: 0, density: 'compact' })))
    })
  )
  await useSystemStore().load()
  await nextTick()
  const triage = useTriageStore()
  // The cards read the triage store about their posts (selection, busy, errors, last action).
  const first = getByRole(wrapper.element as HTMLElement, 'article', { name: `Post by ${posts[0]?.author.displayName}` })
  expect(getByRole(first, 'button', { name: /^Priority/ })).toBeTruthy()

  // New posts push the first three off the screen.
  shown.value = posts.slice(3)
  await nextTick()

  for (const post of posts.slice(0, 3)) {
    for (const collection of [triage.latest, triage.busy, triage.errors, triage.selection]) {
      expect(dependencyOn(collection, post.id)).toBeUndefined()
    }
  }
})
