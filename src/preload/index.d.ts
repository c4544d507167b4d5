import type { ClientApi } from '../shared/contract/domains'

declare global {
  interface Window {
    /**
     * The Earshot API, exposed by the preload in the desktop app. In a browser (`earshot serve`)
     * there is no preload and this is undefined: use `src/renderer/src/lib/api.ts`, never this.
     */
    api: ClientApi
  }
}

export {}
