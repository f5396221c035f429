// GET /laporan/peta.json?…&zoom=N: the public map's markers (issue 8 §4): the same
// filter and privacy rules as /laporan; only public reports have a (rounded) point,
// anonymous ones show on no map. Clustered per zoom on the server (domain/map-clusters).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { clusterPoints, MAX_ZOOM, MIN_ZOOM } from '~/domain/map-clusters'
import { getDictionary } from '~/i18n'
import { listPublicPoints } from '~/models/public-report.server'
import { getDb } from '~/utils/db.server'
import { getPublicJurisdiction } from '~/utils/jurisdiction.server'
import { getLocale } from '~/utils/locale.server'
import { parsePublicListQuery, toPublicFilter } from '~/utils/public-list-query'

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getDictionary(await getLocale(request))
  const url = new URL(request.url)
  const zoomText = url.searchParams.get('zoom') ?? '13'
  const zoom = /^\d{1,2}$/.test(zoomText) ? Number(zoomText) : NaN
  const { query, valid } = parsePublicListQuery(url, t)
  if (!valid || !(zoom >= MIN_ZOOM && zoom <= MAX_ZOOM)) return Response.json({ error: 'invalid_filter', message: t.publicList.invalidFilter }, { status: 400 })
  const jurisdiction = await getPublicJurisdiction(request)
  const { points, capped } = await listPublicPoints(await getDb(), toPublicFilter(query, jurisdiction.id, new Date()))
  return Response.json({ zoom, capped, count: points.length, features: clusterPoints(points, zoom) }, { headers: { 'Cache-Control': 'public, max-age=60' } })
}
