import type { Post } from '@shared/domain/post'
import type { PostTriage, TriageConfig } from '@shared/domain/triage'
import { DEFAULT_SLA } from '@shared/domain/triage'
import { makePost } from './fixtures'

/** What triage made of a post, with overrides: a complaint routed to Support, due in 30 minutes of `now`. */
export function makeTriage(now: number, overrides: Partial<PostTriage> = {}): PostTriage {
  return {
    intent: 'complaint',
    confidence: 0.82,
    intentCorrected: false,
    sentiment: 'negative',
    sentimentScore: -0.7,
    needsResponse: true,
    priority: 86,
    factors: [
      { factor: 'intent', weight: 40, contribution: 36, reason: 'A complaint' },
      { factor: 'reach', weight: 20, contribution: 18, reason: '245k followers' },
      { factor: 'negative_sentiment', weight: 15, contribution: 11, reason: 'Strongly negative' },
      { factor: 'sla', weight: 25, contribution: 21, reason: '28 min left of the reply target' }
    ],
    watched: false,
    status: 'new',
    teamId: 'support',
    assignee: null,
    tags: [],
    snoozedUntil: null,
    dueAt: now + 30 * 60_000,
    firstResponseAt: null,
    noteCount: 0,
    ...overrides
  }
}

/** A triaged post by Anna Schmidt (post number 0 in the fixtures' names), created at `now`. */
export function triagedPost(n: number, now: number, triage: Partial<PostTriage> = {}, overrides: Partial<Post> = {}): Post {
  return makePost(n, { createdAt: now, triage: makeTriage(now, triage), ...overrides })
}

/** Two teams (Support in Berlin office hours, Sales around the clock) with three people. */
export const TRIAGE_SETUP: TriageConfig = {
  teams: [
    { id: 'support', name: 'Support', timeZone: 'Europe/Berlin', hours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } },
    { id: 'sales', name: 'Sales', timeZone: 'UTC', hours: null }
  ],
  people: [
    { id: 'p-jonas', name: 'Jonas', teamId: 'support' },
    { id: 'p-mia', name: 'Mia', teamId: 'support' },
    { id: 'p-lea', name: 'Lea', teamId: 'sales' }
  ],
  rules: [
    {
      id: 'rule-complaints',
      name: 'Complaints to Support',
      enabled: true,
      when: { intents: ['complaint'] },
      then: { teamId: 'support', assign: { mode: 'round-robin' }, priorityBoost: 0, tags: ['escalate'] }
    }
  ],
  sla: DEFAULT_SLA,
  learning: { corrections: 12, heldOutAccuracy: 0.8, heldOutSize: 5 },
  watchlist: []
}
