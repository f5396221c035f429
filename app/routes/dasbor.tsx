// /dasbor: the executive dashboard (issue 10 §3, ADR 026). Filters live in the URL
// (GET form, no JavaScript); every figure reads the rollups through getStats, within
// the viewer's scope; counts link to the reports behind them; every table has a CSV.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CsvLink, Col, Kpi, Num, TableRegion } from '~/components/dashboard-parts'
import { Choropleth } from '~/components/choropleth'
import { GamingFlags } from '~/components/gaming-flags'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { HolidayWarning } from '~/components/holiday-warning'
import { choroplethQuery, parseChoroplethParams } from '~/domain/choropleth'
import { filterParams, isPartialWeek, type DashboardFilter } from '~/domain/dashboard-filter'
import { equitySpread, RANKING_MIN_REPORTS, TRUST_COMPONENTS, TRUST_WEIGHTS } from '~/domain/metric-figures'
import { IKM_MIN_RESPONDENTS } from '~/domain/metrics'
import { DASHBOARD_ROLES, SCORECARD_ROLES } from '~/domain/roles'
import { fill } from '~/i18n'
import { listChoroplethAreas } from '~/models/choropleth.server'
import { getHolidayCoverage } from '~/models/holiday-coverage.server'
import { FLAG_LIMIT } from '~/models/executive-dashboard.server'
import { getGamingFlags } from '~/models/gaming-flags.server'
import { loadDashboardView } from '~/services/dashboard-view.server'
import { requireStaff } from '~/utils/auth.server'
import { getReadDb } from '~/utils/db.server'
import { formatDate, formatHours, formatNumber, formatPercent } from '~/utils/format'
import { localDateString } from '~/utils/local-date'
import { useLocale } from '~/utils/locale'

export { noStoreHeaders as headers } from '~/utils/headers'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, DASHBOARD_ROLES)
  const db = await getReadDb()
  const now = new Date()
  const params = new URL(request.url).searchParams
  const view = await loadDashboardView(db, user, params, now)
  const areas = await listChoroplethAreas(db, view.jurisdiction.id)
  const holidayCoverage = user.role === 'admin' ? await getHolidayCoverage(db, view.jurisdiction, now) : null
  // Anti-gaming flags: executives here; the Inspektorat sees the same list on /dasbor/tanda.
  const flags = user.role === 'executive' ? await getGamingFlags(db, { scope: view.scope, filter: view.filter, timeZone: view.jurisdiction.time_zone }) : null
  return {
    jurisdictionName: view.jurisdiction.name,
    timeZone: view.jurisdiction.time_zone,
    today: localDateString(now, view.jurisdiction.time_zone),
    filter: view.filter,
    invalid: view.invalid,
    options: view.options,
    data: view.data,
    holidayCoverage,
    flags,
    flagLimit: FLAG_LIMIT,
    canSeeScorecards: SCORECARD_ROLES.includes(user.role),
    map: { ...parseChoroplethParams(params), areas, boundariesUrl: `/${view.jurisdiction.slug}/api/batas-wilayah.json` },
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

/** Drill-down link to the reports behind a count, keeping the filters and adding `extra`. */
function drill(filter: DashboardFilter, extra: Record<string, string | number> = {}) {
  const p = filterParams(filter)
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v))
  return `/dasbor/laporan?${p.toString()}`
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>()
  const { t, locale } = useLocale()
  const x = t.executive
  const f = d.filter
  const c = d.data.city
  const p = d.data.previous
  const query = filterParams(f).toString()
  const date = (day: string) => formatDate(`${day}T12:00:00Z`, locale, d.timeZone)
  const hours = (v: number | null) => formatHours(v, locale)
  const pct = (v: number | null) => formatPercent(v, locale)
  const count = (v: number | null) => (v === null ? '–' : formatNumber(v, locale))
  const num = (v: number | null, digits = 2) => (v === null ? '–' : formatNumber(v, locale, digits))
  const byCode = <T extends { code: string; id: number }>(list: T[], code: string) => list.find((o) => o.code === code)?.id
  const unitId = (short: string) => d.options.units.find((u) => u.shortName === short)?.id
  return (
    <>
      <HolidayWarning coverage={d.holidayCoverage} />
      <h1>
        {t.dashboard.heading}: {d.jurisdictionName}
      </h1>
      <Filters d={d} />
      {d.canSeeScorecards ? (
        <p>
          <Link to={`/petugas/kinerja?dari=${f.from}&sampai=${f.to}`}>{t.gamingFlags.scorecardLink}</Link>
        </p>
      ) : null}
      <p>{fill(x.period, { from: date(f.from), to: date(f.to), prevFrom: date(d.data.previousPeriod.from), prevTo: date(d.data.previousPeriod.to) })}</p>

      <section aria-labelledby="kpi-heading">
        <h2 id="kpi-heading">{x.kpiHeading}</h2>
        <dl className="figures">
          <Kpi id="reports" label={x.reports} current={c?.reports ?? 0} previous={p?.reports ?? 0} show={count} href={drill(f)} />
          <Kpi id="resolved" label={x.resolved} current={c?.resolved ?? 0} previous={p?.resolved ?? 0} show={count} href={drill(f, { keadaan: 'resolved' })} />
          <Kpi id="open" label={x.open} current={c?.open ?? 0} previous={p?.open ?? 0} show={count} href={drill(f, { keadaan: 'open' })} />
          <Kpi
            id="medianResponse"
            label={x.medianResponse}
            current={c?.medianHoursToFirstResponse ?? null}
            previous={p?.medianHoursToFirstResponse ?? null}
            show={hours}
          />
          <Kpi id="p90Response" label={x.p90Response} current={c?.p90HoursToFirstResponse ?? null} previous={p?.p90HoursToFirstResponse ?? null} show={hours} />
          <Kpi
            id="medianResolution"
            label={x.medianResolution}
            current={c?.medianHoursToResolution ?? null}
            previous={p?.medianHoursToResolution ?? null}
            show={hours}
          />
          <Kpi id="p90Resolution" label={x.p90Resolution} current={c?.p90HoursToResolution ?? null} previous={p?.p90HoursToResolution ?? null} show={hours} />
          <Kpi id="onTimeResponse" label={x.onTimeResponse} current={c?.onTimeResponseShare ?? null} previous={p?.onTimeResponseShare ?? null} show={pct} />
          <Kpi
            id="onTimeResolution"
            label={x.onTimeResolution}
            current={c?.onTimeResolutionShare ?? null}
            previous={p?.onTimeResolutionShare ?? null}
            show={pct}
          />
          <Kpi id="reopenRate" label={x.reopenRate} current={c?.reopenRate ?? null} previous={p?.reopenRate ?? null} show={pct} />
          <Kpi
            id="rating"
            label={x.rating}
            current={c?.meanRating ?? null}
            previous={p?.meanRating ?? null}
            show={(v) => `${num(v, 2)} / 5`}
            note={fill(t.dashboard.ratingsCount, { count: c?.ratings ?? 0 })}
          />
          <Kpi id="trustIndex" label={x.trustIndex} current={d.data.trust.index} previous={d.data.previousTrust.index} show={(v) => num(v, 1)} />
        </dl>
        <CsvLink table="kpi" query={query} />
      </section>

      <section aria-labelledby="units-heading">
        <h2 id="units-heading">{x.unitsHeading}</h2>
        <p>{fill(x.rankRule, { min: RANKING_MIN_REPORTS })}</p>
        <TableRegion
          labelledBy="units-heading"
          head={
            <>
              <Col>{x.colRank}</Col>
              <th scope="col">{x.colUnit}</th>
              <Col>{x.colReports}</Col>
              <Col>{x.colOpen}</Col>
              <Col>{x.colMedianResolution}</Col>
              <Col>{x.colOnTimeResponse}</Col>
              <Col>{x.colOnTimeResolution}</Col>
              <Col>{x.colScore}</Col>
            </>
          }
        >
          {d.data.units.map((u) => {
            const id = unitId(u.key)
            const link = (extra: Record<string, string> = {}) => (id === undefined ? null : drill({ ...f, unitId: id, unitExact: true }, extra))
            return (
              <tr key={u.key}>
                <Num>{u.rank ?? '–'}</Num>
                <th scope="row">{u.name}</th>
                <Num>
                  <Linked to={link()}>{count(u.reports)}</Linked>
                </Num>
                <Num>
                  <Linked to={link({ keadaan: 'open' })}>{count(u.open)}</Linked>
                </Num>
                <Num>{u.countsOnly ? '–' : hours(u.medianHoursToResolution)}</Num>
                <Num>{u.countsOnly ? '–' : pct(u.onTimeResponseShare)}</Num>
                <Num>{u.countsOnly ? '–' : pct(u.onTimeResolutionShare)}</Num>
                <Num>{u.score === null ? '–' : pct(u.score)}</Num>
              </tr>
            )
          })}
        </TableRegion>
        <CsvLink table="unit" query={query} />
      </section>

      <StatTable
        id="categories"
        heading={x.categoriesHeading}
        colName={x.colCategory}
        rows={d.data.categories}
        table="kategori"
        query={query}
        link={(key) => {
          const id = byCode(d.options.categories, key)
          return id === undefined ? null : drill({ ...f, categoryId: id })
        }}
      />
      <section aria-labelledby="equity-map-heading" id="peta">
        <h2 id="equity-map-heading">{t.choropleth.mapSummary}</h2>
        <Choropleth
          id="equity-map"
          level={d.map.level}
          metric={d.map.metric}
          rows={d.map.level === 'kelurahan' ? d.data.kelurahan : d.data.kecamatan}
          areas={d.map.areas}
          boundariesUrl={d.map.boundariesUrl}
          hrefFor={(level, metric) => `/dasbor?${query}&${choroplethQuery(level, metric)}#peta`}
        />
        <EquitySpread rows={d.map.level === 'kelurahan' ? d.data.kelurahan : d.data.kecamatan} />
      </section>

      <StatTable
        id="kecamatan"
        heading={x.kecamatanHeading}
        colName={x.colArea}
        rows={d.data.kecamatan}
        table="kecamatan"
        query={query}
        link={(key) => {
          const id = byCode(d.options.kecamatan, key)
          return id === undefined ? null : drill({ ...f, kecamatanId: id })
        }}
      />
      <StatTable
        id="kelurahan"
        heading={x.kelurahanHeading}
        colName={x.colArea}
        rows={d.data.kelurahan}
        table="kelurahan"
        query={query}
        link={(key) => {
          const id = byCode(d.options.kelurahan, key)
          return id === undefined ? null : drill(f, { kelurahan: id })
        }}
      />

      <section aria-labelledby="weeks-heading">
        <h2 id="weeks-heading">{x.weeksHeading}</h2>
        <TableRegion
          labelledBy="weeks-heading"
          head={
            <>
              <th scope="col">{x.colWeek}</th>
              <Col>{x.colReports}</Col>
              <Col>{x.colResolved}</Col>
              <Col>{x.colOnTimeResolution}</Col>
            </>
          }
        >
          {d.data.weeks.map((w) => {
            const partial = isPartialWeek(w.key, d.today)
            const from = w.key < f.from ? f.from : w.key
            const end = new Date(Date.parse(`${w.key}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10)
            return (
              <tr key={w.key}>
                <th scope="row">
                  {date(w.key)} {partial ? <em>{x.partialWeek}</em> : null}
                </th>
                <Num>
                  <Link to={drill({ ...f, from, to: end > f.to ? f.to : end })}>{count(w.reports)}</Link>
                </Num>
                <Num>
                  <Link to={drill({ ...f, from, to: end > f.to ? f.to : end }, { keadaan: 'resolved' })}>{count(w.resolved)}</Link>
                </Num>
                <Num>{pct(w.onTimeResolutionShare)}</Num>
              </tr>
            )
          })}
        </TableRegion>
        <CsvLink table="minggu" query={query} />
      </section>

      <section aria-labelledby="backlog-heading">
        <h2 id="backlog-heading">{x.backlogHeading}</h2>
        <p>{x.backlogNote}</p>
        <TableRegion
          labelledBy="backlog-heading"
          head={
            <>
              <th scope="col">{x.colBand}</th>
              <Col>{x.colOpen}</Col>
              <Col>{x.colOverdue}</Col>
            </>
          }
        >
          {d.data.backlog.map((b) => (
            <tr key={b.band}>
              <th scope="row">{x[`band_${b.band}`]}</th>
              <Num>
                <Link to={drill(f, { umur: b.band })}>{count(b.open)}</Link>
              </Num>
              <Num>
                <Link to={drill(f, { umur: b.band, keadaan: 'overdue' })}>{count(b.overdue)}</Link>
              </Num>
            </tr>
          ))}
        </TableRegion>
        <CsvLink table="umur" query={query} />
      </section>

      <section aria-labelledby="ikm-heading">
        <h2 id="ikm-heading">{x.ikmHeading}</h2>
        <p>{fill(x.ikmRule, { min: IKM_MIN_RESPONDENTS })}</p>
        <TableRegion
          labelledBy="ikm-heading"
          head={
            <>
              <th scope="col">{x.colUnit}</th>
              <Col>{x.colRespondents}</Col>
              <Col>{x.colIkm}</Col>
              <th scope="col">{x.colGrade}</th>
            </>
          }
        >
          {d.data.units
            .filter((u) => u.ikmRespondents > 0 && !u.countsOnly)
            .map((u) => (
              <tr key={u.key}>
                <th scope="row">{u.name}</th>
                <Num>{count(u.ikmRespondents)}</Num>
                <Num>{num(u.ikmScore, 2)}</Num>
                <td>{u.ikmGrade ?? x.tooFew}</td>
              </tr>
            ))}
        </TableRegion>
        <CsvLink table="unit" query={query} />
      </section>

      <section aria-labelledby="trust-heading">
        <h2 id="trust-heading">{x.trustHeading}</h2>
        <p>{x.trustNote}</p>
        <TableRegion
          labelledBy="trust-heading"
          head={
            <>
              <th scope="col">{x.colComponent}</th>
              <Col>{x.colWeight}</Col>
              <Col>{x.colValue}</Col>
              <Col>{x.colPrevious}</Col>
            </>
          }
        >
          {TRUST_COMPONENTS.map((k) => (
            <tr key={k}>
              <th scope="row">{t.transparency[`trust_${k}`]}</th>
              <Num>{num(TRUST_WEIGHTS[k], 2)}</Num>
              <Num>{num(d.data.trust.components[k], 2)}</Num>
              <Num>{num(d.data.previousTrust.components[k], 2)}</Num>
            </tr>
          ))}
        </TableRegion>
        <CsvLink table="kepercayaan" query={query} />
      </section>

      {d.flags ? (
        <GamingFlags data={d.flags} limit={d.flagLimit} timeZone={d.timeZone} reportHref={(code) => `/petugas/laporan/${code}`} csvQuery={query} />
      ) : null}
    </>
  )
}

/** Best and worst area (≥ the ranking minimum) and the gap between them, as on /transparansi. */
function EquitySpread({ rows }: { rows: Data['data']['kelurahan'] }) {
  const { t, locale } = useLocale()
  const s = equitySpread(
    rows.map((r) => ({ key: r.name, reports: r.reports, value: r.countsOnly ? null : r.medianHoursToResolution })),
    'lower',
  )
  return (
    <p>
      {s
        ? fill(t.transparency.equitySpread, { best: s.best.key, worst: s.worst.key, spread: formatHours(s.spread, locale) })
        : fill(t.transparency.equityNone, { min: RANKING_MIN_REPORTS })}
    </p>
  )
}

/** A drill-down link narrowed to a state (open, resolved…), or null when there is no link. */
const withState = (to: string | null, state: string) => (to === null ? null : `${to}&keadaan=${state}`)

function Linked({ to, children }: { to: string | null; children: string }) {
  return to ? <Link to={to}>{children}</Link> : <>{children}</>
}

function StatTable(props: {
  id: string
  heading: string
  colName: string
  rows: Data['data']['categories']
  table: string
  query: string
  link: (key: string) => string | null
}) {
  const { t, locale } = useLocale()
  const x = t.executive
  const headingId = `${props.id}-heading`
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{props.heading}</h2>
      {props.rows.length === 0 ? (
        <p>{x.noData}</p>
      ) : (
        <TableRegion
          labelledBy={headingId}
          head={
            <>
              <th scope="col">{props.colName}</th>
              <Col>{x.colReports}</Col>
              <Col>{x.colOpen}</Col>
              <Col>{x.colMedianResolution}</Col>
              <Col>{x.colOnTimeResolution}</Col>
            </>
          }
        >
          {props.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              <Num>
                <Linked to={props.link(r.key)}>{formatNumber(r.reports, locale)}</Linked>
              </Num>
              <Num>
                <Linked to={withState(props.link(r.key), 'open')}>{formatNumber(r.open, locale)}</Linked>
              </Num>
              <Num>{r.countsOnly ? '–' : formatHours(r.medianHoursToResolution, locale)}</Num>
              <Num>{r.countsOnly ? '–' : formatPercent(r.onTimeResolutionShare, locale)}</Num>
            </tr>
          ))}
        </TableRegion>
      )}
      <CsvLink table={props.table} query={props.query} />
    </section>
  )
}

/** Filter fields share the row and shrink below their longest option (long unit names overflowed 360 px). */
const FIELD = { flex: '1 1 12rem', minWidth: 0, maxWidth: '100%' } as const

function Filters({ d }: { d: Data }) {
  const { t, locale } = useLocale()
  const x = t.executive
  const f = d.filter
  return (
    <form method="get" className="inline-form" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="visually-hidden">
        {x.filtersHeading}
      </h2>
      {d.invalid.length ? (
        <p role="alert" className="error">
          {fill(x.invalid, { fields: d.invalid.join(', ') })}
        </p>
      ) : null}
      <div className="field" style={FIELD}>
        <label htmlFor="dari">{x.from}</label>
        <input id="dari" name="dari" type="date" defaultValue={f.from} max={d.today} style={{ width: '100%' }} />
      </div>
      <div className="field" style={FIELD}>
        <label htmlFor="sampai">{x.to}</label>
        <input id="sampai" name="sampai" type="date" defaultValue={f.to} max={d.today} style={{ width: '100%' }} />
      </div>
      <div className="field" style={FIELD}>
        <label htmlFor="unit">{x.unit}</label>
        <select id="unit" name="unit" defaultValue={f.unitId ?? ''}>
          <option value="">{x.all}</option>
          {d.options.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field" style={FIELD}>
        <label htmlFor="kategori">{x.category}</label>
        <select id="kategori" name="kategori" defaultValue={f.categoryId ?? ''}>
          <option value="">{x.all}</option>
          {d.options.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {locale === 'en' ? c.nameEn : c.nameId}
            </option>
          ))}
        </select>
      </div>
      <div className="field" style={FIELD}>
        <label htmlFor="kecamatan">{x.kecamatan}</label>
        <select id="kecamatan" name="kecamatan" defaultValue={f.kecamatanId ?? ''}>
          <option value="">{x.all}</option>
          {d.options.kecamatan.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="secondary">
        {x.apply}
      </button>{' '}
      <Link to="/dasbor">{x.reset}</Link>
    </form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
