import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, disposePinia, setActivePinia, type Pinia } from 'pinia'
import { vi } from 'vitest'
import type { Component } from 'vue'
import { setApi, transportStatus } from '@renderer/lib/api'
import App from '@renderer/App.vue'
import type { FakeApi } from './fakeApi'

const pinias: Pinia[] = []

/** Fresh stores on the fake API; call before creating stores or mounting. */
export function useFake(fake: FakeApi): Pinia {
  transportStatus.set('connecting')
  setApi(fake.api)
  const pinia = createPinia()
  pinias.push(pinia)
  setActivePinia(pinia)
  return pinia
}

/** Disposes every store created since the last call (their event subscriptions end too). */
export function disposeStores(): void {
  for (const pinia of pinias.splice(0)) disposePinia(pinia)
  setApi(null)
}

const mounted: VueWrapper[] = []

/** Mounts a component (the whole app by default) attached to the document, with fresh stores. */
export async function mountWith(fake: FakeApi, component: Component = App): Promise<VueWrapper> {
  const pinia = useFake(fake)
  const wrapper = mount(component, { attachTo: document.body, global: { plugins: [pinia] } })
  mounted.push(wrapper)
  await flushPromises()
  // The lists render their overscan after the first frame (VirtualList), as a person would see
  // the page a moment later. Under fake timers the frames are the test's to advance.
  if (!vi.isFakeTimers()) await animationFrames(2)
  return wrapper
}

/** Waits for `count` animation frames, then for what they set off. */
export async function animationFrames(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
  await flushPromises()
}

/** Unmounts everything mounted by mountWith (call in afterEach). */
export function unmountAll(): void {
  for (const wrapper of mounted.splice(0)) wrapper.unmount()
  disposeStores()
  document.body.innerHTML = ''
}
