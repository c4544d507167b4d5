import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Where scripts/postinstall.mjs puts better-sqlite3 built for Electron, relative to the app root. */
export const ELECTRON_NATIVE_DIR = '.electron-native'
export const ELECTRON_NATIVE_FILE = 'better_sqlite3.node'
export const ELECTRON_NATIVE_MANIFEST = 'manifest.json'

/**
 * The better-sqlite3 addon built for this Electron, or undefined when there is none.
 *
 * node_modules keeps the Node build (the CLI, the web host and the tests run under Node); the
 * Electron build lives beside it and is handed to better-sqlite3 as `nativeBinding`. A build for
 * another Electron version would crash on load with an ABI error, so the manifest written by the
 * postinstall must name the running version.
 */
export function electronNativeBinding(appRoot: string, electronVersion: string | undefined): string | undefined {
  const dir = join(appRoot, ELECTRON_NATIVE_DIR)
  const file = join(dir, ELECTRON_NATIVE_FILE)
  if (!existsSync(file)) return undefined
  try {
    const manifest: unknown = JSON.parse(readFileSync(join(dir, ELECTRON_NATIVE_MANIFEST), 'utf8'))
    const built = manifest && typeof manifest === 'object' && 'electron' in manifest ? manifest.electron : undefined
    if (electronVersion && built !== electronVersion) {
      console.warn(`Earshot: ${file} was built for Electron ${String(built)}, this is ${electronVersion}; run "node scripts/postinstall.mjs".`)
      return undefined
    }
  } catch {
    console.warn(`Earshot: ${file} has no readable manifest; run "node scripts/postinstall.mjs".`)
    return undefined
  }
  return file
}
