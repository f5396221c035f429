// GET /data/{jurisdiction-slug}/stats/{dimension}.{csv,json}?from=YYYY-MM-DD&to=YYYY-MM-DD
// The open-data statistics API (docs/metrics.md, "The open-data contract"). Public, cached
// in process (public-stats-cache) and by clients/proxies (ETag + Cache-Control): a burst
// of requests reaches the database at most once per distinct URL per minute.
import { createHash } from 'node:crypto'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { parseStatsFile, parseStatsRange, toCsv, toJsonRecord, toOpenDataRecord } from '~/domain/open-data'
import { getStats } from '~/models/metric-stats.server'
import { cachedStats } from '~/models/public-stats-cache.server'
import { getJurisdictionBySlug } from '~/models/reference.server'
import { getReadDb } from '~/utils/db.server'
import { localDateString } from '~/utils/local-date'

const CACHE_CONTROL = 'public, max-age=60'
const MESSAGES = {
  bad_date: 'from and to must be dates written YYYY-MM-DD',
  from_after_to: 'from must not be after to',
  range_too_long: 'the range may span at most 3660 days',
} as const

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = parseStatsFile(params.file ?? '')
  const slug = params.slug ?? ''
  if (!file || !/^[a-z0-9-]{1,64}$/.test(slug)) return notFound()
  const db = await getReadDb()
  const jurisdiction = await cachedStats(0, `jurisdiction:${slug}`, async () => (await getJurisdictionBySlug(db, slug)) ?? null)
  if (!jurisdiction) return notFound()

  const url = new URL(request.url)
  const range = parseStatsRange(url.searchParams.get('from'), url.searchParams.get('to'), localDateString(new Date(), jurisdiction.time_zone))
  if ('error' in range) {
    const body = { error: range.error, message: MESSAGES[range.error] }
    return file.format === 'json'
      ? Response.json(body, { status: 400 })
      : new Response(`${body.message}\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }

  const cacheKey = `${file.dimension}.${file.format}?${range.from}/${range.to}`
  const { body, etag } = await cachedStats(jurisdiction.id, cacheKey, async () => {
    const rows = await getStats(db, { jurisdictionId: jurisdiction.id, timeZone: jurisdiction.time_zone, dimension: file.dimension, ...range })
    const records = rows.map((r) => toOpenDataRecord(r))
    const text =
      file.format === 'csv'
        ? toCsv(records)
        : JSON.stringify({ jurisdiction: slug, dimension: file.dimension, from: range.from, to: range.to, rows: records.map(toJsonRecord) })
    return { body: text, etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"` }
  })
  const headers = new Headers({
    'Content-Type': file.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    'Cache-Control': CACHE_CONTROL,
    ETag: etag,
    'Access-Control-Allow-Origin': '*',
  })
  if (file.format === 'csv') headers.set('Content-Disposition', `inline; filename="${slug}-${file.dimension}-${range.from}-${range.to}.csv"`)
  const match = request.headers.get('If-None-Match')
  if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers })
  return new Response(body, { status: 200, headers })
}
