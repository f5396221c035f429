import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { EscalationBadge } from '~/components/escalation-badge'
import { HolidayWarning } from '~/components/holiday-warning'
import { StatusBadge } from '~/components/status-badge'
import { isOverdue } from '~/domain/sla'
import { normalizeTrackingCode } from '~/domain/tracking-code'
import { fill } from '~/i18n'
import { escalationLevels } from '~/models/escalation.server'
import { getHolidayCoverage } from '~/models/holiday-coverage.server'
import { getJurisdictionById } from '~/models/reference.server'
import { countQueue, getStaffScope, listQueue, QUEUE_PAGE_SIZE } from '~/models/staff-report.server'
import { requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { formatDateTime, formatHours } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { QUEUE_ROLES } from '~/domain/roles'

export { noStoreHeaders as headers } from '~/utils/headers'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, QUEUE_ROLES)
  const db = await getDb()
  const scope = await getStaffScope(db, user)
  const params = new URL(request.url).searchParams
  const total = await countQueue(db, scope)
  const pageSize = QUEUE_PAGE_SIZE
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const page = pageNumber(params.get('halaman'), pageCount)
  const rows = await listQueue(db, scope, { page, pageSize })
  const levels = await escalationLevels(db, rows)
  const queue = rows.map((r) => ({ ...r, escalation: levels.get(r.id) ?? 0 }))
  const transferred = normalizeTrackingCode(params.get('dialihkan') ?? '')
  const now = new Date()
  const holidayCoverage = user.role === 'admin' ? await getHolidayCoverage(db, await getJurisdictionById(db, user.jurisdictionId), now) : null
  return { holidayCoverage, queue, total, page, pageCount, pageSize, unitName: scope.wholeJurisdiction ? null : user.unitName, now, transferred }
}

/** ?halaman= as a page that exists: nonsense means the first page, too far the last. */
function pageNumber(value: string | null, pageCount: number) {
  const n = value !== null && /^[0-9]{1,6}$/.test(value) ? Number(value) : 1
  return Math.min(Math.max(1, n), pageCount)
}

export default function Queue() {
  const { holidayCoverage, queue, total, page, pageCount, pageSize, unitName, now, transferred } = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useLocale()
  const current = new Date(now)
  return (
    <>
      {transferred ? (
        <p className="notice success" role="status">
          {fill(t.staff.transferred, { code: transferred })}
        </p>
      ) : null}
      <HolidayWarning coverage={holidayCoverage} />
      <h1>{t.staff.queueHeading}</h1>
      <p>
        {fill(t.staff.queueIntro, { unit: unitName ?? t.staff.queueWholeJurisdiction })} <strong>{fill(t.staff.openCount, { count: total })}</strong>
      </p>
      {queue.length === 0 ? (
        <p className="notice success">{t.staff.queueEmpty}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.staff.colCode}</th>
                <th scope="col">{t.staff.colStatus}</th>
                <th scope="col">{t.staff.colCategory}</th>
                <th scope="col">{t.staff.colKelurahan}</th>
                <th scope="col">{t.staff.colAge}</th>
                <th scope="col">{t.staff.colDue}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((r) => {
                const responded = r.first_response_at !== null
                const due = new Date(responded ? r.resolution_due_at : r.response_due_at)
                const late = isOverdue(due, null, current)
                return (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/petugas/laporan/${r.code}`} className="code">
                        {r.code}
                      </Link>
                    </td>
                    <td>
                      <StatusBadge status={r.status} />
                      <EscalationBadge level={r.escalation} />
                    </td>
                    <td>
                      {locale === 'id' ? r.category_name_id : r.category_name_en}
                      {r.is_emergency ? <strong className="overdue"> · {t.staff.emergency}</strong> : null}
                    </td>
                    <td>{r.kelurahan_name ?? '–'}</td>
                    <td>{formatHours((current.getTime() - new Date(r.created_at).getTime()) / 3600_000, locale)}</td>
                    <td className={late ? 'overdue' : undefined}>
                      {formatDateTime(due, locale, timeZone)} <span className="small">({responded ? t.staff.dueResolution : t.staff.dueResponse})</span>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav className="pager" aria-label={fill(t.staff.queuePage, { page, pages: pageCount })}>
          <p className="small muted">
            {fill(t.staff.queueShowing, { from: (page - 1) * pageSize + 1, to: (page - 1) * pageSize + queue.length, count: total })}{' '}
            {fill(t.staff.queuePage, { page, pages: pageCount })}
          </p>
          {page > 1 ? (
            <Link to={`?halaman=${page - 1}`} rel="prev">
              {t.staff.queuePrevious}
            </Link>
          ) : null}{' '}
          {page < pageCount ? (
            <Link to={`?halaman=${page + 1}`} rel="next">
              {t.staff.queueNext}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
