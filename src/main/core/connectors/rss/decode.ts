/**
 * Bytes of a feed (or of the web page a feed is discovered from) → text.
 *
 * The order follows RFC 7303 §3 (XML media types) and what feed readers do in practice:
 * 1. a byte order mark (UTF-8, UTF-16 LE/BE) wins over everything: it cannot be there by accident;
 *    so do the zero bytes of UTF-16 without a BOM (`<` is `00 3C` or `3C 00`);
 * 2. the `charset` of the HTTP Content-Type;
 * 3. the XML declaration's `encoding` (or, for HTML pages, a `<meta charset>` near the top);
 * 4. UTF-8.
 *
 * Feeds lie about their encoding often enough that a wrong label must never crash or blank the
 * feed. Every label goes through `TextDecoder`'s WHATWG label table (so `ISO-8859-1` and `latin1`
 * mean windows-1252, as in every browser); a label it does not know is skipped, as is one that
 * cannot be true (a UTF-16 label on ASCII-compatible bytes, the `replacement` encoding).
 * When the chosen encoding is UTF-8 but the bytes are not valid UTF-8 — the classic Latin-1 feed
 * served as UTF-8 — the bytes are read as windows-1252 unless most of them *are* valid UTF-8, in
 * which case a few broken bytes become U+FFFD and the rest stays readable. The opposite lie
 * (UTF-8 bytes labelled ISO-8859-1/windows-1252) is caught too: bytes that are well-formed UTF-8
 * with non-ASCII characters are read as UTF-8, since Latin-1 prose practically never forms valid
 * UTF-8 sequences by chance. Nothing here throws.
 */

export interface DecodedText {
  text: string
  /** The WHATWG name of the encoding used, e.g. `utf-8`, `windows-1252`, `utf-16le`. */
  encoding: string
  /** Where the encoding came from, for diagnostics and tests. */
  source: 'bom' | 'sniffed' | 'content-type' | 'declaration' | 'default' | 'fallback'
}

export interface DecodeOptions {
  /** The HTTP Content-Type header, if any (its `charset` parameter is used). */
  contentType?: string | null
  /** Also look for an HTML `<meta charset>` / `http-equiv` in the first bytes (for web pages). */
  html?: boolean
}

/** How far into the document a declaration or meta tag is looked for (the HTML spec's prescan uses 1024). */
const PRESCAN_BYTES = 1024

/** The encoding a byte order mark announces, with the mark's length. */
function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 }
  return null
}

/** UTF-16 without a BOM still starts with `<` next to a zero byte; ASCII-compatible text never has zeros there. */
function sniffUtf16WithoutBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return 'utf-16be'
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return 'utf-16le'
  return null
}

/** The WHATWG encoding name for `label`, or null when the label is unknown or unusable. */
function resolveLabel(label: string | undefined | null): string | null {
  if (!label) return null
  try {
    const encoding = new TextDecoder(label.trim()).encoding
    // `replacement` (ISO-2022-KR and friends) decodes any input to a single U+FFFD.
    return encoding === 'replacement' ? null : encoding
  } catch {
    return null
  }
}

/** The `charset` parameter of a Content-Type header value. */
export function charsetOf(contentType: string | null | undefined): string | null {
  if (!contentType) return null
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType)
  const value = match?.[1] ?? match?.[2]
  return value ? value : null
}

/** ASCII view of the first bytes (for finding a declaration or meta tag). */
function prescan(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(PRESCAN_BYTES, bytes.byteLength)).toString('latin1')
}

/** The encoding named by the XML declaration, read as ASCII. */
function declaredXmlEncoding(head: string): string | null {
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(head)
  return match?.[1] ?? match?.[2] ?? null
}

/**
 * The encoding named by an HTML `<meta charset>` or `<meta http-equiv="content-type"
 * content="…; charset=…">` (one pattern: `charset=` anywhere inside a meta tag).
 */
function declaredHtmlEncoding(head: string): string | null {
  return /<meta\s[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head)?.[1] ?? null
}

/**
 * Whether a UTF-8 label found somewhere is believable for these bytes. Counts well-formed
 * multi-byte sequences against stray high bytes: Latin-1 text has the latter and hardly ever the
 * former; UTF-8 with a few corrupt bytes has many more of the former.
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0
  let invalid = 0
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i] ?? 0
    if (b < 0x80) {
      i++
      continue
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    let ok = need > 0 && i + need < bytes.length
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false
    }
    if (ok) {
      valid++
      i += need + 1
    } else {
      invalid++
      i++
    }
  }
  return valid > invalid
}

/** True when `bytes` are valid UTF-8 and contain at least one multi-byte character. */
function isStrictUtf8WithMultibyte(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

function decodeWith(encoding: string, bytes: Uint8Array, start: number, fatal: boolean): string {
  // ignoreBOM: true keeps a BOM we did not strip ourselves; we always strip it via `start`.
  return new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes.subarray(start))
}

/** Decode `bytes` as described in the header. Never throws. */
export function decodeFeedBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bom = sniffBom(bytes)
  if (bom) return { text: decodeWith(bom.encoding, bytes, bom.length, false), encoding: bom.encoding, source: 'bom' }

  // UTF-16 without a BOM shows in its zero bytes, whatever the labels say (and in whichever byte order).
  const utf16 = sniffUtf16WithoutBom(bytes)
  if (utf16) return { text: decodeWith(utf16, bytes, 0, false), encoding: utf16, source: 'sniffed' }
  // From here the bytes are ASCII-compatible, so a UTF-16 label (header or declaration) is a lie.
  const usable = (encoding: string | null): encoding is string => encoding !== null && !encoding.startsWith('utf-16')

  let chosen: { encoding: string; source: DecodedText['source'] } | null = null
  const fromHeader = resolveLabel(charsetOf(options.contentType))
  if (usable(fromHeader)) chosen = { encoding: fromHeader, source: 'content-type' }
  if (!chosen) {
    const head = prescan(bytes)
    const declared = resolveLabel(declaredXmlEncoding(head) ?? (options.html ? declaredHtmlEncoding(head) : null))
    if (usable(declared)) chosen = { encoding: declared, source: 'declaration' }
  }
  chosen ??= { encoding: 'utf-8', source: 'default' }

  if (chosen.encoding === 'windows-1252' && isStrictUtf8WithMultibyte(bytes)) {
    // Declared Latin-1/windows-1252 but the bytes are well-formed UTF-8 with non-ASCII characters:
    // the label is wrong (Latin-1 prose practically never forms valid UTF-8 sequences by chance).
    return { text: decodeWith('utf-8', bytes, 0, false), encoding: 'utf-8', source: 'fallback' }
  }
  if (chosen.encoding !== 'utf-8') {
    return { text: decodeWith(chosen.encoding, bytes, 0, false), encoding: chosen.encoding, source: chosen.source }
  }
  try {
    return { text: decodeWith('utf-8', bytes, 0, true), encoding: 'utf-8', source: chosen.source }
  } catch {
    if (mostlyUtf8(bytes)) return { text: decodeWith('utf-8', bytes, 0, false), encoding: 'utf-8', source: chosen.source }
    return { text: decodeWith('windows-1252', bytes, 0, false), encoding: 'windows-1252', source: 'fallback' }
  }
}
