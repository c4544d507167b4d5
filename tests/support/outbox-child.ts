/**
 * The crash test's victim: a real core that queues posts through the outbox and prints
 * `ACK <text>` for each one once `enqueue` has returned (= acknowledged to the user), until the
 * parent kills it with SIGKILL. Run with count 0 it only drains what is left and says `DRAINED`.
 */
import { openCore } from '../../src/main/core'

const [dataDir, accountId, prefix, countRaw] = process.argv.slice(2)
if (!dataDir || !accountId || !prefix || countRaw === undefined) throw new Error('usage: outbox-child <dataDir> <accountId> <prefix> <count>')
const count = Number(countRaw)
const core = openCore({ dataDir, demo: false, version: 'crash-test' })

let next = 0
function step(): void {
  if (next < count) {
    const text = `${prefix}-${next++}`
    core.outbox.enqueue({ accountId: accountId as string, network: 'mastodon', text, inReplyToId: null })
    process.stdout.write(`ACK ${text}\n`)
    setTimeout(step, 3)
    return
  }
  const pending = core.store.outbox.recent(10_000).filter((item) => item.state === 'queued' || item.state === 'sending')
  if (pending.length === 0) {
    process.stdout.write('DRAINED\n')
    core.close()
    process.exit(0)
  }
  setTimeout(step, 20)
}
step()
