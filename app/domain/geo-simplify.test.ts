import { describe, expect, it } from 'vitest'
import { containsPoint } from './geo'
import { simplifyGeometry, simplifyRing } from './geo-simplify'

// A square of ~1 km with many collinear points on each side, and one real corner notch.
function detailedSquare(): number[][] {
  const ring: number[][] = []
  for (let i = 0; i <= 100; i++) ring.push([112.6 + i * 0.0001, -7.98])
  for (let i = 1; i <= 100; i++) ring.push([112.61, -7.98 + i * 0.0001])
  for (let i = 1; i <= 100; i++) ring.push([112.61 - i * 0.0001, -7.97])
  for (let i = 1; i <= 100; i++) ring.push([112.6, -7.97 - i * 0.0001])
  return ring
}

describe('simplifyRing', () => {
  it('drops collinear points and keeps the corners, closed', () => {
    const simplified = simplifyRing(detailedSquare())
    expect(simplified.length).toBeLessThanOrEqual(6)
    expect(simplified[0]).toEqual(simplified[simplified.length - 1])
    for (const corner of [
      [112.6, -7.98],
      [112.61, -7.98],
      [112.61, -7.97],
      [112.6, -7.97],
    ])
      expect(simplified).toContainEqual(corner)
  })
  it('keeps a detail larger than the tolerance', () => {
    const ring = detailedSquare()
    ring[50] = [112.605, -7.979] // a 110 m bump into the square
    expect(simplifyRing(ring)).toContainEqual([112.605, -7.979])
  })
  it('rounds to 5 decimals', () => {
    const simplified = simplifyRing([
      [112.1234567, -7.1234567],
      [112.2, -7.1],
      [112.2, -7.2],
      [112.1234567, -7.1234567],
    ])
    expect(simplified[0]).toEqual([112.12346, -7.12346])
  })
})

describe('simplifyGeometry', () => {
  it('answers point-in-polygon like the original away from the edges', () => {
    const original = { type: 'MultiPolygon' as const, coordinates: [[detailedSquare()]] }
    const simplified = simplifyGeometry(original)
    for (const p of [
      { lat: -7.975, lng: 112.605 },
      { lat: -7.96, lng: 112.605 },
      { lat: -7.975, lng: 112.62 },
    ])
      expect(containsPoint(simplified, p)).toBe(containsPoint(original, p))
  })
})
