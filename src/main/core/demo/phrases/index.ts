import { de } from './de'
import { en } from './en'
import { es } from './es'
import { fr } from './fr'
import { it } from './it'
import { nl } from './nl'
import { pl } from './pl'
import type { DemoLanguage, PhraseBook, ProductKind } from './types'

export * from './types'

/** One phrase book per demo language. */
export const PHRASES: Record<DemoLanguage, PhraseBook> = { de, en, fr, es, it, nl, pl }

/*
 * Language-neutral pools. Empty strings are deliberate: most posts carry no emoji or hashtag,
 * and the share of empties sets how often one appears.
 */
export const EMOJI = {
  neg: ['', '', '', '', '🙄', '😤', '😡', '🤬', '😩', '😞', '🤦', '🤦‍♀️', '🤦‍♂️', '💀', '😠', '🙃'],
  pos: ['', '', '', '😍', '🙌', '👏', '❤️', '🔥', '💯', '😊', '🥳', '✨', '👍'],
  neu: ['', '', '', '', '🤔', '👀', '😅', '🤷', '☕', '📦', '😄']
} as const

export const HASHTAGS: Record<ProductKind, readonly string[]> = {
  laptop: ['', '', '', '', '#Lumora', '#LumoraBook', '#Laptop'],
  phone: ['', '', '', '', '#Lumora', '#PhoneX', '#Smartphone'],
  buds: ['', '', '', '', '#Lumora', '#LumoraBuds'],
  cloud: ['', '', '', '', '#Lumora', '#LumoraCloud']
}

export const OUTAGE_TAGS = {
  cloud: ['#LumoraDown', '#LumoraCloud', '#LumoraDown'],
  update: ['#LumoraUpdate', '#Lumora', '#LumoraDown']
} as const

export const LAUNCH_TAGS: readonly string[] = ['', '#LumoraEvent', '#Lumora', '#LumoraLaunch']
