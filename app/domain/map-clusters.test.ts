import { describe, expect, it } from 'vitest'
import { clusterPoints, toPixel } from './map-clusters'

const near = (i: number) => ({ code: `MLG-${i}`, status: 'submitted', lat: -7.97 + i * 0.001, lng: 112.63 + i * 0.001 })

describe('clusterPoints', () => {
  it('points close together become one cluster when zoomed out, and single reports when zoomed in', () => {
    const points = [near(1), near(2), near(3)]
    const out = clusterPoints(points, 10)
    expect(out).toHaveLength(1)
    expect(out[0]).toMatchObject({ kind: 'cluster', count: 3 })
    const zoomedIn = clusterPoints(points, 19)
    expect(zoomedIn.every((f) => f.kind === 'report')).toBe(true)
    expect(zoomedIn).toHaveLength(3)
  })
  it('far points stay apart; a lone point is its report', () => {
    const out = clusterPoints([near(1), { code: 'MDN-1', status: 'resolved', lat: -7.63, lng: 111.52 }], 12)
    expect(out).toHaveLength(2)
    expect(out.find((f) => f.kind === 'report' && f.code === 'MDN-1')).toBeTruthy()
  })
  it('counts are kept: every point is in exactly one feature', () => {
    const points = Array.from({ length: 500 }, (_, i) => ({ code: String(i), status: 's', lat: -8 + (i % 25) * 0.01, lng: 112 + Math.floor(i / 25) * 0.01 }))
    for (const zoom of [1, 8, 13, 19, 40, -3]) {
      const total = clusterPoints(points, zoom).reduce((s, f) => s + (f.kind === 'cluster' ? f.count : 1), 0)
      expect(total).toBe(500)
    }
  })
  it('toPixel: the equator and meridian are the middle of the world', () => {
    expect(toPixel({ lat: 0, lng: 0 }, 0)).toEqual({ x: 128, y: 128 })
  })
})
