// /petugas/kinerja?dari=…&sampai=…: the ASN scorecard (issue 10 §1, ADR 031). An officer
// sees their own row, a supervisor the officers of their unit subtree, an executive the
// jurisdiction's officers; nobody else, never public. Scope is in the query's where.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Col, Num, TableRegion } from '~/components/dashboard-parts'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { parseDashboardFilter } from '~/domain/dashboard-filter'
import { RANKING_MIN_REPORTS } from '~/domain/metric-figures'
import { SCORECARD_ROLES } from '~/domain/roles'
import { fill } from '~/i18n'
import { getOfficerScorecards, type ScorecardScope } from '~/models/officer-scorecard.server'
import { getJurisdictionById } from '~/models/reference.server'
import { unitAndDescendants } from '~/models/staff-report.server'
import { requireStaff } from '~/utils/auth.server'
import { getReadDb } from '~/utils/db.server'
import { formatDate, formatNumber, formatPercent } from '~/utils/format'
import { localDateString } from '~/utils/local-date'
import { useLocale } from '~/utils/locale'

export { noStoreHeaders as headers } from '~/utils/headers'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, SCORECARD_ROLES)
  const db = await getReadDb()
  const jurisdiction = await getJurisdictionById(db, user.jurisdictionId)
  const today = localDateString(new Date(), jurisdiction.time_zone)
  const { filter, invalid } = parseDashboardFilter(new URL(request.url).searchParams, today)
  const j = user.jurisdictionId
  const scope: ScorecardScope =
    user.role === 'executive'
      ? { jurisdictionId: j, kind: 'jurisdiction' }
      : user.role === 'supervisor'
        ? { jurisdictionId: j, kind: 'units', unitIds: user.unitId === null ? [] : await unitAndDescendants(db, user.unitId) }
        : { jurisdictionId: j, kind: 'self', userId: user.id }
  const rows = await getOfficerScorecards(db, { scope, from: filter.from, to: filter.to, timeZone: jurisdiction.time_zone })
  return {
    from: filter.from,
    to: filter.to,
    today,
    invalid: invalid.filter((f) => f === 'dari' || f === 'sampai'),
    timeZone: jurisdiction.time_zone,
    rows,
    own: scope.kind === 'self',
  }
}

export default function Scorecards() {
  const d = useLoaderData<typeof loader>()
  const { t, locale } = useLocale()
  const s = t.scorecard
  const date = (day: string) => formatDate(`${day}T12:00:00Z`, locale, d.timeZone)
  const pct = (v: number | null) => formatPercent(v, locale)
  return (
    <>
      <h1>{d.own ? s.headingOwn : s.heading}</h1>
      <p>
        <strong>{s.resultsNotHours}</strong>
      </p>
      <p>{fill(s.rule, { min: RANKING_MIN_REPORTS })}</p>
      <form method="get" className="inline-form" aria-labelledby="period-heading">
        <h2 id="period-heading" className="visually-hidden">
          {s.periodHeading}
        </h2>
        {d.invalid.length ? (
          <p role="alert" className="error">
            {fill(t.executive.invalid, { fields: d.invalid.join(', ') })}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="dari">{t.executive.from}</label>
          <input id="dari" name="dari" type="date" defaultValue={d.from} max={d.today} />
        </div>
        <div className="field">
          <label htmlFor="sampai">{t.executive.to}</label>
          <input id="sampai" name="sampai" type="date" defaultValue={d.to} max={d.today} />
        </div>
        <button type="submit" className="secondary">
          {t.executive.apply}
        </button>
      </form>
      <p>{fill(s.period, { from: date(d.from), to: date(d.to) })}</p>
      <section aria-labelledby="scorecard-heading">
        <h2 id="scorecard-heading">{s.tableHeading}</h2>
        {d.rows.length === 0 ? (
          <p>{s.none}</p>
        ) : (
          <TableRegion
            labelledBy="scorecard-heading"
            head={
              <>
                <th scope="col">{s.colOfficer}</th>
                <th scope="col">{s.colUnit}</th>
                <Col>{s.colHandled}</Col>
                <Col>{s.colOnTime}</Col>
                <Col>{s.colConfirmedFixed}</Col>
                <Col>{s.colRating}</Col>
                <Col>{s.colReopen}</Col>
              </>
            }
          >
            {d.rows.map((r) => (
              <tr key={r.id} data-officer={r.id}>
                <th scope="row">{r.name}</th>
                <td>{r.unit ?? '–'}</td>
                <Num>{formatNumber(r.handled, locale)}</Num>
                <Num>{r.enough ? pct(r.onTimeShare) : s.tooFew}</Num>
                <Num>{r.enough ? pct(r.confirmedFixedRate) : '–'}</Num>
                <Num>{r.enough && r.meanRating !== null ? `${formatNumber(r.meanRating, locale, 2)} (n = ${r.ratings})` : '–'}</Num>
                <Num>{r.enough ? pct(r.reopenRate) : '–'}</Num>
              </tr>
            ))}
          </TableRegion>
        )}
      </section>
      <p className="small muted">{s.definitions}</p>
      {d.own ? null : (
        <p>
          <Link to="/dasbor">{s.back}</Link>
        </p>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
