/**
 * Routing: the team's ordered rules (the "predefined key") decide where a post goes. The first
 * enabled rule whose conditions all hold routes the post to its team, picks the person (fixed or
 * round-robin within the team), adds its priority boost and tags; the SLA policy and the team's
 * business hours set the first-response deadline. The matcher is pure; `TriageRouter` writes
 * the outcome (post_workflow rows and their history) for newly stored posts.
 */
import type { Intent } from '@shared/domain/intent'
import type { IncomingPost, Network, Post } from '@shared/domain/post'
import type { Person, RoutingRule, RuleAssignment, RuleConditions, Team } from '@shared/domain/triage'
import type { StoredTriage } from '@shared/triage/types'
import type { RoutingSetup, WorkflowRecord, WorkflowRepository } from '../storage/repositories/workflow'
import { fold } from './normalize'
import { addBusinessMinutes, slaMinutes } from './sla'

/** What a rule looks at in a post. */
export interface RouteSubject {
  /** ISO 639-1 (the network's tag or the detected one), or null when unknown. */
  language: string | null
  /** The intent (a person's correction wins), or null while the post is unclassified. */
  intent: Intent | null
  network: Network
  sourceId: string
  followers: number
  watched: boolean
  /** The folded text with a space on either side, for whole-word phrase look-ups (computed on first use). */
  words(): string
}

/** The primary language subtag, lower case ("en-US" → "en"). */
function primaryLanguage(tag: string | null): string | null {
  return tag ? (tag.split(/[-_]/)[0] ?? '').toLowerCase() || null : null
}

export function routeSubject(post: IncomingPost, input: { intent: Intent | null; language: string | null; watchlist: ReadonlySet<string> }): RouteSubject {
  let words: string | null = null
  return {
    language: primaryLanguage(post.language ?? input.language),
    intent: input.intent,
    network: post.network,
    sourceId: post.sourceId,
    followers: post.author.followers,
    watched: input.watchlist.has(post.author.id),
    words: () => (words ??= ` ${fold(post.text)} `)
  }
}

/** The subject of a stored post (testing a rule against what the store holds). */
export function storedSubject(post: Post, watchlist: ReadonlySet<string>): RouteSubject {
  return routeSubject(post, { intent: post.triage?.intent ?? null, language: null, watchlist })
}

export type RuleMatcher = (subject: RouteSubject) => boolean

/**
 * Compiles a rule's conditions once (keywords folded the way post texts are, so case, accents
 * and umlaut spellings never matter). Every given condition must hold; empty ones are ignored.
 * Keywords match whole words or phrases: "book 14" matches "my Book 14 died", not "ebook 140".
 */
export function compileConditions(when: RuleConditions): RuleMatcher {
  const checks: RuleMatcher[] = []
  if (when.networks?.length) {
    const networks = new Set<string>(when.networks)
    checks.push((s) => networks.has(s.network))
  }
  if (when.sourceIds?.length) {
    const sources = new Set(when.sourceIds)
    checks.push((s) => sources.has(s.sourceId))
  }
  if (when.intents?.length) {
    const intents = new Set<string>(when.intents)
    checks.push((s) => s.intent !== null && intents.has(s.intent))
  }
  if (when.languages?.length) {
    const languages = new Set(when.languages.map((code) => code.toLowerCase()))
    checks.push((s) => s.language !== null && languages.has(s.language))
  }
  if (when.watchlistOnly) checks.push((s) => s.watched)
  if (when.minFollowers) {
    const min = when.minFollowers
    checks.push((s) => s.followers >= min)
  }
  const keywords = (when.keywords ?? []).map((keyword) => fold(keyword)).filter((keyword) => keyword.length > 0)
  // Last: folding the text is the one costly check, and the cheap ones usually decide first.
  if (keywords.length) checks.push((s) => keywords.some((keyword) => s.words().includes(` ${keyword} `)))
  return (subject) => checks.every((check) => check(subject))
}

/** The person a rule assigns: fixed (when they still exist), the next one of the team in turn, or nobody. */
export function pickAssignee(assign: RuleAssignment, teamId: string | null, people: readonly Person[], lastPersonId: string | null): Person | null {
  if (assign.mode === 'fixed') return people.find((person) => person.id === assign.personId) ?? null
  if (assign.mode !== 'round-robin' || teamId === null) return null
  const members = people.filter((person) => person.teamId === teamId)
  if (members.length === 0) return null
  const last = members.findIndex((person) => person.id === lastPersonId)
  return members[(last + 1) % members.length] ?? null
}

/** When the first response to a post is due, or null when its intent has no target. */
export function dueAtFor(setup: Pick<RoutingSetup, 'sla' | 'teams'>, input: { intent: Intent; priority: number; teamId: string | null; start: number }): number | null {
  const minutes = slaMinutes(setup.sla, input.intent, input.priority)
  if (minutes === null) return null
  const team = setup.teams.find((candidate) => candidate.id === input.teamId)
  // A post in no team is on nobody's business hours: its clock runs around the clock.
  return addBusinessMinutes(input.start, minutes, team?.hours ?? null, team?.timeZone ?? 'UTC')
}

/** What routing decided for one post. */
export interface RouteDecision {
  rule: RoutingRule | null
  team: Team | null
  assignee: Person | null
  priorityBoost: number
  tags: string[]
  dueAt: number | null
}

/** Rules compiled once per routing setup (the repository hands out a new setup after every change). */
const compiledRules = new WeakMap<RoutingSetup, Array<{ rule: RoutingRule; matches: RuleMatcher }>>()

function rulesOf(setup: RoutingSetup): Array<{ rule: RoutingRule; matches: RuleMatcher }> {
  let rules = compiledRules.get(setup)
  if (!rules) {
    rules = setup.rules.filter((rule) => rule.enabled).map((rule) => ({ rule, matches: compileConditions(rule.when) }))
    compiledRules.set(setup, rules)
  }
  return rules
}

/** The first enabled rule that matches, or null. */
export function firstMatch(setup: RoutingSetup, subject: RouteSubject): RoutingRule | null {
  return rulesOf(setup).find(({ matches }) => matches(subject))?.rule ?? null
}

/** A history line: `rule “Complaints” → Support, Anna (priority +10; tags: vip)`. */
export function describeRoute(decision: RouteDecision): string {
  const target = [decision.team?.name ?? 'no team', decision.assignee?.name].filter(Boolean).join(', ')
  const extras = [
    decision.priorityBoost ? `priority ${decision.priorityBoost > 0 ? '+' : ''}${decision.priorityBoost}` : null,
    decision.tags.length ? `tags: ${decision.tags.join(', ')}` : null
  ].filter(Boolean)
  return `rule “${decision.rule?.name ?? ''}” → ${target}${extras.length ? ` (${extras.join('; ')})` : ''}`
}

export const ROUTING_ACTOR = 'Routing'

/**
 * Routes posts and writes the outcome. Round-robin turns are kept in the store (round_robin), so
 * they carry on across restarts.
 */
export class TriageRouter {
  constructor(private readonly repo: WorkflowRepository) {}

  /** Decides where a post goes (reading, not taking, the team's round-robin turn: see `claimTurn`). */
  decide(subject: RouteSubject, input: { intent: Intent; basePriority: number; createdAt: number; now: number }): RouteDecision {
    const setup = this.repo.routingSetup()
    const rule = firstMatch(setup, subject)
    const team = rule ? (setup.teams.find((candidate) => candidate.id === rule.then.teamId) ?? null) : null
    const teamId = team?.id ?? null
    const lastPerson = rule?.then.assign.mode === 'round-robin' && teamId ? this.repo.lastPerson(teamId) : null
    const assignee = rule ? pickAssignee(rule.then.assign, teamId, setup.people, lastPerson) : null
    const priorityBoost = rule?.then.priorityBoost ?? 0
    // The clock starts when the customer posted (never in the future, whatever the author's clock said).
    const start = Math.min(input.createdAt, input.now)
    const dueAt = dueAtFor(setup, { intent: input.intent, priority: input.basePriority + priorityBoost, teamId, start })
    return { rule, team, assignee, priorityBoost, tags: [...(rule?.then.tags ?? [])], dueAt }
  }

  /** Records a round-robin pick as the team's last one, once the post really went to that person. */
  claimTurn(decision: RouteDecision): void {
    if (decision.rule?.then.assign.mode === 'round-robin' && decision.assignee && decision.team) {
      this.repo.setLastPerson(decision.team.id, decision.assignee.id)
    }
  }

  /**
   * Routes newly stored posts (Ingest calls this right after storing them): a workflow row for
   * every post that needs a response, has an SLA clock or matched a rule, with the routing in
   * its history. A post that already has a row (the cache was rebuilt and it came back) keeps
   * what people decided about it.
   */
  routeNew(posts: ReadonlyArray<{ post: IncomingPost; triage: StoredTriage }>, now: number): void {
    if (posts.length === 0) return
    const { watchlist } = this.repo.routingSetup()
    this.repo.transaction(() => {
      for (const { post, triage } of posts) {
        const subject = routeSubject(post, { intent: triage.intent, language: triage.language, watchlist })
        const decision = this.decide(subject, { intent: triage.intent, basePriority: triage.basePriority, createdAt: post.createdAt, now })
        if (!decision.rule && !triage.needsResponse && decision.dueAt === null) continue
        const record: WorkflowRecord = {
          postId: post.id,
          postCreatedAt: post.createdAt,
          status: decision.assignee ? 'assigned' : 'new',
          teamId: decision.team?.id ?? null,
          assignee: decision.assignee?.id ?? null,
          tags: decision.tags,
          snoozedUntil: null,
          intentOverride: null,
          priorityBoost: decision.priorityBoost,
          dueAt: decision.dueAt,
          firstResponseAt: null,
          breachedAt: null,
          warnedAt: null,
          noteCount: 0,
          updatedAt: now
        }
        if (!this.repo.insertWorkflow(record)) continue
        this.claimTurn(decision)
        // Said for unrouted posts too: "why is this complaint in no team?" has an answer in the history.
        this.repo.addHistory(post.id, now, ROUTING_ACTOR, decision.rule ? describeRoute(decision) : 'no rule matched → no team')
      }
    })
  }
}
