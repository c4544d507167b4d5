// `npm test`: every tier except benchmarks, in the order a failure is cheapest to find.
// Prints one closing line "tests: N passed, N failed" summed over the Vitest tiers.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const reports = mkdtempSync(join(tmpdir(), 'earshot-test-report-'))
const bin = (name) => join('node_modules', '.bin', name)
let passed = 0
let failed = 0

function step(title, command, args) {
  console.log(`\n=== ${title} ===`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  return result.status === 0
}

function vitest(title, projects) {
  const outputFile = join(reports, `${projects.join('-')}.json`)
  const args = ['run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`]
  const ok = step(title, bin('vitest'), args)
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'))
    passed += report.numPassedTests
    failed += report.numFailedTests
    if (report.numTotalTests === 0) {
      console.error(`${title}: no test ran`)
      return false
    }
  } catch {
    failed += 1
  }
  return ok
}

const steps = [
  () => step('type-check (main, preload, shared, CLI, tests)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.node.json']),
  () => step('type-check (renderer)', bin('vue-tsc'), ['--noEmit', '-p', 'tsconfig.web.json']),
  () => step('lint', bin('eslint'), ['--max-warnings', '0', '.']),
  () => vitest('unit, main and renderer tiers', ['unit', 'main', 'renderer']),
  () => step('build (electron-vite: main, preload, renderer, CLI)', bin('electron-vite'), ['build']),
  () => vitest('end-to-end tier (earshot serve + Chromium)', ['e2e'])
]

let ok = true
for (const run of steps) {
  if (!run()) {
    ok = false
    break
  }
}
rmSync(reports, { recursive: true, force: true })
console.log(
  '\nLeft out of npm test: the integration tier (Bluesky on a real local AT Protocol network with PostgreSQL);' +
    ' run it with `npm run test:integration` (CI runs it after npm test).'
)
console.log(`\ntests: ${passed} passed, ${failed} failed`)
process.exit(ok ? 0 : 1)
