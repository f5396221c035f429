// GET /api/kelurahan?lat=…&lng=…: the kelurahan at a point, for the "use my
// location" button on /lapor. JSON; 404 when the point is outside the jurisdiction.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { isInIndonesia } from '~/domain/geo'
import { findKelurahanAt } from '~/models/reference.server'
import { getDb } from '~/utils/db.server'
import { getPublicJurisdiction } from '~/utils/jurisdiction.server'
import { consumeLimit, retryAfterHeaders } from '~/utils/rate-limit.server'

const query = z.object({ lat: z.coerce.number().finite(), lng: z.coerce.number().finite() })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const limited = await consumeLimit('kelurahan', context)
  if (limited)
    return Response.json({ error: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds }, { status: 429, headers: retryAfterHeaders(limited) })
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!parsed.success || !isInIndonesia(parsed.data)) return Response.json({ error: 'invalid_point' }, { status: 400 })
  const jurisdiction = await getPublicJurisdiction(request)
  const kelurahan = await findKelurahanAt(await getDb(), jurisdiction.id, parsed.data)
  if (!kelurahan) return Response.json({ error: 'outside_jurisdiction' }, { status: 404 })
  return Response.json(kelurahan, { headers: { 'Cache-Control': 'public, max-age=3600' } })
}
