import { describe, expect, it } from 'vitest'
import { isNearby, originalRefusal, type DuplicateFacts } from './duplicates'

const base: DuplicateFacts = { id: 1, jurisdictionId: 1, categoryId: 7, areaId: 100, lat: -7.98259, lng: 112.63082, status: 'submitted', privacy: 'public' }
const north = (meters: number) => base.lat! + meters / 111_195

describe('the original of a duplicate', () => {
  it('is an open report of the same category within 250 m', () => {
    expect(originalRefusal(base, { ...base, id: 2, lat: north(240) })).toBeNull()
    expect(originalRefusal(base, { ...base, id: 2, lat: north(260) })).toBe('not_nearby')
    // Another kelurahan does not matter when both have a point.
    expect(originalRefusal(base, { ...base, id: 2, areaId: 101, lat: north(100) })).toBeNull()
  })

  it('without a point on either side, is in the same kelurahan', () => {
    expect(isNearby({ ...base, lat: null, lng: null }, { ...base, id: 2 })).toBe(true)
    expect(isNearby({ ...base, lat: null, lng: null }, { ...base, id: 2, areaId: 101 })).toBe(false)
    expect(isNearby({ ...base, areaId: null, lat: null, lng: null }, { ...base, id: 2, areaId: null, lat: null, lng: null })).toBe(false)
  })

  it('is never itself, closed, of another category or jurisdiction, or confidential', () => {
    expect(originalRefusal(base, base)).toBe('self')
    expect(originalRefusal(base, { ...base, id: 2, status: 'resolved' })).toBe('not_open')
    expect(originalRefusal(base, { ...base, id: 2, status: 'duplicate' })).toBe('not_open')
    expect(originalRefusal(base, { ...base, id: 2, jurisdictionId: 2 })).toBe('not_open')
    expect(originalRefusal(base, { ...base, id: 2, categoryId: 8 })).toBe('other_category')
    expect(originalRefusal(base, { ...base, id: 2, privacy: 'confidential' })).toBe('confidential')
    expect(originalRefusal(base, { ...base, id: 2, privacy: 'anonymous' })).toBeNull()
  })
})
