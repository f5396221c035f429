import { describe, expect, it } from 'vitest'
import { splitPeriod } from './rollup-period'

describe('splitPeriod', () => {
  it('reads whole months from the monthly rollups and the partial edges from the daily ones', () => {
    expect(splitPeriod('2026-01-15', '2026-04-10')).toEqual({
      months: ['2026-02-01', '2026-03-01'],
      days: [
        ['2026-01-15', '2026-01-31'],
        ['2026-04-01', '2026-04-10'],
      ],
    })
  })
  it('needs no edge when the period starts on the 1st and ends on a month end (leap February)', () => {
    expect(splitPeriod('2024-01-01', '2024-02-29')).toEqual({ months: ['2024-01-01', '2024-02-01'], days: [] })
    expect(splitPeriod('2026-12-01', '2026-12-31')).toEqual({ months: ['2026-12-01', '2026-12-01'], days: [] })
  })
  it('keeps a period without a whole month on the daily rollups', () => {
    expect(splitPeriod('2026-01-02', '2026-01-31')).toEqual({ months: null, days: [['2026-01-02', '2026-01-31']] })
    expect(splitPeriod('2026-01-20', '2026-02-10')).toEqual({ months: null, days: [['2026-01-20', '2026-02-10']] })
    expect(splitPeriod('2026-03-05', '2026-03-05')).toEqual({ months: null, days: [['2026-03-05', '2026-03-05']] })
  })
  it('crosses a year end', () => {
    expect(splitPeriod('2025-11-30', '2026-01-01')).toEqual({
      months: ['2025-12-01', '2025-12-01'],
      days: [
        ['2025-11-30', '2025-11-30'],
        ['2026-01-01', '2026-01-01'],
      ],
    })
  })
})
