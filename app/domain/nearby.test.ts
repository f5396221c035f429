import { describe, expect, it } from 'vitest'
import { boundingBox, distanceMetres, mapAppLink, NEARBY_RADIUS_METRES } from './nearby'

const alunAlun = { lat: -7.982, lng: 112.6305 }

describe('distanceMetres', () => {
  it('measures about 111 m per 0.001° of latitude, and 0 for the same point', () => {
    expect(distanceMetres(alunAlun, alunAlun)).toBe(0)
    expect(distanceMetres(alunAlun, { lat: alunAlun.lat + 0.001, lng: alunAlun.lng })).toBeCloseTo(111.2, 0)
  })
  it('shrinks longitude with latitude', () => {
    const east = distanceMetres(alunAlun, { lat: alunAlun.lat, lng: alunAlun.lng + 0.001 })
    expect(east).toBeGreaterThan(109)
    expect(east).toBeLessThan(111)
  })
})

describe('boundingBox', () => {
  it('holds every point within the radius', () => {
    const box = boundingBox(alunAlun, NEARBY_RADIUS_METRES)
    for (let angle = 0; angle < 360; angle += 15) {
      const rad = (angle * Math.PI) / 180
      // A point ~249 m away in each direction.
      const p = {
        lat: alunAlun.lat + (249 / 111_320) * Math.sin(rad),
        lng: alunAlun.lng + (249 / (111_320 * Math.cos((alunAlun.lat * Math.PI) / 180))) * Math.cos(rad),
      }
      expect(distanceMetres(alunAlun, p)).toBeLessThan(NEARBY_RADIUS_METRES)
      expect(p.lat).toBeGreaterThanOrEqual(box.minLat)
      expect(p.lat).toBeLessThanOrEqual(box.maxLat)
      expect(p.lng).toBeGreaterThanOrEqual(box.minLng)
      expect(p.lng).toBeLessThanOrEqual(box.maxLng)
    }
  })
})

describe('mapAppLink', () => {
  it('links the point on OpenStreetMap', () => {
    expect(mapAppLink({ lat: -7.982, lng: 112.63 })).toBe('https://www.openstreetmap.org/?mlat=-7.982&mlon=112.63#map=17/-7.982/112.63')
  })
})
