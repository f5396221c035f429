// /dasbor/laporan?…the dashboard's filters…&keadaan=&umur=&kelurahan=: the reports behind a
// dashboard figure (read-only), each linking to its staff page.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { filterParams } from '~/domain/dashboard-filter'
import { BACKLOG_BANDS, type BacklogBand } from '~/domain/metric-figures'
import { STATUS_LABELS } from '~/domain/report-status'
import { DASHBOARD_ROLES } from '~/domain/roles'
import { fill } from '~/i18n'
import { listDrillDown, type DrillDown } from '~/models/executive-dashboard.server'
import { resolveDashboardView } from '~/services/dashboard-view.server'
import { requireStaff } from '~/utils/auth.server'
import { getReadDb } from '~/utils/db.server'
import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'

export { noStoreHeaders as headers } from '~/utils/headers'

const STATES = ['open', 'overdue', 'resolved'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, DASHBOARD_ROLES)
  const params = new URL(request.url).searchParams
  const db = await getReadDb()
  const now = new Date()
  const view = await resolveDashboardView(db, user, params, now)
  const state = params.get('keadaan')
  const band = params.get('umur')
  const kelurahan = view.options.kelurahan.find((k) => String(k.id) === params.get('kelurahan'))
  // Unknown values are ignored, like the dashboard's own filters: never a 400 or 5xx.
  const drill: DrillDown = {
    state: (STATES as readonly string[]).includes(state ?? '') ? (state as DrillDown['state']) : null,
    band: (BACKLOG_BANDS as readonly string[]).includes(band ?? '') ? (band as BacklogBand) : null,
    kelurahanId: kelurahan?.id ?? null,
  }
  const list = await listDrillDown(db, { scope: view.scope, filter: view.filter, timeZone: view.jurisdiction.time_zone, drill, now })
  return {
    back: `/dasbor?${filterParams(view.filter).toString()}`,
    timeZone: view.jurisdiction.time_zone,
    total: list.total,
    rows: list.rows.map((r) => ({ code: r.code, status: r.status, createdAt: r.created_at, category: { id: r.name_id, en: r.name_en }, unit: r.unit_name })),
  }
}

export default function DashboardReports() {
  const d = useLoaderData<typeof loader>()
  const { t, locale } = useLocale()
  const x = t.executive
  return (
    <>
      <h1>{x.listHeading}</h1>
      <p>
        <Link to={d.back}>{x.listBack}</Link>
      </p>
      <p>{fill(x.listShown, { shown: d.rows.length, total: d.total })}</p>
      {d.rows.length === 0 ? (
        <p>{x.listEmpty}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={x.listHeading}>
          <table>
            <thead>
              <tr>
                <th scope="col">{x.colCode}</th>
                <th scope="col">{x.colCreated}</th>
                <th scope="col">{x.colCategory}</th>
                <th scope="col">{x.colUnit}</th>
                <th scope="col">{x.colStatus}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <Link to={`/petugas/laporan/${r.code}`}>{r.code}</Link>
                  </th>
                  <td>{formatDateTime(r.createdAt, locale, d.timeZone)}</td>
                  <td>{locale === 'en' ? r.category.en : r.category.id}</td>
                  <td>{r.unit}</td>
                  <td>{STATUS_LABELS[r.status][locale]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
