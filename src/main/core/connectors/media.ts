/**
 * Building `PostMedia` items for the connectors' mapping: one place that decides which
 * addresses are kept (absolute http(s) only, via the external-link policy) and how sizes are read.
 */
import type { PostMedia, PostMediaKind } from '@shared/domain/post'
import { isAllowedExternalUrl } from '../security/external-links'

/** `url` when it is an absolute http(s) address the app may open, else null. */
export function httpUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null
  const trimmed = url.trim()
  return /^https?:/i.test(trimmed) && isAllowedExternalUrl(trimmed) ? trimmed : null
}

/** A pixel size: a positive finite number (rounded), else null. */
function pixels(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : null
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

export interface MediaInput {
  url: unknown
  previewUrl?: unknown
  description?: unknown
  width?: unknown
  height?: unknown
}

/** One media item, or null when its address is not http(s) (the item is dropped). */
export function mediaItem(kind: PostMediaKind, input: MediaInput): PostMedia | null {
  const url = httpUrl(input.url)
  if (url === null) return null
  return {
    kind,
    url,
    previewUrl: httpUrl(input.previewUrl),
    description: text(input.description),
    width: pixels(input.width),
    height: pixels(input.height)
  }
}

/** The kind of a file from its MIME type (`image/png`) or Media RSS `medium`, or null when it is none of them. */
export function kindOfMime(type: unknown, medium?: unknown): PostMediaKind | null {
  const m = typeof medium === 'string' ? medium.trim().toLowerCase() : ''
  if (m === 'image' || m === 'video' || m === 'audio') return m
  const t = typeof type === 'string' ? type.trim().toLowerCase() : ''
  if (t.startsWith('image/')) return 'image'
  if (t.startsWith('video/')) return 'video'
  if (t.startsWith('audio/')) return 'audio'
  return null
}

/** `items` without the dropped ones and without a second item for the same URL. */
export function compactMedia(items: ReadonlyArray<PostMedia | null>): PostMedia[] {
  const seen = new Set<string>()
  const out: PostMedia[] = []
  for (const item of items) {
    if (!item || seen.has(item.url)) continue
    seen.add(item.url)
    out.push(item)
  }
  return out
}
