/**
 * Masks private data in post text before a wall screen shows it to a whole office: e-mail
 * addresses (also written "anna (at) example (dot) com") and phone numbers in international
 * and national formats. Dates, prices, times, IP addresses, order and reference numbers stay
 * as they are: a wall that hides every number would hide the news.
 *
 * Phone numbers are found by shape, not by a catalogue of national plans, so the rules lean
 * towards fewer false alarms:
 * - with a country prefix (+49 …, 0049 …): 8–15 digits (E.164's limit), any grouping;
 * - national, with a trunk 0 or an area code in brackets (030 1234567, (555) 123-4567): 9–12 digits
 *   in at least two groups;
 * - national without a trunk 0, only in the groupings phones are written in (333 123 4567,
 *   600 123 456, 612 34 56 78, 1-800-555-1234);
 * - never right after a currency sign or words like "order", "invoice", "Nr.", "#", never
 *   before a currency, and never an unbroken run of digits without a "+" (a bare 0171… could
 *   as well be a customer number).
 */

export const EMAIL_MASK = '[e-mail hidden]'
export const PHONE_MASK = '[phone hidden]'

const LOCAL = String.raw`[\p{L}\p{N}._%+-]+`
const DOMAIN = String.raw`[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`
/** Not preceded by "@" or a word character: "@anna@social.example" is a public fediverse handle. */
const EMAIL = new RegExp(String.raw`(?<![@\p{L}\p{N}._%+-])${LOCAL}@${DOMAIN}`, 'gu')
const AT = String.raw`\s*[[(]\s*at\s*[\])]\s*`
const DOT = String.raw`(?:\s*[[(]\s*dot\s*[\])]\s*|\.)`
const OBFUSCATED_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])${LOCAL}${AT}[\p{L}\p{N}-]+(?:${DOT}[\p{L}\p{N}-]+)*${DOT}\p{L}{2,}(?![\p{L}\p{N}])`,
  'giu'
)

/** A run that might be a phone number: optional +, digits with spaces, dots, dashes, slashes and brackets. */
const PHONE_RUN = /(?:\+\s?|\(\s?)?\d[\d \u00a0().\/-]*\d/g
/** Where one run holds two numbers: "030 123456 / 0171 1234567". */
const LIST_SEPARATOR = /(\s+[/|-]\s+|\s{2,})/
const SEPARATOR_RUN = /[^\d]+/g
/** What may stand between digit groups: one separator, or a bracket with a space around it. */
const ALLOWED_SEPARATORS = new Set([' ', '\u00a0', '-', '.', '/', '(', ')', ' (', ') ', '\u00a0(', ')\u00a0', ')-', ')/'])
/** Groupings of national numbers written without a trunk 0 (NANP, Italian and Polish mobiles, Spain). */
const NATIONAL_GROUPINGS = new Set(['3-3-4', '1-3-3-4', '3-3-3', '3-2-2-2', '3-4-4'])
/** "Order 123 456 789", "Rechnung Nr. 0301 234567", "#555 123 4567": a reference, not a phone. */
const REFERENCE_BEFORE =
  /(?:(?:^|[^\p{L}])(?:order|invoice|ticket|tracking|case|ref|reference|account|iban|isbn|serial|bestell\p{L}*|rechnung\p{L}*|auftrag\p{L}*|sendung\p{L}*|kunden\p{L}*|commande|facture|pedido|factura|ordine|fattura|zam[oó]wieni\p{L}*|faktur\p{L}*|bestelling|nr|no|n°|nº)\.?|#)\s*[:#]?\s*(?:nr|no|n°|nº|number|nummer)?\.?\s*[:#]?\s*$/iu
/** "Tel. Nr. 030 …", "Phone no.: …": the reference words above, but about a phone. */
const PHONE_BEFORE = /(?:^|[^\p{L}])(?:tel|phone|fon|fax|mobil|handy|cell|call|ruf|appel|llam|chiam|zadzwo|whatsapp|sms)\p{L}*\.?\s*(?:nr|no|n°|nº|number|nummer|num[eé]ro|n[uú]mero)?\.?\s*[:.]?\s*$/iu
const CURRENCY_BEFORE = /[$€£¥₹₽₺]\s?$|\b(?:eur|usd|gbp|chf|pln|zł)\s?$/iu
const CURRENCY_AFTER = /^\s?(?:[$€£¥₹₽₺%]|(?:eur|usd|gbp|chf|pln|zł|euros?|dollars?|k\b|m\b))/iu

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}_@#]/u.test(ch)
}

/** Whether `run`, found at `start` in `text`, is a phone number (see the rules above). */
function isPhoneNumber(text: string, run: string, start: number): boolean {
  const before = text.slice(0, start)
  const after = text.slice(start + run.length)
  const prev = before[before.length - 1]
  // Part of a longer token: a word, a decimal (1,5 / 2.5), a range or a path.
  if (isWordChar(prev) || (prev !== undefined && '.,/-+'.includes(prev))) return false
  if (isWordChar(after[0]) || /^[.,:/-]\d/.test(after)) return false
  const context = before.slice(-32)
  if ((REFERENCE_BEFORE.test(context) && !PHONE_BEFORE.test(context)) || CURRENCY_BEFORE.test(context) || CURRENCY_AFTER.test(after)) return false

  const trimmed = run.replace(/^\+\s?/, '+')
  const international = trimmed.startsWith('+') || /^00[1-9]/.test(trimmed)
  const separators = trimmed.replace(/^\+/, '').match(SEPARATOR_RUN) ?? []
  // Brackets must pair up; "12) 345" is a list item, not an area code.
  if ((trimmed.match(/\(/g) ?? []).length !== (trimmed.match(/\)/g) ?? []).length) return false
  const inner = trimmed.startsWith('(') ? separators.slice(1) : separators
  if (inner.some((separator) => !ALLOWED_SEPARATORS.has(separator))) return false
  const groups = trimmed.match(/\d+/g) ?? []
  const digits = groups.join('').length

  if (international) {
    if (digits < 8 || digits > 15) return false
    if (groups.length === 1) return trimmed.startsWith('+')
    // "+10 000 000 views": a count, not a number to call.
    return !groups.slice(1).every((group) => /^0+$/.test(group))
  }
  if (groups.length < 2 || digits < 9 || digits > 12) return false
  // Dotted quads are addresses (192.168.100.200), not phones.
  if (separators.every((s) => s === '.') && groups.length === 4 && groups.every((g) => g.length <= 3)) return false
  if (trimmed.startsWith('(') || groups[0]?.startsWith('0')) return groups.slice(1).every((group) => group.length >= 2)
  return NATIONAL_GROUPINGS.has(groups.map((group) => group.length).join('-'))
}

function maskRun(text: string, run: string, offset: number): string {
  if (isPhoneNumber(text, run, offset)) return PHONE_MASK
  // "(030 1234567)": the bracket encloses the number rather than an area code.
  if (run.startsWith('(') && isPhoneNumber(text, run.slice(1), offset + 1)) return `(${PHONE_MASK}`
  return run
}

function maskPhones(text: string): string {
  return text.replace(PHONE_RUN, (run: string, offset: number) => {
    if (!LIST_SEPARATOR.test(run)) return maskRun(text, run, offset)
    let at = offset
    return run
      .split(LIST_SEPARATOR)
      .map((part, index) => {
        const masked = index % 2 === 0 && part !== '' ? maskRun(text, part, at) : part
        at += part.length
        return masked
      })
      .join('')
  })
}

/** Masks e-mail addresses and phone numbers in plain text. */
export function maskPrivateText(text: string): string {
  return maskPhones(text.replace(EMAIL, EMAIL_MASK).replace(OBFUSCATED_EMAIL, EMAIL_MASK))
}

const TAG = /<(?:[^>"']|"[^"]*"|'[^']*')*>/g
const ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp|#39));/gi
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" }
/** mailto: and tel: links carry the address in the markup itself. */
const PRIVATE_HREF = /\shref\s*=\s*(?:"\s*(?:mailto|tel|sms):[^"]*"|'\s*(?:mailto|tel|sms):[^']*')/gi

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : null
    if (code !== null) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    return NAMED[(name ?? '').toLowerCase()] ?? whole
  })
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;')
}

/**
 * Masks e-mail addresses and phone numbers in (sanitized) HTML: only text between tags is
 * changed, so the markup stays intact; links to mailto:/tel: lose their address.
 */
export function maskPrivateHtml(html: string): string {
  let out = ''
  let last = 0
  for (const match of html.matchAll(TAG)) {
    const at = match.index
    out += maskTextNode(html.slice(last, at))
    out += match[0].replace(PRIVATE_HREF, '')
    last = at + match[0].length
  }
  return out + maskTextNode(html.slice(last))
}

function maskTextNode(encoded: string): string {
  if (encoded === '') return encoded
  const decoded = decodeEntities(encoded)
  const masked = maskPrivateText(decoded)
  // Untouched text keeps its exact encoding.
  return masked === decoded ? encoded : escapeText(masked)
}
