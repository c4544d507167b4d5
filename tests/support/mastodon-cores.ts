import { afterEach, expect } from 'vitest'
import type { Core } from '../../src/main/core'
import type { MastodonTestServer } from './mastodon-server'

export interface CoreWithServer {
  core: Core
  server: MastodonTestServer
}

/**
 * Cores a test opens against a Mastodon test server (push them on the returned list): after each
 * test both are closed, and the server must have seen no response or request outside the API
 * description.
 */
export function useMastodonCores(): CoreWithServer[] {
  const opened: CoreWithServer[] = []
  afterEach(async () => {
    for (const { core, server } of opened.splice(0)) {
      core.close()
      const violations = [...server.violations]
      await server.close()
      expect(violations).toEqual([])
    }
  })
  return opened
}
