import { z } from 'zod'
import { ACCOUNT_SOURCE_KINDS } from '../domain/account'
import { COLUMN_WIDTH_RANGE } from '../domain/column'
import { INTENTS } from '../domain/intent'
import { NETWORKS } from '../domain/post'
import { SENTIMENTS, TRIAGE_STATUSES } from '../domain/triage'
import type { AppApi, Domain, InputOf } from './domains'

/**
 * Runtime validation of every method's input at the boundary (IPC handler and web host).
 * Typed against AppApi: a missing method, or a schema that accepts the wrong shape, does not compile.
 */

const idSchema = z.string().min(1).max(200)
const idList = z.array(idSchema).max(200)
const words = z.array(z.string().trim().min(1).max(200)).max(50)
const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as de or en')

export const postFilterSchema = z
  .object({
    text: z.string().max(500),
    networks: z.array(z.enum(NETWORKS)).max(NETWORKS.length),
    sourceIds: idList,
    languages: z.array(languageCode).max(50),
    sentiments: z.array(z.enum(SENTIMENTS)).max(SENTIMENTS.length),
    intents: z.array(z.enum(INTENTS)).max(INTENTS.length),
    statuses: z.array(z.enum(TRIAGE_STATUSES)).max(TRIAGE_STATUSES.length),
    teamIds: idList,
    assignees: idList,
    watchlistOnly: z.boolean(),
    minFollowers: z.number().int().min(0).max(1e10),
    topics: words,
    hasMedia: z.boolean(),
    withinHours: z.number().int().min(1).max(24 * 366)
  })
  .partial()
  .strict()

export const columnQuerySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stream'), filter: postFilterSchema }),
  z.object({ type: z.literal('needs-reply'), filter: postFilterSchema })
])

export const deckSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(100),
  columns: z
    .array(
      z.object({
        id: idSchema,
        title: z.string().min(1).max(100),
        query: columnQuerySchema,
        width: z.number().int().min(COLUMN_WIDTH_RANGE.min).max(COLUMN_WIDTH_RANGE.max),
        collapsed: z.boolean()
      })
    )
    .max(30)
})

const noInput = z.undefined()

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 09:00')

const teamSchema = z
  .object({
    id: idSchema,
    name: z.string().trim().min(1).max(100),
    timeZone: z.string().min(1).max(100).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
    hours: z
      .object({ days: z.array(z.number().int().min(0).max(6)).min(1).max(7), start: clock, end: clock })
      .strict()
      .nullable()
  })
  .strict()

const ruleSchema = z
  .object({
    id: idSchema,
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean(),
    when: z
      .object({
        languages: z.array(languageCode).max(50),
        intents: z.array(z.enum(INTENTS)).max(INTENTS.length),
        keywords: words,
        networks: z.array(z.enum(NETWORKS)).max(NETWORKS.length),
        sourceIds: idList,
        watchlistOnly: z.boolean(),
        minFollowers: z.number().int().min(0).max(1e10)
      })
      .partial()
      .strict(),
    then: z
      .object({
        teamId: idSchema.nullable(),
        assign: z.discriminatedUnion('mode', [
          z.object({ mode: z.literal('none') }),
          z.object({ mode: z.literal('fixed'), personId: idSchema }),
          z.object({ mode: z.literal('round-robin') })
        ]),
        priorityBoost: z.number().int().min(-50).max(50),
        tags: words
      })
      .strict()
  })
  .strict()

const minutes = z.number().int().min(1).max(60 * 24 * 30)

const slaSchema = z
  .object({
    byIntent: z.partialRecord(z.enum(INTENTS), minutes),
    urgentPriority: z.number().int().min(0).max(100),
    urgentMinutes: minutes,
    warnMinutesBefore: z.number().int().min(0).max(24 * 60)
  })
  .strict()

/** True for a time zone this runtime knows (Intl throws a RangeError for unknown ones). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

type InputSchemas = { [D in Domain]: { [M in keyof AppApi[D] & string]: z.ZodType<InputOf<D, M>> } }

export const INPUT_SCHEMAS: InputSchemas = {
  system: { info: noInput },
  posts: {
    query: z.object({
      query: columnQuerySchema,
      cursor: z.string().max(200).nullable().optional(),
      limit: z.number().int().min(1).max(200).optional()
    }),
    since: z.object({
      query: columnQuerySchema,
      afterSeq: z.number().int().min(0),
      limit: z.number().int().min(1).max(500).optional()
    }),
    get: z.object({ id: idSchema }),
    count: z.object({ query: columnQuerySchema, afterSeq: z.number().int().min(0) }),
    thread: z.object({ id: idSchema }),
    fetchThread: z.object({ id: idSchema })
  },
  decks: {
    list: noInput,
    save: z.object({ deck: deckSchema }),
    remove: z.object({ id: idSchema }),
    reorder: z.object({ ids: z.array(idSchema).min(1).max(100) })
  },
  sources: {
    list: noInput,
    setEnabled: z.object({ id: idSchema, enabled: z.boolean() }),
    addFeed: z.object({ url: z.string().trim().min(1).max(2000), name: z.string().trim().min(1).max(100).optional() }),
    edit: z.object({
      id: idSchema,
      name: z.string().trim().min(1).max(100).optional(),
      address: z.string().trim().min(1).max(2000).optional()
    }),
    remove: z.object({ id: idSchema, keepPosts: z.boolean() }),
    syncNow: z.object({ id: idSchema }),
    addAccountSource: z.object({
      accountId: idSchema,
      kind: z.enum([...ACCOUNT_SOURCE_KINDS.mastodon, ...ACCOUNT_SOURCE_KINDS.bluesky]),
      value: z.string().trim().min(1).max(500).optional(),
      name: z.string().trim().min(1).max(100).optional()
    })
  },
  accounts: {
    list: noInput,
    connectMastodon: z.object({ instanceUrl: z.string().trim().min(1).max(500), accessToken: z.string().trim().min(1).max(2000) }),
    startMastodonSignIn: z.object({ instanceUrl: z.string().trim().min(1).max(500) }),
    finishMastodonSignIn: z.object({ flowId: z.string().trim().min(1).max(100), code: z.string().trim().min(1).max(2000) }),
    connectBluesky: z.object({
      handle: z.string().trim().min(1).max(300),
      appPassword: z.string().trim().min(1).max(200),
      serviceUrl: z.string().trim().min(1).max(500).optional()
    }),
    disconnect: z.object({ id: idSchema, keepPosts: z.boolean() })
  },
  outbox: {
    list: noInput,
    // 5,000 characters covers every network's limit; per-network limits are the composer's job.
    send: z.object({ accountId: idSchema, text: z.string().trim().min(1).max(5000), inReplyToId: idSchema.optional() }),
    retry: z.object({ id: idSchema })
  },
  settings: {
    get: noInput,
    update: z
      .object({
        theme: z.enum(['system', 'dark', 'light']),
        density: z.enum(['comfortable', 'compact']),
        userName: z.string().trim().min(1).max(100),
        brand: z.object({ names: words, handles: words }).strict(),
        wall: z
          .object({
            rotateSeconds: z.number().int().min(0).max(24 * 3600),
            hidePrivate: z.boolean(),
            deckIds: idList
          })
          .strict()
      })
      .partial()
      .strict()
  },
  triage: {
    config: noInput,
    saveTeam: z.object({ team: teamSchema }),
    removeTeam: z.object({ id: idSchema }),
    savePerson: z.object({ person: z.object({ id: idSchema, name: z.string().trim().min(1).max(100), teamId: idSchema.nullable() }).strict() }),
    removePerson: z.object({ id: idSchema }),
    saveRule: z.object({ rule: ruleSchema }),
    removeRule: z.object({ id: idSchema }),
    reorderRules: z.object({ ids: z.array(idSchema).max(500) }),
    testRule: z.object({ rule: ruleSchema, days: z.number().int().min(1).max(366).optional() }),
    saveSla: z.object({ sla: slaSchema }),
    setWatched: z.object({ authorId: idSchema, watched: z.boolean() }),
    update: z.object({
      ids: z.array(idSchema).min(1).max(500),
      change: z
        .object({
          status: z.enum(TRIAGE_STATUSES),
          snoozedUntil: z.number().int().min(0),
          teamId: idSchema.nullable(),
          assignee: idSchema.nullable(),
          addTags: words,
          removeTags: words
        })
        .partial()
        .strict()
        .refine((change) => change.status !== 'snoozed' || change.snoozedUntil !== undefined, {
          message: 'a snooze needs snoozedUntil (when the post comes back)'
        })
    }),
    correct: z.object({ id: idSchema, intent: z.enum(INTENTS).optional(), teamId: idSchema.nullable().optional() }),
    addNote: z.object({ id: idSchema, text: z.string().trim().min(1).max(5000) }),
    activity: z.object({ id: idSchema }),
    counters: noInput
  }
}

/** A readable one-line description of what was wrong with an input. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ')
}
