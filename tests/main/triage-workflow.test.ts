import { afterEach, describe, expect, it } from 'vitest'
import type { EventMap, EventName } from '@shared/contract/domains'
import type { Account } from '@shared/domain/account'
import type { OutboxItem } from '@shared/domain/outbox'
import type { IncomingPost, Post } from '@shared/domain/post'
import type { Source } from '@shared/domain/source'
import type { Person, RoutingRule, RuleTestResult, Team, TriageActivity, TriageConfig, TriageCounters, TriageNote } from '@shared/domain/triage'
import type { Intent, StoredTriage } from '@shared/triage/types'
import { NEEDS_RESPONSE } from '@shared/triage/types'
import { openCore, type Core } from '../../src/main/core'
import { TriageRouter } from '../../src/main/core/triage/routing'
import { startMastodonServer, type MastodonTestServer } from '../support/mastodon-server'
import { makePost } from '../support/posts'
import { useTempDirs } from '../support/temp'

const tempDir = useTempDirs()
const full = { access: 'full', transport: 'web' } as const
const MIN = 60_000
/** Wednesday 25 November 2026, 12:00 UTC: a working day. */
const T0 = Date.parse('2026-11-25T12:00:00Z')

const cores: Core[] = []
const servers: MastodonTestServer[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) core.close()
  for (const server of servers.splice(0)) await server.close()
})

interface Harness {
  core: Core
  dataDir: string
  clock: { now: number }
  events: Array<{ event: EventName; payload: unknown }>
  call<T>(method: string, input?: unknown): Promise<T>
  /** Stores posts with a given triage and routes them, as Ingest does after classifying. */
  store(posts: Array<{ post: IncomingPost; intent: Intent; priority?: number }>): void
  of<E extends EventName>(event: E): Array<EventMap[E]>
}

function open(dataDir = tempDir(), clock = { now: T0 }): Harness {
  const core = openCore({ dataDir, demo: false, sync: false, version: '0.0.0-test', now: () => clock.now, triageWorkers: 0 })
  cores.push(core)
  const events: Harness['events'] = []
  core.events.on((event, payload) => events.push({ event, payload }))
  const router = new TriageRouter(core.store.workflow)
  return {
    core,
    dataDir,
    clock,
    events,
    call: <T>(method: string, input?: unknown) => core.registry.dispatch('triage', method, input, full) as Promise<T>,
    store(posts) {
      const stored = posts.map(({ post, intent, priority }) => ({ post, triage: triageOf(intent, priority ?? 40) }))
      core.store.posts.insertMany(stored.map(({ post, triage }) => ({ ...post, triage })))
      router.routeNew(stored, clock.now)
    },
    of: <E extends EventName>(event: E) => events.filter((e) => e.event === event).map((e) => e.payload as EventMap[E])
  }
}

function triageOf(intent: Intent, basePriority: number): StoredTriage {
  return {
    language: 'en',
    intent,
    confidence: 0.9,
    sentiment: intent === 'complaint' ? 'negative' : 'neutral',
    sentimentScore: intent === 'complaint' ? -0.6 : 0,
    needsResponse: NEEDS_RESPONSE.has(intent),
    basePriority,
    addressed: null,
    followers: 100,
    watchlist: false
  }
}

const post = (n: number, minutesAgo: number, overrides: Partial<IncomingPost> = {}): IncomingPost =>
  makePost(n, { createdAt: T0 - minutesAgo * MIN, ...overrides })

/** Polls until `read` gives a value that satisfies `done` (10 s at most). */
async function until<T>(read: () => T | undefined, done: (value: T) => boolean = () => true): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = read()
    if (value !== undefined && done(value)) return value
    if (Date.now() - started > 10_000) throw new Error(`gave up waiting; last value: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

function get(h: Harness, id: string): Post {
  const found = h.core.store.posts.get(id)
  if (!found) throw new Error(`post ${id} is not stored`)
  return found
}

describe('triage setup', () => {
  it('seeds default teams and rules once, so a fresh workspace routes from the start', async () => {
    const h = open()
    const config = await h.call<TriageConfig>('config')
    expect(config.teams.map((t) => t.name)).toEqual(['Support', 'Sales', 'Marketing/PR', 'Product'])
    expect(config.teams[0]?.hours).toBeNull()
    expect(config.teams[1]?.hours).toEqual({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' })
    expect(config.rules.map((r) => [r.when.intents, r.then.teamId])).toEqual([
      [['complaint', 'help_explicit', 'help_implicit'], 'team-support'],
      [['purchase_intent'], 'team-sales'],
      [['idea'], 'team-product'],
      [['praise'], 'team-marketing']
    ])
    expect(config.sla.byIntent).toEqual({ complaint: 30, help_explicit: 60, help_implicit: 60, purchase_intent: 60 })

    // Removing every team is respected: the next start does not bring them back.
    for (const team of config.teams) await h.call('removeTeam', { id: team.id })
    h.core.close()
    const again = open(h.dataDir)
    expect((await again.call<TriageConfig>('config')).teams).toEqual([])
  })

  it('edits teams, people and rules, announces the setup, and refuses what does not exist in plain words', async () => {
    const h = open()
    const team: Team = { id: 'team-press', name: 'Press', timeZone: 'Europe/Berlin', hours: null }
    await h.call('saveTeam', { team })
    await h.call<Person>('savePerson', { person: { id: 'anna', name: 'Anna', teamId: 'team-press' } })
    const rule: RoutingRule = {
      id: 'rule-press',
      name: 'Journalists',
      enabled: true,
      when: { keywords: ['press'] },
      then: { teamId: 'team-press', assign: { mode: 'fixed', personId: 'anna' }, priorityBoost: 10, tags: ['press'] }
    }
    await h.call('saveRule', { rule })
    const reordered = await h.call<RoutingRule[]>('reorderRules', { ids: ['rule-press'] })
    expect(reordered[0]?.id).toBe('rule-press')
    expect(reordered).toHaveLength(5)
    const configs = h.of('triage:config')
    expect(configs.length).toBeGreaterThanOrEqual(4)
    expect(configs.at(-1)?.rules[0]?.name).toBe('Journalists')

    await expect(h.call('savePerson', { person: { id: 'x', name: 'X', teamId: 'nope' } })).rejects.toThrow('There is no team "nope"')
    await expect(h.call('saveRule', { rule: { ...rule, then: { ...rule.then, assign: { mode: 'fixed', personId: 'ghost' } } } })).rejects.toThrow(
      'There is no person "ghost"'
    )
    await expect(h.call('saveRule', { rule: { ...rule, then: { ...rule.then, teamId: null, assign: { mode: 'round-robin' } } } })).rejects.toThrow(
      'Round-robin takes turns within a team'
    )
    await expect(h.call('removeRule', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(h.call('reorderRules', { ids: ['rule-press', 'rule-press'] })).rejects.toThrow('only once')

    // Removing the person leaves the rule assigning nobody; removing the team leaves it routing nowhere.
    await h.call('removePerson', { id: 'anna' })
    await h.call('removeTeam', { id: 'team-press' })
    const config = await h.call<TriageConfig>('config')
    expect(config.rules.find((r) => r.id === 'rule-press')?.then).toMatchObject({ teamId: null, assign: { mode: 'none' } })
  })
})

describe('routing new posts', () => {
  it('routes what Ingest classifies: a complaint goes to Support with a 30-minute clock', async () => {
    const h = open()
    const complaint = post(1, 0, { text: '@lumora worst service ever. My Book 14 broke AGAIN and nobody answers. Furious!' })
    await h.core.ingest.add([complaint])
    const stored = get(h, complaint.id)
    expect(['complaint', 'help_implicit', 'help_explicit']).toContain(stored.triage?.intent)
    expect(stored.triage).toMatchObject({ teamId: 'team-support', status: 'new' })
    expect(stored.triage?.dueAt).toBeGreaterThan(T0)
    expect(stored.triage?.dueAt).toBeLessThanOrEqual(T0 + 60 * MIN)
  })

  it('takes round-robin turns within the team, remembered across restarts, with the routing in the history', async () => {
    const h = open()
    await h.call('savePerson', { person: { id: 'anna', name: 'Anna', teamId: 'team-support' } })
    await h.call('savePerson', { person: { id: 'ben', name: 'Ben', teamId: 'team-sales' } })
    await h.call('savePerson', { person: { id: 'cem', name: 'Cem', teamId: 'team-support' } })
    h.store([1, 2, 3].map((n) => ({ post: post(n, 0), intent: 'complaint' as const })))
    expect([1, 2, 3].map((n) => get(h, `mastodon:${n}`).triage?.assignee)).toEqual(['anna', 'cem', 'anna'])
    expect(get(h, 'mastodon:1').triage?.status).toBe('assigned')
    const activity = await h.call<TriageActivity>('activity', { id: 'mastodon:2' })
    expect(activity.history).toEqual([{ at: T0, actor: 'Routing', what: 'rule “Complaints and help requests” → Support, Cem' }])

    h.core.close()
    const again = open(h.dataDir)
    again.store([{ post: post(4, 0), intent: 'help_explicit' }])
    expect(get(again, 'mastodon:4').triage?.assignee).toBe('cem')
  })

  it('leaves posts with nothing to answer and no rule alone, and never overwrites what people decided', async () => {
    const h = open()
    h.store([
      { post: post(1, 0), intent: 'other' },
      { post: post(2, 0), intent: 'praise' }
    ])
    expect(h.core.store.workflow.workflow('mastodon:1')).toBeNull()
    expect(h.core.store.workflow.workflow('mastodon:2')).toMatchObject({ teamId: 'team-marketing', dueAt: null })

    // A complaint no rule takes still waits for an answer, in no team, and the history says why.
    await h.call('removeRule', { id: 'rule-support' })
    h.store([{ post: post(9, 0), intent: 'complaint' }])
    expect(get(h, 'mastodon:9').triage).toMatchObject({ teamId: null, status: 'new', dueAt: T0 + 30 * MIN })
    expect((await h.call<TriageActivity>('activity', { id: 'mastodon:9' })).history.map((e) => e.what)).toEqual(['no rule matched → no team'])
    expect((await h.call<TriageCounters>('counters')).teams.at(-1)).toEqual({ teamId: null, name: 'No team', waiting: 1, breached: 0, breachedToday: 0 })

    h.store([{ post: post(3, 0), intent: 'complaint' }])
    await h.call('update', { ids: ['mastodon:3'], change: { status: 'done' } })
    // The cache is rebuilt and the post comes back: the team's decision stands.
    h.core.store.posts.removeMany(['mastodon:3'])
    h.store([{ post: post(3, 0), intent: 'complaint' }])
    expect(get(h, 'mastodon:3').triage?.status).toBe('done')
  })

  it('applies boost and tags, and pauses the clock outside the team’s business hours', async () => {
    const h = open()
    await h.call('saveTeam', { team: { id: 'team-sales', name: 'Sales', timeZone: 'UTC', hours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } } })
    await h.call('saveRule', {
      rule: {
        id: 'rule-big',
        name: 'Big accounts',
        enabled: true,
        when: { minFollowers: 10_000 },
        then: { teamId: 'team-sales', assign: { mode: 'none' }, priorityBoost: 15, tags: ['vip'] }
      }
    })
    await h.call('reorderRules', { ids: ['rule-big'] })
    const big = post(1, 0, { author: { ...makePost(1).author, followers: 50_000 } })
    // Friday 16:45 UTC: 15 minutes today, 45 on Monday from 09:00.
    h.clock.now = Date.parse('2026-11-27T16:45:00Z')
    h.store([{ post: { ...big, createdAt: h.clock.now }, intent: 'purchase_intent', priority: 30 }])
    const routed = get(h, big.id).triage
    expect(routed).toMatchObject({ teamId: 'team-sales', tags: ['vip'] })
    expect(routed?.factors.find((f) => f.factor === 'routing')?.contribution).toBe(15)
    expect(routed?.dueAt).toBe(Date.parse('2026-11-30T09:45:00Z'))
  })
})

describe('testing a rule before saving it', () => {
  it('counts the stored posts of the last days it would match, newest first, with samples', async () => {
    const h = open()
    const posts = [
      post(1, 10, { text: 'My Book 14 is great' }),
      post(2, 60, { text: 'book 14 screen flickers' }),
      post(3, 2 * 24 * 60, { text: 'The BOOK 14 arrived' }),
      post(4, 9 * 24 * 60, { text: 'Book 14, nine days ago' }),
      post(5, 5, { text: 'A notebook, not the one' })
    ]
    h.store(posts.map((p) => ({ post: p, intent: 'other' as const })))
    const rule: RoutingRule = {
      id: 'draft',
      name: 'Book 14',
      enabled: false,
      when: { keywords: ['book 14'] },
      then: { teamId: null, assign: { mode: 'none' }, priorityBoost: 0, tags: [] }
    }
    expect(await h.call<RuleTestResult>('testRule', { rule })).toEqual({ matched: 3, days: 7, sampleIds: ['mastodon:1', 'mastodon:2', 'mastodon:3'] })
    expect((await h.call<RuleTestResult>('testRule', { rule, days: 30 })).matched).toBe(4)
    expect((await h.call<RuleTestResult>('testRule', { rule: { ...rule, when: { keywords: ['book 14'], intents: ['complaint'] } } })).matched).toBe(0)
    // Nothing was saved.
    expect((await h.call<TriageConfig>('config')).rules.some((r) => r.id === 'draft')).toBe(false)
  })
})

describe('working on posts', () => {
  it('assigns, tags, snoozes and closes posts in bulk, with who changed what in the history', async () => {
    const h = open()
    await h.core.registry.dispatch('settings', 'update', { userName: 'Mia' }, full)
    await h.call('savePerson', { person: { id: 'ben', name: 'Ben', teamId: 'team-sales' } })
    h.store([
      { post: post(1, 5), intent: 'complaint' },
      { post: post(2, 5), intent: 'help_explicit' }
    ])
    const ids = ['mastodon:1', 'mastodon:2']
    const assigned = await h.call<Post[]>('update', { ids, change: { assignee: 'ben', addTags: ['vip', 'vip'] } })
    expect(assigned.map((p) => [p.triage?.status, p.triage?.teamId, p.triage?.assignee, p.triage?.tags])).toEqual([
      ['assigned', 'team-sales', 'ben', ['vip']],
      ['assigned', 'team-sales', 'ben', ['vip']]
    ])
    expect(h.of('posts:changed').at(-1)).toEqual({ ids })

    await expect(h.call('update', { ids, change: { status: 'snoozed' } })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(h.call('update', { ids, change: { status: 'snoozed', snoozedUntil: T0 - MIN } })).rejects.toThrow('in the future')
    await expect(h.call('update', { ids: ['mastodon:1', 'nope'], change: { status: 'done' } })).rejects.toThrow('There is no post "nope"')
    await expect(h.call('update', { ids, change: { assignee: 'ghost' } })).rejects.toMatchObject({ code: 'not_found' })

    await h.call('update', { ids: ['mastodon:1'], change: { status: 'snoozed', snoozedUntil: T0 + 60 * MIN } })
    h.clock.now = T0 + 10 * MIN
    const [replied] = await h.call<Post[]>('update', { ids: ['mastodon:2'], change: { status: 'replied', removeTags: ['vip'] } })
    expect(replied?.triage).toMatchObject({ status: 'replied', firstResponseAt: T0 + 10 * MIN, tags: [] })
    await h.call('update', { ids: ['mastodon:2'], change: { status: 'done' } })

    const history = (await h.call<TriageActivity>('activity', { id: 'mastodon:2' })).history
    expect(history.map((e) => `${e.actor}: ${e.what}`)).toEqual([
      'Routing: rule “Complaints and help requests” → Support',
      'Mia: assigned to Ben',
      'Mia: team Support → Sales',
      'Mia: status new → assigned',
      'Mia: tagged vip',
      'Mia: status assigned → replied',
      'Mia: untagged vip',
      'Mia: status replied → done'
    ])
    expect((await h.call<TriageActivity>('activity', { id: 'mastodon:1' })).history.at(-1)?.what).toMatch(/^snoozed until /)

    // Once the snooze has run out the post waits again, and unassigning it makes it new.
    h.clock.now = T0 + 61 * MIN
    const [back] = await h.call<Post[]>('update', { ids: ['mastodon:1'], change: { assignee: null } })
    expect(back?.triage).toMatchObject({ status: 'new', assignee: null, snoozedUntil: null })
    expect((await h.call<TriageActivity>('activity', { id: 'mastodon:1' })).history.slice(-2).map((e) => e.what)).toEqual(['unassigned Ben', 'status snoozed → new'])
  })

  it('keeps internal notes with their author', async () => {
    const h = open()
    h.store([{ post: post(1, 5), intent: 'praise' }])
    const note = await h.call<TriageNote>('addNote', { id: 'mastodon:1', text: 'Ask if we may quote this.' })
    expect(note).toMatchObject({ author: 'You', at: T0, text: 'Ask if we may quote this.' })
    expect(get(h, 'mastodon:1').triage?.noteCount).toBe(1)
    expect((await h.call<TriageActivity>('activity', { id: 'mastodon:1' })).notes).toEqual([note])
    await expect(h.call('addNote', { id: 'nope', text: 'x' })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('re-routes a post when a person corrects its intent, and moves it when they correct the team', async () => {
    const h = open()
    h.store([{ post: post(1, 5, { text: 'Would love a dark mode in the app' }), intent: 'complaint' }])
    expect(get(h, 'mastodon:1').triage).toMatchObject({ teamId: 'team-support' })
    const corrected = await h.call<Post>('correct', { id: 'mastodon:1', intent: 'idea' })
    expect(corrected.triage).toMatchObject({ intent: 'idea', intentCorrected: true, teamId: 'team-product', dueAt: null })
    expect((await h.call<TriageConfig>('config')).learning.corrections).toBe(1)

    const moved = await h.call<Post>('correct', { id: 'mastodon:1', teamId: 'team-marketing' })
    expect(moved.triage).toMatchObject({ intent: 'idea', teamId: 'team-marketing' })
    const history = (await h.call<TriageActivity>('activity', { id: 'mastodon:1' })).history.map((e) => `${e.actor}: ${e.what}`)
    expect(history.slice(1)).toEqual([
      'You: intent corrected complaint → idea',
      'Routing: rule “Ideas” → Product',
      'You: team corrected: Product → Marketing/PR'
    ])
    await expect(h.call('correct', { id: 'mastodon:1' })).rejects.toThrow('Say what to correct')
  })
})

describe('counters and SLA clocks', () => {
  it('counts mentions today, the reply queue and each team’s load and breaches', async () => {
    const h = open()
    h.store([
      { post: post(1, 40), intent: 'complaint' }, // due 30 min after: breached 10 min ago
      { post: post(2, 20), intent: 'help_explicit' },
      { post: post(3, 5), intent: 'purchase_intent' },
      { post: post(4, 5), intent: 'praise' },
      { post: post(5, 2 * 24 * 60), intent: 'other' }
    ])
    await h.call('update', { ids: ['mastodon:2'], change: { status: 'replied' } })
    h.core.triage.sla.tick()
    const counters = await h.call<TriageCounters>('counters')
    const today = new Date(T0)
    today.setHours(0, 0, 0, 0)
    const expectedToday = [40, 20, 5, 5, 2 * 24 * 60].filter((m) => T0 - m * MIN >= today.getTime()).length
    expect(counters.mentionsToday).toBe(expectedToday)
    expect(counters.waitingForReply).toBe(2)
    expect(counters.oldestUnansweredAt).toBe(T0 - 40 * MIN)
    const byName = Object.fromEntries(counters.teams.map((t) => [t.name, [t.waiting, t.breached, t.breachedToday]]))
    expect(byName).toEqual({ Support: [1, 1, today.getTime() <= T0 - 10 * MIN ? 1 : 0], Sales: [1, 0, 0], 'Marketing/PR': [0, 0, 0], Product: [0, 0, 0] })
  })

  it('warns once before a breach, then marks the breach, with a pinned clock', async () => {
    const h = open()
    h.store([{ post: post(1, 0, { text: 'My Book 14 will not charge. Please help!' }), intent: 'help_explicit' }])
    const dueAt = get(h, 'mastodon:1').triage?.dueAt
    expect(dueAt).toBe(T0 + 60 * MIN)

    h.clock.now = T0 + 54 * MIN
    h.core.triage.sla.tick()
    expect(h.of('sla:warning')).toEqual([])

    h.clock.now = T0 + 56 * MIN
    h.core.triage.sla.tick()
    h.core.triage.sla.tick()
    expect(h.of('sla:warning')).toEqual([{ postId: 'mastodon:1', dueAt, teamName: 'Support', summary: 'User 1: My Book 14 will not charge. Please help!' }])
    expect(h.of('posts:changed').at(-1)).toEqual({ ids: ['mastodon:1'] })

    const changes = h.of('posts:changed').length
    h.clock.now = T0 + 61 * MIN
    h.core.triage.sla.tick()
    expect(h.of('posts:changed').slice(changes)).toEqual([{ ids: ['mastodon:1'] }])
    expect(h.core.store.workflow.workflow('mastodon:1')).toMatchObject({ breachedAt: T0 + 60 * MIN, warnedAt: T0 + 56 * MIN })
    expect((await h.call<TriageCounters>('counters')).teams.find((t) => t.name === 'Support')).toMatchObject({ waiting: 1, breached: 1 })
    expect(h.of('sla:warning')).toHaveLength(1)
  })
})

describe('replies sent from Earshot', () => {
  it('mark the post they answer as replied', async () => {
    const server = await startMastodonServer()
    servers.push(server)
    const clock = { now: Date.now() }
    const core = openCore({ dataDir: tempDir(), demo: false, version: '0.0.0-test', now: () => clock.now, triageWorkers: 0 })
    cores.push(core)
    const call = <T>(domain: string, method: string, input?: unknown): Promise<T> => core.registry.dispatch(domain, method, input, full) as Promise<T>
    const customer = server.world.addAccount({ username: 'anna', domain: 'social.example', displayName: 'Anna', followers: 840 })
    server.world.post(customer, { text: 'my Book 14 will not boot, can you help?', mentions: [server.world.owner] })
    const account = await call<Account>('accounts', 'connectMastodon', { instanceUrl: server.url, accessToken: server.token })
    await call<Source>('sources', 'addAccountSource', { accountId: account.id, kind: 'mentions' })
    const heard = await until(() => [...core.store.posts.scanCreatedSince(0)][0])
    expect(heard.triage?.status).toBe('new')

    await call<OutboxItem>('outbox', 'send', { accountId: account.id, text: '@anna sorry! DM us the serial number?', inReplyToId: heard.id })
    const replied = await until(() => core.store.posts.get(heard.id)?.triage ?? undefined, (triage) => triage.status === 'replied')
    expect(replied).toMatchObject({ status: 'replied', firstResponseAt: clock.now })
    const history = core.store.workflow.history(heard.id)
    expect(history.at(-1)).toMatchObject({ actor: 'You', what: 'replied from Earshot (status new → replied)' })
  })
})
