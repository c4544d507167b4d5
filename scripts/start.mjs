#!/usr/bin/env node
/**
 * `npm start`: build with electron-vite, then run the desktop app with Electron.
 *
 * On a machine where the Electron package was installed without its binary
 * (ELECTRON_SKIP_BINARY_DOWNLOAD=1, or no internet during `npm install`), say so in one
 * paragraph — what is missing, how to get it, and that `npm run serve` runs the same app in a
 * browser — and exit 1 instead of failing somewhere inside Electron's CLI.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(join(root, 'package.json'))

/** The Electron executable, or null when the package has no binary. */
function electronBinary() {
  try {
    const path = require('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

const electron = electronBinary()
if (!electron) {
  console.error(
    'Earshot cannot start the desktop app: the Electron binary is missing. The electron package is installed, ' +
      'but its program was not downloaded (it was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or without internet access). ' +
      'To get it, run `npm install` again on a machine with internet access, or fetch just the binary with ' +
      '`node node_modules/electron/install.js` (then `node scripts/postinstall.mjs` builds the database driver for it). ' +
      'Meanwhile `npm run serve` runs the same app in your browser.'
  )
  process.exit(1)
}

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

// ELECTRON_RUN_AS_NODE (set by some editors and tools) would turn Electron into plain Node.
const env = { ...process.env }
delete env.ELECTRON_RUN_AS_NODE
const app = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env })
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (app.exitCode === null) app.kill(signal)
  })
}
app.on('error', (error) => {
  console.error(`Earshot could not launch Electron: ${error.message}`)
  process.exit(1)
})
app.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0))
})
