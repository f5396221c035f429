import { describe, it, expect } from 'vitest'
import { OFFICE_CLOSE_HOUR, addWorkingDays, computeDueAt, elapsed, isOverdue, isWorkingDay, localDate, makeCalendar, zonedTimeToUtc, type Holiday } from './sla'

// Real Indonesian holidays (SKB 3 Menteri) used by the cases below.
const HOLIDAYS: Holiday[] = [
  { date: '2025-12-25', kind: 'national', name: 'Natal' },
  { date: '2025-12-26', kind: 'cuti_bersama', name: 'Cuti bersama Natal' },
  { date: '2026-01-01', kind: 'national', name: 'Tahun Baru Masehi' },
  { date: '2026-03-18', kind: 'cuti_bersama', name: 'Cuti bersama Nyepi' },
  { date: '2026-03-19', kind: 'national', name: 'Nyepi' },
  { date: '2026-03-20', kind: 'cuti_bersama', name: 'Cuti bersama Idul Fitri' },
  { date: '2026-03-23', kind: 'cuti_bersama', name: 'Cuti bersama Idul Fitri' },
  { date: '2026-03-24', kind: 'cuti_bersama', name: 'Cuti bersama Idul Fitri' },
  { date: '2026-08-17', kind: 'national', name: 'HUT RI' },
]
const JKT = makeCalendar('Asia/Jakarta', HOLIDAYS)

/** Due date (local) for a working-day target, via the public API. */
const dueWd = (iso: string, n: number) => computeDueAt(new Date(iso), n, 'working_days', JKT)

describe('makeCalendar', () => {
  it('accepts Holiday objects or plain date strings', () => {
    expect(JKT.holidays.has('2026-08-17')).toBe(true)
    expect(JKT.holidays.size).toBe(9)
    const cal = makeCalendar('Asia/Makassar', ['2026-08-17'])
    expect(cal.timeZone).toBe('Asia/Makassar')
    expect([...cal.holidays]).toEqual(['2026-08-17'])
  })

  it('rejects malformed or impossible dates and unknown zones', () => {
    expect(() => makeCalendar('Asia/Jakarta', ['2026-8-17'])).toThrow(RangeError)
    expect(() => makeCalendar('Asia/Jakarta', ['2026-02-30'])).toThrow(RangeError)
    expect(() => makeCalendar('Asia/Nowhere', [])).toThrow(RangeError)
  })
})

describe('localDate / zonedTimeToUtc', () => {
  it('localDate follows the zone, not UTC', () => {
    // 16:30Z Friday = 23:30 WIB Friday; 17:00Z = 00:00 WIB Saturday.
    expect(localDate(new Date('2025-10-10T16:30:00Z'), 'Asia/Jakarta')).toBe('2025-10-10')
    expect(localDate(new Date('2025-10-10T17:00:00Z'), 'Asia/Jakarta')).toBe('2025-10-11')
    expect(localDate(new Date('2025-12-31T17:00:00Z'), 'Asia/Jakarta')).toBe('2026-01-01')
    expect(localDate(new Date('2025-12-31T15:00:00Z'), 'Asia/Jayapura')).toBe('2026-01-01')
    expect(localDate(new Date('2025-12-31T15:00:00Z'), 'Asia/Makassar')).toBe('2025-12-31')
  })

  it('converts Indonesian wall times (WIB +7, WITA +8, WIT +9)', () => {
    expect(zonedTimeToUtc('2026-01-05', 16, 0, 'Asia/Jakarta').toISOString()).toBe('2026-01-05T09:00:00.000Z')
    expect(zonedTimeToUtc('2026-01-05', 16, 0, 'Asia/Makassar').toISOString()).toBe('2026-01-05T08:00:00.000Z')
    expect(zonedTimeToUtc('2026-01-05', 16, 0, 'Asia/Jayapura').toISOString()).toBe('2026-01-05T07:00:00.000Z')
    // Wall time before the offset crosses back into the previous UTC day.
    expect(zonedTimeToUtc('2026-01-05', 3, 15, 'Asia/Jayapura').toISOString()).toBe('2026-01-04T18:15:00.000Z')
  })

  it('handles a DST zone (Europe/Berlin, CET +1 / CEST +2)', () => {
    expect(zonedTimeToUtc('2026-01-15', 12, 0, 'Europe/Berlin').toISOString()).toBe('2026-01-15T11:00:00.000Z')
    expect(zonedTimeToUtc('2026-07-01', 12, 0, 'Europe/Berlin').toISOString()).toBe('2026-07-01T10:00:00.000Z')
    // 2026-03-29: clocks jump 02:00 CET -> 03:00 CEST.
    expect(zonedTimeToUtc('2026-03-29', 1, 0, 'Europe/Berlin').toISOString()).toBe('2026-03-29T00:00:00.000Z')
    expect(zonedTimeToUtc('2026-03-29', 3, 0, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z')
    // 2026-10-25: back to CET at 03:00 CEST; 04:00 is unambiguous CET.
    expect(zonedTimeToUtc('2026-10-25', 4, 0, 'Europe/Berlin').toISOString()).toBe('2026-10-25T03:00:00.000Z')
  })
})

describe('isWorkingDay / addWorkingDays', () => {
  it('weekdays are working days unless they are holidays of any kind', () => {
    expect(isWorkingDay('2025-10-10', JKT)).toBe(true) // Fri
    expect(isWorkingDay('2025-10-11', JKT)).toBe(false) // Sat
    expect(isWorkingDay('2025-10-12', JKT)).toBe(false) // Sun
    expect(isWorkingDay('2026-08-17', JKT)).toBe(false) // Mon, national
    expect(isWorkingDay('2026-03-24', JKT)).toBe(false) // Tue, cuti bersama
    expect(isWorkingDay('2026-08-17', makeCalendar('Asia/Jakarta', []))).toBe(true)
  })

  it('counts strictly after the start date', () => {
    expect(addWorkingDays('2025-10-10', 0, JKT)).toBe('2025-10-10')
    expect(addWorkingDays('2025-10-10', 1, JKT)).toBe('2025-10-13') // Fri -> Mon
    expect(addWorkingDays('2025-10-08', 2, JKT)).toBe('2025-10-10') // Wed -> Fri
    expect(addWorkingDays('2025-10-08', 3, JKT)).toBe('2025-10-13') // Wed -> Mon
    expect(() => addWorkingDays('2025-10-10', -1, JKT)).toThrow(RangeError)
    expect(() => addWorkingDays('2025-10-10', 1.5, JKT)).toThrow(RangeError)
  })
})

describe('computeDueAt working_days (Asia/Jakarta)', () => {
  it('exposes the 16:00 office close', () => {
    expect(OFFICE_CLOSE_HOUR).toBe(16)
  })

  it('Friday 15:00 WIB +1 -> Monday 16:00 WIB (09:00Z)', () => {
    expect(dueWd('2025-10-10T08:00:00Z', 1).toISOString()).toBe('2025-10-13T09:00:00.000Z')
  })

  it('Saturday filing +1 -> Monday (Saturday is day 0)', () => {
    expect(dueWd('2025-10-11T03:00:00Z', 1).toISOString()).toBe('2025-10-13T09:00:00.000Z')
  })

  it('filing on a holiday (Mon 2026-08-17) +1 -> Tue 2026-08-18', () => {
    expect(dueWd('2026-08-17T02:00:00Z', 1).toISOString()).toBe('2026-08-18T09:00:00.000Z')
  })

  it('Nyepi / Idul Fitri cuti bersama bridge: Tue 2026-03-17 +3 -> Fri 2026-03-27', () => {
    // After 17th: 18,19,20 holidays; 21,22 weekend; 23,24 cuti bersama; 25,26,27 working.
    expect(dueWd('2026-03-17T03:00:00Z', 3).toISOString()).toBe('2026-03-27T09:00:00.000Z')
    expect(dueWd('2026-03-17T03:00:00Z', 1).toISOString()).toBe('2026-03-25T09:00:00.000Z')
  })

  it('turn of the year: Wed 2025-12-24 +5 -> Mon 2026-01-05', () => {
    // 25 Natal, 26 cuti bersama, 27-28 weekend, 29,30,31 working, 1 Jan holiday, 2 Jan working, 3-4 weekend, 5 Jan.
    expect(dueWd('2025-12-24T02:00:00Z', 5).toISOString()).toBe('2026-01-05T09:00:00.000Z')
    expect(dueWd('2025-12-24T02:00:00Z', 4).toISOString()).toBe('2026-01-02T09:00:00.000Z')
  })

  it('uses the local date: Friday 23:30 WIB is Friday, 00:00 WIB Friday is not Thursday', () => {
    // 16:30Z Friday = 23:30 WIB Friday -> +1 = Monday.
    expect(dueWd('2025-10-10T16:30:00Z', 1).toISOString()).toBe('2025-10-13T09:00:00.000Z')
    // 16:59Z Thursday = 23:59 WIB Thursday -> +1 = Friday.
    expect(dueWd('2025-10-09T16:59:00Z', 1).toISOString()).toBe('2025-10-10T09:00:00.000Z')
    // 17:00Z Thursday = 00:00 WIB Friday -> +1 = Monday.
    expect(dueWd('2025-10-09T17:00:00Z', 1).toISOString()).toBe('2025-10-13T09:00:00.000Z')
  })

  it('other zones close at 16:00 local too', () => {
    const wita = makeCalendar('Asia/Makassar', HOLIDAYS)
    expect(computeDueAt(new Date('2025-10-10T08:00:00Z'), 1, 'working_days', wita).toISOString()).toBe('2025-10-13T08:00:00.000Z')
    // Berlin: Fri 2026-03-27 +1 -> Mon 2026-03-30 16:00 CEST (after the DST switch) = 14:00Z.
    const ber = makeCalendar('Europe/Berlin', [])
    expect(computeDueAt(new Date('2026-03-27T10:00:00Z'), 1, 'working_days', ber).toISOString()).toBe('2026-03-30T14:00:00.000Z')
  })

  it('rejects non-positive or fractional working-day targets', () => {
    const at = new Date('2025-10-10T08:00:00Z')
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => computeDueAt(at, bad, 'working_days', JKT)).toThrow(RangeError)
    }
  })
})

describe('computeDueAt calendar_hours', () => {
  it('ignores weekends, holidays and midnight', () => {
    // Sat 22:00 WIB + 4h = Sun 02:00 WIB.
    expect(computeDueAt(new Date('2025-10-11T15:00:00Z'), 4, 'calendar_hours', JKT).toISOString()).toBe('2025-10-11T19:00:00.000Z')
    // Fri 20:00 WIB + 48h = Sun 20:00 WIB.
    expect(computeDueAt(new Date('2025-10-10T13:00:00Z'), 48, 'calendar_hours', JKT).toISOString()).toBe('2025-10-12T13:00:00.000Z')
    // Across HUT RI: Sun 2026-08-16 12:00Z + 24h.
    expect(computeDueAt(new Date('2026-08-16T12:00:00Z'), 24, 'calendar_hours', JKT).toISOString()).toBe('2026-08-17T12:00:00.000Z')
  })

  it('allows fractional hours but not zero/negative/NaN', () => {
    expect(computeDueAt(new Date('2025-10-10T13:00:00Z'), 0.5, 'calendar_hours', JKT).toISOString()).toBe('2025-10-10T13:30:00.000Z')
    for (const bad of [0, -2, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => computeDueAt(new Date(), bad, 'calendar_hours', JKT)).toThrow(RangeError)
    }
  })
})

describe('elapsed', () => {
  it('calendar hours as a fraction, never negative', () => {
    const a = new Date('2025-10-10T08:00:00Z')
    expect(elapsed(a, new Date('2025-10-10T09:30:00Z'), 'calendar_hours', JKT)).toBe(1.5)
    expect(elapsed(a, new Date('2025-10-13T09:00:00Z'), 'calendar_hours', JKT)).toBe(73)
    expect(elapsed(a, new Date('2025-10-09T08:00:00Z'), 'calendar_hours', JKT)).toBe(0)
  })

  it('working days across a weekend and a holiday', () => {
    // Fri 2026-08-14 -> Tue 2026-08-18: 15 Sat, 16 Sun, 17 HUT RI, 18 working => 1.
    const fri = new Date('2026-08-14T03:00:00Z')
    expect(elapsed(fri, new Date('2026-08-18T03:00:00Z'), 'working_days', JKT)).toBe(1)
    expect(elapsed(fri, new Date('2026-08-19T10:00:00Z'), 'working_days', JKT)).toBe(2)
    expect(elapsed(fri, new Date('2026-08-17T10:00:00Z'), 'working_days', JKT)).toBe(0)
  })

  it('working days: same local day is 0, reversed is 0, local dates decide', () => {
    const fri = new Date('2025-10-10T01:00:00Z')
    expect(elapsed(fri, new Date('2025-10-10T16:30:00Z'), 'working_days', JKT)).toBe(0) // 23:30 WIB same day
    expect(elapsed(new Date('2025-10-13T03:00:00Z'), fri, 'working_days', JKT)).toBe(0)
    // Thu 23:59 WIB -> Fri 00:00 WIB is one working day, though one minute.
    expect(elapsed(new Date('2025-10-09T16:59:00Z'), new Date('2025-10-09T17:00:00Z'), 'working_days', JKT)).toBe(1)
    // Whole Nyepi/Idul Fitri stretch: 17 Mar -> 27 Mar 2026 = 3.
    expect(elapsed(new Date('2026-03-17T03:00:00Z'), new Date('2026-03-27T03:00:00Z'), 'working_days', JKT)).toBe(3)
  })
})

describe('isOverdue', () => {
  const due = new Date('2025-10-13T09:00:00Z')
  const before = new Date('2025-10-13T08:59:59Z')
  const after = new Date('2025-10-13T09:00:01Z')

  it('done items: late only if done after due (exactly at due is on time)', () => {
    expect(isOverdue(due, before, after)).toBe(false)
    expect(isOverdue(due, due, after)).toBe(false)
    expect(isOverdue(due, after, before)).toBe(true)
  })

  it('open items: overdue once now is past due', () => {
    expect(isOverdue(due, null, before)).toBe(false)
    expect(isOverdue(due, null, due)).toBe(false)
    expect(isOverdue(due, null, after)).toBe(true)
  })
})
