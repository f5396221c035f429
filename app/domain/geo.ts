// Which area (kelurahan) contains a point. GeoJSON positions are [lng, lat].
// Ray casting per ring; a point inside a hole is outside the polygon.

export type Geometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }

export interface Point {
  lat: number
  lng: number
}

function inRing(p: Point, ring: number[][]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number]
    const [xj, yj] = ring[j] as [number, number]
    const crosses = yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi
    if (crosses) inside = !inside
  }
  return inside
}

function inPolygon(p: Point, rings: number[][][]): boolean {
  const [outer, ...holes] = rings
  return outer !== undefined && inRing(p, outer) && !holes.some((hole) => inRing(p, hole))
}

export function containsPoint(geometry: Geometry, p: Point): boolean {
  return geometry.type === 'Polygon' ? inPolygon(p, geometry.coordinates) : geometry.coordinates.some((rings) => inPolygon(p, rings))
}

/** The first area whose polygon contains the point, or null. */
export function findContainingArea<T extends { polygon: Geometry | null }>(areas: readonly T[], p: Point): T | null {
  return areas.find((a) => a.polygon !== null && containsPoint(a.polygon, p)) ?? null
}

/** A rough box around Indonesia: refuses swapped or made-up coordinates early. */
export function isInIndonesia(p: Point): boolean {
  return p.lat >= -11.5 && p.lat <= 6.5 && p.lng >= 94.5 && p.lng <= 141.5
}

const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in metres (haversine): plenty for "within 250 m" inside a city. */
export function distanceMeters(a: Point, b: Point): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Reports this close (same category) are offered as the original of a duplicate (ADR 018). */
export const DUPLICATE_RADIUS_M = 250

/**
 * A lat/lng box that holds every point within `meters` of p: lets SQL narrow with plain
 * comparisons before the exact distance is checked.
 */
export function boundingBox(p: Point, meters: number) {
  const dLat = meters / 111_320
  const dLng = meters / (111_320 * Math.max(0.01, Math.cos((p.lat * Math.PI) / 180)))
  return { minLat: p.lat - dLat, maxLat: p.lat + dLat, minLng: p.lng - dLng, maxLng: p.lng + dLng }
}
