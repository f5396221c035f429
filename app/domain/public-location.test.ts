import { describe, expect, it } from 'vitest'
import { publicPoint } from './public-location'

describe('publicPoint', () => {
  it('rounds a public report to 3 decimals (about 100 m)', () => {
    expect(publicPoint({ lat: -7.98264, lng: 112.63087 }, 'public')).toEqual({ lat: -7.983, lng: 112.631 })
    expect(publicPoint({ lat: -7.9825, lng: 112.6305 }, 'public')).toEqual({ lat: -7.982, lng: 112.631 })
    expect(publicPoint({ lat: -0.0004, lng: 112 }, 'public')).toEqual({ lat: 0, lng: 112 })
  })

  it('never gives a point for anonymous or confidential reports, nor without one', () => {
    expect(publicPoint({ lat: -7.98264, lng: 112.63087 }, 'anonymous')).toBeNull()
    expect(publicPoint({ lat: -7.98264, lng: 112.63087 }, 'confidential')).toBeNull()
    expect(publicPoint({ lat: null, lng: null }, 'public')).toBeNull()
  })
})
