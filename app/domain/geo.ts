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
