/**
 * Intent cue phrases per intent, in natural spelling (folded when compiled, like the text).
 * `phrase:weight`, separated by ` ; `. A trailing `*` matches a word prefix ("abgest*"). The
 * brand's handle is `brandhandle`, its name `brandname` (see normalize.ts). These are the
 * "rules first" layer; the naive Bayes layer learns what they miss.
 *
 * Two flags may follow the weight, because some words only mean something in context:
 * - `~` weak: counts only when the post asks a question or a plain cue of the same intent fires
 *   ("vs" or "price" alone is news or chatter; "price?" or "vs … worth it" is a lead);
 * - `+` supporting: counts only when a plain cue of the same intent fires ("anyone else watching
 *   tonight?" is chatter, "anyone else's battery draining?" a problem);
 * - `?` in a question it asks for help instead: "any idea?" / "habt ihr eine Idee, woran das
 *   liegt?" is a question to the brand, not a suggestion.
 * `other` cues mark news, spam and chatter: they argue for "nothing to do".
 */
import type { Intent } from '@shared/triage/types'

export const CUES: Record<Intent, string> = {
  help_explicit: `
    can you help:3 ; could you help:3 ; can u help:3 ; can anyone help:2 ; can someone help:2 ; help me:2 ; pls help:3 ; please help:3 ;
    need help:2.5 ; need some help:2.5 ; help please:2.5 ; support please:2.5 ; how do i:2.5 ; how can i:2.5 ; how to:1.5 ; how do you:1.5 ;
    what should i do:3 ; what can i do:3 ; what do i do:3 ; is there a way:2 ; any way to:2 ; is there a fix:2 ; any fix:2 ; any update:2 ;
    any idea:1.5 ; could you:1.5 ; can you:1.5 ; can someone:1.5 ; can anyone:1.2 ; where can i:2 ; where do i:2 ; who do i contact:2.5 ;
    please check:2 ; can you check:2 ; look into:1.5 ; dm me:2 ; explain:1 ; tell me:1.2 ; help:1.5 ; asap:1 ; quick question:2 ;
    wie kann ich:2.5 ; wie mache ich:2.5 ; wie setze ich:2.5 ; wie bekomme ich:2.5 ; wie verbinde ich:2.5 ; wie ändere ich:2.5 ; wie richte ich:2.5 ;
    wie kündige ich:2.5 ; wie schalte ich:2.5 ; wie lange dauert:2 ; könnt ihr:2.5 ; könntet ihr:2.5 ; kannst du:1.5 ; helft:2.5 ;
    helfen:2 ; hilfe:2 ; brauche hilfe:2.5 ; was kann ich tun:3 ; was soll ich:3 ; was mache ich:3 ; wo kann ich:2 ; wo finde ich:2 ;
    gibt es eine möglichkeit:2 ; gibt es einen weg:2 ; wisst ihr:2 ; bitte um:2 ; an wen wende ich:2.5 ; kann man:1 ; gibts da:1.5 ;
    pouvez vous:2.5 ; aider:2 ; comment:1.5 ; podéis ayudar*:2.5 ; ayuda*:2 ; cómo:1.5 ; potete aiutar*:2.5 ; aiut*:2 ; come posso:2.5 ;
    kunnen jullie:2.5 ; helpen:2 ; hoe:1.5 ; pomóc:2.5 ; pomożecie:2.5 ; jak:1.5 ;
    any ideas why:3 ; does anyone know:2 ; is this a known issue:3 ; known issue:2~ ; any workaround:3 ; workaround:2~ ; is it normal:2.5 ;
    when will:2 ; woran liegt das:3 ; woran das liegt:3 ; woran kann das liegen:3 ; weiß jemand:2 ; gibt es einen fix:3 ; gibt es schon:2 ;
    wer kann mir:3 ; weiterhelfen:2.5 ; ist das normal:2.5 ; muss ich:1.5 ; wann kommt:2
  `,
  help_implicit: `
    crash*:2 ; freez*:2 ; frozen:2 ; stuck:2 ; keeps:1.5 ; keep disconnect*:2 ; stopped:2 ; wont:1.5 ; doesnt work:2.5 ; not working:2.5 ;
    isnt working:2.5 ; cant log:2 ; cant sign:2 ; error:2 ; since the update:2.5 ; since the firmware:2 ; after the update:1.5 ; since yesterday:1.5 ;
    since tuesday:1 ; all morning:1 ; anymore:1.5 ; no longer:1.5 ; drain*:1.5 ; drops:1.5 ; overheat*:2 ; disconnect*:2 ; flicker*:2 ;
    vanished:2 ; disappeared:2 ; unusable:2 ; slow:1 ; broke my:1.5 ; is it just me:2.5 ; anyone else:2+ ; does anyone else:2.5+ ; down again:1.5 ;
    hissing:1.5 ; double types:2 ; double:1 ; dies:1 ; wont charge:2 ; isnt charging:2 ; not charging:2 ; wont pair:2 ; still at:1.5 ; gets really hot:2 ;
    absturz:2.5 ; abgestürzt:1 ; stürzt:2.5 ; friert:2 ; hängt:2 ; geht nicht:2 ; geht nicht mehr:2.5 ; gar nicht mehr:2 ; nicht mehr:2 ;
    funktioniert nicht:2.5 ; seit dem update:2.5 ; seit dem letzten update:2.5 ; seit gestern:1.5 ; seit heute:1.5 ; seit dienstag:1 ;
    ständig:1.5 ; flackert:2 ; fehler:2 ; kaputt:1 ; weg:1 ; rauscht:2 ; lädt nicht:2 ; lädt nur:2 ; nicht erreichbar:2 ; schon wieder down:2 ;
    noch jemand:2+ ; bei mir geht:2 ; synchronisiert nicht:2 ; loggt mich:2 ; extrem heiss:2 ; nicht mehr an:2 ; nich mehr:2 ; kommen keine:1.5 ;
    plantage:2.5 ; depuis la mise à jour:2.5 ; se déconnect*:2 ; ne fonctionne plus:2.5 ; desde la última actualización:2 ; no sincroniza:2.5 ;
    desde ayer:1.5 ; non funziona più:2.5 ; da quando:1.5 ; sinds de update:2.5 ; valt steeds weg:2 ; niet meer:2 ; od aktualizacji:2.5 ;
    nie synchronizuje:2.5 ; od wczoraj:1.5 ; nie działa:2.5 ; tylko pół dnia:1.5 ; dura medio día:1.5 ;
    fails:2 ; failing:2 ; randomly:1.5 ; stops working:2.5 ; stopped working:2.5 ; third time:1.5 ; same issue:2 ; same problem:2 ; bug:2 ; glitch:2 ;
    reboots:2 ; restarts:2 ; charged twice:2.5 ; billed twice:2.5 ; nur noch:1.5 ; startet neu:2 ; überhitzt:2 ; doppelt abgebucht:2.5 ; spinnt:2 ;
    doesnt charge:2.5 ; hasnt synced:2.5 ; one side:1.5 ; gets super hot:2 ; never stops:1.5 ; ist leer:2 ; einer seite:1.5 ; dreht durch:1.5 ;
    surchauffe:2 ; scintille:2 ; se calienta:2 ; parpadea:2 ; sfarfalla:2 ; si scalda:2 ; flikkert:2 ; migocze:2 ; nagrzewa:2 ;
    souci:2 ; se bloque:2 ; se cuelga:2 ; cuelgue:2 ; si blocca:2 ; si spegne:2 ; valt uit:2 ; wyłącza:2 ; zawiesza:2
  `,
  complaint: `
    worst:3 ; never again:3.5 ; never buying:3.5 ; disgusted:3 ; disgrace:3 ; unacceptable:3 ; a joke:2.5 ; what a joke:3 ; shame on you:3.5 ;
    ridiculous:2.5 ; useless:2.5 ; junk:2.5 ; furious:3 ; im done with:3.5 ; done with:2 ; avoid:2 ; overpriced:2 ; classy:2 ; not happy:2.5 ;
    disappointed:2.5 ; angry:2.5 ; terrible:2.5 ; awful:2.5 ; rip off:3 ; waste of money:3 ; pathetic:3 ; rude:2.5 ; thanks for nothing:4.5 ;
    how hard can it be:3.5 ; price hike:2.5 ; returning everything:3 ; switching to:1.5 ; used to be good:3 ; amazing service:1.5 ; nobody answers:2.5 ;
    nobody cares:3 ; still want me to pay:2.5 ; not impressed:2.5 ; not worth the money:2.5 ; just saying:2 ; answered in:1 ; i want my money back:3 ;
    hung up:2 ; on hold:1.5 ; for the fifth time:2 ; treats its customers:3 ; same defect:2 ; deletes negative reviews:3 ; lost a customer:3 ;
    frechheit:3.5 ; danke für nichts:4.5 ; nase voll:3.5 ; nie wieder:3.5 ; schlechteste*:3 ; schlechtester:3 ; ein witz:3 ; lachnummer:3 ; schämt euch:3.5 ; lächerlich:2.5 ;
    nutzlos:2.5 ; schrott:3 ; überteuert*:2 ; fertig mit:3 ; enttäuscht:2.5 ; unfassbar:2.5 ; finger weg:3 ; ausrasten:3 ; zumutung:3 ;
    unverschämt:3 ; abzocke:3 ; katastrophe:2.5 ; unterirdisch:3 ; sauer:2.5 ; wütend:3 ; wie schwer kann es sein:3.5 ; preiserhöhung:2.5 ;
    schicke alles zurück:3 ; wechsel zu:1.5 ; war mal gut:3 ; so behandelt man:3 ; mit kunden umgeht:3 ; zum fünften mal:2 ; klasse service:1.5 ;
    keiner antwortet:2.5 ; miesen:2.5 ; mies:2.5 ; wie kann man nur:3.5 ; armselig:3 ; skandal:3 ; geld zurück:3 ;
    plus jamais:3.5 ; nul:2.5 ; honteux:3 ; nunca más:3.5 ; el peor:3 ; pésimo:3 ; mai più:3.5 ; pessima:3 ; vergognoso:3 ; nooit meer:3.5 ;
    slechtste:3 ; waardeloze:3 ; nigdy więcej:3.5 ; najgorsza:3 ; fatalna:3 ; vergonzoso:3 ; ridicolo:2.5 ; ridicule:2.5 ; ridículo:2.5 ; een ramp:3 ;
    catastrophe:2.5 ; catástrofe:2.5 ; śmieszne:2.5 ; genau deshalb:2 ; this badly:3 ; so badly:2.5 ; zero answers:2.5 ; i pay for this:2.5 ;
    ernsthaft:2.5 ; ich zahle dafür:2.5 ; testet euren:2 ; harto:3 ; basta:2 ; klaar met:3 ; porażka:3 ; mam dość:3 ;
    seriously:2.5 ; are you serious:3.5 ; is this a joke:3 ; how could you:3 ; greedy:3 ; fed up:3 ; sick of:3 ; downhill:2.5 ; no word from:2.5 ;
    still no:2 ; im out:2 ; inakzeptabel:3 ; im ernst:2.5 ; echt jetzt:2.5 ; es reicht:3 ; reicht:1.5 ; ich bin raus:3 ; kein wort:2 ; bach runter:3 ;
    gierig:3 ; genervt:2.5 ; immer noch kein:2 ; wechseln zu:1.5 ; inacceptable:3 ; cest une blague:3 ; sérieusement:2.5 ; sans réponse:2.5 ;
    inaceptable:3 ; en serio:2.5 ; sin respuesta:2.5 ; inaccettabile:3 ; sul serio:2.5 ; onacceptabel:3 ; serieus:2 ; nieakceptowalne:3
  `,
  purchase_intent: `
    worth it:3 ; worth the money:2.5 ; worth the extra:3 ; is it worth:3 ; thinking about getting:3.5 ; thinking of buying:3.5 ; considering:2 ;
    considering buying:3.5 ; planning to order:3 ; want to order:3 ; want to buy:3 ; might grab:3 ; buy now:2.5 ; buy:1.5 ; order:1~ ; price:2.5~ ;
    how much:2.5 ; cost:2~ ; costs:2~ ; budget:2.5 ; discount*:2.5~ ; deal:2~ ; sale:1.5~ ; go on sale:3 ; preorder:3 ; vs:2.5~ ; versus:2.5~ ;
    or:0.5~ ; which one:1.5~ ; which:1~ ; recommend:1.5~ ; torn between:3.5 ; thoughts:1~ ; any good:2.5 ; looking for a new:3 ; need a new:2.5 ;
    switching to brandname:3 ; considering switching:3 ; any regrets:2.5 ; do you ship:3 ; ship to:2 ; for my kid:1.5 ; for a cs student:2 ;
    student discounts:3 ; should i wait:2.5 ; compared to:2~ ; first smartphone:2 ; for travel:1 ; need one:2 ; longest battery:1.5 ;
    lohnt sich:3 ; lohnt:2 ; überlege:2.5 ; zu holen:2 ; kaufen:2.5 ; kauft:2 ; bestellen:2.5 ; kostet:2.5~ ; kosten:2~ ; preis:2.5~ ;
    rabatt:2.5~ ; angebot:2~ ; schwanke zwischen:3.5 ; oder:0.5~ ; welcher:1.5~ ; welche:1~ ; taugt:2.5 ; suche einen:2.5 ; im vergleich:2~ ;
    in den handel:3 ; liefert ihr:3 ; zu wechseln:2 ; erfahrungen:2~ ; meinungen:2~ ; testen bevor:3 ; schenken:2.5 ; zuschlagen:3 ; fürs studium:2.5 ;
    fürs kind:2 ; brauch einen:2 ; spiele mit dem gedanken:3 ; studentenrabatt:3 ;
    vaut le coup:3 ; prix:2.5~ ; acheter:3 ; vale la pena:3 ; cuánto cuesta:3 ; comprar*:3 ; quanto costa:3 ; comprare:3 ; conviene:2.5 ;
    het geld waard:3 ; wat kost:3 ; kopen:3 ; czy warto:3 ; ile kosztuje:3 ; kupić:3 ; kupno:3 ;
    pre order*:3 ; need advice:2.5 ; in stock:2.5 ; back in stock:3 ; switch from:2~ ; move from:1.5~ ; vorbestell*:3 ; kaufberatung:3 ;
    zuzuschlagen:3 ; kurz davor:1.5 ; lieferbar:2.5 ; umstieg:2~ ; precommand*:3 ; reservar:2 ; preordin*:3 ;
    tempting:3 ; might upgrade:3 ; upgrade:1.5~ ; verlockend:3 ; bestelle:2.5 ; bezahlt:1.5~ ; gekauft:1~ ; suche gerade:2.5 ; suche auch:2 ; zakup*:3 ;
    where did you get:2.5 ; where did you buy:3 ; switch to:2~ ; on its last legs:2 ; wo hast du:2~ ; me paso:2~ ; compraste:2~ ; kupiłeś:2~ ; preso:1~
  `,
  praise: `
    thank you:2 ; thanks:1.5 ; thanks a lot:2 ; well done:3 ; shoutout:3 ; impressed:3 ; loving:2.5 ; love my:3 ; best laptop:3 ; best phone:3 ;
    never looked back:3.5 ; cant complain:3 ; no issues:2.5 ; flawless:3 ; excellent:2.5 ; you guys rock:3.5 ; nice work:3 ; great job:3 ;
    saved my:3 ; fixed my:2 ; really good:2 ; is great:2 ; amazing:2 ; seamless:2.5 ; solid:1.5 ; friendliest:3 ;
    danke:2 ; danke euch:3 ; gut gemacht:3 ; stark:2 ; liebe meine:3 ; bester:2.5 ; nie bereut:3.5 ; kann mich nicht beklagen:3.5 ;
    keine probleme:2.5 ; ohne probleme:2.5 ; top service:3 ; klasse:1.5 ; ihr seid klasse:3.5 ; jeden cent wert:3.5 ; gerettet:3 ; gelöst:2 ;
    richtig gut:2.5 ; ist super:2 ; zum glück:2 ; der wahnsinn:2.5 ; keinen kratzer:2.5 ; unkompliziert*:2 ;
    merci:2 ; impeccable:3 ; me encantan:3 ; gracias:2 ; genial:2 ; adoro:3 ; grazie:2 ; fantastico:2.5 ; tevreden:3 ; bedankt:2 ; geweldig:2.5 ;
    uwielbiam:3 ; dziękuję:2 ; świetny:2.5 ; rapidísimo:2 ; risolto:2 ;
    lovely:2 ; gorgeous:3 ; stunning:3 ; beautiful:2.5 ; brilliant:2.5 ; superb:3 ; wonderful:2 ; perfect:2 ; awesome:2.5 ; fantastic:2 ;
    recommended:3 ; highly recommend:3.5 ; ever had:2.5 ; the best:2 ; way better:2.5 ; much better:2 ; you got me:3 ; just works:3 ;
    credit where:3 ; hats off:3 ; kudos:3 ; incredibly good:4 ; perfekt:2 ; wunderschön:3 ; traumhaft:3 ; begeistert:3 ; empfehlung:2.5 ;
    empfehlenswert:3 ; je hatte:2.5 ; die beste:2 ; das beste:2 ; viel besser:2.5 ; überzeugt:2.5 ; funktioniert einfach:3 ; unfassbar gut:5 ;
    unglaublich gut:4 ; hut ab:3 ; magnifique:3 ; maravilla:3 ; bravo:2 ; brava:2 ; brawo:2 ; przepiękny:3 ; fantastisch:2.5 ;
    perfectly:2 ; parfaitement:2 ; parfait:2 ; perfecto:2 ; perfetto:2 ; jadore:3 ; incroyable:2.5 ; sauvé:2.5 ; goed gedaan:3 ; prachtig:3 ; gewechselt:1 ; funziona e basta:3 ; marche tout simplement:3 ; werkt gewoon:3 ; me salvó:3
  `,
  idea: `
    would be nice if:4 ; would be great if:4 ; would be cool if:4 ; it would be great:3.5 ; it would be nice:3.5 ; would be nice:3 ; would love to see:4 ;
    would love:2 ; please add:4 ; feature request:4.5 ; suggestion:4? ; idea:3.5? ; wish:3 ; should really:2.5 ; should add:3 ; should let:3 ;
    consider adding:4 ; bring back:3.5 ; why not offer:3.5 ; why not:2 ; how about:2.5 ; an option to:2.5 ; option to:2 ; itd be cool:4 ; itd be nice:4 ;
    let us:2 ; add:1 ; support for:1 ; mini version:2 ;
    wäre cool wenn:4 ; wäre schön wenn:4 ; wäre toll wenn:4 ; wäre schön:3 ; wäre toll:3 ; wäre cool:3 ; wäre echt:2 ; wäre super:3 ;
    wäre praktisch:3 ; einbauen:3 ; wunsch:3.5 ; wünsche mir:3.5 ; vorschlag:4 ; idee:3.5? ; hätte gern:3 ; hätte gerne:3 ; fände es:3.5 ;
    sollte:2 ; solltet:2.5 ; bringt:1.5 ; zurück:0.5 ; denkt bitte:3 ; nachdenken:2 ; über linux:1 ; bietet doch:3 ; warum bietet ihr:3.5 ;
    traum:2 ; wäre echt ein traum:3.5 ; teilen können:2 ; selbst belegen:2 ; mitliefern:2.5 ; option:1.5 ;
    ce serait bien:4 ; ce serait génial:4 ; estaría bien:4 ; sería genial:4 ; sarebbe bello:4 ; sarebbe fantastico:4 ; zou mooi zijn:4 ;
    zou handig zijn:4 ; byłoby super:4 ; fajnie by było:4 ;
    idea for:4 ; idee für:4 ; pomysł:3.5? ; wouldnt it be:3 ; wäre es nicht:3 ; please make:3 ; who agrees:2 ; wer ist dafür:2 ;
    please bring:3.5 ; game changer:2.5 ; gamechanger:2.5 ; bitte bringt:3.5 ; bitte baut:3.5 ; ajoutez:3.5 ; añad*:3.5 ; aggiungete:3.5 ; toevoegen:3 ;
    voeg:2 ; dodaj*:3 ; even better:2.5 ; would make it even better:4 ; noch besser machen:3.5 ; if brandname add*:3 ; ojalá:3 ; i hope:1.5 ;
    hoffe:1.5 ; espero que:2 ; spero che:2
  `,
  other: `
    announced:2 ; announces:2 ; is official:2 ; officially:1.5 ; rumour:2.5 ; rumor:2.5 ; leak*:1.5 ; live blog:3 ; liveblog:3 ; press release:3 ;
    link in bio:4 ; giveaway:3 ; promo code:2.5 ; breaking:2 ; asking for a friend:3 ; price cut:2.5 ; cuts the price:3 ; cuts prices:3 ; lowers the price:3 ; drops the price:3 ; slashes:2 ; memes:2 ;
    unboxing:2 ; keynote:1.5 ; reports piling up:2 ; many users:1.5 ; lots of users:1.5 ; ad for:1.5 ;
    ist offiziell:2 ; offiziell vorgestellt:2.5 ; gerücht:2.5 ; pressemitteilung:3 ; gewinnspiel:3 ; frage für einen freund:3 ; senkt den preis:3 ;
    preissenkung:2.5 ; werbung für:1.5 ; vielen nutzern:1.5 ; meldungen häufen sich:2 ;
    baisse le prix:3 ; rumeur:2.5 ; baja el precio:3 ; abbassa il prezzo:3 ; indiscrezione:2.5 ; verlaagt de prijs:3 ;
    obniża cenę:3 ; plotka:2.5
  `
}

export interface CompiledCue {
  intent: Intent
  /** " folded phrase " for whole-word matching, or " stem" for prefix cues. */
  needle: string
  weight: number
  phrase: string
  /** Counts only with a question or a plain cue of the same intent. */
  weak: boolean
  /** Counts only with a plain cue of the same intent. */
  supporting: boolean
  /** In a question ("any idea?") it counts for help_explicit instead. */
  asksInQuestion: boolean
}

export function compileCues(fold: (text: string) => string): CompiledCue[] {
  const compiled: CompiledCue[] = []
  for (const [intent, block] of Object.entries(CUES) as [Intent, string][]) {
    for (const entry of block.split(';')) {
      const trimmed = entry.trim()
      if (!trimmed) continue
      const at = trimmed.lastIndexOf(':')
      const phrase = trimmed.slice(0, at).trim()
      const tail = trimmed.slice(at + 1)
      const weight = Number(tail.replace(/[~?+]+$/, ''))
      if (!phrase || !Number.isFinite(weight)) throw new Error(`Bad triage cue "${trimmed}"`)
      const prefix = phrase.endsWith('*')
      const folded = fold(prefix ? phrase.slice(0, -1) : phrase)
      compiled.push({ intent, needle: prefix ? ` ${folded}` : ` ${folded} `, weight, phrase, weak: tail.includes('~'), supporting: tail.includes('+'), asksInQuestion: tail.includes('?') })
    }
  }
  return compiled
}
