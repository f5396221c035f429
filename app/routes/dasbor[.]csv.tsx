// /dasbor.csv?tabel=unit&…the dashboard's filters…: every dashboard table as CSV, with
// the same filters and the same scope as the page (ADR 026).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { isCsvTable, toDashboardCsv } from '~/domain/dashboard-csv'
import { DASHBOARD_ROLES } from '~/domain/roles'
import { csvRecords, loadDashboardView } from '~/services/dashboard-view.server'
import { requireStaff } from '~/utils/auth.server'
import { getReadDb } from '~/utils/db.server'
import { localDateString } from '~/utils/local-date'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, DASHBOARD_ROLES)
  const params = new URL(request.url).searchParams
  const table = params.get('tabel')
  if (!isCsvTable(table)) return new Response('Unknown table', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const now = new Date()
  const view = await loadDashboardView(await getReadDb(), user, params, now)
  const body = toDashboardCsv(table, csvRecords(table, view, localDateString(now, view.jurisdiction.time_zone)))
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="dasbor-${table}-${view.filter.from}-${view.filter.to}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
