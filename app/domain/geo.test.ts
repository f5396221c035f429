import { describe, expect, it } from 'vitest'
import { areasFor } from '#db/seed-data/areas'
import { boundingBox, containsPoint, distanceMeters, DUPLICATE_RADIUS_M, findContainingArea, isInIndonesia, type Geometry } from './geo'

const square: Geometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
  ],
}
const withHole: Geometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ],
  ],
}

describe('containsPoint', () => {
  it('inside, outside, and inside a hole', () => {
    expect(containsPoint(square, { lng: 5, lat: 5 })).toBe(true)
    expect(containsPoint(square, { lng: 11, lat: 5 })).toBe(false)
    expect(containsPoint(square, { lng: 5, lat: -0.1 })).toBe(false)
    expect(containsPoint(withHole, { lng: 5, lat: 5 })).toBe(false)
    expect(containsPoint(withHole, { lng: 2, lat: 5 })).toBe(true)
  })

  it('multipolygons: any part', () => {
    const two: Geometry = {
      type: 'MultiPolygon',
      coordinates: [
        square.coordinates as number[][][],
        [
          [
            [20, 20],
            [30, 20],
            [30, 30],
            [20, 30],
            [20, 20],
          ],
        ],
      ],
    }
    expect(containsPoint(two, { lng: 25, lat: 25 })).toBe(true)
    expect(containsPoint(two, { lng: 15, lat: 15 })).toBe(false)
  })
})

describe('findContainingArea on the real Kota Malang kelurahan', () => {
  const kelurahan = areasFor('35.73')
    .filter((a) => a.level === 'kelurahan')
    .map((a) => ({ code: a.code, name: a.name, polygon: a.polygon }))

  it('finds each kelurahan from its centroid (all 57 of Kota Malang)', () => {
    // Each stored centroid lies inside its own kelurahan, so the lookup must return
    // exactly that kelurahan for every one: a lookup that finds nothing fails here.
    const areas = areasFor('35.73').filter((a) => a.level === 'kelurahan')
    expect(areas).toHaveLength(57)
    const found = areas.map((a) => findContainingArea(kelurahan, a.centroid)?.code ?? null)
    expect(found).toEqual(areas.map((a) => a.code))
  })

  it('Alun-alun Merdeka Malang lies in Kiduldalem (Klojen); Surabaya lies in none', () => {
    expect(findContainingArea(kelurahan, { lat: -7.9826, lng: 112.6308 })?.name).toBe('Kiduldalem')
    expect(findContainingArea(kelurahan, { lat: -7.2575, lng: 112.7521 })).toBeNull()
  })
})

describe('isInIndonesia', () => {
  it('accepts Malang and Jayapura, refuses swapped coordinates and Singapore-far-west', () => {
    expect(isInIndonesia({ lat: -7.98, lng: 112.63 })).toBe(true)
    expect(isInIndonesia({ lat: -2.53, lng: 140.72 })).toBe(true)
    expect(isInIndonesia({ lat: 112.63, lng: -7.98 })).toBe(false)
    expect(isInIndonesia({ lat: 51.5, lng: -0.12 })).toBe(false)
  })
})

describe('distanceMeters and boundingBox (duplicates within 250 m)', () => {
  const alunAlun = { lat: -7.98259, lng: 112.63082 }
  it('measures short distances in a city to within a metre', () => {
    // 0.001° of latitude is about 111 m everywhere.
    expect(distanceMeters(alunAlun, { lat: alunAlun.lat + 0.001, lng: alunAlun.lng })).toBeCloseTo(111.2, 0)
    expect(distanceMeters(alunAlun, alunAlun)).toBe(0)
    // Malang to Madiun, about 120 km.
    expect(distanceMeters(alunAlun, { lat: -7.6298, lng: 111.5239 }) / 1000).toBeGreaterThan(120)
  })
  it('the box holds every point within the radius', () => {
    const box = boundingBox(alunAlun, DUPLICATE_RADIUS_M)
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const r = (bearing * Math.PI) / 180
      const p = {
        lat: alunAlun.lat + (249 / 111_320) * Math.cos(r),
        lng: alunAlun.lng + (249 / (111_320 * Math.cos((alunAlun.lat * Math.PI) / 180))) * Math.sin(r),
      }
      expect(distanceMeters(alunAlun, p)).toBeLessThan(DUPLICATE_RADIUS_M)
      expect(p.lat >= box.minLat && p.lat <= box.maxLat && p.lng >= box.minLng && p.lng <= box.maxLng).toBe(true)
    }
  })
})
