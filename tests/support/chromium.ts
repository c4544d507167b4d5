import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium']

/** Debian's Chromium (or Chrome); EARSHOT_CHROMIUM overrides the path. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.EARSHOT_CHROMIUM
  if (override) {
    if (!existsSync(override)) throw new Error(`EARSHOT_CHROMIUM points to ${override}, which does not exist.`)
    return override
  }
  const found = CANDIDATES.find((path) => existsSync(path))
  if (!found) {
    throw new Error('No Chromium or Chrome found for the end-to-end tests: install one with `sudo apt-get install -y chromium` or set EARSHOT_CHROMIUM to its path.')
  }
  return found
}

/** Headless Chromium with the flags this closed-network machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
}
