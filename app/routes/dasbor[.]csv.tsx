// /dasbor.csv?tabel=unit&…the dashboard's filters…: every dashboard table as CSV, with
// the same filters and the same scope as the page (ADR 026).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { FLAG_CSV_COLUMNS, FLAG_CSV_TABLE, isCsvTable, toCsv, toDashboardCsv } from '~/domain/dashboard-csv'
import { DASHBOARD_ROLES } from '~/domain/roles'
import { getGamingFlags } from '~/models/gaming-flags.server'
import { csvRecords, loadDashboardView, resolveDashboardView } from '~/services/dashboard-view.server'
import { requireStaff } from '~/utils/auth.server'
import { getReadDb } from '~/utils/db.server'
import { localDateString } from '~/utils/local-date'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, DASHBOARD_ROLES)
  const params = new URL(request.url).searchParams
  const table = params.get('tabel')
  if (table === FLAG_CSV_TABLE) {
    // The flags, as on the page: executives only (the Inspektorat reads /dasbor/tanda).
    if (user.role !== 'executive') throw new Response('Forbidden', { status: 403 })
    const db = await getReadDb()
    const view = await resolveDashboardView(db, user, params, new Date())
    const flags = await getGamingFlags(db, { scope: view.scope, filter: view.filter, timeZone: view.jurisdiction.time_zone })
    const rows = flags.reports.map((r) => ({ code: r.code, created_at: r.createdAt.toISOString(), unit: r.unit, flags: r.flags.join(' ') }))
    return csvResponse(toCsv(FLAG_CSV_COLUMNS, rows), `dasbor-tanda-${view.filter.from}-${view.filter.to}.csv`)
  }
  if (!isCsvTable(table)) return new Response('Unknown table', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const now = new Date()
  const view = await loadDashboardView(await getReadDb(), user, params, now)
  const body = toDashboardCsv(table, csvRecords(table, view, localDateString(now, view.jurisdiction.time_zone)))
  return csvResponse(body, `dasbor-${table}-${view.filter.from}-${view.filter.to}.csv`)
}

function csvResponse(body: string, filename: string) {
  return new Response(body, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'private, no-store' },
  })
}
