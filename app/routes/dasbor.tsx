import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { WeeklyChart } from '~/components/weekly-chart'
import { REPORT_STATUSES, STATUS_LABELS } from '~/domain/report-status'
import { fill } from '~/i18n'
import { getStatusCounts, getSummary, getUnitTable, getWeeklyFlow } from '~/models/dashboard.server'
import { getJurisdictionById } from '~/models/reference.server'
import { HolidayWarning } from '~/components/holiday-warning'
import { getHolidayCoverage } from '~/models/holiday-coverage.server'
import { requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { formatHours, formatNumber, formatPercent } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { DASHBOARD_ROLES } from '~/domain/roles'

const PERIODS = [30, 90, 365] as const

export { noStoreHeaders as headers } from '~/utils/headers'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, DASHBOARD_ROLES)
  const requested = Number(new URL(request.url).searchParams.get('hari'))
  const days = (PERIODS as readonly number[]).includes(requested) ? requested : 90
  const db = await getDb()
  const jurisdiction = await getJurisdictionById(db, user.jurisdictionId)
  const now = new Date()
  const filter = { jurisdictionId: jurisdiction.id, since: new Date(now.getTime() - days * 86400_000), now }
  const [summary, statusCounts, units, weekly] = await Promise.all([
    getSummary(db, filter),
    getStatusCounts(db, filter),
    getUnitTable(db, filter),
    getWeeklyFlow(db, { ...filter, timeZone: jurisdiction.time_zone }),
  ])
  const holidayCoverage = user.role === 'admin' ? await getHolidayCoverage(db, jurisdiction, now) : null
  return { days, jurisdictionName: jurisdiction.name, summary, statusCounts, units, weekly, holidayCoverage }
}

export default function Dashboard() {
  const { days, jurisdictionName, summary: s, statusCounts, units, weekly, holidayCoverage } = useLoaderData<typeof loader>()
  const { t, locale } = useLocale()
  const rating = (v: number | null) => (v === null ? '–' : formatNumber(v, locale, 2))
  return (
    <>
      <HolidayWarning coverage={holidayCoverage} />
      <h1>
        {t.dashboard.heading}: {jurisdictionName}
      </h1>
      <form method="get" className="inline-form">
        <div className="field">
          <label htmlFor="hari">{t.dashboard.period}</label>
          <select id="hari" name="hari" defaultValue={days}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {fill(t.dashboard.periodDays, { days: p })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          {t.dashboard.apply}
        </button>
      </form>

      <dl className="figures" style={{ marginTop: '1rem' }}>
        <Figure label={t.dashboard.total} value={formatNumber(s.total, locale)} />
        <Figure label={t.dashboard.open} value={formatNumber(s.open, locale)} />
        <Figure label={t.dashboard.overdueOpen} value={formatNumber(s.overdueOpen, locale)} />
        <Figure label={t.dashboard.medianResponse} value={formatHours(s.medianResponseHours, locale)} />
        <Figure label={t.dashboard.medianResolution} value={formatHours(s.medianResolutionHours, locale)} />
        <Figure label={t.dashboard.onTime} value={formatPercent(s.onTimeShare, locale)} />
        <Figure label={t.dashboard.meanRating} value={`${rating(s.meanRating)} / 5`} note={fill(t.dashboard.ratingsCount, { count: s.ratings })} />
        <Figure label={t.clocks.confirmedFixed} value={String(s.confirmedFixed)} note={t.clocks.confirmedFixedNote} />
      </dl>

      <h2>{t.dashboard.byStatus}</h2>
      {/* Focusable so keyboard users can scroll the table sideways on a phone (axe: scrollable-region-focusable). */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t.dashboard.byStatus}>
        <table>
          <thead>
            <tr>
              {REPORT_STATUSES.map((status) => (
                <th key={status} scope="col" className="num">
                  {STATUS_LABELS[status][locale]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {REPORT_STATUSES.map((status) => (
                <td key={status} className="num" data-status={status}>
                  {formatNumber(statusCounts[status] ?? 0, locale)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>

      <h2>{t.dashboard.byUnit}</h2>
      {units.length === 0 ? (
        <p>{t.dashboard.noData}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t.dashboard.byUnit}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.dashboard.colUnit}</th>
                <th scope="col" className="num">
                  {t.dashboard.total}
                </th>
                <th scope="col" className="num">
                  {t.dashboard.open}
                </th>
                <th scope="col" className="num">
                  {t.dashboard.overdueOpen}
                </th>
                <th scope="col" className="num">
                  {t.dashboard.medianResponse}
                </th>
                <th scope="col" className="num">
                  {t.dashboard.medianResolution}
                </th>
                <th scope="col" className="num">
                  {t.dashboard.onTime}
                </th>
                <th scope="col" className="num">
                  {t.dashboard.meanRating}
                </th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.unitId}>
                  <th scope="row">{u.name}</th>
                  <td className="num">{formatNumber(u.total, locale)}</td>
                  <td className="num">{formatNumber(u.open, locale)}</td>
                  <td className="num">{formatNumber(u.overdueOpen, locale)}</td>
                  <td className="num">{formatHours(u.medianResponseHours, locale)}</td>
                  <td className="num">{formatHours(u.medianResolutionHours, locale)}</td>
                  <td className="num">{formatPercent(u.onTimeShare, locale)}</td>
                  <td className="num">{rating(u.meanRating)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="chart-heading">{t.dashboard.chartHeading}</h2>
      <WeeklyChart data={weekly} labels={{ received: t.dashboard.received, resolved: t.dashboard.resolved, title: t.dashboard.chartHeading }} />
      <details open>
        <summary>{t.dashboard.chartDataTable}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t.dashboard.chartDataTable}>
          <table aria-labelledby="chart-heading">
            <thead>
              <tr>
                <th scope="col">{t.dashboard.colWeek}</th>
                <th scope="col" className="num">
                  {t.dashboard.received}
                </th>
                <th scope="col" className="num">
                  {t.dashboard.resolved}
                </th>
              </tr>
            </thead>
            <tbody>
              {weekly.map((w) => (
                <tr key={w.week}>
                  <td>{w.week}</td>
                  <td className="num">{formatNumber(w.received, locale)}</td>
                  <td className="num">{formatNumber(w.resolved, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  )
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
      {note ? (
        <dd className="small muted" style={{ fontSize: '0.85rem', fontWeight: 400 }}>
          {note}
        </dd>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
