// /transparansi: the public performance page of the jurisdiction (issue 10 §4). Reads the
// rollups through getTransparency (replica when configured), cached for a minute in
// process so bursts of anonymous traffic cannot reach the database. No officer names,
// no contacts; the Inspektorat and misconduct reports show counts only. The trend chart
// is plain SVG so it renders on the server and works without JavaScript.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData, type ClientLoaderFunctionArgs } from '@remix-run/react'
import { Choropleth } from '~/components/choropleth'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { choroplethQuery, parseChoroplethParams } from '~/domain/choropleth'
import { RANKING_MIN_REPORTS, TRUST_COMPONENTS, TRUST_WEIGHTS } from '~/domain/metric-figures'
import { IKM_MIN_RESPONDENTS } from '~/domain/metrics'
import { OPEN_DATA_DIMENSIONS } from '~/domain/open-data'
import { fill, isLocale, loadDictionary } from '~/i18n'
import { listChoroplethAreas } from '~/models/choropleth.server'
import { cachedStats } from '~/models/public-stats-cache.server'
import { getTransparency } from '~/models/transparency.server'
import { getReadDb } from '~/utils/db.server'
import { formatHours, formatNumber, formatPercent } from '~/utils/format'
import { getPublicJurisdiction } from '~/utils/jurisdiction.server'
import { localDateString } from '~/utils/local-date'
import { useLocale } from '~/utils/locale'

const DAY = 86_400_000

export async function loader({ request }: LoaderFunctionArgs) {
  const jurisdiction = await getPublicJurisdiction(request)
  const now = new Date()
  const to = localDateString(now, jurisdiction.time_zone)
  const from = localDateString(new Date(now.getTime() - 89 * DAY), jurisdiction.time_zone)
  // Trend: the last 12 calendar months including this one.
  const trendFrom = `${localDateString(new Date(now.getTime() - 335 * DAY), jurisdiction.time_zone).slice(0, 7)}-01`
  const db = await getReadDb()
  const data = await cachedStats(jurisdiction.id, `transparansi:${from}:${to}`, () =>
    getTransparency(db, { jurisdictionId: jurisdiction.id, timeZone: jurisdiction.time_zone, from, to }, trendFrom),
  )
  // A plain object: the document's headers stay the default (the layout may show a signed-in
  // staff member's name, so the page itself must not go into shared caches; the data is
  // cached in process instead).
  // The outlines' codes never change while the process runs: cached like the figures.
  const areas = await cachedStats(jurisdiction.id, 'choropleth-areas', () => listChoroplethAreas(db, jurisdiction.id))
  const map = { ...parseChoroplethParams(new URL(request.url).searchParams), areas }
  return { jurisdiction: { name: jurisdiction.name, slug: jurisdiction.slug }, from, to, data, map }
}

// A link from a public page lands here without a full load: fetch the dashboard text the
// charts share first (entry.client does it for a first load; ADR 028).
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const lang = document.documentElement.lang
  const [data] = await Promise.all([serverLoader<typeof loader>(), loadDictionary(isLocale(lang) ? lang : 'id', true)])
  return data
}

export default function Transparency() {
  const { jurisdiction, from, to, data, map } = useLoaderData<typeof loader>()
  const { t, locale } = useLocale()
  const tr = t.transparency
  const c = data.city
  const num = (v: number | null, digits = 2) => (v === null ? '–' : formatNumber(v, locale, digits))
  const pct = (v: number | null) => formatPercent(v, locale)
  return (
    <>
      <h1>{fill(tr.heading, { jurisdiction: jurisdiction.name })}</h1>
      <p>{fill(tr.period, { from, to })}</p>

      <section aria-labelledby="city-heading">
        <h2 id="city-heading">{tr.cityHeading}</h2>
        {!c ? (
          <p>{tr.noData}</p>
        ) : (
          <dl className="figures">
            <Figure label={tr.reports} value={formatNumber(c.reports, locale)} />
            <Figure label={tr.demand} value={formatNumber(c.demand, locale)} />
            <Figure label={tr.resolved} value={formatNumber(c.resolved, locale)} />
            <Figure label={tr.medianResponse} value={formatHours(c.medianHoursToFirstResponse, locale)} />
            <Figure label={tr.p90Response} value={formatHours(c.p90HoursToFirstResponse, locale)} />
            <Figure label={tr.medianResolution} value={formatHours(c.medianHoursToResolution, locale)} />
            <Figure label={tr.p90Resolution} value={formatHours(c.p90HoursToResolution, locale)} />
            <Figure label={tr.onTimeResponse} value={pct(c.onTimeResponseShare)} />
            <Figure label={tr.onTimeResolution} value={pct(c.onTimeResolutionShare)} />
            <Figure label={tr.reopenRate} value={pct(c.reopenRate)} />
            <Figure
              label={tr.rating}
              value={c.meanRating === null ? '–' : `${num(c.meanRating, 1)} / 5`}
              note={fill(tr.ratingNote, { count: c.ratings, share: pct(c.ratingHighShare) })}
            />
          </dl>
        )}
      </section>

      <section aria-labelledby="trust-heading">
        <h2 id="trust-heading">{tr.trustHeading}</h2>
        <p>
          <strong>{fill(tr.trustValue, { value: num(data.trust.index, 1) })}</strong>
        </p>
        <p>{tr.trustMethod}</p>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="trust-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{tr.colComponent}</th>
                <th scope="col" className="num">
                  {tr.colWeight}
                </th>
                <th scope="col" className="num">
                  {tr.colValue}
                </th>
                <th scope="col">{tr.colParts}</th>
              </tr>
            </thead>
            <tbody>
              {TRUST_COMPONENTS.map((k) => (
                <tr key={k}>
                  <th scope="row">{tr[`trust_${k}`]}</th>
                  <td className="num">{num(TRUST_WEIGHTS[k], 2)}</td>
                  <td className="num">{num(data.trust.components[k], 2)}</td>
                  <td>{tr[`parts_${k}`]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3 id="trend-heading">{tr.trendHeading}</h3>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="trend-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{tr.colMonth}</th>
                <th scope="col" className="num">
                  {tr.colIndex}
                </th>
                {TRUST_COMPONENTS.map((k) => (
                  <th key={k} scope="col" className="num">
                    {tr[`trust_${k}`]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.trend.map((m) => (
                <tr key={m.key}>
                  <th scope="row">{m.key.slice(0, 7)}</th>
                  <td className="num">{num(m.index, 1)}</td>
                  {TRUST_COMPONENTS.map((k) => (
                    <td key={k} className="num">
                      {num(m.components[k], 2)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="units-heading">
        <h2 id="units-heading">{tr.unitsHeading}</h2>
        <p>{fill(tr.rankRule, { min: RANKING_MIN_REPORTS })}</p>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="units-heading">
          <table>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {tr.colRank}
                </th>
                <th scope="col">{tr.colUnit}</th>
                <th scope="col" className="num">
                  {tr.colReports}
                </th>
                <th scope="col" className="num">
                  {tr.colMedianResolution}
                </th>
                <th scope="col" className="num">
                  {tr.colOnTimeResponse}
                </th>
                <th scope="col" className="num">
                  {tr.colOnTimeResolution}
                </th>
                <th scope="col" className="num">
                  {tr.colReopen}
                </th>
                <th scope="col" className="num">
                  {tr.colRating}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.units.map((u) => (
                <tr key={u.key}>
                  <td className="num">{u.rank ?? '–'}</td>
                  <th scope="row">{u.name}</th>
                  <td className="num">{formatNumber(u.reports, locale)}</td>
                  <td className="num">{u.countsOnly ? '–' : formatHours(u.medianHoursToResolution, locale)}</td>
                  <td className="num">{u.countsOnly ? '–' : pct(u.onTimeResponseShare)}</td>
                  <td className="num">{u.countsOnly ? '–' : pct(u.onTimeResolutionShare)}</td>
                  <td className="num">{u.countsOnly ? '–' : pct(u.reopenRate)}</td>
                  <td className="num">{u.countsOnly || u.meanRating === null ? '–' : `${num(u.meanRating, 1)} (${u.ratings})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="ikm-heading">
        <h2 id="ikm-heading">{tr.ikmHeading}</h2>
        <p>{fill(tr.ikmRule, { min: IKM_MIN_RESPONDENTS })}</p>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="ikm-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{tr.colUnit}</th>
                <th scope="col" className="num">
                  {tr.colRespondents}
                </th>
                <th scope="col" className="num">
                  {tr.colIkm}
                </th>
                <th scope="col">{tr.colGrade}</th>
              </tr>
            </thead>
            <tbody>
              {data.units
                .filter((u) => u.ikmRespondents > 0 && !u.countsOnly)
                .map((u) => (
                  <tr key={u.key}>
                    <th scope="row">{u.name}</th>
                    <td className="num">{formatNumber(u.ikmRespondents, locale)}</td>
                    <td className="num">{num(u.ikmScore, 2)}</td>
                    <td>{u.ikmGrade ?? tr.tooFew}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="equity-heading">
        <h2 id="equity-heading">{tr.equityHeading}</h2>
        <div id="peta">
          <Choropleth
            id="equity-map"
            level={map.level}
            metric={map.metric}
            rows={map.level === 'kelurahan' ? data.kelurahan.rows : data.kecamatan.rows}
            areas={map.areas}
            boundariesUrl={`/${jurisdiction.slug}/api/batas-wilayah.json`}
            hrefFor={(level, metric) => `?${choroplethQuery(level, metric)}#peta`}
          />
        </div>
        {(['kecamatan', 'kelurahan'] as const).map((level) => {
          const e = data[level]
          const s = e.resolutionHours
          const headingId = `${level}-heading`
          return (
            <div key={level}>
              <h3 id={headingId}>{level === 'kecamatan' ? tr.kecamatanHeading : tr.kelurahanHeading}</h3>
              <p>
                {s
                  ? fill(tr.equitySpread, { best: s.best.key, worst: s.worst.key, spread: formatHours(s.spread, locale) })
                  : fill(tr.equityNone, { min: RANKING_MIN_REPORTS })}
              </p>
              <details open={level === 'kecamatan'}>
                <summary>{level === 'kecamatan' ? tr.kecamatanHeading : tr.kelurahanHeading}</summary>
                <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={headingId}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{tr.colArea}</th>
                        <th scope="col" className="num">
                          {tr.colReports}
                        </th>
                        <th scope="col" className="num">
                          {tr.colMedianResolution}
                        </th>
                        <th scope="col" className="num">
                          {tr.colOnTimeResolution}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {e.rows.map((r) => (
                        <tr key={r.key}>
                          <th scope="row">{r.name}</th>
                          <td className="num">{formatNumber(r.reports, locale)}</td>
                          <td className="num">{formatHours(r.medianHoursToResolution, locale)}</td>
                          <td className="num">{pct(r.onTimeResolutionShare)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </div>
          )
        })}
      </section>

      <section aria-labelledby="weeks-heading">
        <h2 id="weeks-heading">{tr.weeksHeading}</h2>
        <WeekBars weeks={data.weeks.map((w) => ({ week: w.key, reports: w.reports, resolved: w.resolved }))} label={tr.chartLabel} />
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="weeks-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{tr.colWeek}</th>
                <th scope="col" className="num">
                  {tr.colReports}
                </th>
                <th scope="col" className="num">
                  {tr.resolved}
                </th>
                <th scope="col" className="num">
                  {tr.colOnTimeResolution}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.weeks.map((w) => (
                <tr key={w.key}>
                  <th scope="row">{w.key}</th>
                  <td className="num">{formatNumber(w.reports, locale)}</td>
                  <td className="num">{formatNumber(w.resolved, locale)}</td>
                  <td className="num">{pct(w.onTimeResolutionShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="open-data-heading">
        <h2 id="open-data-heading">{tr.openDataHeading}</h2>
        <p>{tr.openDataIntro}</p>
        <ul>
          <li>
            <a href={`/data/${jurisdiction.slug}/requests.ndjson.gz`}>{tr.openDataRequests}</a> ·{' '}
            <a href={`/open311/v2/discovery.json?jurisdiction_id=${jurisdiction.slug}`}>{tr.openDataApi}</a>
          </li>
          {OPEN_DATA_DIMENSIONS.map((d) => (
            <li key={d}>
              {d}: <a href={`/data/${jurisdiction.slug}/stats/${d}.csv?from=${from}&to=${to}`}>CSV</a>,{' '}
              <a href={`/data/${jurisdiction.slug}/stats/${d}.json?from=${from}&to=${to}`}>JSON</a>
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}

/** Received (dark) and resolved (light) bars per week; decorative beside its table. */
function WeekBars({ weeks, label }: { weeks: { week: string; reports: number; resolved: number }[]; label: string }) {
  if (weeks.length === 0) return null
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.reports, w.resolved)))
  const step = 100 / weeks.length
  return (
    <svg viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-label={label} style={{ width: '100%', height: '10rem' }}>
      {weeks.map((w, i) => (
        <g key={w.week}>
          <rect x={i * step + step * 0.1} width={step * 0.4} y={40 - (w.reports / max) * 38} height={(w.reports / max) * 38} fill="#1f4e79" />
          <rect x={i * step + step * 0.5} width={step * 0.4} y={40 - (w.resolved / max) * 38} height={(w.resolved / max) * 38} fill="#8fb8de" />
        </g>
      ))}
    </svg>
  )
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
      {note ? <dd className="small muted">{note}</dd> : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
