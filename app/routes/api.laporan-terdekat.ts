// GET /api/laporan-terdekat?kategori=…&lat=…&lng=… (or &kelurahan=…): open public reports
// of that category within 250 m (or in that kelurahan), for the report form before it is
// sent. JSON; never confidential, anonymous or misconduct reports, never an exact point.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { isInIndonesia } from '~/domain/geo'
import { listNearbyOpenReports } from '~/models/support.server'
import { getDb } from '~/utils/db.server'
import { getPublicJurisdiction } from '~/utils/jurisdiction.server'
import { consumeLimit, retryAfterHeaders } from '~/utils/rate-limit.server'
import { dbId } from '~/utils/schemas'

const query = z.object({
  kategori: z.coerce.number().pipe(dbId('kategori')),
  lat: z.coerce.number().finite().optional(),
  lng: z.coerce.number().finite().optional(),
  kelurahan: z.coerce.number().pipe(dbId('kelurahan')).optional(),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const limited = await consumeLimit('lookup', context)
  if (limited)
    return Response.json({ error: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds }, { status: 429, headers: retryAfterHeaders(limited) })
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ''))
  const parsed = query.safeParse(params)
  const q = parsed.success ? parsed.data : null
  const point = q?.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : null
  if (!q || (point && !isInIndonesia(point)) || (!point && q.kelurahan === undefined)) return Response.json({ error: 'invalid_query' }, { status: 400 })
  const jurisdiction = await getPublicJurisdiction(request)
  const reports = await listNearbyOpenReports(await getDb(), { jurisdictionId: jurisdiction.id, categoryId: q.kategori, point, areaId: q.kelurahan ?? null })
  return Response.json({ reports, byArea: point === null }, { headers: { 'Cache-Control': 'no-store' } })
}
