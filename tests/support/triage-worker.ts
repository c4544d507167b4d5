import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'vite'

const root = resolve(import.meta.dirname, '../..')
// Inside the project, so that the worker resolves franc-min from node_modules.
const outDir = join(root, 'node_modules', '.earshot-test')

/**
 * Bundles the triage worker on its own, the way electron-vite's `?modulePath` does for the app
 * (a worker thread cannot load the TypeScript sources tests run on). Returns its path.
 */
export async function buildTriageWorker(): Promise<string> {
  mkdirSync(outDir, { recursive: true })
  await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { '@shared': join(root, 'src/shared') } },
    build: {
      ssr: join(root, 'src/main/core/triage/worker.ts'),
      outDir,
      emptyOutDir: false,
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: 'triage-worker.mjs' } }
    }
  })
  return join(outDir, 'triage-worker.mjs')
}

/** Where tests may write throw-away worker scripts (resolvable like the built one). */
export const TEST_BUILD_DIR = outDir
