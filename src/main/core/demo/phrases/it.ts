import { groupThousands, type PhraseBook } from './types'

export const it: PhraseBook = {
  posts: {
    help_explicit: [
      '{at} {problem}, mi potete aiutare? {neg}',
      'Ciao {at}, {problem}. Cosa posso fare?',
      '{at} {problem}. È un problema noto?',
      '{at} {problem}, ho già provato il reset. Idee? {neg}',
      '{at} vi ho scritto {dur} fa: {problem}. Novità?',
      '{at} aiuto! {Problem} {neg}'
    ],
    help_implicit: [
      '{Problem}. {neg}',
      '{Problem}. Bell’inizio di giornata {neg}',
      'Di nuovo… {problem}. {tag}',
      '{Problem}. E l’ho comprato {dur} fa {neg}',
      'Vabbè, {problem}. Oggi si lavora col vecchio'
    ],
    complaint: [
      'Sono stufo di {brand}. {Problem} e l’assistenza non risponde da {dur}. {neg}',
      'Mai più {brand}. {Problem}. {neg}',
      '{at} sono {dur} che aspetto una risposta dall’assistenza. Vergognoso.',
      'Sto pensando di passare a {rival}. L’assistenza di {brand} è un disastro {neg}',
      'Pagare così tanto per {my} e poi questo: {problem}. Inaccettabile, {at}'
    ],
    purchase_intent: [
      'Indeciso tra il {product} e il {comp}, ne vale la pena?',
      'Qualcuno usa il {product}? Sto pensando di comprarlo {neu}',
      '^Quanto costa il {product} da {shop} adesso?',
      '{at} c’è uno sconto studenti sul {product}?',
      'Vale la pena il {product} o aspetto il prossimo?'
    ],
    praise: [
      'Adoro {my}. {Good} {pos}',
      'Brava {brand}, {good} {pos}',
      'Grazie all’assistenza {at}, problema risolto in {quick} {pos}',
      'Un mese col {product}: {good}. {pos}',
      'Passato dal {comp} al {product} e {good}. {pos}'
    ],
    idea: [
      '{at} per favore aggiungete {feature}',
      'Idea per {brand}: {feature}. Chi è con me?',
      '{at} avete in programma {feature}? Sarebbe perfetto',
      'Sarebbe bello avere {feature}, {at} {pos}'
    ],
    other: [
      '{brand} annuncia ricavi in crescita del {pct}',
      'Qualcuno guarda l’evento {brand} stasera? {neu}',
      '^Unboxing del {product} stasera in live {neu}',
      'Vista una pubblicità del {product} in metro',
      '{rival} abbassa il prezzo del {comp} di 100 euro',
      '^Concorso! Vinci un {product}: segui e condividi 🎁',
      'Caffè, {my} e domenica di pioggia {neu}',
      'Si dice che {brand} stia lavorando a uno smartphone pieghevole'
    ]
  },
  influencer: [],
  replies: {
    problem: {
      help_implicit: ['{parent} anche a me, {problem} {neg}', '{parent} stesso problema {time}'],
      complaint: ['{parent} +1. {at} sta diventando ridicolo'],
      other: [
        '{parent} hai provato a tenere premuto il tasto di accensione per 30 secondi? A me ha funzionato',
        '{parent} che sfortuna 😕'
      ]
    },
    positive: {
      praise: ['{parent} verissimo, {good} {pos}'],
      other: ['{parent} ahah', '{parent} bellissimo {pos}'],
      purchase_intent: ['{parent} quanto l’hai pagato?', '{parent} dove l’hai preso?']
    }
  },
  outage: {
    help_explicit: ['{at} {oclause}. C’è un disservizio? {neg}', '{at} è un problema noto? {Oclause} {otag}'],
    help_implicit: ['Sono io o {oclause}? {otag}', '{Oclause}. Fantastico. {neg}'],
    complaint: [
      '{Oclause} e nessuna comunicazione da {brand}. Inaccettabile. {otag}',
      'Pago per questo e {oclause}. Basta. {neg}'
    ],
    other: ['Segnalazioni in aumento: problemi con {otopic} per molti utenti {otag}']
  },
  outageThemes: {
    cloud: {
      clause: ['{product} è down', '{product} non sincronizza', 'non riesco ad accedere a {product}'],
      topic: ['{product}']
    },
    update: {
      clause: [
        'il mio {product} si riavvia in loop dall’aggiornamento {ver}',
        'il mio {product} non parte più dopo la {ver}'
      ],
      topic: ['l’aggiornamento {ver}']
    }
  },
  launch: {
    other: ['{brand} ha appena presentato il {launch} {neu} {ltag}', '{launch} ufficiale: {price}, disponibile dal mese prossimo'],
    purchase_intent: ['Il {launch} a {price}? Quasi quasi lo prendo {neu}', '{at} quando si può preordinare il {launch}?'],
    praise: ['Il {launch} è bellissimo {pos}'],
    idea: ['{at} bel lancio, ma aggiungete {feature} al {launch}'],
    complaint: ['{price} per il {launch}?? Sul serio, {brand}? {neg}']
  },
  kinds: {
    laptop: {
      my: ['il mio {product}', 'il mio nuovo {product}'],
      problem: [
        'il mio {product} non si accende più',
        'la batteria del mio {product} dura 3 ore',
        'il mio {product} scalda tantissimo e la ventola non si ferma mai',
        'lo schermo del mio {product} sfarfalla {time}',
        '{nth} crash oggi dopo l’aggiornamento'
      ],
      feature: ['il limite di carica all’80%', 'uno schermo opaco', 'più porte USB-C'],
      good: ['la batteria dura tutta la giornata', 'la tastiera è fantastica', 'lo schermo è stupendo']
    },
    phone: {
      my: ['il mio {product}', 'il mio nuovo {product}'],
      problem: [
        'il mio {product} non si accende',
        'la fotocamera del mio {product} si chiude da sola',
        'il mio {product} si surriscalda in carica',
        'il mio {product} si riavvia da solo {time}',
        '{nth} crash oggi dopo l’aggiornamento'
      ],
      feature: ['la registrazione delle chiamate', 'un vero always-on display', 'più anni di aggiornamenti'],
      good: ['la fotocamera di notte è incredibile', 'la batteria dura due giorni', 'è velocissimo']
    },
    buds: {
      my: ['i miei {product}'],
      problem: [
        'i miei {product} non si collegano più al portatile',
        'l’auricolare sinistro dei miei {product} si disconnette di continuo',
        'la cancellazione del rumore dei miei {product} gracchia',
        'la custodia dei miei {product} non si carica'
      ],
      feature: ['il multipoint', 'un equalizzatore nell’app', 'la ricarica wireless per la custodia'],
      good: [
        'la cancellazione del rumore è pazzesca',
        'suonano molto meglio dei vecchi',
        'non cadono nemmeno quando corro'
      ]
    },
    cloud: {
      my: ['il mio account {product}'],
      problem: [
        '{product} non sincronizza {time}',
        'le mie foto su {product} sono sparite',
        'non riesco ad accedere a {product} {time}',
        '{product} mi ha addebitato due volte questo mese'
      ],
      feature: ['un piano famiglia', 'la crittografia end-to-end', 'un piano da 100 GB più economico'],
      good: [
        '{product} funziona e basta',
        'il ripristino da {product} ci ha messo cinque minuti',
        '{product} mi ha salvato la tesi quando il portatile è morto'
      ]
    }
  },
  words: {
    time: ['da stamattina', 'da ieri', 'dall’aggiornamento', 'da ieri sera', 'da due giorni', 'di nuovo oggi'],
    dur: ['3 giorni', 'una settimana', 'due settimane', '5 giorni'],
    quick: ['10 minuti', 'una sola chiamata', 'meno di un’ora'],
    shop: ['MediaWorld', 'Unieuro', 'Amazon'],
    nth: ['secondo', 'terzo', 'quarto'],
    pct: ['3%', '5%', '8%']
  },
  price: (euros) => `${groupThousands(euros, '.')} €`
}
