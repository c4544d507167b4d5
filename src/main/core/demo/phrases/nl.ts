import { groupThousands, type PhraseBook } from './types'

export const nl: PhraseBook = {
  posts: {
    help_explicit: [
      '{at} {problem}, kunnen jullie helpen? {neg}',
      'Hoi {at}, {problem}. Wat kan ik doen?',
      '{at} {problem}. Is dit een bekend probleem?',
      '{at} {problem}, resetten heb ik al geprobeerd. Iemand een idee? {neg}',
      '{at} help! {Problem} {neg}'
    ],
    help_implicit: [
      '{Problem}. {neg}',
      '{Problem}. Lekker begin van de dag {neg}',
      'Niet weer… {problem}. {tag}',
      '{Problem}. En ik heb het ding pas {dur} {neg}',
      'Tja, {problem}. Vandaag maar met de oude'
    ],
    complaint: [
      'Helemaal klaar met {brand}. {Problem} en de klantenservice reageert al {dur} niet. {neg}',
      'Nooit meer {brand}. {Problem}. {neg}',
      '{at} al {dur} wachten op antwoord van jullie support. Belachelijk.',
      'Ik denk erover om over te stappen naar {rival}. De klantenservice van {brand} is een ramp {neg}'
    ],
    purchase_intent: [
      'Twijfel tussen de {product} en de {comp}, is het het waard?',
      'Iemand ervaring met de {product}? Overweeg hem te kopen {neu}',
      '^Wat kost de {product} nu bij {shop}?',
      '{at} is er studentenkorting op de {product}?'
    ],
    praise: [
      'Ik ben dol op {my}. {Good} {pos}',
      'Goed gedaan {brand}, {good} {pos}',
      'Dank aan de support van {at}, probleem opgelost in {quick} {pos}',
      'Van {comp} naar {product} overgestapt en {good}. {pos}'
    ],
    idea: [
      '{at} voeg alsjeblieft {feature} toe',
      'Idee voor {brand}: {feature}. Wie is het met me eens?',
      '{at} komt er ooit {feature}? Dan is het perfect'
    ],
    other: [
      '{brand} meldt {pct} meer omzet',
      'Kijkt iemand vanavond het {brand}-event? {neu}',
      '^Unboxing van de {product} vanavond live {neu}',
      'Reclame voor de {product} gezien in de trein',
      '{rival} verlaagt de prijs van de {comp} met 100 euro',
      '^Winactie! Win een {product}: volgen en delen 🎁',
      'Koffie, {my} en een regenachtige zondag {neu}'
    ]
  },
  influencer: [],
  replies: {
    problem: {
      help_implicit: ['{parent} hier hetzelfde, {problem} {neg}', '{parent} zelfde probleem {time}'],
      complaint: ['{parent} +1. {at} dit wordt echt belachelijk'],
      other: [
        '{parent} al geprobeerd de aan-knop 30 seconden ingedrukt te houden? Werkte bij mij',
        '{parent} balen 😕'
      ]
    },
    positive: {
      praise: ['{parent} helemaal mee eens, {good} {pos}'],
      other: ['{parent} haha', '{parent} ziet er goed uit {pos}'],
      purchase_intent: ['{parent} wat heb je ervoor betaald?', '{parent} waar heb je hem gekocht?']
    }
  },
  outage: {
    help_explicit: ['{at} {oclause}. Is er een storing? {neg}', '{at} is dit bekend? {Oclause} {otag}'],
    help_implicit: ['Ligt het aan mij of {oclause}? {otag}', '{Oclause}. Top. {neg}'],
    complaint: ['{Oclause} en geen woord van {brand}. Onacceptabel. {otag}', 'Ik betaal hiervoor en {oclause}. Klaar mee. {neg}'],
    other: ['Steeds meer meldingen: problemen met {otopic} bij veel gebruikers {otag}']
  },
  outageThemes: {
    cloud: {
      clause: ['{product} ligt eruit', '{product} synchroniseert niet', 'ik kan niet inloggen bij {product}'],
      topic: ['{product}']
    },
    update: {
      clause: ['mijn {product} blijft herstarten sinds update {ver}', 'mijn {product} start niet meer op sinds de {ver}-update'],
      topic: ['update {ver}']
    }
  },
  launch: {
    other: ['{brand} heeft net de {launch} aangekondigd {neu} {ltag}', '{launch} officieel: {price}, volgende maand te koop'],
    purchase_intent: ['De {launch} voor {price}? Misschien toch upgraden {neu}', '{at} wanneer kan ik de {launch} pre-orderen?'],
    praise: ['De {launch} ziet er prachtig uit {pos}'],
    idea: ['{at} mooie lancering, maar voeg {feature} toe aan de {launch}'],
    complaint: ['{price} voor de {launch}?? Serieus, {brand}? {neg}']
  },
  kinds: {
    laptop: {
      my: ['mijn {product}', 'mijn nieuwe {product}'],
      problem: [
        'mijn {product} start niet meer op',
        'de batterij van mijn {product} is na 3 uur leeg',
        'mijn {product} wordt heel heet en de ventilator blijft draaien',
        'het scherm van mijn {product} flikkert {time}',
        '{nth} crash vandaag sinds de update'
      ],
      feature: ['een laadlimiet van 80%', 'een mat scherm als optie', 'meer USB-C-poorten'],
      good: ['de batterij houdt het een hele werkdag vol', 'het toetsenbord is top', 'het scherm is prachtig']
    },
    phone: {
      my: ['mijn {product}', 'mijn nieuwe {product}'],
      problem: [
        'mijn {product} gaat niet meer aan',
        'de camera-app op mijn {product} crasht steeds',
        'mijn {product} wordt heet tijdens het laden',
        'mijn {product} herstart zomaar {time}',
        '{nth} crash vandaag sinds de update'
      ],
      feature: ['gesprekken opnemen', 'een echt always-on display', 'langer software-updates'],
      good: ['de camera is ’s nachts geweldig', 'de batterij gaat twee dagen mee', 'hij is supersnel']
    },
    buds: {
      my: ['mijn {product}'],
      problem: [
        'mijn {product} maken geen verbinding meer met mijn laptop',
        'het linker oortje van mijn {product} valt steeds weg',
        'de noise cancelling van mijn {product} kraakt',
        'de case van mijn {product} laadt niet meer op'
      ],
      feature: ['multipoint', 'een equalizer in de app', 'draadloos opladen voor de case'],
      good: ['de noise cancelling is echt top', 'ze klinken veel beter dan mijn oude', 'ze blijven zitten tijdens het hardlopen']
    },
    cloud: {
      my: ['mijn {product}-account'],
      problem: [
        '{product} synchroniseert niet {time}',
        'mijn foto’s in {product} zijn weg',
        'ik kan {time} niet inloggen bij {product}',
        '{product} heeft deze maand twee keer afgeschreven'
      ],
      feature: ['een gezinsabonnement', 'end-to-end-versleuteling', 'een goedkoper abonnement van 100 GB'],
      good: [
        '{product} werkt gewoon',
        'terugzetten vanuit {product} duurde vijf minuten',
        '{product} heeft mijn scriptie gered toen mijn laptop crashte'
      ]
    }
  },
  words: {
    time: ['sinds vanochtend', 'sinds gisteren', 'sinds de update', 'sinds gisteravond', 'al twee dagen', 'vandaag weer'],
    dur: ['3 dagen', 'een week', 'twee weken', '5 dagen'],
    quick: ['10 minuten', 'één telefoontje', 'minder dan een uur'],
    shop: ['Coolblue', 'bol.com', 'MediaMarkt'],
    nth: ['tweede', 'derde', 'vierde'],
    pct: ['3%', '5%', '8%']
  },
  price: (euros) => `€ ${groupThousands(euros, '.')}`
}
