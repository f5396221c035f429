import Holidays from 'date-holidays'
import { describe, expect, it } from 'vitest'
import { NATIONAL_HOLIDAYS } from './holidays'
import { HOLIDAYS_2027 } from './holidays-2027'

describe('provisional 2027 holidays', () => {
  const fromPackage = new Holidays('ID').getHolidays(2027)

  it('take every movable feast date from date-holidays (country ID)', () => {
    const movable = HOLIDAYS_2027.filter((h) => h.dateHolidaysRule)
    expect(movable.length).toBeGreaterThanOrEqual(9)
    for (const h of movable) {
      const match = fromPackage.find((p) => p.rule === h.dateHolidaysRule && p.date.startsWith(h.date))
      expect(match, `${h.date} ${h.name}`).toBeDefined()
    }
  })

  it('mark exactly the movable feasts provisional; fixed and Easter-based dates are certain', () => {
    for (const h of HOLIDAYS_2027) expect(h.provisional, h.date).toBe(h.dateHolidaysRule !== undefined)
    expect(HOLIDAYS_2027.filter((h) => !h.provisional).map((h) => h.date)).toEqual([
      '2027-01-01',
      '2027-03-26',
      '2027-03-28',
      '2027-05-01',
      '2027-05-06',
      '2027-06-01',
      '2027-08-17',
      '2027-12-25',
    ])
  })

  it('are unique, sorted, all in 2027, and do not overlap the SKB years', () => {
    const dates = HOLIDAYS_2027.map((h) => h.date)
    expect(new Set(dates).size).toBe(dates.length)
    expect([...dates].sort()).toEqual(dates)
    expect(dates.every((d) => d.startsWith('2027-'))).toBe(true)
    expect(NATIONAL_HOLIDAYS.some((h) => h.date.startsWith('2027-'))).toBe(false)
  })
})
