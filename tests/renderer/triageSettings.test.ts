import { afterEach, describe, expect, test } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { nextTick } from 'vue'
import { ApiError } from '@shared/contract/errors'
import TriageHeader from '@renderer/components/triage/TriageHeader.vue'
import { useSystemStore } from '@renderer/stores/system'
import { createFakeApi, type FakeApi } from './support/fakeApi'
import { mountWith, unmountAll } from './support/mountApp'
import { T0 } from './support/fixtures'
import { TRIAGE_SETUP, triagedPost } from './support/triage'
import { accessibleText, getByLabelText, getByRole, queryByRole } from './support/a11y'

afterEach(() => {
  unmountAll()
})

async function openSettings(fake: FakeApi): Promise<HTMLElement> {
  await mountWith(fake, TriageHeader)
  await useSystemStore().load()
  await flushPromises()
  getByRole(document.body, 'button', { name: 'Triage' }).click()
  await flushPromises()
  return getByRole(document.body, 'dialog', { name: 'Triage' })
}

function type(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  field.value = value
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'))
}

function check(root: HTMLElement, name: string): void {
  getByRole(root, 'checkbox', { name }).click()
}

describe('the triage settings', () => {
  test('say what the model learned from corrections and how accurate it is on held-back ones', async () => {
    const dialog = await openSettings(createFakeApi({ triage: TRIAGE_SETUP }))
    const learning = getByRole(dialog, 'heading', { name: 'Learning' }).closest('section') as HTMLElement
    expect(accessibleText(learning)).toContain('Learned from 12 corrections · accuracy on held-back corrections 80% (5).')
  })

  test('before enough corrections there is no accuracy to show, and the line follows triage:config', async () => {
    const fake = createFakeApi({ triage: { ...TRIAGE_SETUP, learning: { corrections: 0, heldOutAccuracy: null, heldOutSize: 0 } } })
    const dialog = await openSettings(fake)
    expect(accessibleText(dialog)).toContain('Learned from 0 corrections · accuracy shows once there are enough to hold some back.')
    fake.emit('triage:config', { ...TRIAGE_SETUP, learning: { corrections: 1, heldOutAccuracy: null, heldOutSize: 0 } })
    await nextTick()
    expect(accessibleText(dialog)).toContain('Learned from 1 correction ·')
  })

  test('teams: add one with business hours; the core’s refusal is a sentence next to the form', async () => {
    const fake = createFakeApi({ triage: TRIAGE_SETUP })
    const dialog = await openSettings(fake)
    expect(accessibleText(dialog)).toContain('Europe/Berlin · Mon–Fri 09:00–17:00 · 2 people')
    expect(accessibleText(dialog)).toContain('UTC · around the clock · 1 person')

    getByRole(dialog, 'button', { name: 'Add team' }).click()
    await nextTick()
    const form = getByRole(dialog, 'form', { name: 'Add a team' })
    type(getByLabelText(form, 'Team name'), 'Product')
    type(getByLabelText(form, 'Time zone'), 'Europe/Berlin')
    check(form, 'Fri')

    fake.failNext('triage.saveTeam', new ApiError('invalid_input', 'A team with that name already exists.'))
    getByRole(form, 'button', { name: 'Add team' }).click()
    await flushPromises()
    expect(getByRole(form, 'alert').textContent).toBe('Could not save the team: A team with that name already exists.')

    getByRole(form, 'button', { name: 'Add team' }).click()
    await flushPromises()
    const saved = fake.callsOf('triage.saveTeam').map((c) => c.input as { team: { name: string; timeZone: string; hours: unknown } })
    expect(saved[1]?.team).toMatchObject({ name: 'Product', timeZone: 'Europe/Berlin', hours: { days: [1, 2, 3, 4], start: '09:00', end: '17:00' } })
    expect(fake.triage.teams.map((t) => t.name)).toEqual(['Support', 'Sales', 'Product'])
    expect(queryByRole(dialog, 'form', { name: 'Add a team' })).toBeNull()
    expect(getByRole(dialog, 'button', { name: 'Edit team Product' })).toBeTruthy()
  })

  test('people: add a person to a team and move them to another', async () => {
    const fake = createFakeApi({ triage: TRIAGE_SETUP })
    const dialog = await openSettings(fake)
    const form = getByRole(dialog, 'form', { name: 'Add a person' })
    type(getByLabelText(form, 'Name'), 'Noah')
    const team = getByLabelText(form, 'Team') as HTMLSelectElement
    team.selectedIndex = 2 // No team, Support, Sales
    team.dispatchEvent(new Event('change'))
    getByRole(form, 'button', { name: 'Add person' }).click()
    await flushPromises()
    expect(fake.triage.people.find((p) => p.name === 'Noah')?.teamId).toBe('sales')

    type(getByLabelText(dialog, 'Team of Noah'), 'support')
    await flushPromises()
    expect(fake.triage.people.find((p) => p.name === 'Noah')?.teamId).toBe('support')
  })

  test('a new rule is tested against stored posts before it is saved', async () => {
    const now = Date.now()
    const fake = createFakeApi({
      triage: TRIAGE_SETUP,
      posts: [
        triagedPost(1, now, { intent: 'help_implicit' }, { text: 'The battery of my Book 14 drains overnight.' }),
        triagedPost(2, now, { intent: 'help_implicit' }, { text: 'Battery at 40% after an hour, is that normal?' }),
        triagedPost(3, now, { intent: 'praise' }, { text: 'Battery life is amazing.' })
      ]
    })
    const dialog = await openSettings(fake)
    getByRole(dialog, 'button', { name: 'Add rule' }).click()
    await nextTick()
    const form = getByRole(dialog, 'form', { name: 'Add a rule' })

    // Nothing to test without a name: the sentence says what is missing.
    getByRole(form, 'button', { name: 'Test rule' }).click()
    await flushPromises()
    expect(getByRole(form, 'alert').textContent).toBe('Give the rule a name.')

    type(getByLabelText(form, 'Rule name'), 'Battery to Support')
    check(form, 'Has a problem')
    type(getByLabelText(form, /^mentions any of/), 'battery, akku')
    type(getByLabelText(form, 'Route to team'), 'support')
    type(getByLabelText(form, /^Add tags/), '#battery')
    getByRole(form, 'button', { name: 'Test rule' }).click()
    await flushPromises()
    expect(getByRole(form, 'status').textContent).toBe('Would have matched 2 posts this week.')
    expect(fake.callsOf('triage.saveRule')).toHaveLength(0)
    expect(fake.callsOf('triage.testRule')[0]?.input).toMatchObject({ days: 7, rule: { when: { intents: ['help_implicit'], keywords: ['battery', 'akku'] } } })

    getByRole(form, 'button', { name: 'Save rule' }).click()
    await flushPromises()
    expect(fake.triage.rules.map((r) => r.name)).toEqual(['Complaints to Support', 'Battery to Support'])
    expect(fake.triage.rules[1]).toMatchObject({
      enabled: true,
      when: { intents: ['help_implicit'], keywords: ['battery', 'akku'] },
      then: { teamId: 'support', assign: { mode: 'none' }, priorityBoost: 0, tags: ['battery'] }
    })
    const rules = getByRole(dialog, 'heading', { name: 'Routing rules' }).closest('section') as HTMLElement
    expect(accessibleText(getByRole(rules, 'listitem', { name: 'Battery to Support' }))).toContain('Has a problem, mentions “battery” or “akku” → Support · #battery')
  })

  test('rules keep their order: moving one down reorders them in the core', async () => {
    const [first] = TRIAGE_SETUP.rules
    if (!first) throw new Error('The setup has a rule')
    const second = { ...first, id: 'rule-vip', name: 'VIPs first' }
    const fake = createFakeApi({ triage: { ...TRIAGE_SETUP, rules: [...TRIAGE_SETUP.rules, second] } })
    const dialog = await openSettings(fake)
    expect((getByRole(dialog, 'button', { name: 'Move Complaints to Support up' }) as HTMLButtonElement).disabled).toBe(true)
    getByRole(dialog, 'button', { name: 'Move Complaints to Support down' }).click()
    await flushPromises()
    expect(fake.callsOf('triage.reorderRules').map((c) => c.input)).toEqual([{ ids: ['rule-vip', 'rule-complaints'] }])
    const names = Array.from(dialog.querySelectorAll('ol > li')).map((li) => li.getAttribute('aria-label'))
    expect(names).toEqual(['VIPs first', 'Complaints to Support'])
  })

  test('SLA targets per intent, the urgent rule and the warning lead time are saved together', async () => {
    const fake = createFakeApi({ triage: TRIAGE_SETUP })
    const dialog = await openSettings(fake)
    const form = getByRole(dialog, 'form', { name: 'SLA targets' })
    expect((getByLabelText(form, 'Complaint') as HTMLInputElement).value).toBe('30')
    expect((getByLabelText(form, 'Praise') as HTMLInputElement).value).toBe('')
    type(getByLabelText(form, 'Complaint'), '20')
    type(getByLabelText(form, 'Idea'), '1440')
    type(getByLabelText(form, 'Warn before a breach (min)'), '10')
    getByRole(form, 'button', { name: 'Save targets' }).click()
    await flushPromises()
    expect(fake.triage.sla).toEqual({
      byIntent: { help_explicit: 60, help_implicit: 60, complaint: 20, purchase_intent: 60, idea: 1440 },
      urgentPriority: 80,
      urgentMinutes: 15,
      warnMinutesBefore: 10
    })
    expect(getByRole(form, 'status').textContent).toBe('Saved. New posts get these targets.')
  })

  test('a read-only screen shows the queue but not the Triage button', async () => {
    const fake = createFakeApi({ triage: TRIAGE_SETUP, info: { access: 'read' }, posts: [triagedPost(1, T0)] })
    await mountWith(fake, TriageHeader)
    await useSystemStore().load()
    await flushPromises()
    expect(queryByRole(document.body, 'button', { name: 'Triage' })).toBeNull()
    expect(accessibleText(document.body)).toMatch(/1 waiting · oldest/)
  })
})
