import { describe, expect, it } from 'vitest'
import { toFtsQuery } from '../../src/main/core/storage/fts-query'

describe('toFtsQuery: what a person types becomes a safe FTS5 query', () => {
  it.each([
    ['lumora akku', '"lumora" AND "akku"'],
    ['"Book 14"', '"Book 14"'],
    ['akk*', '"akk"*'],
    ['Voltic OR Nexaro', '"Voltic" OR "Nexaro"'],
    ['muller -akku', '"muller" NOT "akku"'],
    ['muller NOT phone', '"muller" NOT "phone"'],
    ['(crash OR absturz) update', '( "crash" OR "absturz" ) AND "update"'],
    ['@lumora #Book14', '"@lumora" AND "#Book14"'],
    ['Wi-Fi', '"Wi-Fi"']
  ])('%s → %s', (input, expected) => {
    expect(toFtsQuery(input)).toBe(expected)
  })

  it.each([
    ['unbalanced "quote', '"unbalanced" AND "quote"'],
    ['OR lumora AND', '"lumora"'],
    ['-only', null],
    ['((lumora', '( ( "lumora" ) )'],
    ['lumora)', '"lumora"'],
    ['()', null],
    ['   ', null],
    ['"', null],
    ['NEAR(a b)', '"NEAR" AND ( "a" AND "b" )'],
    ['title:secret', '"title:secret"'],
    ['a AND (', '"a"']
  ])('never produces invalid syntax: %s', (input, expected) => {
    expect(toFtsQuery(input)).toBe(expected)
  })
})

describe('toFtsQuery against a real FTS5 index', () => {
  it('never makes SQLite raise a syntax error, for 2,000 random inputs', async () => {
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(':memory:')
    db.exec("CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'unicode61 remove_diacritics 2'); INSERT INTO t VALUES ('Müller sagt hallo')")
    const match = db.prepare('SELECT rowid FROM t WHERE t MATCH ?')
    const pieces = ['lumora', 'AND', 'OR', 'NOT', '(', ')', '"', '*', '-', '@', '#', ':', '^', '+', 'NEAR', 'ü', ' ', ' ', '{', '}', ',', '.']
    let seed = 42
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let i = 0; i < 2000; i++) {
      const input = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pieces[Math.floor(random() * pieces.length)]).join('')
      const query = toFtsQuery(input)
      if (query !== null) expect(() => match.all(query), `${input} → ${query}`).not.toThrow()
    }
    expect(match.all(toFtsQuery('MULLER'))).toEqual([{ rowid: 1 }])
    db.close()
  })
})
