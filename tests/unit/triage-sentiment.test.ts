import { describe, expect, it } from 'vitest'
import { analyseSentiment, brandMatcher, buildSentimentModel, prepare } from '../../src/main/core/triage'

const model = buildSentimentModel()
const brand = brandMatcher({ names: ['Lumora'], handles: ['@lumora'] })
const sentiment = (text: string, language = 'eng') => analyseSentiment(prepare(text, brand), language, model)

describe('triage sentiment', () => {
  it('scores plain positive, negative and neutral posts in English and German', () => {
    expect(sentiment('The camera is excellent').sentiment).toBe(1)
    expect(sentiment('The camera is terrible').sentiment).toBe(-1)
    expect(sentiment('The camera has 12 megapixels').sentiment).toBe(0)
    expect(sentiment('Die Kamera ist großartig', 'deu').sentiment).toBe(1)
    expect(sentiment('Die Kamera ist schrecklich', 'deu').sentiment).toBe(-1)
    expect(sentiment('Die Kamera hat 12 Megapixel', 'deu').sentiment).toBe(0)
    const score = sentiment('The camera is excellent').score
    expect(score).toBeGreaterThan(0)
    expect(score).toBeLessThanOrEqual(1)
  })

  it('flips under negation', () => {
    expect(sentiment('not bad at all').sentiment).toBe(1)
    expect(sentiment('not good').sentiment).toBe(-1)
    expect(sentiment("can't complain, works for a year now").sentiment).toBe(1)
    expect(sentiment('nicht gut', 'deu').sentiment).toBe(-1)
    expect(sentiment('gar nicht schlecht', 'deu').sentiment).toBe(1)
    expect(sentiment('keine Probleme seit einem Jahr', 'deu').sentiment).toBe(1)
  })

  it('intensifies with very/sehr and elongations', () => {
    expect(sentiment('really good').raw).toBeGreaterThan(sentiment('good').raw)
    expect(sentiment('sehr gut', 'deu').raw).toBeGreaterThan(sentiment('gut', 'deu').raw)
    expect(sentiment('sooo good').raw).toBeGreaterThan(sentiment('good').raw)
  })

  it('reads emoji', () => {
    expect(sentiment('my new phone 😍').sentiment).toBe(1)
    expect(sentiment('my new phone 😡').sentiment).toBe(-1)
    expect(sentiment('das neue Handy 👍', 'deu').sentiment).toBe(1)
  })

  it('turns praise words against the brand under sarcasm', () => {
    const crash = sentiment('Great, another crash. Thanks Lumora.')
    expect(crash.sarcasm).toBe(true)
    expect(crash.sentiment).toBe(-1)
    expect(sentiment('Toll, schon wieder abgestürzt. Danke auch.', 'deu').sentiment).toBe(-1)
    expect(sentiment('Love waiting an hour on the hotline /s').sentiment).toBe(-1)
    expect(sentiment('Love how fast the support is 🙄').sentiment).toBe(-1)
    // Sincere praise is not sarcasm.
    expect(sentiment('Great phone, thanks Lumora!').sarcasm).toBe(false)
  })

  it('copes with missing umlauts and typos through folding', () => {
    expect(sentiment('sehr enttaeuscht', 'deu').sentiment).toBe(-1)
    expect(sentiment('sehr enttauscht', 'deu').sentiment).toBe(-1)
    expect(sentiment('grossartig', 'deu').sentiment).toBe(1)
    expect(sentiment('Schöööön', 'deu').sentiment).toBe(1)
  })

  it('does not call purchase questions or wishes praise', () => {
    expect(sentiment('Is the Book 14 any good for photo editing?').sentiment).toBe(0)
    expect(sentiment('It would be great if the app had widgets').sentiment).toBe(0)
  })

  it('says unknown (score null, sentiment 0) for languages without a lexicon', () => {
    const french = sentiment('Service client nul, plus jamais !', 'fra')
    expect(french.score).toBeNull()
    expect(french.sentiment).toBe(0)
    expect(sentiment('Bardzo dobry telefon', 'pol').score).toBeNull()
  })
})
