/**
 * The state of the live event connection between this UI and the core, as a tiny observable
 * with no Vue in it, so that the transport (lib/api.ts) can report it and the connection
 * store can turn it into reactive state.
 */
export type ConnectionState = 'connecting' | 'online' | 'offline'

export type ConnectionListener = (state: ConnectionState, since: number) => void

export class TransportStatus {
  private current: ConnectionState
  private changedAt: number
  private readonly listeners = new Set<ConnectionListener>()

  constructor(
    initial: ConnectionState = 'connecting',
    private readonly now: () => number = Date.now
  ) {
    this.current = initial
    this.changedAt = now()
  }

  get state(): ConnectionState {
    return this.current
  }

  /** When the current state began (epoch ms). */
  get since(): number {
    return this.changedAt
  }

  set(state: ConnectionState): void {
    if (state === this.current) return
    this.current = state
    this.changedAt = this.now()
    for (const listener of [...this.listeners]) listener(state, this.changedAt)
  }

  subscribe(listener: ConnectionListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }
}
