import { describe, expect, it } from 'vitest'
import type { IncomingPost } from '@shared/domain/post'
import { DEFAULT_SLA, type Person, type RoutingRule, type RuleConditions, type Team } from '@shared/domain/triage'
import type { RoutingSetup } from '../../src/main/core/storage/repositories/workflow'
import { compileConditions, describeRoute, dueAtFor, firstMatch, pickAssignee, routeSubject, type RouteSubject } from '../../src/main/core/triage/routing'
import { makePost } from '../support/posts'

function subject(overrides: Partial<IncomingPost> = {}, intent: RouteSubject['intent'] = 'complaint', watchlist: string[] = []): RouteSubject {
  return routeSubject(makePost(1, overrides), { intent, language: null, watchlist: new Set(watchlist) })
}
const matches = (when: RuleConditions, s: RouteSubject): boolean => compileConditions(when)(s)

function rule(id: string, when: RuleConditions, teamId: string | null, extra: Partial<RoutingRule> = {}): RoutingRule {
  return { id, name: id, enabled: true, when, then: { teamId, assign: { mode: 'none' }, priorityBoost: 0, tags: [] }, ...extra }
}

const support: Team = { id: 'support', name: 'Support', timeZone: 'Europe/Berlin', hours: null }
const sales: Team = { id: 'sales', name: 'Sales', timeZone: 'Europe/Berlin', hours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } }

function setup(rules: RoutingRule[]): RoutingSetup {
  return { teams: [support, sales], people: [], rules, sla: DEFAULT_SLA, watchlist: new Set() }
}

describe('rule conditions', () => {
  it('matches keywords whatever the case, accents or umlaut spelling, as whole words or phrases', () => {
    const text = 'Mein LUMORA Book 14 ist kaputt, total enttäuscht! #Kundenservice'
    expect(matches({ keywords: ['book 14'] }, subject({ text }))).toBe(true)
    expect(matches({ keywords: ['enttaeuscht'] }, subject({ text }))).toBe(true)
    expect(matches({ keywords: ['ENTTÄUSCHT'] }, subject({ text: 'ich bin enttauscht' }))).toBe(true)
    expect(matches({ keywords: ['kundenservice'] }, subject({ text }))).toBe(true)
    expect(matches({ keywords: ['Café Crème'] }, subject({ text: 'the cafe creme at the launch' }))).toBe(true)
    expect(matches({ keywords: ['book 1'] }, subject({ text }))).toBe(false)
    expect(matches({ keywords: ['ook'] }, subject({ text }))).toBe(false)
    expect(matches({ keywords: ['tablet', 'kaputt'] }, subject({ text }))).toBe(true)
  })

  it('requires every given condition and ignores empty ones', () => {
    const post = { language: 'de', network: 'bluesky' as const, sourceId: 'src-1' }
    expect(matches({}, subject(post))).toBe(true)
    expect(matches({ languages: [], intents: [], keywords: [], networks: [] }, subject(post))).toBe(true)
    expect(matches({ languages: ['de'], intents: ['complaint'], networks: ['bluesky'], sourceIds: ['src-1'] }, subject(post))).toBe(true)
    expect(matches({ languages: ['de'], intents: ['praise'] }, subject(post))).toBe(false)
    expect(matches({ languages: ['en'] }, subject(post))).toBe(false)
    expect(matches({ networks: ['mastodon'] }, subject(post))).toBe(false)
    expect(matches({ sourceIds: ['other'] }, subject(post))).toBe(false)
  })

  it('reads the language from the network tag or, without one, from detection; a region does not matter', () => {
    expect(matches({ languages: ['en'] }, subject({ language: 'en-US' }))).toBe(true)
    const detected = routeSubject(makePost(2, { language: null }), { intent: 'complaint', language: 'de', watchlist: new Set() })
    expect(matches({ languages: ['de'] }, detected)).toBe(true)
    const unknown = routeSubject(makePost(3, { language: null }), { intent: 'complaint', language: null, watchlist: new Set() })
    expect(matches({ languages: ['de'] }, unknown)).toBe(false)
  })

  it('checks reach and the watchlist by the author', () => {
    const post = makePost(5) // user5 with 500 followers
    const watched = routeSubject(post, { intent: 'praise', language: null, watchlist: new Set([post.author.id]) })
    const stranger = routeSubject(post, { intent: 'praise', language: null, watchlist: new Set() })
    expect(matches({ watchlistOnly: true }, watched)).toBe(true)
    expect(matches({ watchlistOnly: true }, stranger)).toBe(false)
    expect(matches({ minFollowers: 500 }, stranger)).toBe(true)
    expect(matches({ minFollowers: 501 }, stranger)).toBe(false)
  })

  it('never matches an intent condition on an unclassified post', () => {
    expect(matches({ intents: ['complaint'] }, subject({}, null))).toBe(false)
  })

  it('folds the text only when a keyword condition needs it, and only once', () => {
    let folds = 0
    const base = subject({ text: 'Book 14' })
    const counted: RouteSubject = { ...base, words: () => (folds++, base.words()) }
    expect(matches({ networks: ['rss'], keywords: ['book'] }, counted)).toBe(false)
    expect(folds).toBe(0)
  })
})

describe('rule order', () => {
  it('lets the first enabled rule that matches win', () => {
    const vip = rule('vip', { minFollowers: 10_000 }, 'sales')
    const complaints = rule('complaints', { intents: ['complaint'] }, 'support')
    const off = rule('off', {}, 'sales', { enabled: false })
    const big = subject({ author: { ...makePost(1).author, followers: 50_000 } })
    expect(firstMatch(setup([off, vip, complaints]), big)?.id).toBe('vip')
    expect(firstMatch(setup([off, complaints, vip]), big)?.id).toBe('complaints')
    expect(firstMatch(setup([off, vip, complaints]), subject())?.id).toBe('complaints')
    expect(firstMatch(setup([off]), subject())).toBeNull()
  })
})

describe('assignment', () => {
  const people: Person[] = [
    { id: 'anna', name: 'Anna', teamId: 'support' },
    { id: 'ben', name: 'Ben', teamId: 'sales' },
    { id: 'cem', name: 'Cem', teamId: 'support' },
    { id: 'dora', name: 'Dora', teamId: 'support' }
  ]

  it('takes turns within the team, in order, and wraps around', () => {
    const picks: string[] = []
    let last: string | null = null
    for (let i = 0; i < 5; i++) {
      last = pickAssignee({ mode: 'round-robin' }, 'support', people, last)?.id ?? null
      picks.push(last ?? '-')
    }
    expect(picks).toEqual(['anna', 'cem', 'dora', 'anna', 'cem'])
  })

  it('starts again at the top when the last person left the team', () => {
    expect(pickAssignee({ mode: 'round-robin' }, 'support', people, 'gone')?.id).toBe('anna')
  })

  it('assigns nobody when the team has no people, or for a rule without a team', () => {
    expect(pickAssignee({ mode: 'round-robin' }, 'product', people, null)).toBeNull()
    expect(pickAssignee({ mode: 'round-robin' }, null, people, null)).toBeNull()
    expect(pickAssignee({ mode: 'none' }, 'support', people, null)).toBeNull()
  })

  it('assigns a fixed person while they exist', () => {
    expect(pickAssignee({ mode: 'fixed', personId: 'ben' }, 'support', people, null)?.name).toBe('Ben')
    expect(pickAssignee({ mode: 'fixed', personId: 'gone' }, 'support', people, null)).toBeNull()
  })
})

describe('deadline and history', () => {
  it('puts the deadline on the team clock, and on the wall clock for posts in no team', () => {
    const friday1630 = Date.parse('2026-11-27T15:30:00Z')
    const s = setup([])
    expect(dueAtFor(s, { intent: 'purchase_intent', priority: 10, teamId: 'sales', start: friday1630 })).toBe(Date.parse('2026-11-30T08:30:00Z'))
    expect(dueAtFor(s, { intent: 'purchase_intent', priority: 10, teamId: null, start: friday1630 })).toBe(friday1630 + 3_600_000)
    expect(dueAtFor(s, { intent: 'complaint', priority: 90, teamId: 'support', start: friday1630 })).toBe(friday1630 + 15 * 60_000)
    expect(dueAtFor(s, { intent: 'praise', priority: 90, teamId: 'support', start: friday1630 })).toBeNull()
  })

  it('describes a routing in words', () => {
    const r = rule('r', {}, 'support')
    const anna: Person = { id: 'anna', name: 'Anna', teamId: 'support' }
    expect(describeRoute({ rule: { ...r, name: 'Complaints' }, team: support, assignee: anna, priorityBoost: 0, tags: [], dueAt: null })).toBe(
      'rule “Complaints” → Support, Anna'
    )
    expect(describeRoute({ rule: { ...r, name: 'VIP' }, team: null, assignee: null, priorityBoost: 10, tags: ['vip', 'press'], dueAt: null })).toBe(
      'rule “VIP” → no team (priority +10; tags: vip, press)'
    )
  })
})
