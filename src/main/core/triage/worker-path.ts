/// <reference types="electron-vite/node" />
/**
 * Where the built triage worker lives. electron-vite bundles worker.ts into a file of its own and
 * turns this import into that file's path; anything else (the core running from TypeScript
 * sources, as under Vitest, where a worker thread could not load .ts) yields no path, and the
 * pool then classifies on the calling thread.
 */
import builtWorker from './worker?modulePath'

const path: unknown = builtWorker
export const TRIAGE_WORKER_PATH: string | null = typeof path === 'string' && /\.[cm]?js$/.test(path) ? path : null
