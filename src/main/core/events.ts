import type { EventMap, EventName } from '@shared/contract/domains'

export type CoreEventListener = <E extends EventName>(event: E, payload: EventMap[E]) => void

/** Push events from the core to every transport (IPC windows, web host clients). */
export class CoreEvents {
  private readonly listeners = new Set<CoreEventListener>()

  on(listener: CoreEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload)
      } catch (error) {
        // One broken subscriber (a closed window, a dropped socket) must not starve the others.
        console.error(`Earshot: a listener for ${event} failed:`, error)
      }
    }
  }
}
