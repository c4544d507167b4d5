import { homedir } from 'node:os'
import { join } from 'node:path'

/** The product name; Electron derives its user-data folder from it as well. */
export const APP_FOLDER_NAME = 'Earshot'

/**
 * The folder the desktop app keeps its data in, computed without Electron so that
 * `earshot serve` opens the same store by default. Mirrors Electron's `app.getPath('userData')`
 * (appData + product name); the desktop app sets userData to this very path to rule out drift.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.EARSHOT_DATA_DIR) return env.EARSHOT_DATA_DIR
  const home = homedir()
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_FOLDER_NAME)
}
