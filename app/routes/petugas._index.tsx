import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { EscalationBadge } from '~/components/escalation-badge'
import { HolidayWarning } from '~/components/holiday-warning'
import { StatusBadge } from '~/components/status-badge'
import { isOverdue } from '~/domain/sla'
import { normalizeTrackingCode } from '~/domain/tracking-code'
import { fill } from '~/i18n'
import { escalationLevels } from '~/models/escalation.server'
import { getHolidayCoverage } from '~/models/holiday-coverage.server'
import { getJurisdictionById, listActiveCategories, listKelurahan } from '~/models/reference.server'
import { parseQueueFilters, queueFilterParams, QUEUE_SEARCH_MAX } from '~/domain/queue-filters'
import { OPEN_STATUSES } from '~/domain/vocabulary'
import { STATUS_LABELS } from '~/domain/report-status'
import { countQueue, getStaffScope, listQueue, QUEUE_PAGE_SIZE } from '~/models/staff-report.server'
import { requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { formatDateTime, formatHours } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { QUEUE_ROLES, TEMPLATE_ROLES } from '~/domain/roles'

export { noStoreHeaders as headers } from '~/utils/headers'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, QUEUE_ROLES)
  const db = await getDb()
  const scope = await getStaffScope(db, user)
  const params = new URL(request.url).searchParams
  const now = new Date()
  const filters = parseQueueFilters(params)
  const query = { filters, userId: user.id, now }
  const total = await countQueue(db, scope, query)
  const pageSize = QUEUE_PAGE_SIZE
  const pageCount = Math.max(1, Math.ceil(total / pageSize))
  const page = pageNumber(params.get('halaman'), pageCount)
  const rows = await listQueue(db, scope, { ...query, page, pageSize })
  const levels = await escalationLevels(db, rows)
  const queue = rows.map((r) => ({ ...r, escalation: levels.get(r.id) ?? 0 }))
  const transferred = normalizeTrackingCode(params.get('dialihkan') ?? '')
  const holidayCoverage = user.role === 'admin' ? await getHolidayCoverage(db, await getJurisdictionById(db, user.jurisdictionId), now) : null
  const [categories, kelurahan] = await Promise.all([listActiveCategories(db, user.jurisdictionId), listKelurahan(db, user.jurisdictionId)])
  const options = {
    categories: categories.map((c) => ({ id: c.id, name_id: c.name_id, name_en: c.name_en })),
    kelurahan: kelurahan.map((k) => ({ id: k.id, name: k.name, kecamatan_id: k.kecamatan_id, kecamatan_name: k.kecamatan_name })),
  }
  const filterQuery = queueFilterParams(filters).toString()
  const canManageTemplates = TEMPLATE_ROLES.includes(user.role) && user.unitId !== null
  return {
    canManageTemplates,
    holidayCoverage,
    queue,
    total,
    page,
    pageCount,
    pageSize,
    unitName: scope.wholeJurisdiction ? null : user.unitName,
    now,
    transferred,
    filters,
    filterQuery,
    options,
  }
}

/** ?halaman= as a page that exists: nonsense means the first page, too far the last. */
function pageNumber(value: string | null, pageCount: number) {
  const n = value !== null && /^[0-9]{1,6}$/.test(value) ? Number(value) : 1
  return Math.min(Math.max(1, n), pageCount)
}

export default function Queue() {
  const { canManageTemplates, holidayCoverage, queue, total, page, pageCount, pageSize, unitName, now, transferred, filters, filterQuery, options } =
    useLoaderData<typeof loader>()
  const { t, locale, timeZone } = useLocale()
  const current = new Date(now)
  const pageLink = (n: number) => `?${[filterQuery, `halaman=${n}`].filter(Boolean).join('&')}`
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
      {canManageTemplates ? (
        <p className="small">
          <Link to="/petugas/templat">{t.officer.templatesManage}</Link>
        </p>
      ) : null}
      <QueueFilterForm filters={filters} options={options} active={filterQuery !== ''} />
      {queue.length === 0 ? (
        <p className="notice success">{filterQuery ? t.officer.queueNoMatch : t.staff.queueEmpty}</p>
      ) : (
        <div className="table-scroll">
          <table className="queue">
            <thead>
              <tr>
                <th scope="col">{t.staff.colCode}</th>
                <th scope="col">{t.staff.colStatus}</th>
                <th scope="col">{t.staff.colCategory}</th>
                <th scope="col">{t.staff.colKelurahan}</th>
                <th scope="col">{t.officer.colAssignee}</th>
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
                    <td data-label={t.staff.colCode}>
                      <Link to={`/petugas/laporan/${r.code}`} className="code">
                        {r.code}
                      </Link>
                    </td>
                    <td data-label={t.staff.colStatus}>
                      <StatusBadge status={r.status} />
                      <EscalationBadge level={r.escalation} />
                      {r.reject_proposal_event_id !== null ? <span className="status status-proposal">{t.officer.rejectProposedBadge}</span> : null}
                    </td>
                    <td data-label={t.staff.colCategory}>
                      {locale === 'id' ? r.category_name_id : r.category_name_en}
                      {r.is_emergency ? <strong className="overdue"> · {t.staff.emergency}</strong> : null}
                    </td>
                    <td data-label={t.staff.colKelurahan}>{r.kelurahan_name ?? '–'}</td>
                    <td data-label={t.officer.colAssignee}>{r.assignee_name ?? '–'}</td>
                    <td data-label={t.staff.colAge}>{formatHours((current.getTime() - new Date(r.created_at).getTime()) / 3600_000, locale)}</td>
                    <td data-label={t.staff.colDue} className={late ? 'overdue' : undefined}>
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
            <Link to={pageLink(page - 1)} rel="prev">
              {t.staff.queuePrevious}
            </Link>
          ) : null}{' '}
          {page < pageCount ? (
            <Link to={pageLink(page + 1)} rel="next">
              {t.staff.queueNext}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  )
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

/** A GET form: every filter state is a URL (bookmarkable), and it works without JavaScript. */
function QueueFilterForm({ filters, options, active }: { filters: LoaderData['filters']; options: LoaderData['options']; active: boolean }) {
  const { t, locale } = useLocale()
  const kecamatan = [...new Map(options.kelurahan.map((k) => [k.kecamatan_id, k.kecamatan_name])).entries()]
  return (
    <details className="queue-filters" open={active}>
      <summary>{t.officer.filtersHeading}</summary>
      <Form method="get" role="search" aria-label={t.officer.filtersHeading}>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="filter-q">{t.officer.filterSearch}</label>
            <input id="filter-q" type="search" name="q" defaultValue={filters.q ?? ''} maxLength={QUEUE_SEARCH_MAX} />
          </div>
          <div className="field">
            <label htmlFor="filter-status">{t.staff.colStatus}</label>
            <select id="filter-status" name="status" defaultValue={filters.status ?? ''}>
              <option value="">{t.officer.filterAny}</option>
              {OPEN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s][locale]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-category">{t.staff.colCategory}</label>
            <select id="filter-category" name="kategori" defaultValue={filters.categoryId ?? ''}>
              <option value="">{t.officer.filterAny}</option>
              {options.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {locale === 'id' ? c.name_id : c.name_en}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-area">{t.officer.filterArea}</label>
            <select id="filter-area" name="wilayah" defaultValue={filters.areaId ?? ''}>
              <option value="">{t.officer.filterAny}</option>
              {kecamatan.map(([id, name]) => (
                <optgroup key={id} label={name}>
                  <option value={id}>{fill(t.officer.filterWholeKecamatan, { name })}</option>
                  {options.kelurahan
                    .filter((k) => k.kecamatan_id === id)
                    .map((k) => (
                      <option key={k.id} value={k.id}>
                        {k.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-assignee">{t.officer.colAssignee}</label>
            <select id="filter-assignee" name="tugas" defaultValue={filters.assignee ?? ''}>
              <option value="">{t.officer.filterAny}</option>
              <option value="saya">{t.officer.filterMine}</option>
              <option value="kosong">{t.officer.filterUnassigned}</option>
            </select>
          </div>
        </div>
        <fieldset className="filter-flags">
          <legend className="visually-hidden">{t.officer.filtersHeading}</legend>
          <label>
            <input type="checkbox" name="terlambat" value="1" defaultChecked={filters.overdue ?? false} /> {t.officer.filterOverdue}
          </label>
          <label>
            <input type="checkbox" name="eskalasi" value="1" defaultChecked={filters.escalated ?? false} /> {t.officer.filterEscalated}
          </label>
          <label>
            <input type="checkbox" name="usulan_tolak" value="1" defaultChecked={filters.rejectProposed ?? false} /> {t.officer.filterRejectProposed}
          </label>
        </fieldset>
        <button type="submit">{t.officer.filterApply}</button> {active ? <Link to="/petugas">{t.officer.filterReset}</Link> : null}
      </Form>
    </details>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
