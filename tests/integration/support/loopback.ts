/**
 * Keeps every server this test process starts on the loopback interface.
 *
 * The atproto dev services (PLC, PDS, AppView, its data plane, bsync, Ozone) call
 * `server.listen(port)` without a host, which Node binds to all interfaces. The integration tier
 * must never be reachable from outside the machine, so this patch gives `net.Server#listen` a
 * default host of 127.0.0.1 whenever the caller names none. It is applied in the test process
 * only (Vitest worker), before any atproto module loads; Earshot's own code is untouched.
 *
 * Handled call shapes: `listen()`, `listen(cb)`, `listen(port[, backlog][, cb])` and
 * `listen({ port, ... })` without `host`/`path`. Calls that name a host, a Unix socket path or a
 * handle are left alone.
 *
 * `localhost` is resolved to 127.0.0.1 first as well, so the services' `http://localhost:<port>`
 * addresses always reach the loopback listener (never ::1, where nothing listens).
 */
import dns from 'node:dns'
import net from 'node:net'

export const LOOPBACK = '127.0.0.1'

let applied = false

type ListenArgs = unknown[]

function withLoopbackHost(args: ListenArgs): ListenArgs {
  const [first, second] = args
  if (args.length === 0 || typeof first === 'function') return [0, LOOPBACK, ...args]
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port, host, ...) already names a host.
    if (typeof second === 'string') return args
    return [first, LOOPBACK, ...args.slice(1)]
  }
  if (typeof first === 'object' && first !== null) {
    const options = first as Record<string, unknown>
    const isHandle = '_handle' in options || 'fd' in options
    if (!isHandle && options.host === undefined && options.path === undefined) {
      return [{ ...options, host: LOOPBACK }, ...args.slice(1)]
    }
  }
  return args
}

/** Idempotent: patches `net.Server.prototype.listen` once per process. */
export function bindServersToLoopback(): void {
  if (applied) return
  applied = true
  dns.setDefaultResultOrder('ipv4first')
  const original = net.Server.prototype.listen as (...args: ListenArgs) => net.Server
  const patched = function (this: net.Server, ...args: ListenArgs): net.Server {
    return original.apply(this, withLoopbackHost(args))
  }
  net.Server.prototype.listen = patched as typeof net.Server.prototype.listen
}
