import type { Reporter, TestCase } from 'vitest/node'

/**
 * `npm run bench` prints one JSON line per metric and nothing else on stdout; a failing
 * benchmark (a crash, not a missed target) is reported on stderr and fails the run.
 */
export default class JsonLinesReporter implements Reporter {
  onUserConsoleLog(log: { content: string; type: 'stdout' | 'stderr' }): void {
    const line = log.content.trim()
    if (log.type === 'stdout' && line.startsWith('{')) process.stdout.write(`${line}\n`)
    else process.stderr.write(log.content)
  }

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.result()
    if (result.state !== 'failed') return
    process.stderr.write(`benchmark failed: ${testCase.fullName}\n`)
    for (const error of result.errors ?? []) process.stderr.write(`${error.stack ?? error.message}\n`)
  }
}
