// Server-side marker clustering for the public map (issue 8 §4, ADR 023): points are
// grouped per zoom level into square cells of about CELL_PX screen pixels in Web
// Mercator, so the browser draws at most a few hundred markers whatever the count,
// and needs no clustering library. Pure.

export interface MapPoint {
  code: string
  status: string
  lat: number
  lng: number
}

export type MapFeature =
  { kind: 'report'; code: string; status: string; lat: number; lng: number } | { kind: 'cluster'; count: number; lat: number; lng: number }

/** A cell's side in screen pixels: about a marker's size, so markers never overlap much. */
export const CELL_PX = 60
export const MIN_ZOOM = 1
export const MAX_ZOOM = 19

/** Web Mercator pixel coordinates of a point at a zoom (256-px tiles). */
export function toPixel(p: { lat: number; lng: number }, zoom: number) {
  const scale = 256 * 2 ** zoom
  const sin = Math.min(Math.max(Math.sin((p.lat * Math.PI) / 180), -0.9999), 0.9999)
  return { x: ((p.lng + 180) / 360) * scale, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale }
}

/** Groups points by cell; a cell with one point stays that report, others become a cluster at their mean. */
export function clusterPoints(points: readonly MapPoint[], zoom: number): MapFeature[] {
  const z = Math.min(Math.max(Math.round(zoom), MIN_ZOOM), MAX_ZOOM)
  const cells = new Map<string, MapPoint[]>()
  for (const p of points) {
    const { x, y } = toPixel(p, z)
    const key = `${Math.floor(x / CELL_PX)}:${Math.floor(y / CELL_PX)}`
    const cell = cells.get(key)
    if (cell) cell.push(p)
    else cells.set(key, [p])
  }
  const features: MapFeature[] = []
  for (const cell of cells.values()) {
    if (cell.length === 1) {
      const p = cell[0]!
      features.push({ kind: 'report', code: p.code, status: p.status, lat: p.lat, lng: p.lng })
      continue
    }
    const lat = cell.reduce((s, p) => s + p.lat, 0) / cell.length
    const lng = cell.reduce((s, p) => s + p.lng, 0) / cell.length
    features.push({ kind: 'cluster', count: cell.length, lat: Math.round(lat * 1e5) / 1e5, lng: Math.round(lng * 1e5) / 1e5 })
  }
  return features
}
