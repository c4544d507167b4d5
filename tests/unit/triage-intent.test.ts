import { describe, expect, it } from 'vitest'
import { createTriage, buildIntentModel } from '../../src/main/core/triage'

const triage = createTriage()
const brand = { names: ['Lumora'], handles: ['@lumora'] }
const intentOf = (text: string) => triage.classify({ id: 'x', text }, { brand })

describe('triage intent', () => {
  it('tells explicit from implicit help requests', () => {
    expect(intentOf('@lumora my tablet will not charge any more, can you help?').intent).toBe('help_explicit')
    expect(intentOf('Hi Lumora, how do I export my notes?').intent).toBe('help_explicit')
    expect(intentOf('@lumora könnt ihr mir sagen wie ich das Konto lösche?').intent).toBe('help_explicit')
    expect(intentOf('second freeze this morning since the update, tablet just hangs').intent).toBe('help_implicit')
    expect(intentOf('Seit dem Update geht die Tastatur nicht mehr').intent).toBe('help_implicit')
    expect(intentOf('tablet keeps rebooting every few minutes').intent).toBe('help_implicit')
  })

  it('tells complaints from help, even when the complaint asks a question', () => {
    expect(intentOf('Never again Lumora. Worst service I have ever had.').intent).toBe('complaint')
    expect(intentOf('Was für eine Frechheit, nie wieder!').intent).toBe('complaint')
    expect(intentOf('How hard can it be to reply to one email, Lumora? Ridiculous.').intent).toBe('complaint')
    expect(intentOf('Great, it crashed again. Thanks Lumora 🙄').intent).toBe('complaint')
  })

  it('finds leads, praise, ideas and chatter', () => {
    expect(intentOf('Is the Lumora tablet worth it compared to the Voltic one?').intent).toBe('purchase_intent')
    expect(intentOf('Lohnt sich das Tablet? Überlege es zu kaufen').intent).toBe('purchase_intent')
    expect(intentOf('Thank you Lumora, the repair was quick and excellent!').intent).toBe('praise')
    expect(intentOf('would be nice if the app had a dark mode').intent).toBe('idea')
    expect(intentOf('Wäre cool wenn man die Tasten belegen könnte').intent).toBe('idea')
    expect(intentOf('Lumora opens a new office in Lisbon').intent).toBe('other')
  })

  it('reads cue words in context, not in isolation', () => {
    // "Idee" inside a question to the brand asks for an answer; it is not a suggestion.
    expect(intentOf('Hallo @lumora, mein Lumora Book 14 Pro wacht nicht mehr aus dem Standby auf. Habt ihr eine Idee, woran das liegt?').intent).toBe('help_explicit')
    expect(intentOf('@lumora any idea why the tablet forgets my wifi every night?').intent).toBe('help_explicit')
    expect(intentOf('Idee für Lumora: eine Ladegrenze bei 80 %').intent).toBe('idea')
    // A comparison or a price without a question or a buying cue is chatter or news.
    expect(intentOf('Lumora vs Nexaro – die ewige iDskussion im Gruppenchat 🤷').intent).toBe('other')
    expect(intentOf('A rival lowers the price of its tablet by 50 euros').intent).toBe('other')
    expect(intentOf('Lumora vs Nexaro, which one is worth the price?').intent).toBe('purchase_intent')
    // A question to the brand about a problem is a help request, whatever the problem words.
    expect(intentOf('@lumora my tablet restarts every night since the update. Is this a known issue?').intent).toBe('help_explicit')
    // "anyone else" is a problem cue only next to a problem.
    expect(intentOf('Anyone else watching the Lumora keynote tonight?').intent).toBe('other')
    expect(intentOf("Anyone else's Lumora tablet crashing since the update?").intent).toBe('help_implicit')
  })

  it('takes praise adjectives as praise and gives cue-less text to "other" with low confidence', () => {
    expect(intentOf('Lumora Halo is lovely').intent).toBe('praise')
    expect(intentOf('The new Lumora watch looks gorgeous').intent).toBe('praise')
    const neutral = intentOf('Post number 3 about the Lumora Book 14')
    expect(neutral.intent).toBe('other')
    expect(neutral.confidence).toBeLessThan(0.7)
  })

  it('marks the first four intents as needing a response, with a confidence', () => {
    const help = intentOf('@lumora can you help me with my order?')
    expect(help.needs_response).toBe(true)
    expect(help.confidence).toBeGreaterThan(0)
    expect(help.confidence).toBeLessThanOrEqual(1)
    expect(intentOf('Thank you Lumora, the repair was excellent!').needs_response).toBe(false)
  })

  it('learns from corrections: more labelled examples move a borderline post', () => {
    const model = buildIntentModel()
    const own = createTriage(model)
    const text = 'the quarterly gadget raffle results are out'
    const before = own.classify({ id: 'x', text }, { brand })
    for (let i = 0; i < 5; i++) model.learn('gadget raffle results posted, see the quarterly list', 'idea', 3)
    const after = own.classify({ id: 'x', text }, { brand })
    expect(after.intent).toBe('idea')
    expect(after.intent).not.toBe(before.intent)
  })
})

describe('triage cue list', () => {
  it('has no cue twice within an intent once folded (it would count double)', async () => {
    const { compileCues } = await import('../../src/main/core/triage/cues')
    const { fold } = await import('../../src/main/core/triage/normalize')
    const seen = new Set<string>()
    const twice = compileCues(fold).filter((cue) => {
      const key = `${cue.intent}:${cue.needle}`
      if (seen.has(key)) return true
      seen.add(key)
      return false
    })
    expect(twice.map((cue) => `${cue.intent}: ${cue.phrase}`)).toEqual([])
  })
})

describe('triage naive Bayes layer', () => {
  it('survives a JSON round trip with the same predictions, so learned corrections can be stored', async () => {
    const { NaiveBayes, features } = await import('../../src/main/core/triage')
    const model = new NaiveBayes()
    model.learn(features(['tablet', 'crashes', 'again']), 'help_implicit')
    model.learn(features(['love', 'this', 'tablet']), 'praise')
    const copy = NaiveBayes.fromJSON(JSON.parse(JSON.stringify(model.toJSON())) as ReturnType<typeof model.toJSON>)
    const probe = features(['tablet', 'crashes'])
    expect(Array.from(copy.predict(probe))).toEqual(Array.from(model.predict(probe)))
    expect(copy.examples).toBe(2)
    const p = model.predict(probe)
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1)
  })
})
