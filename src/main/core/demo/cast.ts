import type { Author } from '@shared/domain/post'
import type { DemoLanguage, ProductKind } from './phrases/types'
import { hashSeed, Rng } from './random'

/**
 * Who appears in the demo workspace: the fictional brand Lumora (consumer electronics), its
 * products, two competitors, a few hundred customers and a handful of influencers.
 */

export const BRAND = { name: 'Lumora', handle: 'lumora' } as const

export interface ProductDef {
  key: string
  kind: ProductKind
  /** How people write its name; repeats make a spelling more common. */
  names: readonly string[]
  /** Relative share of posts about it. */
  weight: number
}

export const PRODUCTS: readonly ProductDef[] = [
  { key: 'book14', kind: 'laptop', names: ['Lumora Book 14', 'Book 14', 'Book 14', 'Book14'], weight: 18 },
  { key: 'book14pro', kind: 'laptop', names: ['Lumora Book 14 Pro', 'Book 14 Pro'], weight: 9 },
  { key: 'phonex', kind: 'phone', names: ['Lumora Phone X', 'Phone X', 'Phone X', 'PhoneX'], weight: 24 },
  { key: 'phonexmini', kind: 'phone', names: ['Lumora Phone X mini', 'Phone X mini'], weight: 9 },
  { key: 'buds', kind: 'buds', names: ['Lumora Buds', 'Lumora Buds', 'Buds'], weight: 13 },
  { key: 'budspro', kind: 'buds', names: ['Lumora Buds Pro', 'Buds Pro'], weight: 8 },
  { key: 'cloud', kind: 'cloud', names: ['Lumora Cloud', 'Lumora Cloud', 'Lumora Cloud', 'Cloud'], weight: 15 }
]

export interface CompetitorDef {
  name: string
  /** The competing product per family, for comparisons. */
  products: Record<ProductKind, string>
}

export const COMPETITORS: readonly CompetitorDef[] = [
  {
    name: 'Voltic',
    products: { laptop: 'Voltic Air 14', phone: 'Voltic V12', buds: 'Voltic Pods 3', cloud: 'Voltic Drive' }
  },
  {
    name: 'Nexaro',
    products: { laptop: 'Nexaro Slate 14', phone: 'Nexaro N5', buds: 'Nexaro Ear 2', cloud: 'Nexaro One' }
  }
]

/** Products announced during a launch event; prices in euros. */
export interface LaunchDef {
  name: string
  kind: ProductKind
  euros: number
}

export const LAUNCHES: readonly LaunchDef[] = [
  { name: 'Phone X2', kind: 'phone', euros: 1099 },
  { name: 'Buds Pro 2', kind: 'buds', euros: 279 },
  { name: 'Book 16', kind: 'laptop', euros: 1899 }
]

/** One person in the demo: an author plus what the generator needs to write as them. */
export interface CastMember {
  author: Author
  language: DemoLanguage
  influencer: boolean
}

interface InfluencerDef {
  handle: string
  displayName: string
  language: DemoLanguage
  followers: number
}

/** Opinion leaders (tech reviewers, journalists, a news account): few posts, large reach. */
export const INFLUENCERS: readonly InfluencerDef[] = [
  { handle: 'mayareviews', displayName: 'Maya Chen · Tech Reviews', language: 'en', followers: 1_640_000 },
  { handle: 'dailycircuit', displayName: 'The Daily Circuit', language: 'en', followers: 1_980_000 },
  { handle: 'samtechtalks', displayName: 'Sam Okafor', language: 'en', followers: 312_000 },
  { handle: 'techmittina', displayName: 'Tina Kraus | Tech mit Tina', language: 'de', followers: 874_000 },
  { handle: 'jonas.weber.tech', displayName: 'Jonas Weber (Technikjournalist)', language: 'de', followers: 126_000 },
  { handle: 'louis.tech', displayName: 'Louis Marchand', language: 'fr', followers: 218_000 },
  { handle: 'lucia.navarro.tech', displayName: 'Lucía Navarro', language: 'es', followers: 74_500 }
]

/** Customers per language: German and English dominate, as in the posts. */
const CUSTOMERS_PER_LANGUAGE: Record<DemoLanguage, number> = {
  de: 130,
  en: 130,
  fr: 22,
  es: 22,
  it: 18,
  nl: 16,
  pl: 16
}

interface NameList {
  first: readonly string[]
  last: readonly string[]
}

const NAMES: Record<DemoLanguage, NameList> = {
  de: {
    first: [
      'Anna', 'Lena', 'Julia', 'Sarah', 'Laura', 'Lisa', 'Katharina', 'Sophie', 'Marie', 'Hannah', 'Jana',
      'Claudia', 'Sabine', 'Petra', 'Mia', 'Leonie', 'Franziska', 'Özlem', 'Elif', 'Jürgen', 'Thomas',
      'Michael', 'Stefan', 'Andreas', 'Markus', 'Tobias', 'Jan', 'Lukas', 'Felix', 'Jonas', 'Maximilian',
      'Florian', 'Sebastian', 'Björn', 'Jörg', 'Uwe', 'Dirk', 'Ralf', 'Kai', 'Nils', 'Sören', 'Mehmet', 'Can'
    ],
    last: [
      'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
      'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
      'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Meier', 'Lehmann',
      'Köhler', 'Huber', 'Kaiser', 'Yılmaz', 'Öztürk', 'Jäger', 'Groß', 'Kowalski'
    ]
  },
  en: {
    first: [
      'James', 'Emma', 'Oliver', 'Olivia', 'Jack', 'Amelia', 'Harry', 'Sophie', 'Liam', 'Noah', 'Ava', 'Mia',
      'Ethan', 'Chloe', 'Daniel', 'Grace', 'Ryan', 'Megan', 'Chris', 'Jess', 'Sam', 'Alex', 'Tom', 'Hannah',
      'Priya', 'Aisha', 'Kwame', 'Connor', 'Siobhan', 'Mike', 'Rachel', 'Ben', 'Katie', 'Josh', 'Emily',
      'Lucy', 'Matt', 'Dave', 'Sarah'
    ],
    last: [
      'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
      'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel',
      'Khan', 'Murphy', "O'Brien", 'Kelly', 'Walsh', 'Miller', 'Garcia', 'Nguyen', 'Campbell', 'Stewart',
      'Hughes', 'Edwards', 'Baker'
    ]
  },
  fr: {
    first: [
      'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Julie', 'Élodie', 'Mathilde', 'Margaux', 'Lucas', 'Hugo',
      'Théo', 'Louis', 'Antoine', 'Julien', 'Maxime', 'Nicolas', 'Baptiste', 'Clément', 'Sébastien'
    ],
    last: [
      'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
      'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'Fournier', 'Girard', 'Bonnet', 'Lambert', 'Rousseau'
    ]
  },
  es: {
    first: [
      'Lucía', 'Sofía', 'Martina', 'María', 'Paula', 'Carmen', 'Elena', 'Marta', 'Nerea', 'Alejandro', 'Pablo',
      'Daniel', 'Javier', 'Sergio', 'Diego', 'Álvaro', 'Adrián', 'Raúl', 'Iker', 'Jorge'
    ],
    last: [
      'García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez',
      'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Navarro', 'Torres'
    ]
  },
  it: {
    first: [
      'Giulia', 'Francesca', 'Chiara', 'Sara', 'Martina', 'Alessia', 'Federica', 'Elisa', 'Valentina', 'Marco',
      'Luca', 'Alessandro', 'Andrea', 'Matteo', 'Lorenzo', 'Davide', 'Simone', 'Giorgio', 'Paolo', 'Riccardo'
    ],
    last: [
      'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
      'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti'
    ]
  },
  nl: {
    first: [
      'Sanne', 'Lotte', 'Emma', 'Fleur', 'Anouk', 'Femke', 'Iris', 'Noor', 'Lieke', 'Daan', 'Sem', 'Bram',
      'Thijs', 'Ruben', 'Jesse', 'Niels', 'Joost', 'Maarten', 'Sven', 'Tim'
    ],
    last: [
      'de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit',
      'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer'
    ]
  },
  pl: {
    first: [
      'Anna', 'Katarzyna', 'Magdalena', 'Agnieszka', 'Joanna', 'Zofia', 'Aleksandra', 'Natalia', 'Piotr',
      'Krzysztof', 'Tomasz', 'Paweł', 'Michał', 'Marcin', 'Łukasz', 'Jakub', 'Kamil', 'Mateusz', 'Grzegorz', 'Wojciech'
    ],
    last: [
      'Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński',
      'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Kwiatkowski', 'Krawczyk',
      'Piotrowski', 'Grabowski', 'Nowakowski', 'Pawłowski'
    ]
  }
}

const HOBBIES = ['runs', 'codes', 'photo', 'bikes', 'travels', 'tech', 'music', 'cooks', 'plays', 'design', 'reads']
const NAME_EMOJI = ['🌻', '☕', '🚴', '📷', '🎧', '🌿', '⚽', '🐈', '🏔️', '🎸']

const CAST_STREAM = 0xca57

/** Handles are ASCII: umlauts become ae/oe/ue (as Germans type them), other accents are dropped. */
export function toHandlePart(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '')
}

/** Polish surnames in -ski/-cki/-dzki take -ska/-cka/-dzka for women (first names ending in -a). */
function surnameFor(language: DemoLanguage, first: string, last: string): string {
  if (language === 'pl' && first.endsWith('a') && /(sk|ck|dzk)i$/.test(last)) return `${last.slice(0, -1)}a`
  return last
}

function makeHandle(rng: Rng, first: string, last: string): string {
  const f = toHandlePart(first)
  const l = toHandlePart(last)
  const r = rng.next()
  const twoDigits = String(rng.int(100)).padStart(2, '0')
  if (r < 0.3) return `${f}.${l}`
  if (r < 0.42) return `${f}${l}`
  if (r < 0.5) return `${f}_${l}`
  if (r < 0.6) return `${f}.${l}${twoDigits}`
  if (r < 0.72) return `${f}${rng.chance(0.5) ? twoDigits : String(1975 + rng.int(31))}`
  if (r < 0.8) return `${f.charAt(0)}${l}`
  if (r < 0.85) return `${l}.${f}`
  return `${f}${rng.chance(0.5) ? '_' : '.'}${rng.pick(HOBBIES)}`
}

function makeDisplayName(rng: Rng, first: string, last: string): string {
  const r = rng.next()
  if (r < 0.55) return `${first} ${last}`
  if (r < 0.67) return `${first} ${last.charAt(0)}.`
  if (r < 0.77) return first
  if (r < 0.82) return first.toLowerCase()
  if (r < 0.92) return `${first} ${last} ${rng.pick(NAME_EMOJI)}`
  return `${first.charAt(0)}. ${last}`
}

/** Followers of an ordinary customer: log-normal, median about 260, mostly 20–3,000. */
function customerFollowers(rng: Rng): number {
  const value = Math.exp(Math.log(260) + 1.15 * rng.normal())
  return Math.max(3, Math.min(40_000, Math.round(value)))
}

function demoAuthor(handle: string, displayName: string, followers: number): Author {
  return { id: `demo:${handle}`, network: 'demo', handle, displayName, followers, avatarUrl: null, url: null }
}

export interface Cast {
  /** Customers per language, the most active first (the generator picks with a skew). */
  customers: Record<DemoLanguage, readonly CastMember[]>
  influencers: readonly CastMember[]
}

/** Build the cast for a seed: deterministic, handles unique. */
export function buildCast(seed: number): Cast {
  const rng = new Rng(hashSeed(seed, 0, CAST_STREAM))
  const taken = new Set<string>([BRAND.handle])
  const influencers: CastMember[] = INFLUENCERS.map((def) => {
    taken.add(def.handle)
    return { author: demoAuthor(def.handle, def.displayName, def.followers), language: def.language, influencer: true }
  })
  const build = (language: DemoLanguage): CastMember[] => {
    const names = NAMES[language]
    const members: CastMember[] = []
    for (let i = 0; i < CUSTOMERS_PER_LANGUAGE[language]; i++) {
      const first = rng.pick(names.first)
      const last = surnameFor(language, first, rng.pick(names.last))
      let handle = makeHandle(rng, first, last)
      while (taken.has(handle)) handle = `${handle}${rng.int(10)}`
      taken.add(handle)
      const author = demoAuthor(handle, makeDisplayName(rng, first, last), customerFollowers(rng))
      members.push({ author, language, influencer: false })
    }
    return members
  }
  // Built in a fixed order: the shared generator makes the cast depend on it.
  const customers: Record<DemoLanguage, readonly CastMember[]> = {
    de: build('de'),
    en: build('en'),
    fr: build('fr'),
    es: build('es'),
    it: build('it'),
    nl: build('nl'),
    pl: build('pl')
  }
  return { customers, influencers }
}
