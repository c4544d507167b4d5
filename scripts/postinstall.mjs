#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron, beside (not instead of) the Node build.
 *
 * node_modules/better-sqlite3 keeps its Node build: the CLI, the web host (`earshot serve`) and
 * every test run under Node. The desktop app needs the same addon compiled for Electron's ABI;
 * this script puts it in .electron-native/better_sqlite3.node (+ manifest.json naming the
 * Electron version) and the main process hands it to better-sqlite3 as `nativeBinding`.
 *
 * It only does so where the Electron binary exists. Without it (ELECTRON_SKIP_BINARY_DOWNLOAD=1,
 * offline machines, CI) there is nothing to build for and nothing to run. Whatever happens, this
 * script never fails `npm install`: the Node side works either way, so a problem here is a
 * warning with the command to retry, and exit code 0.
 *
 * Order of attempts: a prebuilt binary for this Electron (prebuild-install, the same tool
 * better-sqlite3's own install uses), then a local compile with node-gyp against Electron's
 * headers. Both work on a copy of the package in a temp folder, so node_modules is never touched.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(join(root, 'package.json'))
const outDir = join(root, '.electron-native')
const outFile = join(outDir, 'better_sqlite3.node')
const manifestFile = join(outDir, 'manifest.json')
const RETRY = 'Retry with "node scripts/postinstall.mjs" once that is fixed; `npm run serve` and the tests do not need it.'

function say(line) {
  console.log(`earshot postinstall: ${line}`)
}

function warn(lines) {
  console.warn(['earshot postinstall: WARNING: better-sqlite3 was not built for Electron.', ...lines, RETRY].join('\n  '))
}

/** The Electron executable, or null when the package was installed without its binary. */
function electronBinary() {
  try {
    const path = require('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'))
}

/** node-gyp: npm's own (npm tells lifecycle scripts where it is), else one in node_modules. */
function nodeGypScript() {
  const candidates = [process.env.npm_config_node_gyp]
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'))
  } catch {
    // not installed locally
  }
  // npm's bundled copy, next to the running node (Unix and Windows layouts).
  candidates.push(join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  candidates.push(join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  return candidates.find((path) => typeof path === 'string' && path.endsWith('.js') && existsSync(path)) ?? null
}

function run(label, args, cwd, timeoutMs) {
  say(`${label}…`)
  const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: timeoutMs })
  if (result.status === 0) return { ok: true }
  const lines = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n')
  // The telling lines (warnings and errors), not node-gyp's trailing stack and environment dump.
  const noise = /ERR! (stack\s+at |System|command|cwd|node -v|node-gyp -v|not ok)/
  const telling = lines.filter((line) => /\bwarn\b|ERR!|\berror\b/i.test(line) && !noise.test(line))
  const output = (telling.length ? telling.slice(0, 8) : lines.slice(-8)).join('\n    ')
  const why = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`
  return { ok: false, detail: `${label} failed (${why})${output ? `:\n    ${output}` : ''}` }
}

function main() {
  if (process.env.EARSHOT_SKIP_ELECTRON_REBUILD) {
    say('EARSHOT_SKIP_ELECTRON_REBUILD is set; skipped the Electron rebuild of better-sqlite3.')
    return
  }
  if (!electronBinary()) {
    say('no Electron binary (installed offline or with ELECTRON_SKIP_BINARY_DOWNLOAD=1); skipped the Electron rebuild of better-sqlite3 — the CLI, web host and tests use the Node build.')
    return
  }

  const electronVersion = readJson(require.resolve('electron/package.json')).version
  const sqlitePackage = dirname(require.resolve('better-sqlite3/package.json'))
  const sqliteVersion = readJson(join(sqlitePackage, 'package.json')).version
  const manifest = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch }

  if (existsSync(outFile) && existsSync(manifestFile)) {
    try {
      const built = readJson(manifestFile)
      if (Object.entries(manifest).every(([key, value]) => built[key] === value)) {
        say(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} is up to date.`)
        return
      }
    } catch {
      // rebuild below
    }
  }

  const work = mkdtempSync(join(tmpdir(), 'earshot-electron-native-'))
  try {
    const copy = join(work, 'better-sqlite3')
    // The package without its Node build, so nothing of it can be mistaken for the result.
    cpSync(sqlitePackage, copy, { recursive: true, filter: (src) => !(dirname(src) === sqlitePackage && ['build', 'node_modules', 'prebuilds'].includes(basename(src))) })
    const product = join(copy, 'build', 'Release', 'better_sqlite3.node')
    const failures = []

    let prebuild = null
    try {
      prebuild = require.resolve('prebuild-install/bin.js')
    } catch {
      failures.push('prebuild-install is not installed.')
    }
    if (prebuild) {
      const args = [prebuild, '--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`, `--platform=${process.platform}`]
      const attempt = run(`downloading a prebuilt better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}`, args, copy, 180_000)
      if (!attempt.ok) failures.push(attempt.detail)
    }

    if (!existsSync(product)) {
      const gyp = nodeGypScript()
      if (!gyp) {
        failures.push('node-gyp was not found (it ships with npm; run this script through npm or install node-gyp).')
      } else {
        const args = [gyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron']
        const attempt = run(`compiling better-sqlite3 ${sqliteVersion} against Electron ${electronVersion} headers (a few minutes)`, args, copy, 20 * 60_000)
        if (!attempt.ok) failures.push(attempt.detail)
      }
    }

    if (!existsSync(product)) {
      warn(failures.length ? failures : ['No binary was produced.'])
      return
    }
    mkdirSync(outDir, { recursive: true })
    // Write-then-rename: a half-copied addon must never sit where the app loads it from.
    copyFileSync(product, `${outFile}.partial`)
    renameSync(`${outFile}.partial`, outFile)
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`)
    say(`better-sqlite3 ${sqliteVersion} built for Electron ${electronVersion}: ${outFile}`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

try {
  main()
} catch (error) {
  warn([error instanceof Error ? error.message : String(error)])
}
process.exitCode = 0
