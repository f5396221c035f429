// GET /laporan.csv?…: the filtered public list as CSV (issue 8 §4): the same filter and
// privacy rules as /laporan (models/public-report.server.ts), never a contact, rounded
// points only, cells safe against formula injection (domain/csv.ts).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { toCsv } from '~/domain/csv'
import { STATUS_LABELS } from '~/domain/report-status'
import { isOverdue } from '~/domain/sla'
import { getDictionary } from '~/i18n'
import { listPublicReportsForCsv } from '~/models/public-report.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { formatDateTime } from '~/utils/format'
import { getPublicJurisdiction, getPublicPrefix } from '~/utils/jurisdiction.server'
import { getLocale } from '~/utils/locale.server'
import { parsePublicListQuery, toPublicFilter } from '~/utils/public-list-query'

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request)
  const t = getDictionary(locale)
  const url = new URL(request.url)
  const { query, valid, submission } = parsePublicListQuery(url, t)
  if (!valid) {
    const messages = Object.values(submission.reply().error ?? {}).flat()
    return new Response(`${[...new Set(messages)].join(' ')}\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  const [jurisdiction, prefix] = await Promise.all([getPublicJurisdiction(request), getPublicPrefix(request)])
  const now = new Date()
  const rows = await listPublicReportsForCsv(await getDb(), { ...toPublicFilter(query, jurisdiction.id, now), sort: query.urut })
  const origin = getEnv().APP_BASE_URL ?? url.origin
  const tz = jurisdiction.time_zone
  const h = t.publicList.csvHeader
  const body = toCsv(
    [h.code, h.category, h.status, h.kecamatan, h.kelurahan, h.submitted, h.resolved, h.overdue, h.supporters, h.lat, h.lng, h.description, h.link],
    rows.map((r) => [
      r.code,
      locale === 'en' ? r.category_name_en : r.category_name_id,
      STATUS_LABELS[r.status][locale],
      r.kecamatan_name,
      r.kelurahan_name,
      formatDateTime(r.created_at, locale, tz),
      r.resolved_at ? formatDateTime(r.resolved_at, locale, tz) : '',
      isOverdue(r.resolution_due_at, r.resolved_at, now) ? t.publicList.yes : t.publicList.no,
      r.supporter_count,
      r.lat,
      r.lng,
      r.description,
      `${origin}${prefix}/laporan/${r.code}`,
    ]),
  )
  const day = now.toISOString().slice(0, 10)
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="laporan-${jurisdiction.slug}-${day}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
