/**
 * Checks the Mastodon test server against Mastodon's published API description
 * (`../shared/reference/mastodon-openapi.json`, OpenAPI 3.1, read at test time, never copied):
 * - responses: the body of every (path, method, status) against its declared JSON schema, and
 *   the declared headers (rate limit, Link) against theirs;
 * - requests (what the connector sends): the path and method exist, every query parameter is a
 *   declared one with a value of the declared type, required ones are present, and a JSON body
 *   matches the declared request body.
 *
 * The whole document is registered with ajv (JSON Schema 2020-12, which OpenAPI 3.1 uses), so
 * the `#/components/schemas/...` references inside it resolve; each schema is compiled the
 * first time it is needed, by a JSON pointer into the document.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020'
import addFormats from 'ajv-formats'

/** The repository root (this file is tests/support/mastodon-server/openapi.ts). */
const repoRoot = resolve(import.meta.dirname, '..', '..', '..')

/** Where the reference description lives (outside the repository, shared by the team). */
export const MASTODON_OPENAPI_PATH = join(repoRoot, '..', 'shared', 'reference', 'mastodon-openapi.json')

const DOC_ID = 'https://earshot.test/reference/mastodon-openapi.json'

type JsonObject = Record<string, unknown>

interface Parameter {
  name: string
  in: 'query' | 'path' | 'header' | 'cookie'
  required?: boolean
  schema?: JsonObject
}

interface MediaType {
  schema?: JsonObject
}

interface ResponseObject {
  content?: Record<string, MediaType>
  headers?: Record<string, { $ref?: string; schema?: JsonObject }>
}

interface Operation {
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content?: Record<string, MediaType> }
  responses?: Record<string, ResponseObject>
}

interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, JsonObject>; headers?: Record<string, { schema?: JsonObject }> }
}

export interface PathMatch {
  template: string
  params: Record<string, string>
}

export interface RequestToCheck {
  method: string
  url: URL
  /** The parsed JSON body, when there was one. */
  body?: unknown
}

export interface ResponseToCheck {
  method: string
  template: string
  status: number
  body: unknown
  headers: Record<string, string>
}

/** JSON pointer escaping (RFC 6901). */
function pointer(...segments: string[]): string {
  return '#/' + segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

export class OpenApiChecker {
  private readonly ajv: Ajv2020
  private readonly validators = new Map<string, ValidateFunction>()
  private readonly templates: { template: string; regex: RegExp; names: string[]; literalSegments: number }[]
  /** Every (method path status) whose response schema was used, every operation requested, every entity checked on its own. */
  readonly used = { responses: new Set<string>(), operations: new Set<string>(), entities: new Set<string>() }

  constructor(readonly doc: OpenApiDocument) {
    // strict: unknown keywords are errors, except OpenAPI's own annotations inside schemas and
    // the document's top-level fields (ajv compiles the document root, as an annotation-only
    // schema, to resolve pointers into it).
    this.ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, validateFormats: true })
    this.ajv.addVocabulary(['example', 'externalDocs', 'xml', 'discriminator'])
    this.ajv.addVocabulary(['openapi', 'info', 'servers', 'security', 'paths', 'components', 'tags', 'webhooks', 'jsonSchemaDialect'])
    addFormats(this.ajv)
    // Not one of JSON Schema's formats: Mastodon's two-letter language codes.
    this.ajv.addFormat('iso-639-1', /^[a-z]{2}$/)
    // Mastodon's OAuth scopes, space separated (`read write`, `read:statuses follow`).
    this.ajv.addFormat('scopes', /^[a-z]+(:[a-z_]+)?( [a-z]+(:[a-z_]+)?)*$/)
    this.ajv.addSchema(doc as unknown as JsonObject, DOC_ID)
    this.templates = Object.keys(doc.paths).map((template) => {
      const names: string[] = []
      const source = template
        .split('/')
        .map((segment) => {
          const param = /^\{(.+)\}$/.exec(segment)
          if (!param?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          names.push(param[1])
          return '([^/]+)'
        })
        .join('/')
      return { template, regex: new RegExp(`^${source}$`), names, literalSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length }
    })
    // Literal paths win over templated ones (/accounts/verify_credentials before /accounts/{id}).
    this.templates.sort((a, b) => b.literalSegments - a.literalSegments)
  }

  /** The compiled validator for a schema at a JSON pointer into the document. */
  private validator(ref: string): ValidateFunction {
    let validate = this.validators.get(ref)
    if (!validate) {
      validate = this.ajv.compile({ $ref: DOC_ID + ref })
      this.validators.set(ref, validate)
    }
    return validate
  }

  private errors(validate: ValidateFunction): string {
    return this.ajv.errorsText(validate.errors, { separator: '; ', dataVar: 'body' })
  }

  matchPath(pathname: string): PathMatch | null {
    for (const { template, regex, names } of this.templates) {
      const match = regex.exec(pathname)
      if (!match) continue
      const params: Record<string, string> = {}
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(match[i + 1] ?? '')
      })
      return { template, params }
    }
    return null
  }

  operation(template: string, method: string): Operation | undefined {
    return this.doc.paths[template]?.[method.toLowerCase()]
  }

  /** Violations in a request the connector sent (an empty list when it is as described). */
  checkRequest(request: RequestToCheck): string[] {
    const method = request.method.toLowerCase()
    const label = `${request.method} ${request.url.pathname}`
    const match = this.matchPath(request.url.pathname)
    if (!match) return [`${label}: the path is not in the OpenAPI description`]
    const operation = this.operation(match.template, method)
    if (!operation || !HTTP_METHODS.has(method)) return [`${label}: ${request.method} is not described for ${match.template}`]
    this.used.operations.add(`${method.toUpperCase()} ${match.template}`)
    const violations: string[] = []
    const parameters = operation.parameters ?? []
    const base = pointer('paths', match.template, method, 'parameters')

    // Query parameters: Rails-style arrays (`types[]=mention`) are the declared `types`.
    const values = new Map<string, string[]>()
    for (const [rawName, value] of request.url.searchParams) {
      const name = rawName.endsWith('[]') ? rawName.slice(0, -2) : rawName
      values.set(name, [...(values.get(name) ?? []), value])
    }
    for (const [name, given] of values) {
      const index = parameters.findIndex((p) => p.in === 'query' && p.name === name)
      const parameter = parameters[index]
      if (!parameter) {
        violations.push(`${label}: query parameter "${name}" is not declared for ${method.toUpperCase()} ${match.template}`)
        continue
      }
      const schema = parameter.schema ?? {}
      const isArray = schema.type === 'array'
      if (!isArray && given.length > 1) violations.push(`${label}: query parameter "${name}" given ${given.length} times`)
      const itemType = isArray ? ((schema.items as JsonObject | undefined)?.type as string | undefined) : (schema.type as string | undefined)
      const coerced = given.map((v) => coerce(v, itemType))
      const validate = this.validator(`${base}/${index}/schema`)
      if (!validate(isArray ? coerced : coerced[0])) violations.push(`${label}: query parameter "${name}"=${given.join(',')} does not match its schema: ${this.errors(validate)}`)
    }
    for (const parameter of parameters) {
      if (!parameter.required) continue
      if (parameter.in === 'query' && !values.has(parameter.name)) violations.push(`${label}: required query parameter "${parameter.name}" is missing`)
      if (parameter.in === 'path' && !(parameter.name in match.params)) violations.push(`${label}: path parameter "${parameter.name}" is missing`)
    }
    for (const [name, value] of Object.entries(match.params)) {
      const index = parameters.findIndex((p) => p.in === 'path' && p.name === name)
      if (index < 0) violations.push(`${label}: path parameter "${name}" is not declared`)
      else if (!value) violations.push(`${label}: path parameter "${name}" is empty`)
    }
    if (request.body !== undefined) {
      const media = operation.requestBody?.content?.['application/json']
      if (!media?.schema) violations.push(`${label}: a JSON body was sent but none is described`)
      else {
        const validate = this.validator(pointer('paths', match.template, method, 'requestBody', 'content', 'application/json', 'schema'))
        if (!validate(request.body)) violations.push(`${label}: request body does not match its schema: ${this.errors(validate)}`)
      }
    } else if (operation.requestBody?.required) {
      violations.push(`${label}: the request body is required`)
    }
    return violations
  }

  /**
   * Violations in a response the server is about to send. `undescribed` is true when the
   * description has no entry for this status (e.g. a 500): then the body is checked against
   * Mastodon's `Error` entity, which is what Mastodon sends for every error.
   */
  checkResponse(response: ResponseToCheck): { violations: string[]; undescribed: boolean } {
    const method = response.method.toLowerCase()
    const label = `${response.method} ${response.template} → ${response.status}`
    const operation = this.operation(response.template, method)
    if (!operation) return { violations: [`${label}: no such operation in the OpenAPI description`], undescribed: true }
    const responses = operation.responses ?? {}
    const status = String(response.status)
    const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default' in responses ? 'default' : null
    const violations: string[] = []
    if (key === null) {
      const validate = this.validator(pointer('components', 'schemas', 'Error'))
      if (!validate(response.body)) violations.push(`${label}: (undescribed status) body is not a Mastodon Error: ${this.errors(validate)}`)
      return { violations, undescribed: true }
    }
    this.used.responses.add(`${response.method.toUpperCase()} ${response.template} ${key}`)
    const declared = responses[key]
    const media = declared?.content?.['application/json']
    if (media?.schema) {
      const validate = this.validator(pointer('paths', response.template, method, 'responses', key, 'content', 'application/json', 'schema'))
      if (!validate(response.body)) violations.push(`${label}: body does not match its schema: ${this.errors(validate)}`)
    } else if (response.body !== undefined) {
      violations.push(`${label}: a JSON body was sent but none is described`)
    }
    for (const [name, header] of Object.entries(declared?.headers ?? {})) {
      const value = response.headers[name.toLowerCase()]
      if (value === undefined) continue
      const ref = header.$ref ?? null
      const schemaPointer = ref ? `${ref}/schema` : pointer('paths', response.template, method, 'responses', key, 'headers', name, 'schema')
      const schemaType = ref ? this.doc.components.headers?.[ref.split('/').pop() ?? '']?.schema?.type : header.schema?.type
      const validate = this.validator(schemaPointer)
      if (!validate(coerce(value, typeof schemaType === 'string' ? schemaType : undefined))) violations.push(`${label}: header ${name}: ${value} does not match its schema: ${this.errors(validate)}`)
    }
    return { violations, undescribed: false }
  }

  /**
   * Violations in an entity sent outside a JSON response (a streaming event's payload), checked
   * against `#/components/schemas/<name>`; `label` says where it was sent.
   */
  checkEntity(name: string, value: unknown, label = name): string[] {
    if (!(name in this.doc.components.schemas)) return [`${label}: there is no component schema ${name} in the OpenAPI description`]
    this.used.entities.add(name)
    const validate = this.validator(pointer('components', 'schemas', name))
    return validate(value) ? [] : [`${label}: ${name} does not match its schema: ${this.errors(validate)}`]
  }

  /** The component schemas reachable from the response and request schemas used so far. */
  componentSchemasReached(): string[] {
    const seen = new Set<string>()
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit)
      else if (typeof node === 'object' && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
            const name = value.slice('#/components/schemas/'.length)
            if (!seen.has(name)) {
              seen.add(name)
              visit(this.doc.components.schemas[name])
            }
          } else visit(value)
        }
      }
    }
    for (const entry of this.used.responses) {
      const [method = '', template = '', key = ''] = entry.split(' ')
      visit(this.operation(template, method)?.responses?.[key]?.content)
    }
    for (const name of this.used.entities) visit({ $ref: `#/components/schemas/${name}` })
    for (const entry of this.used.operations) {
      const [method = '', template = ''] = entry.split(' ')
      const operation = this.operation(template, method)
      visit(operation?.parameters)
      visit(operation?.requestBody)
    }
    return [...seen].sort()
  }
}

/** A query/header string as the JSON type its schema declares. */
function coerce(value: string, type: string | undefined): unknown {
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value
  return value
}

let shared: OpenApiChecker | null = null

/** The checker for the reference description (parsed and registered once per test file). */
export function mastodonOpenApi(): OpenApiChecker {
  shared ??= new OpenApiChecker(JSON.parse(readFileSync(MASTODON_OPENAPI_PATH, 'utf8')) as OpenApiDocument)
  return shared
}
