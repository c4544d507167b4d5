/**
 * Translates what a person types into a search box into a safe FTS5 query.
 * Supported: words (all must match), "exact phrases", prefix*, OR, NOT / -word, AND, parentheses.
 * Everything else (handles, hashtags, hyphenated words, stray quotes) is quoted, so user input can
 * never produce an FTS5 syntax error or reach a column filter.
 */
export function toFtsQuery(input: string): string | null {
  const tokens = input.match(/"[^"]*"?|\(|\)|[^\s()"]+/g) ?? []
  const out: string[] = []
  let depth = 0
  const last = (): string | undefined => out[out.length - 1]
  const lastIsOperator = (): boolean => last() === 'AND' || last() === 'OR' || last() === 'NOT'
  const lastIsTerm = (): boolean => last() !== undefined && !lastIsOperator() && last() !== '('
  for (const raw of tokens) {
    if (raw === '(') {
      if (lastIsTerm()) out.push('AND')
      out.push('(')
      depth++
      continue
    }
    if (raw === ')') {
      if (depth === 0) continue
      while (lastIsOperator()) out.pop()
      if (last() === '(') out.pop()
      else out.push(')')
      depth--
      continue
    }
    if (raw === 'AND' || raw === 'OR') {
      if (lastIsTerm()) out.push(raw)
      continue
    }
    if (raw === 'NOT') {
      if (lastIsTerm()) out.push('NOT')
      continue
    }
    let negate = false
    let word = raw
    if (word.startsWith('-') && word.length > 1) {
      negate = true
      word = word.slice(1)
    }
    const term = quoteTerm(word)
    if (!term) continue
    if (negate) {
      if (!lastIsTerm()) continue // FTS5 has no unary NOT: "-x" needs something to subtract from
      out.push('NOT')
    } else if (lastIsTerm()) {
      out.push('AND')
    }
    out.push(term)
  }
  for (;;) {
    if (lastIsOperator()) out.pop()
    else if (last() === '(') {
      out.pop()
      depth--
    } else break
  }
  while (depth-- > 0) out.push(')')
  const query = out.join(' ')
  return query.length ? query : null
}

function quoteTerm(word: string): string | null {
  const isPhrase = word.startsWith('"')
  const prefix = !isPhrase && word.endsWith('*')
  const body = word.replace(/^"|"$/g, '').replace(/\*+$/, '').replace(/"/g, '')
  // A term with no letters or digits would match nothing, or everything; drop it.
  if (!/[\p{L}\p{N}]/u.test(body)) return null
  return `"${body}"${prefix ? '*' : ''}`
}

/**
 * Any of these words or phrases (a column's topics: products, campaigns, competitors), each taken
 * literally as a phrase, so that "Book 14" means the two words together. Null when none of them
 * has a letter or digit.
 */
export function anyOfFtsQuery(phrases: readonly string[]): string | null {
  const terms = phrases.map((phrase) => quoteTerm(`"${phrase.replace(/"/g, ' ')}"`)).filter((term): term is string => term !== null)
  return terms.length ? terms.join(' OR ') : null
}
