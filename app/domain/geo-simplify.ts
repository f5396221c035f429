// Boundaries for the map on /lapor, sent to phones: coordinates rounded to ~1 m and
// Douglas–Peucker per ring (planar, in degrees: fine at city scale). The seeded outlines
// are already coarse (~60 points a kelurahan, Malang ~73 KB, 15 KB gzipped); this keeps a
// more detailed replacement (official BIG boundaries have thousands of points) as light.
// Only for drawing and the browser's first guess: the server decides with the full polygon.
import type { Geometry } from './geo'

/** About 5 m at Java's latitudes: invisible at the zoom levels the form uses. */
export const BOUNDARY_TOLERANCE_DEGREES = 0.00005
/** 5 decimals ≈ 1 m. */
export const BOUNDARY_DECIMALS = 5

function perpendicularDistance(p: number[], a: number[], b: number[]): number {
  const [px, py] = p as [number, number]
  const [ax, ay] = a as [number, number]
  const [bx, by] = b as [number, number]
  const dx = bx - ax
  const dy = by - ay
  const length = Math.hypot(dx, dy)
  if (length === 0) return Math.hypot(px - ax, py - ay)
  return Math.abs(dy * px - dx * py + bx * ay - by * ax) / length
}

function douglasPeucker(points: number[][], tolerance: number): number[][] {
  if (points.length < 3) return points
  let maxDistance = 0
  let index = 0
  const first = points[0]!
  const last = points[points.length - 1]!
  for (let i = 1; i < points.length - 1; i++) {
    const d = perpendicularDistance(points[i]!, first, last)
    if (d > maxDistance) {
      maxDistance = d
      index = i
    }
  }
  if (maxDistance <= tolerance) return [first, last]
  const left = douglasPeucker(points.slice(0, index + 1), tolerance)
  return [...left.slice(0, -1), ...douglasPeucker(points.slice(index), tolerance)]
}

function round(value: number, decimals: number) {
  const f = 10 ** decimals
  return Math.round(value * f) / f
}

/** A closed ring simplified; never fewer than 4 positions (a triangle, closed), else the ring as given. */
export function simplifyRing(ring: number[][], tolerance = BOUNDARY_TOLERANCE_DEGREES, decimals = BOUNDARY_DECIMALS): number[][] {
  const rounded = ring.map(([lng, lat]) => [round(lng!, decimals), round(lat!, decimals)])
  // A closed ring's first and last positions coincide: split it in two halves so the line simplification keeps its shape.
  const middle = Math.floor(rounded.length / 2)
  const simplified = [...douglasPeucker(rounded.slice(0, middle + 1), tolerance).slice(0, -1), ...douglasPeucker(rounded.slice(middle), tolerance)]
  return simplified.length >= 4 ? simplified : rounded
}

export function simplifyGeometry(geometry: Geometry, tolerance = BOUNDARY_TOLERANCE_DEGREES): Geometry {
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => simplifyRing(ring, tolerance)) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((rings) => rings.map((ring) => simplifyRing(ring, tolerance))) }
}
