// The anti-gaming flags table (issue 10 §1) for /dasbor (executives) and /dasbor/tanda
// (executives and the Inspektorat): the flagged reports with links, and the units behind
// the "not our remit" flag with their rates.
import { Link } from '@remix-run/react'
import type { GamingFlag } from '~/domain/metric-figures'
import { fill } from '~/i18n'
import { formatDateTime, formatNumber, formatPercent } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { Col, CsvLink, Num, TableRegion } from './dashboard-parts'

export interface GamingFlagsData {
  reports: { code: string; unit: string; createdAt: string | Date; flags: readonly GamingFlag[] }[]
  units: { unitId: number; unit: string; reports: number; rejected: number; rate: number; usualRate: number }[]
}

export function GamingFlags({
  data,
  limit,
  timeZone,
  reportHref,
  csvQuery,
}: {
  data: GamingFlagsData
  limit: number
  timeZone: string
  reportHref: (code: string) => string
  /** the dashboard's filters: a CSV link of the same list (executives on /dasbor) */
  csvQuery?: string
}) {
  const { t, locale } = useLocale()
  const x = t.executive
  const g = t.gamingFlags
  return (
    <section aria-labelledby="flags-heading">
      <h2 id="flags-heading">{g.heading}</h2>
      <p>{fill(g.note, { max: limit })}</p>
      {data.reports.length === 0 ? (
        <p>{x.flagsNone}</p>
      ) : (
        <TableRegion
          labelledBy="flags-heading"
          head={
            <>
              <th scope="col">{x.colCode}</th>
              <th scope="col">{x.colCreated}</th>
              <th scope="col">{x.colUnit}</th>
              <th scope="col">{x.colFlags}</th>
            </>
          }
        >
          {data.reports.map((r) => (
            <tr key={r.code} data-flagged={r.code}>
              <th scope="row">
                <Link to={reportHref(r.code)}>{r.code}</Link>
              </th>
              <td>{formatDateTime(r.createdAt, locale, timeZone)}</td>
              <td>{r.unit}</td>
              <td>{r.flags.map((flag) => x[`flag_${flag}`]).join('; ')}</td>
            </tr>
          ))}
        </TableRegion>
      )}
      {csvQuery !== undefined ? <CsvLink table="tanda" query={csvQuery} /> : null}
      {data.units.length ? (
        <>
          <h3 id="remit-heading">{g.unitsHeading}</h3>
          <p>{g.unitsNote}</p>
          <TableRegion
            labelledBy="remit-heading"
            head={
              <>
                <th scope="col">{x.colUnit}</th>
                <Col>{x.colReports}</Col>
                <Col>{g.colRejected}</Col>
                <Col>{g.colRate}</Col>
                <Col>{g.colUsual}</Col>
              </>
            }
          >
            {data.units.map((u) => (
              <tr key={u.unitId}>
                <th scope="row">{u.unit}</th>
                <Num>{formatNumber(u.reports, locale)}</Num>
                <Num>{formatNumber(u.rejected, locale)}</Num>
                <Num>{formatPercent(u.rate, locale)}</Num>
                <Num>{formatPercent(u.usualRate, locale)}</Num>
              </tr>
            ))}
          </TableRegion>
        </>
      ) : null}
    </section>
  )
}
