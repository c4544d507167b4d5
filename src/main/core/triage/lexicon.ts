/**
 * Sentiment lexicon for German and English: word → valence (-3 … 3). Entries are written in
 * natural spelling and folded with `fold` when the lexicon is built, so "enttäuscht",
 * "enttaeuscht" and "enttauscht" all hit the same entry. A trailing `*` makes a prefix entry
 * (German compounds and English inflections: "absturz*" covers "absturze").
 */

const EN_POSITIVE = `
good:2 great:2.5 excellent:3 amazing:3 awesome:3 fantastic:3 brilliant:3 perfect:2.5 love:3 loving:3 loved:3 lovely:2 nice:2 nicest:2
best:2.5 better:1 impressed:2.5 impressive:2.5 happy:2 glad:2 thanks:1.5 thank:1.5 thx:1.5 kudos:2.5 recommend:2 solid:2 reliable:2
flawless:3 seamless:2.5 smooth:2 fast:1.5 quick:1 quickly:1 beautiful:2.5 stunning:3 incredible:3 unreal:2.5 rock:2 rocks:2 wow:2
friendliest:3 friendly:2 helpful:2 superb:3 fixed:1.5 saved:2 works:1 enjoy:2 enjoying:2 shoutout:2 well:0.5 cool:1.5 fine:1 wonderful:2.5
satisfied:2 pleased:2 super:1.5 top:1.5 favourite:2 favorite:2 delighted:3 hassle:-1.5 skeptical:-0.5
`
const EN_NEGATIVE = `
bad:-2 worst:-3 worse:-2 terrible:-3 awful:-3 horrible:-3 useless:-2.5 junk:-3 garbage:-3 crap:-3 joke:-2 disgusted:-3 disgrace:-3
disappointed:-2.5 disappointing:-2.5 letdown:-2.5 angry:-2.5 furious:-3 annoying:-2 annoyed:-2 hate:-3 sucks:-2.5 unacceptable:-3
ridiculous:-2.5 pathetic:-3 scam:-3 overpriced:-2 shame:-2 rude:-2.5 avoid:-2 broken:-2 broke:-2 break:-1.5 breaks:-1.5 crash:-2 crashes:-2
crashed:-2 crashing:-2 freezes:-2 frozen:-2 freeze:-2 stuck:-1.5 error:-1.5 fail:-2 fails:-2 failed:-2 failing:-2 drain:-1.5 slow:-1.5
overheat:-2 overheats:-2 hot:-1 disconnecting:-1.5 disconnects:-1.5 drops:-1 flickers:-1.5 flicker:-1.5 vanished:-2 unusable:-3 dead:-2
dies:-2 defect:-2 defective:-2 cracked:-2 scratches:-1.5 bug:-1.5 buggy:-2 problem:-1.5 problems:-1.5 issue:-1.5 issues:-1.5 lost:-1.5
complain:-1.5 complaint:-1.5 wrong:-1.5 down:-1 outage:-2 outages:-2 hissing:-1.5 weird:-1 nightmare:-3 silence:-1 ignoring:-2 ignored:-2
deleted:-1.5 deletes:-1 delete:-0.5 negative:-1 charged:-0.5 twice:-0.5 anymore:-1.5 unfortunately:-1.5 sadly:-1.5 sick:-2 tired:-1.5
fed:-1 refund:-0.5 rip:-1 waste:-2.5 never:-0.5 done:-0.5 hung:-1.5 worthless:-3 meh:-1 lame:-2 damn:-2 wtf:-2.5 ugh:-2 argh:-2
stopped:-1.5 cutting:-1 gibberish:0 freezing:-2 jet:-0.5 scratched:-1.5 forgot:-0.5 asap:-1 urgent:-1 locked:-1 damaged:-2
`
const DE_POSITIVE = `
gut:2 super:2 toll:2.5 klasse:2.5 prima:2 spitze:2.5 genial:3 großartig:3 hervorragend:3 exzellent:3 perfekt:2.5 liebe:2.5 lieben:2.5
schön:2 schoen:2 beste:2.5 bester:2.5 bestes:2.5 besser:1 beeindruckt:2.5 zufrieden:2 froh:2 danke:1.5 dank:1.5 lob:2 empfehlen:2
solide:2 solides:2 zuverlässig:2 problemlos:2 schnell:1.5 angenehm:2 unglaublich:2.5 wahnsinn:2.5 hammer:2 stark:2 mega:1.5 top:2
gelöst:2 gerettet:2.5 behoben:1.5 freundlich:2 freundlichster:3 nett:2 nette:2 unkompliziert:2 begeistert:3 cool:1.5 geil:2 klappt:1
funktioniert:1 bereut:-1.5 lohnt:0.5 wert:1 glück:2 gluck:2 skeptisch:-0.5 traum:2 praktisch:1.5 läuft:0.5
`
const DE_NEGATIVE = `
schlecht:-2 schlechteste:-3 schlechtester:-3 schlimm:-2 schlimmste:-3 furchtbar:-3 schrecklich:-3 katastrophe:-3 katastrophal:-3 nutzlos:-2.5
schrott:-3 müll:-3 mull:-3 witz:-2 lachnummer:-2.5 frechheit:-3 unverschämt:-3 enttäuscht:-2.5 enttäuschend:-2.5 enttäuschung:-2.5
sauer:-2.5 wütend:-3 ärgerlich:-2 nervig:-2 nervt:-2 unfassbar:-2.5 inakzeptabel:-3 lächerlich:-2.5 armselig:-3 abzocke:-3 überteuert:-2
überteuerter:-2 schämt:-2.5 unmöglich:-2 unterirdisch:-3 kaputt:-2 defekt:-2 absturz*:-2 abgestürzt:-2 stürzt:-2 friert:-1.5 hängt:-1.5
fehler:-1.5 problem:-1.5 probleme:-1.5 flackert:-1.5 rauscht:-1.5 komisch:-1 weg:-0.5 heiß:-1 heiss:-1 langsam:-1.5 ständig:-1 nervige:-2
gebrochen:-2 zerkratzt:-1.5 gelöscht:-1.5 ausrasten:-2.5 albtraum:-3 zumutung:-3 skandal:-3 reinfall:-2.5 leider:-1.5 schade:-1.5
ignoriert:-2 aufgelegt:-1.5 warteschleife:-1 ausfälle:-2 ausfall:-2 down:-1 doppelt:-0.5 dringend:-1 beklagen:-1.5 meckern:-1.5
verbockt:-2 mies:-2.5 miesen:-2.5 miese:-2.5 nie:-0.5 fertig:-0.5 rum:-0.5 schwarz:-1 gesperrt:-1 hilfe:-0.5 beschädigt:-2 beschädigten:-2
`
/** Emoji valences (matched on the raw text). */
export const EMOJI_VALENCE: [string, number][] = [
  ['😡', -3], ['🤬', -3], ['😠', -2.5], ['😤', -2], ['😞', -2], ['😢', -2], ['😭', -1.5], ['👎', -2.5], ['💩', -2.5], ['😒', -1.5],
  ['😩', -2], ['😫', -2], ['🤮', -3], ['💔', -2], ['😍', 3], ['🥰', 3], ['❤', 2.5], ['💙', 2], ['💚', 2], ['👍', 2], ['🔥', 2], ['🙌', 2.5],
  ['😊', 2], ['🙂', 1], ['😀', 2], ['😃', 2], ['😄', 2], ['😁', 2], ['😂', 1], ['🤩', 3], ['👏', 2.5], ['💪', 1.5], ['🎉', 2], ['✨', 1],
  ['🙏', 1.5], ['🤗', 2]
]

/** Emoji that mark sarcasm/irony rather than a feeling of their own. */
export const SARCASM_EMOJI = ['🙄', '🙃', '😏']

/** Multi-word expressions (folded phrase → valence), scored as a whole and not negated again. */
export const PHRASES: [string, number][] = [
  ['never again', -2.5], ['nie wieder', -2.5], ['finger weg', -2.5], ['not working', -2], ['doesnt work', -2], ['dont work', -2],
  ['stopped working', -2], ['no longer', -1.5], ['nicht mehr', -1.5], ['geht nicht', -1.5], ['gar nicht mehr', -1], ['funktioniert nicht', -2],
  ['rip off', -2.5], ['a joke', -1], ['what a joke', -1], ['thanks for nothing', -3], ['danke fur nichts', -3], ['fed up', -2],
  ['nase voll', -2.5], ['hands down', 2], ['well done', 2.5], ['gut gemacht', 2.5], ['great job', 2.5], ['nice work', 2.5],
  ['never looked back', 2.5], ['nie bereut', 2.5], ['jeden cent wert', 3], ['worth every', 2.5], ['on hold', -1], ['hung up', -1],
  ['shame on', -1], ['done with', -2], ['fertig mit', -2], ['wont charge', -1.5], ['wont boot', -1.5], ['wont pair', -1.5],
  ['cant log', -1.5], ['isnt charging', -1.5], ['yet another', -1.5], ['schon wieder', -1.5], ['again', -0.5], ['not worth', -2.5],
  ['nicht wert', -2.5], ['you guys rock', 2.5], ['ihr seid klasse', 1], ['lost a customer', -3], ['kunden verloren', -3]
]

export type Lexicon = Map<string, number>

function parse(block: string): [string, number][] {
  return block
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const at = entry.lastIndexOf(':')
      return [entry.slice(0, at), Number(entry.slice(at + 1))] as [string, number]
    })
}

export interface SentimentLexicon {
  words: Lexicon
  /** Prefix entries (folded stem → valence), checked when a word has no exact entry. */
  prefixes: [string, number][]
}

export function buildLexicon(fold: (text: string) => string): SentimentLexicon {
  const words: Lexicon = new Map()
  const prefixes: [string, number][] = []
  for (const block of [EN_POSITIVE, EN_NEGATIVE, DE_POSITIVE, DE_NEGATIVE]) {
    for (const [word, valence] of parse(block)) {
      if (word.endsWith('*')) prefixes.push([fold(word.slice(0, -1)), valence])
      else words.set(fold(word), valence)
    }
  }
  return { words, prefixes }
}

/** Negators open a window in which the next valenced word flips. */
export const NEGATORS = 'not no never dont doesnt didnt isnt wasnt arent cant cannot couldnt wont wouldnt without hardly nothing nicht kein keine keinen keinem keiner keines nie niemals ohne kaum nix nichts'
/** Intensifiers multiply the next valenced word. */
export const INTENSIFIERS = 'very really so too extremely absolutely totally super truly seriously incredibly sehr echt richtig total mega extrem voll absolut wirklich ganz so besonders'
/** Words after which the rest of the sentence counts more (contrast). */
export const CONTRASTS = 'but however though aber doch jedoch trotzdem allerdings'
/** Conditional/wishful words: praise words in their sentence are hoped for, not given. */
export const IRREALIS = 'would wish if itd wouldnt wäre wären würde würden hätte hätten wenn falls wünsche si sería sarebbe zou byłoby'
