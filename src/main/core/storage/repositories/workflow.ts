import type Database from 'better-sqlite3'
import { isIntent, type Intent } from '@shared/domain/intent'
import {
  DEFAULT_SLA,
  type Person,
  type RoutingRule,
  type SlaPolicy,
  type Team,
  type TriageHistoryEntry,
  type TriageNote,
  type TriageStatus
} from '@shared/domain/triage'

/** What the team decided about one post (a post_workflow row). */
export interface WorkflowRecord {
  postId: string
  postCreatedAt: number
  status: TriageStatus
  teamId: string | null
  /** Person id. */
  assignee: string | null
  tags: string[]
  snoozedUntil: number | null
  intentOverride: Intent | null
  priorityBoost: number
  dueAt: number | null
  firstResponseAt: number | null
  breachedAt: number | null
  warnedAt: number | null
  noteCount: number
  updatedAt: number
}

interface WorkflowRow {
  post_id: string
  post_created_at: number
  status: string
  team_id: string | null
  assignee: string | null
  tags: string
  snoozed_until: number | null
  intent_override: string | null
  priority_boost: number
  due_at: number | null
  first_response_at: number | null
  breached_at: number | null
  warned_at: number | null
  note_count: number
  updated_at: number
}

function toRecord(row: WorkflowRow): WorkflowRecord {
  return {
    postId: row.post_id,
    postCreatedAt: row.post_created_at,
    status: row.status as TriageStatus,
    teamId: row.team_id,
    assignee: row.assignee,
    tags: JSON.parse(row.tags) as string[],
    snoozedUntil: row.snoozed_until,
    intentOverride: isIntent(row.intent_override) ? row.intent_override : null,
    priorityBoost: row.priority_boost,
    dueAt: row.due_at,
    firstResponseAt: row.first_response_at,
    breachedAt: row.breached_at,
    warnedAt: row.warned_at,
    noteCount: row.note_count,
    updatedAt: row.updated_at
  }
}

/** The setup routing reads for every batch, kept in memory until it changes. */
export interface RoutingSetup {
  teams: Team[]
  people: Person[]
  rules: RoutingRule[]
  sla: SlaPolicy
  watchlist: ReadonlySet<string>
}

/** An open post with a first-response clock, as `handleOpen` offers it. */
export interface OpenClock {
  postId: string
  createdAt: number
  dueAt: number
}

/** What happened to an open post: answered (its first response) or closed without an answer, at `at`. */
export interface HandledOutcome {
  status: 'replied' | 'done'
  at: number
}

/** Per team (null: no team): posts that breached their SLA since a time (answered late or still open). */
export interface TeamBreaches {
  teamId: string | null
  breached: number
}

// A post still waits for the team: new or assigned, or snoozed until a time that has come.
// Written as `status IN (…) AND …` so that SQLite walks workflow_by_status_due instead of the table.
const OPEN = `(status IN ('new', 'assigned', 'snoozed') AND (status <> 'snoozed' OR snoozed_until <= @now))`
const ANY_STATUS = `status IN ('new', 'assigned', 'replied', 'done', 'snoozed', 'ignored')`

const WORKFLOW_COLUMNS = `post_id, post_created_at, status, team_id, assignee, tags, snoozed_until, intent_override, priority_boost,
  due_at, first_response_at, breached_at, warned_at, note_count, updated_at`
const WORKFLOW_VALUES = `@postId, @postCreatedAt, @status, @teamId, @assignee, @tags, @snoozedUntil, @intentOverride, @priorityBoost,
  @dueAt, @firstResponseAt, @breachedAt, @warnedAt, @noteCount, @updatedAt`

// Settings rows that belong to triage (the settings table is key/value; SettingsRepository ignores unknown keys).
const SLA_KEY = 'triage.sla'
const SEEDED_KEY = 'triage.seeded'

function prepareStatements(db: Database.Database) {
  const s = (sql: string): Database.Statement => db.prepare(sql)
  return {
    teams: s('SELECT id, name, time_zone, hours FROM teams ORDER BY position, id'),
    upsertTeam: s(`INSERT INTO teams (id, position, name, time_zone, hours) VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM teams), ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone, hours = excluded.hours`),
    deleteTeam: s('DELETE FROM teams WHERE id = ?'),
    people: s('SELECT id, name, team_id FROM people ORDER BY position, id'),
    upsertPerson: s(`INSERT INTO people (id, position, name, team_id) VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM people), ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, team_id = excluded.team_id`),
    deletePerson: s('DELETE FROM people WHERE id = ?'),
    peopleLeaveTeam: s('UPDATE people SET team_id = NULL WHERE team_id = ?'),
    rules: s('SELECT rule FROM routing_rules ORDER BY position, id'),
    upsertRule: s(`INSERT INTO routing_rules (id, position, rule) VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM routing_rules), ?)
      ON CONFLICT(id) DO UPDATE SET rule = excluded.rule`),
    deleteRule: s('DELETE FROM routing_rules WHERE id = ?'),
    setRulePosition: s('UPDATE routing_rules SET position = ? WHERE id = ?'),
    lastPerson: s('SELECT last_person_id FROM round_robin WHERE team_id = ?'),
    setLastPerson: s(`INSERT INTO round_robin (team_id, last_person_id) VALUES (?, ?)
      ON CONFLICT(team_id) DO UPDATE SET last_person_id = excluded.last_person_id`),
    deleteRoundRobin: s('DELETE FROM round_robin WHERE team_id = ? OR last_person_id = ?'),
    watchlist: s('SELECT author_id FROM watchlist ORDER BY added_at, author_id'),
    watch: s('INSERT INTO watchlist (author_id, added_at) VALUES (?, ?) ON CONFLICT(author_id) DO NOTHING'),
    unwatch: s('DELETE FROM watchlist WHERE author_id = ?'),
    setting: s('SELECT value FROM settings WHERE key = ?'),
    putSetting: s('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),

    workflow: s(`SELECT ${WORKFLOW_COLUMNS} FROM post_workflow WHERE post_id = ?`),
    insertWorkflow: s(`INSERT INTO post_workflow (${WORKFLOW_COLUMNS}) VALUES (${WORKFLOW_VALUES}) ON CONFLICT(post_id) DO NOTHING`),
    upsertWorkflow: s(`INSERT INTO post_workflow (${WORKFLOW_COLUMNS}) VALUES (${WORKFLOW_VALUES})
      ON CONFLICT(post_id) DO UPDATE SET status = excluded.status, team_id = excluded.team_id, assignee = excluded.assignee,
        tags = excluded.tags, snoozed_until = excluded.snoozed_until, intent_override = excluded.intent_override,
        priority_boost = excluded.priority_boost, due_at = excluded.due_at, first_response_at = excluded.first_response_at,
        breached_at = excluded.breached_at, warned_at = excluded.warned_at, note_count = excluded.note_count,
        updated_at = excluded.updated_at`),
    // A removed team or person leaves its posts: assigned ones go back to `new` when they lose their assignee.
    postsLeaveTeam: s(`UPDATE post_workflow SET team_id = NULL, assignee = NULL,
        status = CASE status WHEN 'assigned' THEN 'new' ELSE status END, updated_at = ?
      WHERE team_id = ? RETURNING post_id`),
    postsLosePerson: s(`UPDATE post_workflow SET assignee = NULL, status = CASE status WHEN 'assigned' THEN 'new' ELSE status END,
        updated_at = ? WHERE assignee = ? RETURNING post_id`),
    addHistory: s('INSERT INTO post_history (post_id, at, actor, what) VALUES (?, ?, ?, ?)'),
    history: s('SELECT at, actor, what FROM post_history WHERE post_id = ? ORDER BY id'),
    addNote: s('INSERT INTO post_notes (id, post_id, at, author, text) VALUES (@id, @postId, @at, @author, @text)'),
    notes: s('SELECT id, at, author, text FROM post_notes WHERE post_id = ? ORDER BY at, id'),

    // Counters. Cache posts are counted by time only (posts_by_time); the rest never touches the cache.
    postsSince: s('SELECT count(*) AS n FROM cache.posts WHERE created_at >= ?'),
    // breached_at is the deadline itself, so a breach since `since` has its due_at there too (index range).
    breachedByTeam: s(`SELECT team_id AS teamId, count(*) AS breached FROM post_workflow
      WHERE ${ANY_STATUS} AND due_at >= @since AND breached_at >= @since GROUP BY team_id`),
    postsOfAuthor: s(`SELECT p.uid FROM cache.posts p JOIN cache.authors a ON a.id = p.author_id
      WHERE a.uid = ? ORDER BY p.created_at DESC LIMIT ?`),

    // The SLA monitor: a breach happened at the deadline, whenever it is noticed.
    markBreached: s(`UPDATE post_workflow SET breached_at = due_at, updated_at = @now
      WHERE ${OPEN} AND due_at <= @now AND breached_at IS NULL RETURNING post_id`),
    dueSoon: s(`SELECT post_id, due_at, team_id FROM post_workflow
      WHERE ${OPEN} AND due_at > @now AND due_at <= @until AND warned_at IS NULL ORDER BY due_at`),
    setWarned: s('UPDATE post_workflow SET warned_at = ? WHERE post_id = ?'),
    snoozeEnded: s(`SELECT post_id FROM post_workflow WHERE status = 'snoozed' AND snoozed_until > ? AND snoozed_until <= ?`),

    // By primary key, one look-up per id: cheap enough for every ingested batch.
    intentOverrides: s(`SELECT post_id, intent_override FROM post_workflow
      WHERE post_id IN (SELECT value FROM json_each(?)) AND intent_override IS NOT NULL`),
    openClocks: s(`SELECT post_id, post_created_at, status, due_at FROM post_workflow
      WHERE post_id IN (SELECT value FROM json_each(@ids)) AND status IN ('new', 'assigned') AND due_at IS NOT NULL
        AND post_created_at < @before`),
    // A first response after the deadline is a breach (at the deadline), as when a person replies late.
    handle: s(`UPDATE post_workflow SET status = @status, first_response_at = @firstResponseAt,
        breached_at = CASE WHEN @at > due_at THEN coalesce(breached_at, due_at) ELSE breached_at END, updated_at = @at
      WHERE post_id = @postId`)
  }
}

/**
 * The triage workflow in earshot.db (synchronous=FULL): teams, people, ordered routing rules,
 * round-robin positions, the watchlist, SLA targets, and per post its status, assignment,
 * clock, notes and history. The routing setup is cached and dropped on every change made here.
 */
export class WorkflowRepository {
  private readonly stmt: ReturnType<typeof prepareStatements>
  private setup: RoutingSetup | null = null

  constructor(private readonly db: Database.Database) {
    this.stmt = prepareStatements(db)
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  // --- setup -------------------------------------------------------------------------------

  teams(): Team[] {
    return (this.stmt.teams.all() as Array<{ id: string; name: string; time_zone: string; hours: string | null }>).map((row) => ({
      id: row.id,
      name: row.name,
      timeZone: row.time_zone,
      hours: row.hours === null ? null : (JSON.parse(row.hours) as Team['hours'])
    }))
  }

  /** Creates or replaces a team; a new team goes last. */
  saveTeam(team: Team): Team {
    this.stmt.upsertTeam.run(team.id, team.name, team.timeZone, team.hours === null ? null : JSON.stringify(team.hours))
    this.changed()
    return team
  }

  /**
   * Removes a team: its people stay without one, its rules route nowhere, its posts lose team and
   * assignee. Returns the ids of the posts that changed.
   */
  removeTeam(id: string, now: number): string[] {
    return this.transaction(() => {
      this.stmt.deleteTeam.run(id)
      this.stmt.peopleLeaveTeam.run(id)
      this.stmt.deleteRoundRobin.run(id, '')
      for (const rule of this.rules()) {
        if (rule.then.teamId === id) this.saveRule({ ...rule, then: { ...rule.then, teamId: null, assign: { mode: 'none' } } })
      }
      const posts = this.stmt.postsLeaveTeam.all(now, id) as Array<{ post_id: string }>
      this.changed()
      return posts.map((row) => row.post_id)
    })
  }

  people(): Person[] {
    return (this.stmt.people.all() as Array<{ id: string; name: string; team_id: string | null }>).map((row) => ({
      id: row.id,
      name: row.name,
      teamId: row.team_id
    }))
  }

  savePerson(person: Person): Person {
    this.stmt.upsertPerson.run(person.id, person.name, person.teamId)
    this.changed()
    return person
  }

  /** Removes a person: their posts are unassigned, rules that named them assign nobody. Returns the changed posts. */
  removePerson(id: string, now: number): string[] {
    return this.transaction(() => {
      this.stmt.deletePerson.run(id)
      this.stmt.deleteRoundRobin.run('', id)
      for (const rule of this.rules()) {
        if (rule.then.assign.mode === 'fixed' && rule.then.assign.personId === id) {
          this.saveRule({ ...rule, then: { ...rule.then, assign: { mode: 'none' } } })
        }
      }
      const posts = this.stmt.postsLosePerson.all(now, id) as Array<{ post_id: string }>
      this.changed()
      return posts.map((row) => row.post_id)
    })
  }

  rules(): RoutingRule[] {
    return (this.stmt.rules.all() as Array<{ rule: string }>).map((row) => JSON.parse(row.rule) as RoutingRule)
  }

  /** Creates or replaces a rule; a new rule goes last, an existing one keeps its place. */
  saveRule(rule: RoutingRule): RoutingRule {
    this.stmt.upsertRule.run(rule.id, JSON.stringify(rule))
    this.changed()
    return rule
  }

  removeRule(id: string): boolean {
    const removed = this.stmt.deleteRule.run(id).changes > 0
    this.changed()
    return removed
  }

  /** Puts the rules in the given order (rules not named keep their relative order, after the named ones). */
  reorderRules(ids: string[]): void {
    this.transaction(() => {
      const rest = this.rules()
        .map((rule) => rule.id)
        .filter((id) => !ids.includes(id))
      ;[...ids, ...rest].forEach((id, position) => this.stmt.setRulePosition.run(position, id))
    })
    this.changed()
  }

  /** The person who got the team's last round-robin post, or null. */
  lastPerson(teamId: string): string | null {
    const row = this.stmt.lastPerson.get(teamId) as { last_person_id: string } | undefined
    return row?.last_person_id ?? null
  }

  setLastPerson(teamId: string, personId: string): void {
    this.stmt.setLastPerson.run(teamId, personId)
  }

  watchlist(): string[] {
    return (this.stmt.watchlist.all() as Array<{ author_id: string }>).map((row) => row.author_id)
  }

  setWatched(authorId: string, watched: boolean, now: number): void {
    if (watched) this.stmt.watch.run(authorId, now)
    else this.stmt.unwatch.run(authorId)
    this.changed()
  }

  sla(): SlaPolicy {
    const row = this.stmt.setting.get(SLA_KEY) as { value: string } | undefined
    return row ? { ...DEFAULT_SLA, ...(JSON.parse(row.value) as Partial<SlaPolicy>) } : DEFAULT_SLA
  }

  saveSla(sla: SlaPolicy): SlaPolicy {
    this.stmt.putSetting.run(SLA_KEY, JSON.stringify(sla))
    this.changed()
    return this.sla()
  }

  /**
   * Seeds the default setup once per store (a user who removes every team does not get them
   * back on the next start). Returns whether it seeded.
   */
  seedOnce(seed: () => { teams: Team[]; rules: RoutingRule[] }): boolean {
    return this.transaction(() => {
      if (this.stmt.setting.get(SEEDED_KEY)) return false
      this.stmt.putSetting.run(SEEDED_KEY, 'true')
      if (this.teams().length > 0 || this.rules().length > 0) return false
      const { teams, rules } = seed()
      for (const team of teams) this.saveTeam(team)
      for (const rule of rules) this.saveRule(rule)
      return true
    })
  }

  /** The setup routing needs, from memory unless something changed since the last call. */
  routingSetup(): RoutingSetup {
    this.setup ??= {
      teams: this.teams(),
      people: this.people(),
      rules: this.rules(),
      sla: this.sla(),
      watchlist: new Set(this.watchlist())
    }
    return this.setup
  }

  private changed(): void {
    this.setup = null
  }

  // --- posts -------------------------------------------------------------------------------

  workflow(postId: string): WorkflowRecord | null {
    const row = this.stmt.workflow.get(postId) as WorkflowRow | undefined
    return row ? toRecord(row) : null
  }

  /** Writes a post's first row; false (and nothing written) when the post already has one. */
  insertWorkflow(record: WorkflowRecord): boolean {
    return this.stmt.insertWorkflow.run(this.params(record)).changes > 0
  }

  saveWorkflow(record: WorkflowRecord): void {
    this.stmt.upsertWorkflow.run(this.params(record))
  }

  private params(record: WorkflowRecord): Record<string, unknown> {
    return { ...record, tags: JSON.stringify(record.tags) }
  }

  addHistory(postId: string, at: number, actor: string, what: string): void {
    this.stmt.addHistory.run(postId, at, actor, what)
  }

  history(postId: string): TriageHistoryEntry[] {
    return this.stmt.history.all(postId) as TriageHistoryEntry[]
  }

  addNote(postId: string, note: TriageNote): void {
    this.stmt.addNote.run({ ...note, postId })
  }

  notes(postId: string): TriageNote[] {
    return this.stmt.notes.all(postId) as TriageNote[]
  }

  /** Stable ids of an author's newest stored posts (cache), for telling the UI what a watchlist change touched. */
  postIdsOfAuthor(authorId: string, limit: number): string[] {
    return (this.stmt.postsOfAuthor.all(authorId, limit) as Array<{ uid: string }>).map((row) => row.uid)
  }

  // --- counters and clocks -----------------------------------------------------------------

  /** Stored posts created at or after `since` (epoch ms). */
  postsCreatedSince(since: number): number {
    return (this.stmt.postsSince.get(since) as { n: number }).n
  }

  /** Breaches per team since `since` (epoch ms); what is waiting now is the queue's business (PostRepository.needsReplyLoad). */
  breachesSince(since: number): TeamBreaches[] {
    return this.stmt.breachedByTeam.all({ since }) as TeamBreaches[]
  }

  /** Marks open posts whose deadline has passed as breached (at their deadline); returns their ids. */
  markBreached(now: number): string[] {
    return (this.stmt.markBreached.all({ now }) as Array<{ post_id: string }>).map((row) => row.post_id)
  }

  /** Open posts not yet warned about whose deadline falls in (now, until]. */
  dueSoon(now: number, until: number): Array<{ postId: string; dueAt: number; teamId: string | null }> {
    return (this.stmt.dueSoon.all({ now, until }) as Array<{ post_id: string; due_at: number; team_id: string | null }>).map((row) => ({
      postId: row.post_id,
      dueAt: row.due_at,
      teamId: row.team_id
    }))
  }

  setWarned(postId: string, at: number): void {
    this.stmt.setWarned.run(at, postId)
  }

  /** The intents people corrected among these posts (stable ids); posts without a correction are left out. */
  intentOverrides(ids: readonly string[]): Map<string, Intent> {
    const found = new Map<string, Intent>()
    if (ids.length === 0) return found
    for (const row of this.stmt.intentOverrides.all(JSON.stringify(ids)) as Array<{ post_id: string; intent_override: string }>) {
      if (isIntent(row.intent_override)) found.set(row.post_id, row.intent_override)
    }
    return found
  }

  /**
   * Records what became of open posts (among `ids`, with a clock, created before `before`) that
   * were dealt with outside Earshot's own actions, as `decide` says for each (null: still open):
   * the status, the first response when replied, a breach when that came after the deadline, and
   * a history line by `actor`. One transaction. Returns the ids that changed.
   */
  handleOpen(ids: readonly string[], before: number, actor: string, decide: (clock: OpenClock) => HandledOutcome | null): string[] {
    if (ids.length === 0) return []
    return this.transaction(() => {
      const rows = this.stmt.openClocks.all({ ids: JSON.stringify(ids), before }) as Array<{ post_id: string; post_created_at: number; status: string; due_at: number }>
      const changed: string[] = []
      for (const row of rows) {
        const outcome = decide({ postId: row.post_id, createdAt: row.post_created_at, dueAt: row.due_at })
        if (!outcome) continue
        const firstResponseAt = outcome.status === 'replied' ? outcome.at : null
        this.stmt.handle.run({ postId: row.post_id, status: outcome.status, firstResponseAt, at: outcome.at })
        this.stmt.addHistory.run(row.post_id, outcome.at, actor, `status ${row.status} → ${outcome.status}`)
        changed.push(row.post_id)
      }
      return changed
    })
  }

  /** Snoozed posts whose snooze ran out in (from, to]: they are back in the queue. */
  snoozeEnded(from: number, to: number): string[] {
    return (this.stmt.snoozeEnded.all(from, to) as Array<{ post_id: string }>).map((row) => row.post_id)
  }
}
