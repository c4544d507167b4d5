/**
 * `earshot classify`: JSON Lines in (one post per line: id, text, optional followers, network,
 * language), JSON Lines out (one triage result per post, or `{"line": n, "error": "…"}` for a
 * line that is not a valid post; the other lines are still classified). Runs fully offline.
 */
import { z } from 'zod'
import { createTriage, DEMO_BRAND, type Brand } from '../main/core/triage'

const PostLine = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: z.string(),
  followers: z.number().nonnegative().nullish(),
  network: z.string().nullish(),
  language: z.string().nullish()
})

/** "Lumora,@lumora,Lumora Support" → names and handles (a leading @ makes a handle). */
export function parseBrand(raw: string | undefined): Brand {
  if (raw === undefined) return DEMO_BRAND
  const names: string[] = []
  const handles: string[] = []
  for (const part of raw.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) {
    if (part.startsWith('@')) handles.push(part)
    else names.push(part)
  }
  return { names, handles }
}

/** Splits a stream of chunks into lines (\n or \r\n), the last one even without a newline. */
export async function* lines(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder()
  let buffer = ''
  for await (const chunk of input) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    let at = buffer.indexOf('\n')
    while (at >= 0) {
      yield buffer.slice(0, at).replace(/\r$/, '')
      buffer = buffer.slice(at + 1)
      at = buffer.indexOf('\n')
    }
  }
  buffer += decoder.decode()
  if (buffer.length) yield buffer.replace(/\r$/, '')
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ')
}

export interface ClassifyOutcome {
  posts: number
  errors: number
}

/** Classifies every line of `input`, writing one JSON line per input line to `out`. */
export async function classifyStream(input: AsyncIterable<string | Uint8Array>, out: (line: string) => void, brand: Brand): Promise<ClassifyOutcome> {
  const triage = createTriage()
  const context = { brand }
  let lineNumber = 0
  let posts = 0
  let errors = 0
  for await (const line of lines(input)) {
    lineNumber += 1
    if (line.trim().length === 0) continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch (error) {
      errors += 1
      out(JSON.stringify({ line: lineNumber, error: `not JSON: ${(error as Error).message}` }))
      continue
    }
    const parsed = PostLine.safeParse(json)
    if (!parsed.success) {
      errors += 1
      out(JSON.stringify({ line: lineNumber, error: describe(parsed.error) }))
      continue
    }
    const result = triage.classify(parsed.data, context)
    posts += 1
    out(JSON.stringify(result))
  }
  return { posts, errors }
}
