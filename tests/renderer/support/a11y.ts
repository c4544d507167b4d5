/**
 * Finding elements the way a person (or a screen reader) does: by role and accessible name.
 * A small subset of the ARIA rules — implicit roles of the elements Earshot uses, names from
 * aria-labelledby, aria-label, <legend>/<label>, content and title — enough to keep tests
 * from depending on CSS classes.
 */

const NAME_FROM_CONTENT = new Set(['button', 'link', 'heading', 'radio', 'checkbox', 'tab', 'menuitem', 'option', 'cell', 'listitem', 'paragraph'])

function isHidden(el: Element): boolean {
  return el.closest('[aria-hidden="true"], [hidden]') !== null
}

/** The element's role: explicit first, else the implicit role of its tag. */
export function roleOf(el: Element): string | null {
  const explicit = el.getAttribute('role')?.trim().split(/\s+/)[0]
  if (explicit) return explicit
  const tag = el.tagName.toLowerCase()
  switch (tag) {
    case 'article':
      return 'article'
    case 'section':
      return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? 'region' : null
    case 'button':
      return 'button'
    case 'a':
      return el.hasAttribute('href') ? 'link' : null
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return 'heading'
    case 'nav':
      return 'navigation'
    case 'dialog':
      return 'dialog'
    case 'form':
      return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? 'form' : null
    case 'main':
      return 'main'
    case 'header':
      return el.parentElement?.closest('article, section, main, aside, nav') ? null : 'banner'
    case 'ul':
    case 'ol':
      return 'list'
    case 'li':
      return 'listitem'
    case 'time':
      return 'time'
    case 'img':
      // alt="" marks a decorative image: no role, screen readers skip it.
      return el.getAttribute('alt') ? 'img' : null
    case 'fieldset':
      return 'group'
    case 'p':
      return 'paragraph'
    case 'textarea':
      return 'textbox'
    case 'select':
      return el.hasAttribute('multiple') || Number(el.getAttribute('size') ?? '1') > 1 ? 'listbox' : 'combobox'
    case 'blockquote':
      return 'blockquote'
    case 'input': {
      const type = (el.getAttribute('type') ?? 'text').toLowerCase()
      // As in ARIA (and Playwright): a password field has no role; find it by its label.
      if (type === 'password') return null
      if (type === 'radio') return 'radio'
      if (type === 'checkbox') return 'checkbox'
      if (type === 'button' || type === 'submit') return 'button'
      if (type === 'search') return 'searchbox'
      return 'textbox'
    }
    default:
      return null
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Text a subtree contributes to a name: skips aria-hidden parts, uses role=img labels. */
function textOf(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? ''
  if (!(node instanceof Element)) return ''
  if (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden')) return ''
  if (node.getAttribute('role') === 'img' && node.hasAttribute('aria-label')) return ` ${node.getAttribute('aria-label')} `
  let out = ''
  for (const child of Array.from(node.childNodes)) out += textOf(child)
  const tag = node.tagName.toLowerCase()
  return /^(div|p|li|h\d|section|article|header|footer)$/.test(tag) ? ` ${out} ` : out
}

/** The accessible name (simplified accname). */
export function nameOf(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby')
  if (labelledBy) {
    // Detached trees (components mounted without attachTo) are searched from their root.
    const root = el.getRootNode()
    const parts = labelledBy
      .split(/\s+/)
      .map((id) => el.ownerDocument.getElementById(id) ?? (root instanceof Element ? root.querySelector(`[id="${id}"]`) : null))
      .filter((ref): ref is Element => ref !== null)
      .map((ref) => textOf(ref))
    return collapse(parts.join(' '))
  }
  const label = el.getAttribute('aria-label')
  if (label !== null) return collapse(label)
  const tag = el.tagName.toLowerCase()
  if (tag === 'img' && el.getAttribute('alt')) return collapse(el.getAttribute('alt') ?? '')
  if (tag === 'fieldset') {
    const legend = el.querySelector('legend')
    if (legend) return collapse(textOf(legend))
  }
  if (tag === 'input' || tag === 'textarea' || tag === 'select') {
    const id = el.getAttribute('id')
    const labelEl = el.closest('label') ?? (id ? el.ownerDocument.querySelector(`label[for="${id}"]`) : null)
    if (labelEl) return collapse(textOf(labelEl))
  }
  const role = roleOf(el)
  if (role && NAME_FROM_CONTENT.has(role)) {
    const text = collapse(textOf(el))
    if (text) return text
  }
  return collapse(el.getAttribute('title') ?? '')
}

export interface RoleQuery {
  /** Exact name, or a pattern. */
  name?: string | RegExp
}

function nameMatches(el: Element, name: string | RegExp | undefined): boolean {
  if (name === undefined) return true
  const actual = nameOf(el)
  return typeof name === 'string' ? actual === name : name.test(actual)
}

/** Every visible element with this role (and name), in document order. */
export function queryAllByRole(root: Element, role: string, query: RoleQuery = {}): HTMLElement[] {
  const all = [root, ...Array.from(root.querySelectorAll('*'))]
  return all.filter(
    (el): el is HTMLElement =>
      el instanceof HTMLElement && roleOf(el) === role && !isHidden(el) && nameMatches(el, query.name)
  )
}

export function queryByRole(root: Element, role: string, query: RoleQuery = {}): HTMLElement | null {
  const found = queryAllByRole(root, role, query)
  if (found.length > 1) throw new Error(`Found ${found.length} elements with role "${role}" and name ${String(query.name)}`)
  return found[0] ?? null
}

/** Exactly one element with this role and name, or an error listing what there is. */
export function getByRole(root: Element, role: string, query: RoleQuery = {}): HTMLElement {
  const found = queryByRole(root, role, query)
  if (!found) {
    const seen = queryAllByRole(root, role).map((el) => JSON.stringify(nameOf(el)))
    throw new Error(`No element with role "${role}" and name ${String(query.name)}. Seen: ${seen.join(', ') || 'none'}`)
  }
  return found
}

/** The text an element offers assistive technology (aria-hidden parts left out), collapsed. */
export function accessibleText(el: Element): string {
  return collapse(textOf(el))
}

/** The form field (input, textarea, select) whose label says `text`, as a person finds a password field. */
export function getByLabelText(root: Element, text: string | RegExp): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const fields = Array.from(root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')).filter(
    (el) => !isHidden(el) && nameMatches(el, text)
  )
  const found = fields[0]
  if (!found || fields.length > 1) {
    throw new Error(`Expected one field labelled ${String(text)}, found ${fields.length}. Seen: ${Array.from(root.querySelectorAll('input, textarea, select')).map((el) => JSON.stringify(nameOf(el))).join(', ')}`)
  }
  return found
}
