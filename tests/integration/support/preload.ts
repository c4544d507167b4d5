/**
 * Runs before every integration test file (Vitest `setupFiles`), before any atproto module loads:
 *
 * - core-js's iterator helpers: `@atproto/*` (dev-env 0.6.7, api 0.21) use `Iterator.prototype.map`
 *   and friends, which Node 20 lacks (they arrived in Node 22).
 * - the loopback patch: every server this process starts binds 127.0.0.1 (see loopback.ts).
 */
import 'core-js/actual/iterator/index.js'
import { bindServersToLoopback } from './loopback'

bindServersToLoopback()
