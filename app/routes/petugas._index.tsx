import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { StatusBadge } from '~/components/status-badge'
import { isOverdue } from '~/domain/sla'
import { normalizeTrackingCode } from '~/domain/tracking-code'
import { fill } from '~/i18n'
import { getStaffScope, listQueue } from '~/models/staff-report.server'
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
  const queue = await listQueue(db, scope)
  const transferred = normalizeTrackingCode(new URL(request.url).searchParams.get('dialihkan') ?? '')
  return { queue, unitName: scope.wholeJurisdiction ? null : user.unitName, now: new Date(), transferred }
}

export default function Queue() {
  const { queue, unitName, now, transferred } = useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useLocale()
  const current = new Date(now)
  return (
    <>
      {transferred ? (
        <p className="notice success" role="status">
          {fill(t.staff.transferred, { code: transferred })}
        </p>
      ) : null}
      <h1>{t.staff.queueHeading}</h1>
      <p>
        {fill(t.staff.queueIntro, { unit: unitName ?? t.staff.queueWholeJurisdiction })} <strong>{fill(t.staff.openCount, { count: queue.length })}</strong>
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
                      <Link to={`/petugas/laporan/${r.code}`} className="code">{r.code}</Link>
                    </td>
                    <td>
                      <StatusBadge status={r.status} />
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
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
