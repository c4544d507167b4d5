import { describe, expect, it } from 'vitest'
import { DEFAULT_SLA, type BusinessHours } from '@shared/domain/triage'
import { addBusinessMinutes, slaMinutes, wallToInstant, zoneOffset } from '../../src/main/core/triage/sla'

const OFFICE: BusinessHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }
const iso = (text: string): number => Date.parse(text)
const due = (start: string, minutes: number, hours: BusinessHours | null, zone: string): string =>
  new Date(addBusinessMinutes(iso(start), minutes, hours, zone)).toISOString()

describe('first-response targets', () => {
  it('uses the defaults of the field: complaints 30 minutes, help requests and leads 60, nothing for praise', () => {
    expect(slaMinutes(DEFAULT_SLA, 'complaint', 10)).toBe(30)
    expect(slaMinutes(DEFAULT_SLA, 'help_explicit', 10)).toBe(60)
    expect(slaMinutes(DEFAULT_SLA, 'help_implicit', 10)).toBe(60)
    expect(slaMinutes(DEFAULT_SLA, 'purchase_intent', 10)).toBe(60)
    expect(slaMinutes(DEFAULT_SLA, 'praise', 95)).toBeNull()
    expect(slaMinutes(DEFAULT_SLA, 'other', 95)).toBeNull()
  })

  it('gives urgent posts at most the urgent target, never more than their own', () => {
    expect(slaMinutes(DEFAULT_SLA, 'help_explicit', 80)).toBe(15)
    expect(slaMinutes(DEFAULT_SLA, 'help_explicit', 79)).toBe(60)
    expect(slaMinutes({ ...DEFAULT_SLA, byIntent: { complaint: 10 } }, 'complaint', 99)).toBe(10)
  })
})

describe('time zones through Intl', () => {
  it('knows the offset on either side of a DST switch', () => {
    expect(zoneOffset(iso('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(3_600_000)
    expect(zoneOffset(iso('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(7_200_000)
    expect(zoneOffset(iso('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000)
  })

  it('turns wall-clock times into instants, including the spring gap and the autumn overlap', () => {
    expect(new Date(wallToInstant(Date.UTC(2026, 2, 27, 9), 'Europe/Berlin')).toISOString()).toBe('2026-03-27T08:00:00.000Z')
    expect(new Date(wallToInstant(Date.UTC(2026, 2, 30, 9), 'Europe/Berlin')).toISOString()).toBe('2026-03-30T07:00:00.000Z')
    // 02:30 does not exist on 29 March 2026 in Berlin: it lands after the gap (03:30 CEST).
    expect(new Date(wallToInstant(Date.UTC(2026, 2, 29, 2, 30), 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z')
    // 02:30 happens twice on 25 October 2026: the earlier (CEST) one.
    expect(new Date(wallToInstant(Date.UTC(2026, 9, 25, 2, 30), 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z')
    // Far from UTC, with DST: Auckland switches on 27 September 2026 (02:00 → 03:00).
    expect(new Date(wallToInstant(Date.UTC(2026, 8, 28, 9), 'Pacific/Auckland')).toISOString()).toBe('2026-09-27T20:00:00.000Z')
  })
})

describe('deadlines on business hours', () => {
  it('runs around the clock without business hours', () => {
    expect(due('2026-11-28T23:50:00Z', 30, null, 'Europe/Berlin')).toBe('2026-11-29T00:20:00.000Z')
  })

  it('counts only working minutes within a day', () => {
    // Wednesday 10:00 in Berlin (09:00 UTC) + 60 min.
    expect(due('2026-11-25T09:00:00Z', 60, OFFICE, 'Europe/Berlin')).toBe('2026-11-25T10:00:00.000Z')
  })

  it('waits for the opening when a post arrives before hours', () => {
    // Wednesday 06:00 Berlin → opens 09:00 Berlin (08:00 UTC) + 30 min.
    expect(due('2026-11-25T05:00:00Z', 30, OFFICE, 'Europe/Berlin')).toBe('2026-11-25T08:30:00.000Z')
  })

  it('carries the rest of the target over the night and the weekend', () => {
    // Friday 16:30 Berlin + 60 min: 30 min on Friday, 30 on Monday from 09:00.
    expect(due('2026-11-27T15:30:00Z', 60, OFFICE, 'Europe/Berlin')).toBe('2026-11-30T08:30:00.000Z')
    // Saturday: nothing until Monday 09:00.
    expect(due('2026-11-28T12:00:00Z', 30, OFFICE, 'Europe/Berlin')).toBe('2026-11-30T08:30:00.000Z')
    // Thursday 16:50 + 20 min: 10 min Thursday, 10 min Friday.
    expect(due('2026-11-26T15:50:00Z', 20, OFFICE, 'Europe/Berlin')).toBe('2026-11-27T08:10:00.000Z')
  })

  it('follows the team clock across a DST switch over the weekend', () => {
    // Friday 27 March 2026, 16:45 CET + 30 min → Monday 30 March 09:15 CEST (07:15 UTC).
    expect(due('2026-03-27T15:45:00Z', 30, OFFICE, 'Europe/Berlin')).toBe('2026-03-30T07:15:00.000Z')
    // New York: Friday 30 October 16:45 EDT + 30 min → Monday 2 November 09:15 EST (14:15 UTC; EDT ended on 1 November).
    expect(due('2026-10-30T20:45:00Z', 30, OFFICE, 'America/New_York')).toBe('2026-11-02T14:15:00.000Z')
  })

  it('handles overnight shifts that open one day and close the next', () => {
    const night: BusinessHours = { days: [0, 1, 2, 3, 4, 5, 6], start: '22:00', end: '06:00' }
    // 05:50 UTC is inside the shift that opened at 22:00 the evening before: 10 min left, then 20 from 22:00.
    expect(due('2026-11-25T05:50:00Z', 30, night, 'UTC')).toBe('2026-11-25T22:20:00.000Z')
    // 23:00 is mid-shift: straight through midnight.
    expect(due('2026-11-25T23:00:00Z', 90, night, 'UTC')).toBe('2026-11-26T00:30:00.000Z')
  })

  it('treats equal opening and closing times as a full working day', () => {
    const weekdays: BusinessHours = { days: [1, 2, 3, 4, 5], start: '00:00', end: '00:00' }
    // Friday 23:30 UTC + 60 min: 30 min on Friday, the rest on Monday from midnight.
    expect(due('2026-11-27T23:30:00Z', 60, weekdays, 'UTC')).toBe('2026-11-30T00:30:00.000Z')
  })

  it('works in a zone east of UTC where the local date is a day ahead', () => {
    // Monday 23 Nov 2026, 20:00 UTC = Tuesday 09:00 in Auckland (NZDT, +13): opens right then.
    expect(due('2026-11-23T20:00:00Z', 60, OFFICE, 'Pacific/Auckland')).toBe('2026-11-23T21:00:00.000Z')
    // Friday 17:00 Auckland (04:00 UTC Friday) → Monday 09:00 + 45 min = Sunday 20:45 UTC.
    expect(due('2026-11-27T04:00:00Z', 45, OFFICE, 'Pacific/Auckland')).toBe('2026-11-29T20:45:00.000Z')
  })
})
