#!/usr/bin/env node
// The `earshot` command. The CLI is built with the app (electron-vite build → out/main/cli.js)
// so that it runs the very same core code as the desktop app.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

// EARSHOT_BUILD_DIR (relative to the project) lets parallel development builds live side by side.
const buildDir = process.env.EARSHOT_BUILD_DIR ?? 'out'
const cli = fileURLToPath(new URL(`../${buildDir}/main/cli.js`, import.meta.url))
if (!existsSync(cli)) {
  process.stderr.write('Earshot is not built yet: run `npm run build` (or `npm run serve`, which builds and serves).\n')
  process.exit(1)
}
const { main } = await import(pathToFileURL(cli).href)
main()
