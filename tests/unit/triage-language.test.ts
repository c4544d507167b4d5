import { describe, expect, it } from 'vitest'
import { detectLanguage, languageFromTag } from '../../src/main/core/triage'

describe('triage language', () => {
  it('detects the supported languages in ordinary posts', () => {
    const cases: [string, string][] = [
      ['Ich warte seit zwei Wochen auf meine Rechnung und niemand meldet sich bei mir', 'deu'],
      ['I have been waiting two weeks for my invoice and nobody gets back to me', 'eng'],
      ["J'attends ma facture depuis deux semaines et personne ne me répond", 'fra'],
      ['Llevo dos semanas esperando mi factura y nadie me responde nada', 'spa'],
      ['Aspetto la mia fattura da due settimane e nessuno mi risponde', 'ita'],
      ['Ik wacht al twee weken op mijn factuur en niemand reageert op mijn berichten', 'nld'],
      ['Czekam na fakturę od dwóch tygodni i nikt mi nie odpowiada', 'pol']
    ]
    for (const [text, language] of cases) expect(detectLanguage({ text }), text).toBe(language)
  })

  it('handles short posts with stop words and letters, and says und when unsure', () => {
    expect(detectLanguage({ text: 'Danke euch!' })).toBe('deu')
    expect(detectLanguage({ text: 'Geht nicht mehr 😡' })).toBe('deu')
    expect(detectLanguage({ text: 'not again…' })).toBe('eng')
    expect(detectLanguage({ text: 'Dziękuję!' })).toBe('pol')
    expect(detectLanguage({ text: '¿Cuánto cuesta?' })).toBe('spa')
    expect(detectLanguage({ text: 'Schön' })).toBe('deu')
    expect(detectLanguage({ text: '👍👍' })).toBe('und')
    expect(detectLanguage({ text: 'Lumora X1' })).toBe('und')
    expect(detectLanguage({ text: 'https://example.com @someone #tag' })).toBe('und')
  })

  it('lets the network tag win, mapping ISO 639-1 to 639-3', () => {
    expect(detectLanguage({ text: 'I have been waiting two weeks for my invoice', tag: 'de' })).toBe('deu')
    expect(detectLanguage({ text: 'Danke', tag: 'pt-BR' })).toBe('por')
    expect(languageFromTag('en_US')).toBe('eng')
    expect(languageFromTag('nl')).toBe('nld')
    expect(languageFromTag('ger')).toBe('deu')
    expect(languageFromTag('spa')).toBe('spa')
    expect(languageFromTag('und')).toBeNull()
    expect(languageFromTag('')).toBeNull()
    expect(languageFromTag('x')).toBeNull()
    // An unusable tag falls back to detection.
    expect(detectLanguage({ text: 'I have been waiting two weeks for my invoice', tag: 'und' })).toBe('eng')
  })

  it('is not fooled by brand and product names', () => {
    const ignore = /\b(?:Lumora Cloud|Lumora)\b/gi
    expect(detectLanguage({ text: 'Lumora Cloud synchronisiert nicht', ignore })).toBe('deu')
  })
})
