import { describe, expect, it } from 'vitest'
import { holidayCoverage } from './holiday-coverage'

describe('holiday coverage', () => {
  it('reports the needed years without holidays and those still provisional', () => {
    const onRecord = [
      { year: 2026, count: 25, provisional: 0 },
      { year: 2027, count: 17, provisional: 9 },
    ]
    expect(holidayCoverage([2026, 2027, 2028, 2027], onRecord)).toEqual({ missing: [2028], provisional: [2027] })
    expect(holidayCoverage([2026], onRecord)).toEqual({ missing: [], provisional: [] })
  })
})
