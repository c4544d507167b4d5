import { ApiError } from '@shared/contract/errors'
import { CONTRACT, channelOf } from '@shared/contract/methods'
import type { Access, AppApi, Domain, InputOf, OutputOf } from '@shared/contract/domains'
import type { ZodType } from 'zod'
import { INPUT_SCHEMAS, describeIssues } from '@shared/contract/schemas'

/** What the core implements for one domain: the contract's methods, sync or async. */
export type DomainHandlers<D extends Domain> = {
  [M in keyof AppApi[D] & string]: (input: InputOf<D, M>, caller: Caller) => OutputOf<D, M> | Promise<OutputOf<D, M>>
}

/** Who is calling, as established by the transport (never by the payload). */
export interface Caller {
  access: Access
  transport: 'electron' | 'web'
}

type AnyHandler = (input: unknown, caller: Caller) => unknown

/**
 * The single dispatch point both transports call into. Each domain is registered once
 * (a second registration is a start-up error); `assertComplete` refuses to start with a
 * domain missing. Inputs are validated against INPUT_SCHEMAS before a handler sees them.
 */
export class ApiRegistry {
  private readonly handlers = new Map<string, AnyHandler>()
  private readonly domains = new Set<Domain>()

  register<D extends Domain>(domain: D, handlers: DomainHandlers<D>): void {
    if (this.domains.has(domain)) throw new Error(`API domain "${domain}" is registered twice.`)
    this.domains.add(domain)
    for (const method of Object.keys(CONTRACT[domain])) {
      const handler = (handlers as Record<string, AnyHandler | undefined>)[method]
      if (typeof handler !== 'function') throw new Error(`API method ${channelOf(domain, method)} has no handler.`)
      this.handlers.set(channelOf(domain, method), handler)
    }
  }

  assertComplete(): void {
    const missing = (Object.keys(CONTRACT) as Domain[]).filter((domain) => !this.domains.has(domain))
    if (missing.length) throw new Error(`API domains without handlers: ${missing.join(', ')}.`)
  }

  /**
   * Validates and runs one call. Throws ApiError for unknown methods, missing rights and bad
   * input; any other error is logged by the transport and reported as `internal`.
   */
  async dispatch(domain: string, method: string, input: unknown, caller: Caller): Promise<unknown> {
    const table = (CONTRACT as Record<string, Record<string, Access> | undefined>)[domain]
    const required = table && Object.hasOwn(table, method) ? table[method] : undefined
    const handler = this.handlers.get(channelOf(domain, method))
    if (!required || !handler) throw new ApiError('not_found', `There is no API method ${channelOf(domain, method)}.`)
    if (required === 'full' && caller.access !== 'full') {
      throw new ApiError('forbidden', 'This screen is read-only: it can look, but not change anything.')
    }
    const schema = (INPUT_SCHEMAS as unknown as Record<string, Record<string, ZodType | undefined>>)[domain]?.[method]
    if (!schema) throw new ApiError('not_found', `There is no API method ${channelOf(domain, method)}.`)
    const parsed = schema.safeParse(input)
    if (!parsed.success) {
      throw new ApiError('invalid_input', `Invalid input for ${channelOf(domain, method)}: ${describeIssues(parsed.error)}`)
    }
    return handler(parsed.data, caller)
  }
}
