/**
 * Runs triage off the main thread: a small pool of worker threads (worker.ts, bundled to its own
 * file by electron-vite's `?modulePath`) so that classifying a big batch never stalls the API,
 * the UI host or the sync engine. With `workers: 0` (tests, or when no built worker exists, as
 * when the core runs from TypeScript sources) it classifies on the calling thread in small
 * chunks, yielding to the event loop between them. Corrections reach every worker as `learn`
 * messages and are replayed to a worker that had to be restarted.
 */
import { Worker } from 'node:worker_threads'
import type { StoredTriage } from '@shared/triage/types'
import { createTriage, type PostInput, type Triage } from './classify'
import type { Brand } from './normalize'
import type { WorkerReply, WorkerRequest } from './pool-protocol'
import { classifyInputs, type LearnExample } from './stored'

export interface TriagePoolOptions {
  /** Worker threads; 0 classifies on the calling thread between event-loop turns. */
  workers: number
  /** The built worker script; without one the pool classifies on the calling thread. */
  workerPath?: string | URL | null
  /** Posts per worker message (threads) or per event-loop turn (calling thread). */
  chunk?: number
  /** Where a worker failure is reported (the batch is still answered, on the calling thread). */
  log?: (message: string) => void
}

interface Pending {
  resolve: (triage: StoredTriage[]) => void
  reject: (error: Error) => void
  size: number
}

interface Slot {
  worker: Worker
  ready: boolean
  pending: Map<number, Pending>
  /** Posts sent and not answered yet: the least loaded slot gets the next chunk. */
  load: number
}

const THREAD_CHUNK = 250
const LOCAL_CHUNK = 48

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export class TriagePool {
  private readonly slots: Slot[] = []
  /** Every example learned so far, in order: a new worker (or the local model) catches up with it. */
  private readonly learned: LearnExample[] = []
  private local: Triage | null = null
  private nextId = 1
  private closed = false
  /** Set when workers could not be started: the pool then stays on the calling thread. */
  private threadsFailed = false
  private readonly chunk: number

  constructor(private readonly options: TriagePoolOptions) {
    this.chunk = options.chunk ?? (this.wantsThreads ? THREAD_CHUNK : LOCAL_CHUNK)
    if (this.wantsThreads) for (let i = 0; i < options.workers; i++) this.slots.push(this.spawn())
  }

  private get wantsThreads(): boolean {
    return this.options.workers > 0 && this.options.workerPath != null
  }

  /** Where classification runs now. */
  get mode(): 'threads' | 'in-process' {
    return this.wantsThreads && !this.threadsFailed ? 'threads' : 'in-process'
  }

  /** Classifies posts; the result is in the same order. */
  async classify(posts: readonly PostInput[], brand: Brand): Promise<StoredTriage[]> {
    if (this.closed) throw new Error('The triage pool is closed.')
    if (posts.length === 0) return []
    if (this.mode === 'in-process') return this.classifyHere(posts, brand)
    const parts: Promise<StoredTriage[]>[] = []
    for (let i = 0; i < posts.length; i += this.chunk) parts.push(this.send(posts.slice(i, i + this.chunk), brand))
    return (await Promise.all(parts)).flat()
  }

  /** Teaches every model (corrections); later batches are classified with it. */
  learn(examples: readonly LearnExample[]): void {
    if (examples.length === 0) return
    this.learned.push(...examples)
    if (this.local) for (const example of examples) this.local.intent.learn(example.text, example.intent, example.weight)
    const message: WorkerRequest = { type: 'learn', examples: [...examples] }
    for (const slot of this.slots) slot.worker.postMessage(message)
  }

  async close(): Promise<void> {
    this.closed = true
    const slots = this.slots.splice(0)
    for (const slot of slots) this.failPending(slot, new Error('The triage pool is closed.'))
    await Promise.all(slots.map((slot) => slot.worker.terminate()))
  }

  private localTriage(): Triage {
    if (!this.local) {
      this.local = createTriage()
      for (const example of this.learned) this.local.intent.learn(example.text, example.intent, example.weight)
    }
    return this.local
  }

  private async classifyHere(posts: readonly PostInput[], brand: Brand): Promise<StoredTriage[]> {
    const triage = this.localTriage()
    const out: StoredTriage[] = []
    for (let i = 0; i < posts.length; i += this.chunk) {
      if (i > 0) await nextTurn()
      if (this.closed) throw new Error('The triage pool is closed.')
      out.push(...classifyInputs(triage, posts.slice(i, i + this.chunk), { brand }))
    }
    return out
  }

  private send(posts: PostInput[], brand: Brand): Promise<StoredTriage[]> {
    if (this.threadsFailed || this.slots.length === 0) return this.classifyHere(posts, brand)
    let slot = this.slots[0] as Slot
    for (const candidate of this.slots) if (candidate.load < slot.load) slot = candidate
    const id = this.nextId++
    const target = slot
    return new Promise<StoredTriage[]>((resolve, reject) => {
      target.pending.set(id, { resolve, reject, size: posts.length })
      target.load += posts.length
      // A busy worker keeps the process alive until it answers; an idle one never does.
      target.worker.ref()
      target.worker.postMessage({ type: 'classify', id, posts, brand } satisfies WorkerRequest)
    }).catch((error: unknown) => {
      // A worker that died mid-batch must not lose the batch: answer it here (the exit was logged).
      if (this.closed) throw error
      return this.classifyHere(posts, brand)
    })
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.workerPath as string | URL)
    const slot: Slot = { worker, ready: false, pending: new Map(), load: 0 }
    worker.unref()
    if (this.learned.length) worker.postMessage({ type: 'learn', examples: this.learned } satisfies WorkerRequest)
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        slot.ready = true
        return
      }
      const pending = slot.pending.get(reply.id)
      if (!pending) return
      slot.pending.delete(reply.id)
      slot.load -= pending.size
      if (slot.pending.size === 0) worker.unref()
      if (reply.type === 'classified') pending.resolve(reply.triage)
      else pending.reject(new Error(reply.message))
    })
    // An uncaught error in the worker comes first, then its exit.
    let failure: string | null = null
    worker.on('error', (error) => (failure = error.message))
    worker.on('exit', (code) => {
      const reason = failure ?? `exit code ${code}`
      const at = this.slots.indexOf(slot)
      const expected = at < 0 || this.closed
      if (!expected && !slot.ready) {
        // It never started (missing or broken build): stay on the calling thread from now on.
        this.threadsFailed = true
        this.slots.splice(at, 1)
        this.options.log?.(`Triage workers could not start (${reason}); classifying on the main thread.`)
      } else if (!expected) {
        this.options.log?.(`A triage worker stopped (${reason}); its posts are classified on the main thread and a new worker takes over.`)
        this.slots[at] = this.spawn()
      }
      this.failPending(slot, new Error(`the triage worker stopped (${reason})`))
    })
    return slot
  }

  private failPending(slot: Slot, error: Error): void {
    const pending = [...slot.pending.values()]
    slot.pending.clear()
    slot.load = 0
    for (const entry of pending) entry.reject(error)
  }
}
