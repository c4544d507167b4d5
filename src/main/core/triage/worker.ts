/**
 * Worker-thread entry of the triage pool (pool.ts): builds the models once, then answers
 * `classify` requests and applies `learn` messages (corrections) in the order they arrive, so
 * a batch sent after a correction is classified by the corrected model.
 */
import { isMainThread, parentPort, type MessagePort } from 'node:worker_threads'
import { createTriage } from './classify'
import type { WorkerReply, WorkerRequest } from './pool-protocol'
import { classifyInputs } from './stored'

/** Answers the pool on `port` (the default export keeps the module importable by plain bundlers too). */
export default function serve(port: MessagePort): void {
  const triage = createTriage()
  port.on('message', (message: WorkerRequest) => {
    if (message.type === 'learn') {
      for (const example of message.examples) triage.intent.learn(example.text, example.intent, example.weight)
      return
    }
    let reply: WorkerReply
    try {
      reply = { type: 'classified', id: message.id, triage: classifyInputs(triage, message.posts, { brand: message.brand }) }
    } catch (error) {
      reply = { type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) }
    }
    port.postMessage(reply)
  })
  port.postMessage({ type: 'ready' } satisfies WorkerReply)
}

// Only ever started as a worker; importing it elsewhere does nothing.
if (!isMainThread && parentPort) serve(parentPort)
