import { randomUUID } from 'node:crypto'
import { ApiError } from '@shared/contract/errors'
import type { Intent } from '@shared/domain/intent'
import type { Post } from '@shared/domain/post'
import {
  OPEN_STATUSES,
  type LearningStats,
  type Person,
  type RoutingRule,
  type RuleTestResult,
  type Team,
  type TeamLoad,
  type TriageChange,
  type TriageConfig,
  type TriageCounters,
  type TriageActivity,
  type TriageNote,
  type SlaPolicy,
  type TriageStatus
} from '@shared/domain/triage'
import type { DomainHandlers } from '../api/registry'
import type { RoutingSetup, WorkflowRecord } from '../storage/repositories/workflow'
import { PRIORITY_WEIGHTS } from '../triage/priority'
import { correctedStoredTriage } from '../triage/stored'
import { ROUTING_ACTOR, compileConditions, describeRoute, dueAtFor, routeSubject, storedSubject, type TriageRouter } from '../triage/routing'
import type { ServiceDeps } from './handlers'

/**
 * What the triage service needs from the learning model (H1's TriageLearner): store a
 * correction and learn it, classify posts again, and say how much it has learned.
 */
export interface TriageLearnerPort {
  addCorrection(input: { postId: string; text: string; language: string | null; intent?: Intent | null; teamId?: string | null }): unknown
  reclassify(ids: readonly string[]): Promise<unknown>
  stats(): LearningStats
}

export interface TriageServiceParts {
  router: TriageRouter
  /** Null while no model can learn (the correction is then still stored in the workflow). */
  learner: TriageLearnerPort | null
}

const NO_LEARNING: LearningStats = { corrections: 0, heldOutAccuracy: null, heldOutSize: 0 }
/** How many of an author's posts a watchlist change announces (the newest; older ones refresh when read). */
const WATCH_ANNOUNCE_LIMIT = 500
const DAY = 86_400_000
/** Posts a rule test looks at between two turns of the event loop. */
const TEST_RULE_CHUNK = 5000

/**
 * The setup a fresh store starts with, so that the demo routes from the first minute. Support
 * runs around the clock: on social media the field's targets (30 min for a complaint, 60 for a
 * help request) are what customers expect at any hour, and a team that is not there at night
 * should see its backlog as late rather than have the clock hide it. Sales, Marketing/PR and
 * Product work office hours (Mon–Fri 09:00–17:00) in this computer's time zone: a lead posted on
 * Friday evening is due Monday morning. Rules assign round-robin: nobody until people are added.
 */
export function defaultTriageSetup(timeZone: string): { teams: Team[]; rules: RoutingRule[] } {
  const office = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }
  const teams: Team[] = [
    { id: 'team-support', name: 'Support', timeZone, hours: null },
    { id: 'team-sales', name: 'Sales', timeZone, hours: office },
    { id: 'team-marketing', name: 'Marketing/PR', timeZone, hours: office },
    { id: 'team-product', name: 'Product', timeZone, hours: office }
  ]
  const rule = (id: string, name: string, intents: Intent[], teamId: string): RoutingRule => ({
    id,
    name,
    enabled: true,
    when: { intents },
    then: { teamId, assign: { mode: 'round-robin' }, priorityBoost: 0, tags: [] }
  })
  const rules = [
    rule('rule-support', 'Complaints and help requests', ['complaint', 'help_explicit', 'help_implicit'], 'team-support'),
    rule('rule-sales', 'Leads', ['purchase_intent'], 'team-sales'),
    rule('rule-product', 'Ideas', ['idea'], 'team-product'),
    rule('rule-marketing', 'Praise', ['praise'], 'team-marketing')
  ]
  return { teams, rules }
}

/** This computer's IANA time zone (UTC when the runtime cannot tell). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** Local midnight of the day `now` falls on (this computer's time zone). */
function startOfDay(now: number): number {
  const day = new Date(now)
  day.setHours(0, 0, 0, 0)
  return day.getTime()
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })

function isOpen(record: Pick<WorkflowRecord, 'status' | 'snoozedUntil'>, now: number): boolean {
  return OPEN_STATUSES.includes(record.status) || (record.status === 'snoozed' && record.snoozedUntil !== null && record.snoozedUntil <= now)
}

/** A post's workflow as it stands, or what a post without a row implicitly is (new, nobody's). */
function workflowOf(deps: ServiceDeps, post: Pick<Post, 'id' | 'createdAt'>, now: number): WorkflowRecord {
  return (
    deps.store.workflow.workflow(post.id) ?? {
      postId: post.id,
      postCreatedAt: post.createdAt,
      status: 'new',
      teamId: null,
      assignee: null,
      tags: [],
      snoozedUntil: null,
      intentOverride: null,
      priorityBoost: 0,
      dueAt: null,
      firstResponseAt: null,
      breachedAt: null,
      warnedAt: null,
      noteCount: 0,
      updatedAt: now
    }
  )
}

/** Names for history lines. */
class Names {
  private readonly teams: Map<string, string>
  private readonly people: Map<string, Person>
  constructor(setup: RoutingSetup) {
    this.teams = new Map(setup.teams.map((team) => [team.id, team.name]))
    this.people = new Map(setup.people.map((person) => [person.id, person]))
  }
  team(id: string | null): string {
    return id === null ? 'no team' : (this.teams.get(id) ?? 'a removed team')
  }
  hasTeam(id: string): boolean {
    return this.teams.has(id)
  }
  person(id: string): Person | null {
    return this.people.get(id) ?? null
  }
  personName(id: string | null): string {
    return id === null ? 'nobody' : (this.people.get(id)?.name ?? 'a removed person')
  }
}

/**
 * Applies a change to one post's workflow and says, line by line, what changed. The workflow's
 * rules: assigning a `new` post makes it `assigned` (and unassigning takes it back), a person
 * brings their team along, a team change drops an assignee from another team, `replied` starts
 * the first-response record (a late one counts as a breach), leaving `snoozed` forgets the time.
 */
function applyChange(record: WorkflowRecord, change: TriageChange, names: Names, now: number): { next: WorkflowRecord; lines: string[] } {
  const next: WorkflowRecord = { ...record, tags: [...record.tags] }
  const lines: string[] = []
  if (change.assignee !== undefined && change.assignee !== record.assignee) {
    next.assignee = change.assignee
    lines.push(change.assignee === null ? `unassigned ${names.personName(record.assignee)}` : `assigned to ${names.personName(change.assignee)}`)
    const teamOfPerson = change.assignee === null ? null : (names.person(change.assignee)?.teamId ?? null)
    if (change.teamId === undefined && teamOfPerson !== null && teamOfPerson !== record.teamId) next.teamId = teamOfPerson
  }
  if (change.teamId !== undefined) next.teamId = change.teamId
  if (next.teamId !== record.teamId) {
    lines.push(`team ${names.team(record.teamId)} → ${names.team(next.teamId)}`)
    const assignee = next.assignee === null ? null : names.person(next.assignee)
    if (change.assignee === undefined && assignee && assignee.teamId !== next.teamId) {
      next.assignee = null
      lines.push(`unassigned ${assignee.name} (not in ${names.team(next.teamId)})`)
    }
  }

  let status: TriageStatus = change.status ?? record.status
  // Assignment moves a waiting post (a snooze that has run out included) along new ↔ assigned on its own.
  if (change.status === undefined && next.assignee !== record.assignee && isOpen(record, now)) status = next.assignee !== null ? 'assigned' : 'new'
  if (status === 'snoozed') {
    const until = change.snoozedUntil ?? record.snoozedUntil
    if (record.status !== 'snoozed' || until !== record.snoozedUntil) lines.push(`snoozed until ${until === null ? '?' : timeFormat.format(until)}`)
    next.snoozedUntil = until
  } else {
    next.snoozedUntil = null
    if (status !== record.status) lines.push(`status ${record.status} → ${status}`)
  }
  next.status = status
  if (status === 'replied' && next.firstResponseAt === null) {
    next.firstResponseAt = now
    // Answered after the deadline: that is a breach too, even if the monitor never saw it open.
    if (next.dueAt !== null && now > next.dueAt && next.breachedAt === null) next.breachedAt = next.dueAt
  }

  const added = [...new Set(change.addTags ?? [])].filter((tag) => !next.tags.includes(tag))
  next.tags.push(...added)
  if (added.length) lines.push(`tagged ${added.join(', ')}`)
  const removed = (change.removeTags ?? []).filter((tag) => next.tags.includes(tag))
  if (removed.length) {
    next.tags = next.tags.filter((tag) => !removed.includes(tag))
    lines.push(`untagged ${removed.join(', ')}`)
  }
  if (lines.length) next.updatedAt = now
  return { next, lines }
}

export class TriageService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly parts: TriageServiceParts
  ) {}

  config(): TriageConfig {
    const { workflow } = this.deps.store
    return {
      teams: workflow.teams(),
      people: workflow.people(),
      rules: workflow.rules(),
      sla: workflow.sla(),
      learning: this.parts.learner?.stats() ?? NO_LEARNING,
      watchlist: workflow.watchlist()
    }
  }

  configChanged(): void {
    this.deps.events.emit('triage:config', this.config())
  }

  private postsChanged(ids: readonly string[]): void {
    if (ids.length) this.deps.events.emit('posts:changed', { ids: [...new Set(ids)] })
  }

  private actor(): string {
    return this.deps.store.settings.get().userName
  }

  private names(): Names {
    return new Names(this.deps.store.workflow.routingSetup())
  }

  private post(id: string): Post {
    const post = this.deps.store.posts.get(id)
    if (!post) throw new ApiError('not_found', `There is no post "${id}" (it may have been removed from the local store).`)
    return post
  }

  private requireTeam(names: Names, id: string | null | undefined): void {
    if (id !== null && id !== undefined && !names.hasTeam(id)) throw new ApiError('not_found', `There is no team "${id}" (it may have been removed).`)
  }

  private requirePerson(names: Names, id: string | null | undefined): void {
    if (id !== null && id !== undefined && !names.person(id)) throw new ApiError('not_found', `There is no person "${id}" (they may have been removed).`)
  }

  saveTeam(team: Team): Team {
    const saved = this.deps.store.workflow.saveTeam(team)
    this.configChanged()
    return saved
  }

  removeTeam(id: string): void {
    const names = this.names()
    this.requireTeam(names, id)
    const posts = this.deps.store.workflow.removeTeam(id, this.deps.now())
    this.configChanged()
    this.postsChanged(posts)
  }

  savePerson(person: Person): Person {
    this.requireTeam(this.names(), person.teamId)
    const saved = this.deps.store.workflow.savePerson(person)
    this.configChanged()
    return saved
  }

  removePerson(id: string): void {
    this.requirePerson(this.names(), id)
    const posts = this.deps.store.workflow.removePerson(id, this.deps.now())
    this.configChanged()
    this.postsChanged(posts)
  }

  private validateRule(rule: RoutingRule): void {
    const names = this.names()
    this.requireTeam(names, rule.then.teamId)
    if (rule.then.assign.mode === 'fixed') this.requirePerson(names, rule.then.assign.personId)
    if (rule.then.assign.mode === 'round-robin' && rule.then.teamId === null) {
      throw new ApiError('invalid_input', 'Round-robin takes turns within a team: choose the team the rule routes to.')
    }
  }

  saveRule(rule: RoutingRule): RoutingRule {
    this.validateRule(rule)
    const saved = this.deps.store.workflow.saveRule(rule)
    this.configChanged()
    return saved
  }

  removeRule(id: string): void {
    if (!this.deps.store.workflow.removeRule(id)) throw new ApiError('not_found', `There is no routing rule "${id}" (it may have been removed already).`)
    this.configChanged()
  }

  reorderRules(ids: string[]): RoutingRule[] {
    const { workflow } = this.deps.store
    const known = new Set(workflow.rules().map((rule) => rule.id))
    const unknown = ids.find((id) => !known.has(id))
    if (unknown !== undefined) throw new ApiError('not_found', `There is no routing rule "${unknown}".`)
    if (new Set(ids).size !== ids.length) throw new ApiError('invalid_input', 'Each rule may appear only once in the new order.')
    workflow.reorderRules(ids)
    this.configChanged()
    return workflow.rules()
  }

  /**
   * Counts what a rule's conditions match among the stored posts of the last `days` days (newest
   * first). A busy month is a few hundred thousand posts: the scan lets other work run between chunks.
   */
  async testRule(rule: RoutingRule, days: number): Promise<RuleTestResult> {
    const matches = compileConditions(rule.when)
    const { watchlist } = this.deps.store.workflow.routingSetup()
    let matched = 0
    let seen = 0
    const sampleIds: string[] = []
    // Stored posts carry a person's intent correction already (post.triage.intent).
    for (const post of this.deps.store.posts.scanCreatedSince(this.deps.now() - days * DAY)) {
      if (++seen % TEST_RULE_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve))
      if (!matches(storedSubject(post, watchlist))) continue
      matched++
      if (sampleIds.length < 5) sampleIds.push(post.id)
    }
    return { matched, days, sampleIds }
  }

  saveSla(sla: SlaPolicy): SlaPolicy {
    const saved = this.deps.store.workflow.saveSla(sla)
    this.configChanged()
    return saved
  }

  setWatched(authorId: string, watched: boolean): void {
    const { workflow } = this.deps.store
    workflow.setWatched(authorId, watched, this.deps.now())
    this.configChanged()
    this.postsChanged(workflow.postIdsOfAuthor(authorId, WATCH_ANNOUNCE_LIMIT))
  }

  update(ids: string[], change: TriageChange): Post[] {
    const now = this.deps.now()
    const names = this.names()
    this.requireTeam(names, change.teamId)
    this.requirePerson(names, change.assignee)
    if (change.snoozedUntil !== undefined && change.status !== 'snoozed') {
      throw new ApiError('invalid_input', 'A snooze time only goes with the status "snoozed".')
    }
    if (change.status === 'snoozed' && (change.snoozedUntil === undefined || change.snoozedUntil <= now)) {
      throw new ApiError('invalid_input', 'A snooze needs a time in the future when the post comes back.')
    }
    const posts = [...new Set(ids)].map((id) => this.post(id))
    const { workflow } = this.deps.store
    const unassigned = (post: Post): boolean => (workflow.workflow(post.id)?.assignee ?? null) === null
    if (change.status === 'assigned' && (change.assignee === null || (change.assignee === undefined && posts.some(unassigned)))) {
      throw new ApiError('invalid_input', 'A post can only be assigned to someone: choose a person as well.')
    }
    const actor = this.actor()
    const changed: string[] = []
    workflow.transaction(() => {
      for (const post of posts) {
        const { next, lines } = applyChange(workflowOf(this.deps, post, now), change, names, now)
        if (!lines.length) continue
        workflow.saveWorkflow(next)
        for (const line of lines) workflow.addHistory(post.id, now, actor, line)
        changed.push(post.id)
      }
    })
    this.postsChanged(changed)
    return posts.map((post) => this.deps.store.posts.get(post.id) ?? post)
  }

  /**
   * The outbox sent a reply to this post: the team has responded. An open post becomes
   * `replied`; a closed one only gets its first-response time. Unknown posts are ignored.
   */
  markReplied(postId: string): void {
    const now = this.deps.now()
    const { workflow } = this.deps.store
    const post = this.deps.store.posts.get(postId)
    const record = workflow.workflow(postId) ?? (post ? workflowOf(this.deps, post, now) : null)
    if (!record) return
    const waiting = isOpen(record, now) || record.status === 'snoozed'
    if (!waiting && record.firstResponseAt !== null) return
    const { next } = applyChange(record, waiting ? { status: 'replied' } : {}, this.names(), now)
    // A post already closed (done, ignored) keeps its status but still records the answer.
    next.firstResponseAt ??= now
    if (next.dueAt !== null && now > next.dueAt) next.breachedAt ??= next.dueAt
    next.updatedAt = now
    workflow.transaction(() => {
      workflow.saveWorkflow(next)
      workflow.addHistory(postId, now, this.actor(), waiting ? `replied from Earshot (status ${record.status} → replied)` : 'replied from Earshot')
    })
    this.postsChanged([postId])
  }

  /**
   * A person corrects the intent and/or the team. The model learns the correction; a corrected
   * intent routes the post again (team, person, boost, tags, SLA) while it is still open, a
   * corrected team moves it there. Returns the post as stored afterwards.
   */
  async correct(id: string, intent: Intent | undefined, teamId: string | null | undefined): Promise<Post> {
    if (intent === undefined && teamId === undefined) throw new ApiError('invalid_input', 'Say what to correct: the intent, the team, or both.')
    const names = this.names()
    this.requireTeam(names, teamId)
    const post = this.post(id)
    const now = this.deps.now()
    const { workflow } = this.deps.store
    const record = workflowOf(this.deps, post, now)
    const modelIntent = post.triage?.intent ?? null
    const before = record.intentOverride ?? modelIntent
    const effective: Intent = intent ?? before ?? 'other'
    // What the cache keeps once the intent is corrected (null while unclassified).
    const correctedTriage = correctedStoredTriage(post, effective)
    const actor = this.actor()

    this.parts.learner?.addCorrection({
      postId: id,
      text: post.text,
      language: post.language,
      ...(intent === undefined ? {} : { intent }),
      ...(teamId === undefined ? {} : { teamId })
    })

    workflow.transaction(() => {
      const next: WorkflowRecord = { ...record, tags: [...record.tags], updatedAt: now }
      const history: Array<[string, string]> = []
      if (intent !== undefined) {
        next.intentOverride = intent
        if (intent !== before) history.push([actor, `intent corrected ${before ?? 'unclassified'} → ${intent}`])
      }
      const open = isOpen(record, now) || record.status === 'snoozed'
      const basePriority = correctedTriage?.basePriority ?? PRIORITY_WEIGHTS.intent[effective]
      if (teamId !== undefined) {
        const { next: moved, lines } = applyChange(next, { teamId }, names, now)
        Object.assign(next, moved)
        history.push(...lines.map((line): [string, string] => [actor, line.startsWith('team ') ? `team corrected: ${line.slice(5)}` : line]))
      } else if (intent !== undefined && intent !== before && open) {
        const subject = routeSubject(post, { intent, language: null, watchlist: workflow.routingSetup().watchlist })
        const decision = this.parts.router.decide(subject, { intent, basePriority, createdAt: post.createdAt, now })
        const newTeam = decision.team?.id ?? null
        if (newTeam !== record.teamId) {
          next.teamId = newTeam
          next.assignee = decision.assignee?.id ?? null
          this.parts.router.claimTurn(decision)
        }
        next.priorityBoost = decision.priorityBoost
        next.tags = [...new Set([...next.tags, ...decision.tags])]
        if (record.status === 'new' || record.status === 'assigned') next.status = next.assignee ? 'assigned' : 'new'
        history.push([ROUTING_ACTOR, decision.rule ? describeRoute(decision) : `no rule matches ${intent} → ${names.team(newTeam)}`])
      }
      // The deadline follows the corrected intent and team until the team has answered.
      if (next.firstResponseAt === null) {
        const dueAt = dueAtFor(workflow.routingSetup(), { intent: effective, priority: basePriority + next.priorityBoost, teamId: next.teamId, start: Math.min(post.createdAt, now) })
        if (dueAt !== next.dueAt) Object.assign(next, { dueAt, breachedAt: null, warnedAt: null })
      }
      workflow.saveWorkflow(next)
      for (const [who, what] of history) workflow.addHistory(id, now, who, what)
    })

    // The cache columns follow the person at once: the needs-reply queue and the counters read them.
    // (Re-classification keeps them so: a corrected intent wins over the model's, see TriagePipeline.)
    if (intent !== undefined && correctedTriage) this.deps.store.posts.setTriage([{ id, triage: correctedTriage }])

    if (this.parts.learner) {
      try {
        await this.parts.learner.reclassify([id])
      } catch (error) {
        // The correction is stored and wins over the model either way; the model catches up later.
        console.error('Earshot: re-classifying a corrected post failed:', error)
      }
      this.configChanged()
    }
    this.postsChanged([id])
    return this.deps.store.posts.get(id) ?? post
  }

  addNote(id: string, text: string): TriageNote {
    const post = this.post(id)
    const now = this.deps.now()
    const note: TriageNote = { id: randomUUID(), at: now, author: this.actor(), text }
    const { workflow } = this.deps.store
    workflow.transaction(() => {
      const record = workflowOf(this.deps, post, now)
      workflow.saveWorkflow({ ...record, noteCount: record.noteCount + 1, updatedAt: now })
      workflow.addNote(id, note)
    })
    this.postsChanged([id])
    return note
  }

  activity(id: string): TriageActivity {
    const { workflow } = this.deps.store
    if (!workflow.workflow(id) && !this.deps.store.posts.get(id)) {
      throw new ApiError('not_found', `There is no post "${id}" (it may have been removed from the local store).`)
    }
    return { notes: workflow.notes(id), history: workflow.history(id) }
  }

  counters(): TriageCounters {
    const now = this.deps.now()
    const midnight = startOfDay(now)
    const { workflow, posts } = this.deps.store
    // Waiting means in the "Needs a reply" queue: counted over the queue's own definition (open,
    // needing a response, within its window), so the counters and the column tell the same story.
    const queue = posts.needsReplyLoad({}, now)
    const loads = new Map<string | null, Omit<TeamLoad, 'teamId' | 'name'>>()
    const load = (teamId: string | null): Omit<TeamLoad, 'teamId' | 'name'> => {
      let counts = loads.get(teamId)
      if (!counts) loads.set(teamId, (counts = { waiting: 0, breached: 0, breachedToday: 0 }))
      return counts
    }
    for (const { teamId, waiting, breached } of queue.teams) Object.assign(load(teamId), { waiting, breached })
    for (const { teamId, breached } of workflow.breachesSince(midnight)) load(teamId).breachedToday = breached
    const teams: TeamLoad[] = workflow.teams().map((team) => {
      const counts = load(team.id)
      loads.delete(team.id)
      return { teamId: team.id, name: team.name, ...counts }
    })
    // Posts in no team (and any left pointing at a team that no longer exists).
    const none = { waiting: 0, breached: 0, breachedToday: 0 }
    for (const counts of loads.values()) {
      none.waiting += counts.waiting
      none.breached += counts.breached
      none.breachedToday += counts.breachedToday
    }
    if (none.waiting || none.breached || none.breachedToday) teams.push({ teamId: null, name: 'No team', ...none })
    return {
      mentionsToday: workflow.postsCreatedSince(midnight),
      waitingForReply: queue.total,
      oldestUnansweredAt: queue.oldestCreatedAt,
      teams
    }
  }
}

export function triageHandlers(service: TriageService): DomainHandlers<'triage'> {
  return {
    config: () => service.config(),
    saveTeam: ({ team }) => service.saveTeam(team),
    removeTeam: ({ id }) => service.removeTeam(id),
    savePerson: ({ person }) => service.savePerson(person),
    removePerson: ({ id }) => service.removePerson(id),
    saveRule: ({ rule }) => service.saveRule(rule),
    removeRule: ({ id }) => service.removeRule(id),
    reorderRules: ({ ids }) => service.reorderRules(ids),
    testRule: ({ rule, days }) => service.testRule(rule, days ?? 7),
    saveSla: ({ sla }) => service.saveSla(sla),
    setWatched: ({ authorId, watched }) => service.setWatched(authorId, watched),
    update: ({ ids, change }) => service.update(ids, change),
    correct: ({ id, intent, teamId }) => service.correct(id, intent, teamId),
    addNote: ({ id, text }) => service.addNote(id, text),
    activity: ({ id }) => service.activity(id),
    counters: () => service.counters()
  }
}
