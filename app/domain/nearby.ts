// "Mungkin sudah dilaporkan": open public reports of the same category near the new one.
// Distances on a sphere (haversine); the database pre-filters with a box, this decides.
import type { Point } from './geo'

export const NEARBY_RADIUS_METRES = 250
/** At most this many are shown: the nearest first. */
export const NEARBY_LIMIT = 5

const EARTH_RADIUS_METRES = 6_371_008.8

export function distanceMetres(a: Point, b: Point): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** A box (in degrees) that holds every point within `metres` of p: the database's cheap pre-filter. */
export function boundingBox(p: Point, metres: number) {
  const dLat = metres / 111_320
  const dLng = metres / (111_320 * Math.max(0.01, Math.cos((p.lat * Math.PI) / 180)))
  return { minLat: p.lat - dLat, maxLat: p.lat + dLat, minLng: p.lng - dLng, maxLng: p.lng + dLng }
}

/** A link that opens the point in the phone's map app (OpenStreetMap in a browser). */
export function mapAppLink(p: Point): string {
  return `https://www.openstreetmap.org/?mlat=${p.lat}&mlon=${p.lng}#map=17/${p.lat}/${p.lng}`
}
