import { describe, expect, it } from 'vitest'
import { currentEscalationLevel, dueEscalations, isEscalationPaused, parseEscalationMarker, escalationMarker, type EscalationFacts } from './escalation'
import { computeDueAt, makeCalendar } from './sla'

const cal = makeCalendar('Asia/Jakarta', ['2026-12-25'])
const H = 3_600_000
const createdAt = new Date('2026-12-01T02:00:00Z') // Tuesday 09:00 WIB

function facts(over: Partial<EscalationFacts> = {}): EscalationFacts {
  const response = { target: 24, clock: 'calendar_hours' as const }
  const resolution = { target: 5, clock: 'working_days' as const }
  return {
    status: 'submitted',
    createdAt,
    firstResponseAt: null,
    reopenCount: 0,
    lastReopenedAt: null,
    responseDueAt: computeDueAt(createdAt, response.target, response.clock, cal),
    resolutionDueAt: computeDueAt(createdAt, resolution.target, resolution.clock, cal),
    response,
    resolution,
    ...over,
  }
}

const at = (ms: number) => new Date(createdAt.getTime() + ms)

describe('SLA escalation levels', () => {
  it('nothing before or exactly at the due time', () => {
    expect(dueEscalations(facts(), [], at(24 * H), cal)).toEqual([])
  })

  it('level 1 of the response just after its due time, with the level-2 time', () => {
    const due = dueEscalations(facts(), [], at(24 * H + 1000), cal)
    expect(due).toEqual([{ target: 'response', round: 1, level: 1, dueAt: at(24 * H), nextDueAt: at(48 * H) }])
  })

  it('level 2 at twice the target, once level 1 has fired; nothing fires twice', () => {
    const fired = [{ target: 'response' as const, round: 1, level: 1 }]
    expect(dueEscalations(facts(), fired, at(47 * H), cal)).toEqual([])
    expect(dueEscalations(facts(), fired, at(48 * H + 1), cal).map((e) => [e.target, e.level, e.nextDueAt])).toEqual([['response', 2, null]])
    expect(dueEscalations(facts(), [...fired, { target: 'response', round: 1, level: 2 }], at(48 * H + 1), cal)).toEqual([])
  })

  it('the resolution clock runs on working days (level 2 = 10 working days from filing)', () => {
    const f = facts({ firstResponseAt: at(H), status: 'in_progress' })
    // 5 working days after Tue 1 Dec = Tue 8 Dec 16:00 WIB; 10 = Tue 15 Dec 16:00 WIB.
    expect(dueEscalations(f, [], new Date('2026-12-08T09:00:00Z'), cal)).toEqual([])
    const due = dueEscalations(f, [], new Date('2026-12-08T09:00:01Z'), cal)
    expect(due.map((e) => [e.target, e.level, e.nextDueAt?.toISOString()])).toEqual([['resolution', 1, '2026-12-15T09:00:00.000Z']])
  })

  it('a reopened report starts a new resolution clock (round 2) from the reopening', () => {
    const reopenedAt = new Date('2026-12-21T02:00:00Z') // Monday
    const f = facts({ firstResponseAt: at(H), status: 'in_progress', reopenCount: 1, lastReopenedAt: reopenedAt })
    const round1Fired = [
      { target: 'resolution' as const, round: 1, level: 1 },
      { target: 'resolution' as const, round: 1, level: 2 },
    ]
    // 5 working days after Mon 21 Dec, skipping Christmas: 22,23,24,28,29 -> Tue 29 Dec 16:00 WIB.
    expect(dueEscalations(f, round1Fired, new Date('2026-12-29T09:00:00Z'), cal)).toEqual([])
    const due = dueEscalations(f, round1Fired, new Date('2026-12-29T09:00:01Z'), cal)
    expect(due.map((e) => [e.target, e.round, e.level])).toEqual([['resolution', 2, 1]])
  })

  it('fires both levels when a stopped worker comes back after twice the target', () => {
    expect(dueEscalations(facts(), [], at(100 * H), cal).map((e) => e.level)).toEqual([1, 2])
  })

  it('never for paused reports: resolved, closed, rejected, duplicate', () => {
    for (const status of ['resolved', 'closed', 'rejected', 'duplicate'] as const) {
      expect(isEscalationPaused(status)).toBe(true)
      expect(dueEscalations(facts({ status }), [], at(1000 * H), cal)).toEqual([])
    }
    for (const status of ['submitted', 'verified', 'in_progress'] as const) expect(isEscalationPaused(status)).toBe(false)
  })

  it('the badge shows the highest level of the running clocks only', () => {
    const fired = [
      { target: 'response' as const, round: 1, level: 2 },
      { target: 'resolution' as const, round: 1, level: 1 },
    ]
    expect(currentEscalationLevel({ status: 'verified', firstResponseAt: null, reopenCount: 0 }, fired)).toBe(2)
    expect(currentEscalationLevel({ status: 'verified', firstResponseAt: at(H), reopenCount: 0 }, fired)).toBe(1)
    expect(currentEscalationLevel({ status: 'in_progress', firstResponseAt: at(H), reopenCount: 1 }, fired)).toBe(0)
    expect(currentEscalationLevel({ status: 'closed', firstResponseAt: null, reopenCount: 0 }, fired)).toBe(0)
  })

  it('event markers round-trip', () => {
    expect(parseEscalationMarker(escalationMarker({ target: 'resolution', level: 2 }))).toEqual({ target: 'resolution', level: 2 })
    expect(parseEscalationMarker('anything else')).toBeNull()
  })
})
