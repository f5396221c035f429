// Small pieces of the executive dashboard /dasbor: KPI card with its change, the
// figure tables with drill-down links, and the CSV link. Tables are the content;
// nothing here needs JavaScript.
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { delta } from '~/domain/dashboard-filter'
import { fill } from '~/i18n'
import { useLocale } from '~/utils/locale'

export function Kpi({
  id,
  label,
  current,
  previous,
  show,
  href,
  note,
}: {
  /** a stable hook for tests and styles (data-kpi) */
  id: string
  label: string
  current: number | null
  previous: number | null
  show: (v: number | null) => string
  href?: string
  note?: string
}) {
  const { t } = useLocale()
  const d = delta(current, previous)
  const sign = d === null ? '' : d.diff > 0 ? '▲ ' : d.diff < 0 ? '▼ ' : '= '
  return (
    <div className="figure" data-kpi={id}>
      <dt>{label}</dt>
      <dd>{href ? <Link to={href}>{show(current)}</Link> : show(current)}</dd>
      {note ? <dd className="small muted">{note}</dd> : null}
      <dd className="small muted">{d === null ? t.executive.noComparison : `${sign}${fill(t.executive.previousValue, { value: show(previous) })}`}</dd>
    </div>
  )
}

export function CsvLink({ table, query }: { table: string; query: string }) {
  const { t } = useLocale()
  return (
    <p className="small">
      <a href={`/dasbor.csv?tabel=${table}&${query}`} download>
        {t.executive.csv}
      </a>
    </p>
  )
}

/** A scrollable, keyboard-focusable table region (axe: scrollable-region-focusable). */
export function TableRegion({ labelledBy, head, children }: { labelledBy: string; head: ReactNode; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      <table>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}

export const Num = ({ children }: { children: ReactNode }) => <td className="num">{children}</td>
export const Col = ({ children }: { children: ReactNode }) => (
  <th scope="col" className="num">
    {children}
  </th>
)
