// `npm run bench`: one JSON line per metric on stdout (progress and errors on stderr).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const result = spawnSync(
  join('node_modules', '.bin', 'vitest'),
  ['run', '--project', 'bench', '--reporter=./tests/bench/json-reporter.ts', ...process.argv.slice(2)],
  { stdio: 'inherit', env: process.env }
)
process.exit(result.status ?? 1)
