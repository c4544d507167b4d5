// `npm run bench`: one JSON line per metric on stdout (progress and errors on stderr).
// Builds first: the serve and deck benchmarks measure the built app in Chromium.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const bin = (name) => join('node_modules', '.bin', name)
// The build's own progress goes to stderr so that stdout stays one JSON line per metric.
const build = spawnSync(bin('electron-vite'), ['build'], { stdio: ['ignore', 2, 'inherit'], env: process.env })
if (build.status !== 0) process.exit(build.status ?? 1)
const result = spawnSync(bin('vitest'), ['run', '--project', 'bench', '--reporter=./tests/bench/json-reporter.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: process.env
})
process.exit(result.status ?? 1)
