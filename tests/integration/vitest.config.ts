import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

const root = resolve(import.meta.dirname, '../..')

/**
 * The integration tier (see README.md here). The connector under test lives in the root project
 * (`../../src/...`), so the root's path aliases are repeated; `server.fs` does not matter in Node.
 */
export default defineConfig({
  resolve: {
    alias: {
      '@shared': resolve(root, 'src/shared')
    }
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    environment: 'node',
    setupFiles: ['./support/preload.ts'],
    // One network per file; the files share the machine's two cores, so run them one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000
  }
})
