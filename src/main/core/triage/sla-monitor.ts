import type { Post } from '@shared/domain/post'
import type { CoreEvents } from '../events'
import type { WorkflowRepository } from '../storage/repositories/workflow'

export interface SlaMonitorOptions {
  workflow: WorkflowRepository
  events: CoreEvents
  /** A stored post by id (for the warning's summary), or null when the cache no longer has it. */
  getPost(id: string): Post | null
  now: () => number
  /** How often the clocks are checked; default 30 s (warnings go out minutes ahead, so this is plenty). */
  intervalMs?: number
}

const SUMMARY_LENGTH = 120

/** "Anna Berg: my Book 14 will not boot…" — what the desktop notification says. */
export function summarize(post: Post | null): string {
  if (!post) return 'A post is about to miss its first-response target.'
  const text = post.text.replace(/\s+/g, ' ').trim()
  const short = text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 1).trimEnd()}…` : text
  return `${post.author.displayName || post.author.handle}: ${short}`
}

/**
 * Watches the first-response clocks: marks posts whose deadline passed while open as breached,
 * sends 'sla:warning' once per post `warnMinutesBefore` ahead of its deadline, and tells the UI
 * ('posts:changed') about posts whose clock state changed (warned, breached, back from a snooze).
 */
export class SlaMonitor {
  private timer: ReturnType<typeof setInterval> | null = null
  private lastTick: number

  constructor(private readonly options: SlaMonitorOptions) {
    this.lastTick = options.now()
  }

  start(): void {
    if (this.timer) return
    // Catch up at once: after a restart, breaches that happened while Earshot was closed are marked.
    this.tick()
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? 30_000)
    this.timer.unref?.()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** One check of every clock (the timer's work; tests call it with a pinned clock). */
  tick(): void {
    const { workflow, events, now: clock } = this.options
    const now = clock()
    const changed = new Set<string>()
    const warnings: Array<{ postId: string; dueAt: number; teamId: string | null }> = []
    workflow.transaction(() => {
      for (const id of workflow.markBreached(now)) changed.add(id)
      for (const id of workflow.snoozeEnded(this.lastTick, now)) changed.add(id)
      const ahead = workflow.routingSetup().sla.warnMinutesBefore * 60_000
      if (ahead > 0) {
        for (const due of workflow.dueSoon(now, now + ahead)) {
          workflow.setWarned(due.postId, now)
          warnings.push(due)
          changed.add(due.postId)
        }
      }
    })
    this.lastTick = now
    const teams = new Map(workflow.routingSetup().teams.map((team) => [team.id, team.name]))
    for (const warning of warnings) {
      events.emit('sla:warning', {
        postId: warning.postId,
        dueAt: warning.dueAt,
        teamName: warning.teamId === null ? null : (teams.get(warning.teamId) ?? null),
        summary: summarize(this.options.getPost(warning.postId))
      })
    }
    if (changed.size > 0) events.emit('posts:changed', { ids: [...changed] })
  }
}
