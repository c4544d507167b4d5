import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import { defineStore } from 'pinia'
import type { EventMap } from '@shared/contract/domains'
import type { Intent } from '@shared/domain/intent'
import type { Post } from '@shared/domain/post'
import type {
  Person,
  PostTriage,
  RoutingRule,
  RuleTestResult,
  SlaPolicy,
  Team,
  TriageActivity,
  TriageChange,
  TriageConfig,
  TriageCounters,
  TriageNote
} from '@shared/domain/triage'
import { api } from '@renderer/lib/api'
import { upsertById } from '@renderer/lib/collections'
import { errorMessage, errorSentence } from '@renderer/lib/errors'
import { useConnectionStore } from './connection'
import { useSystemStore } from './system'

/** What an action did: done, or a sentence saying why not. */
export type TriageOutcome<T = void> = { ok: true; value: T } | { ok: false; message: string }

/** A card's menu that a keyboard shortcut asks to open. */
export type TriageMenu = 'assign' | 'snooze'

export type SlaWarning = EventMap['sla:warning'] & { receivedAt: number }

/** Where the person's "notify me before SLA breaches" choice is kept (per screen). */
const NOTIFY_KEY = 'earshot.triage.notify'
/** Counters follow new and changed posts, at most this often. */
const COUNTERS_DEBOUNCE_MS = 1500
/** …and refresh on their own so "oldest 42 min" and breaches move while nothing arrives. */
const COUNTERS_REFRESH_MS = 60_000
/** Toasts stay this long unless closed. */
const TOAST_MS = 20_000

/** The person's stored choice, or null when they never chose. */
function readNotifyChoice(): boolean | null {
  try {
    const value = globalThis.localStorage?.getItem(NOTIFY_KEY)
    return value === 'on' ? true : value === 'off' ? false : null
  } catch {
    return null
  }
}

async function attempt<T>(run: () => Promise<T>, prefix: string): Promise<TriageOutcome<T>> {
  try {
    return { ok: true, value: await run() }
  } catch (e) {
    return { ok: false, message: `${prefix}: ${errorSentence(e)}` }
  }
}

/**
 * Triage in the UI: the team's setup (kept fresh by `triage:config`), the live counters, the
 * posts selected for bulk actions, the actions on posts, and SLA warnings (toast + desktop
 * notification). Posts themselves stay in the columns store; what an action returns is kept
 * here until the columns have re-read the post (`posts:changed`).
 */
export const useTriageStore = defineStore('triage', () => {
  const system = useSystemStore()

  // --- setup ---
  const config = ref<TriageConfig | null>(null)
  const configStatus = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const configError = ref<string | null>(null)

  async function loadConfig(): Promise<void> {
    if (configStatus.value !== 'ready') configStatus.value = 'loading'
    try {
      config.value = await api.triage.config()
      configStatus.value = 'ready'
      configError.value = null
    } catch (e) {
      configError.value = errorMessage(e)
      if (configStatus.value !== 'ready') configStatus.value = 'error'
    }
  }

  const teams = computed<Team[]>(() => config.value?.teams ?? [])
  const people = computed<Person[]>(() => config.value?.people ?? [])
  const rules = computed<RoutingRule[]>(() => config.value?.rules ?? [])

  function teamName(id: string | null): string | null {
    if (!id) return null
    return teams.value.find((t) => t.id === id)?.name ?? null
  }

  function personName(id: string | null): string | null {
    if (!id) return null
    return people.value.find((p) => p.id === id)?.name ?? null
  }

  function peopleOf(teamId: string | null): Person[] {
    return people.value.filter((p) => p.teamId === teamId)
  }

  function patchConfig(patch: Partial<TriageConfig>): void {
    if (config.value) config.value = { ...config.value, ...patch }
  }

  async function saveTeam(team: Team): Promise<TriageOutcome<Team>> {
    const result = await attempt(() => api.triage.saveTeam({ team }), 'Could not save the team')
    if (result.ok) patchConfig({ teams: upsertById(teams.value, result.value) })
    return result
  }

  async function removeTeam(id: string): Promise<TriageOutcome> {
    const result = await attempt(() => api.triage.removeTeam({ id }), 'Could not remove the team')
    if (result.ok) {
      patchConfig({
        teams: teams.value.filter((t) => t.id !== id),
        people: people.value.map((p) => (p.teamId === id ? { ...p, teamId: null } : p))
      })
    }
    return result
  }

  async function savePerson(person: Person): Promise<TriageOutcome<Person>> {
    const result = await attempt(() => api.triage.savePerson({ person }), 'Could not save the person')
    if (result.ok) patchConfig({ people: upsertById(people.value, result.value) })
    return result
  }

  async function removePerson(id: string): Promise<TriageOutcome> {
    const result = await attempt(() => api.triage.removePerson({ id }), 'Could not remove the person')
    if (result.ok) patchConfig({ people: people.value.filter((p) => p.id !== id) })
    return result
  }

  async function saveRule(rule: RoutingRule): Promise<TriageOutcome<RoutingRule>> {
    const result = await attempt(() => api.triage.saveRule({ rule }), 'Could not save the rule')
    if (result.ok) patchConfig({ rules: upsertById(rules.value, result.value) })
    return result
  }

  async function removeRule(id: string): Promise<TriageOutcome> {
    const result = await attempt(() => api.triage.removeRule({ id }), 'Could not remove the rule')
    if (result.ok) patchConfig({ rules: rules.value.filter((r) => r.id !== id) })
    return result
  }

  /** Moves a rule one place up (-1) or down (+1): the first matching rule wins, so order matters. */
  async function moveRule(id: string, by: -1 | 1): Promise<TriageOutcome> {
    const ids = rules.value.map((r) => r.id)
    const from = ids.indexOf(id)
    const to = from + by
    if (from < 0 || to < 0 || to >= ids.length) return { ok: true, value: undefined }
    ids.splice(from, 1)
    ids.splice(to, 0, id)
    const result = await attempt(() => api.triage.reorderRules({ ids }), 'Could not reorder the rules')
    if (!result.ok) return result
    patchConfig({ rules: result.value })
    return { ok: true, value: undefined }
  }

  function testRule(rule: RoutingRule): Promise<TriageOutcome<RuleTestResult>> {
    return attempt(() => api.triage.testRule({ rule, days: 7 }), 'Could not test the rule')
  }

  async function saveSla(sla: SlaPolicy): Promise<TriageOutcome<SlaPolicy>> {
    const result = await attempt(() => api.triage.saveSla({ sla }), 'Could not save the SLA targets')
    if (result.ok) patchConfig({ sla: result.value })
    return result
  }

  async function setWatched(authorId: string, watched: boolean): Promise<TriageOutcome> {
    const result = await attempt(() => api.triage.setWatched({ authorId, watched }), 'Could not change the watchlist')
    if (result.ok && config.value) {
      const rest = config.value.watchlist.filter((id) => id !== authorId)
      patchConfig({ watchlist: watched ? [...rest, authorId] : rest })
    }
    return result
  }

  // --- counters ---
  const counters = ref<TriageCounters | null>(null)
  let countersTimer: ReturnType<typeof setTimeout> | null = null
  let countersInterval: ReturnType<typeof setInterval> | null = null

  async function loadCounters(): Promise<void> {
    try {
      counters.value = await api.triage.counters()
    } catch {
      // The header keeps the last figures; the next change or tick tries again.
    }
  }

  function countersSoon(): void {
    if (countersTimer || !counters.value) return
    countersTimer = setTimeout(() => {
      countersTimer = null
      void loadCounters()
    }, COUNTERS_DEBOUNCE_MS)
  }

  /** Starts the counters (first load, then live); the header calls it once. */
  function watchCounters(): void {
    if (countersInterval) return
    void loadCounters()
    countersInterval = setInterval(() => void loadCounters(), COUNTERS_REFRESH_MS)
  }

  // --- what actions returned, until the columns have the post again ---
  /*
   * The per-post collections below (latest, busy, errors, selection) are shallow refs to plain
   * Maps and Sets that are replaced, never changed in place. A deep ref would make them reactive
   * collections, and every card's `busy.has(id)` would leave a dependency keyed by that post id
   * in the collection: Vue does not remove it when the card's computed goes, so a deck left open
   * kept four per post that ever passed through a column (the heap grew all day).
   */
  const latest = shallowRef<ReadonlyMap<string, PostTriage>>(new Map())

  function remember(posts: readonly Post[]): void {
    const next = new Map(latest.value)
    for (const post of posts) if (post.triage) next.set(post.id, post.triage)
    latest.value = next
    countersSoon()
  }

  /** The post's triage as the last action left it, else as the post carries it. */
  function triageOf(post: Post): PostTriage | null {
    return latest.value.get(post.id) ?? post.triage
  }

  /** The columns re-read the post: from now on it speaks for itself. */
  function forget(id: string): void {
    if (!latest.value.has(id)) return
    const next = new Map(latest.value)
    next.delete(id)
    latest.value = next
  }

  /** Posts with an action on the way (their buttons wait). */
  const busy = shallowRef<ReadonlySet<string>>(new Set())
  /** The last failed action per post, as a sentence. */
  const errors = shallowRef<ReadonlyMap<string, string>>(new Map())

  function setBusy(ids: readonly string[], on: boolean): void {
    const next = new Set(busy.value)
    for (const id of ids) {
      if (on) next.add(id)
      else next.delete(id)
    }
    busy.value = next
  }

  function setError(ids: readonly string[], message: string | null): void {
    const next = new Map(errors.value)
    for (const id of ids) {
      if (message) next.set(id, message)
      else next.delete(id)
    }
    errors.value = next
  }

  async function run<T>(ids: readonly string[], prefix: string, call: () => Promise<T>): Promise<TriageOutcome<T>> {
    setBusy(ids, true)
    setError(ids, null)
    try {
      const result = await attempt(call, prefix)
      if (!result.ok) setError(ids, result.message)
      return result
    } finally {
      setBusy(ids, false)
    }
  }

  /** Status, team, assignee or tags of one or many posts. */
  async function update(ids: readonly string[], change: TriageChange): Promise<TriageOutcome<Post[]>> {
    if (ids.length === 0) return { ok: true, value: [] }
    const result = await run(ids, ids.length > 1 ? `Could not change ${ids.length} posts` : 'Could not change the post', () =>
      api.triage.update({ ids: [...ids], change })
    )
    if (result.ok) remember(result.value)
    return result
  }

  /** A person says what the post really is; Earshot learns from it and routes the post again. */
  async function correct(id: string, correction: { intent?: Intent; teamId?: string | null }): Promise<TriageOutcome<Post>> {
    const result = await run([id], 'Could not save the correction', () => api.triage.correct({ id, ...correction }))
    if (result.ok) remember([result.value])
    return result
  }

  async function addNote(id: string, text: string): Promise<TriageOutcome<TriageNote>> {
    return attempt(() => api.triage.addNote({ id, text }), 'Could not add the note')
  }

  function activity(id: string): Promise<TriageOutcome<TriageActivity>> {
    return attempt(() => api.triage.activity({ id }), 'Could not load the notes and history')
  }

  // --- selection for bulk actions ---
  const selection = shallowRef<ReadonlySet<string>>(new Set())
  const selectedIds = computed(() => [...selection.value])

  function isSelected(id: string): boolean {
    return selection.value.has(id)
  }

  function setSelected(id: string, on: boolean): void {
    if (on === selection.value.has(id)) return
    const next = new Set(selection.value)
    if (on) next.add(id)
    else next.delete(id)
    selection.value = next
  }

  function clearSelection(): void {
    selection.value = new Set()
  }

  /** A bulk action on the selection; the selection clears when it worked. */
  async function updateSelection(change: TriageChange): Promise<TriageOutcome<Post[]>> {
    const result = await update(selectedIds.value, change)
    if (result.ok) clearSelection()
    return result
  }

  // --- keyboard: a shortcut asks a card to open one of its menus ---
  const menuRequest = ref<{ postId: string; menu: TriageMenu; at: number } | null>(null)

  function requestMenu(postId: string, menu: TriageMenu): void {
    menuRequest.value = { postId, menu, at: Date.now() }
  }

  // --- SLA warnings: toasts and desktop notifications ---
  const warnings = ref<SlaWarning[]>([])
  const notifyChoice = ref(readNotifyChoice())
  /**
   * Desktop notifications are on where the person turned them on, and by default in the desktop
   * app (Electron allows them without asking); a browser asks only after the person's click.
   */
  const notify = computed(() => notifyChoice.value ?? system.info?.transport === 'electron')
  /** What the browser allows (`unsupported` where there is no Notification API). */
  const permission = ref<NotificationPermission | 'unsupported'>(
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission
  )

  /**
   * Turns desktop notifications on or off. Call it from a click: browsers only ask for
   * permission after a user gesture. Returns a sentence when they cannot be turned on.
   */
  async function setNotify(on: boolean): Promise<string | null> {
    if (on && typeof Notification !== 'undefined' && Notification.permission === 'default') {
      try {
        permission.value = await Notification.requestPermission()
      } catch {
        permission.value = Notification.permission
      }
    }
    if (on && permission.value === 'unsupported') return 'This browser cannot show desktop notifications; warnings appear inside Earshot.'
    if (on && permission.value === 'denied') {
      return 'Notifications are blocked for this page. Allow them in the browser’s site settings; warnings still appear inside Earshot.'
    }
    notifyChoice.value = on
    try {
      globalThis.localStorage?.setItem(NOTIFY_KEY, on ? 'on' : 'off')
    } catch {
      // Private mode: the choice lasts for this session.
    }
    return null
  }

  function dismissWarning(postId: string): void {
    warnings.value = warnings.value.filter((w) => w.postId !== postId)
  }

  function warningText(warning: EventMap['sla:warning']): string {
    const minutes = Math.max(0, Math.round((warning.dueAt - Date.now()) / 60_000))
    const team = warning.teamName ? ` for ${warning.teamName}` : ''
    return minutes > 0 ? `Reply due in ${minutes} min${team}` : `Reply due now${team}`
  }

  function onWarning(warning: EventMap['sla:warning']): void {
    warnings.value = [...warnings.value.filter((w) => w.postId !== warning.postId), { ...warning, receivedAt: Date.now() }].slice(-3)
    setTimeout(() => dismissWarning(warning.postId), TOAST_MS)
    if (notify.value && permission.value === 'granted' && typeof Notification !== 'undefined') {
      try {
        new Notification(warningText(warning), { body: warning.summary, tag: `sla-${warning.postId}` })
      } catch {
        // Some engines only allow notifications from a service worker; the toast still shows.
      }
    }
  }

  const stops = [
    api.on('triage:config', (next) => {
      config.value = next
      configStatus.value = 'ready'
      configError.value = null
    }),
    api.on('sla:warning', onWarning),
    api.on('posts:added', countersSoon),
    api.on('posts:changed', countersSoon)
  ]
  onScopeDispose(() => {
    for (const stop of stops) stop()
    if (countersTimer) clearTimeout(countersTimer)
    if (countersInterval) clearInterval(countersInterval)
  })

  const connection = useConnectionStore()
  watch(
    () => connection.reconnects,
    () => {
      void loadConfig()
      void loadCounters()
    }
  )

  /** A read-only wall-screen link looks but does not act. */
  const canAct = computed(() => system.info !== null && !system.readOnly)

  return {
    config,
    configStatus,
    configError,
    teams,
    people,
    rules,
    loadConfig,
    teamName,
    personName,
    peopleOf,
    saveTeam,
    removeTeam,
    savePerson,
    removePerson,
    saveRule,
    removeRule,
    moveRule,
    testRule,
    saveSla,
    setWatched,
    counters,
    loadCounters,
    watchCounters,
    latest,
    triageOf,
    forget,
    busy,
    errors,
    update,
    correct,
    addNote,
    activity,
    selection,
    selectedIds,
    isSelected,
    setSelected,
    clearSelection,
    updateSelection,
    menuRequest,
    requestMenu,
    warnings,
    notify,
    permission,
    setNotify,
    dismissWarning,
    warningText,
    canAct
  }
})
