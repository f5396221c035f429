// GET /api/batas-wilayah.json: the jurisdiction's kelurahan outlines (simplified) for the
// map on /lapor, fetched only when the map is opened. The browser uses them to draw the
// boundaries and to name the kelurahan under the pin; the server re-checks the point
// against the full polygons when the report is filed.
import type { LoaderFunctionArgs } from '@remix-run/node'
import type { Geometry } from '~/domain/geo'
import { simplifyGeometry } from '~/domain/geo-simplify'
import { listKelurahanBoundaries } from '~/models/reference.server'
import { getDb } from '~/utils/db.server'
import { getPublicJurisdiction } from '~/utils/jurisdiction.server'

export interface BoundaryFeature {
  type: 'Feature'
  id: number
  properties: { name: string; kecamatan: string; centroid: { lat: number; lng: number } | null }
  geometry: Geometry
}

// Simplifying takes some milliseconds and the outlines never change while the process
// runs (reference data is seeded), so each jurisdiction's answer is built once.
const built = new Map<number, string>()
const round5 = (value: number) => Math.round(value * 1e5) / 1e5

export async function loader({ request }: LoaderFunctionArgs) {
  const jurisdiction = await getPublicJurisdiction(request)
  let body = built.get(jurisdiction.id)
  if (body === undefined) {
    const rows = await listKelurahanBoundaries(await getDb(), jurisdiction.id)
    const features: BoundaryFeature[] = rows
      .filter((r) => r.polygon !== null)
      .map((r) => ({
        type: 'Feature',
        id: r.id,
        properties: {
          name: r.name,
          kecamatan: r.kecamatan_name,
          centroid: r.centroid_lat !== null && r.centroid_lng !== null ? { lat: round5(r.centroid_lat), lng: round5(r.centroid_lng) } : null,
        },
        geometry: simplifyGeometry(r.polygon as Geometry),
      }))
    body = JSON.stringify({ type: 'FeatureCollection', features })
    built.set(jurisdiction.id, body)
  }
  return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } })
}
