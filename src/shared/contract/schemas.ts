import { z } from 'zod'
import { ACCOUNT_SOURCE_KINDS } from '../domain/account'
import { NETWORKS } from '../domain/post'
import type { AppApi, Domain, InputOf } from './domains'

/**
 * Runtime validation of every method's input at the boundary (IPC handler and web host).
 * Typed against AppApi: a missing method, or a schema that accepts the wrong shape, does not compile.
 */

export const columnQuerySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({ type: z.literal('network'), network: z.enum(NETWORKS) }),
  z.object({ type: z.literal('source'), sourceId: z.string().min(1).max(200) }),
  z.object({ type: z.literal('search'), text: z.string().max(500) })
])

const idSchema = z.string().min(1).max(200)

export const deckSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(100),
  columns: z
    .array(
      z.object({
        id: idSchema,
        title: z.string().min(1).max(100),
        query: columnQuerySchema,
        width: z.enum(['narrow', 'medium', 'wide'])
      })
    )
    .max(30)
})

const noInput = z.undefined()

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
    get: z.object({ id: idSchema })
  },
  decks: {
    list: noInput,
    save: z.object({ deck: deckSchema })
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
        theme: z.enum(['system', 'dark', 'light'])
      })
      .partial()
      .strict()
  }
}

/** A readable one-line description of what was wrong with an input. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ')
}
