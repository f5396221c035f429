// The equity map (issue 10 §1/§3/§4): per kelurahan or kecamatan, coloured by median time
// to resolution or on-time share (app/domain/choropleth.ts), with its legend and the table
// beside it. Server-rendered: the legend and the table (with each row's colour class) work
// without JavaScript; the map is drawn once the page has hydrated, Leaflet loaded lazily.
import { Link } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { CHOROPLETH_COLOURS, choroplethClass, choroplethScale, METRIC_BETTER, type ChoroplethLevel, type ChoroplethMetric } from '~/domain/choropleth'
import { fill } from '~/i18n'
import { formatHours, formatNumber, formatPercent } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { Col, Num, TableRegion } from './dashboard-parts'

interface Row {
  key: string
  name: string
  reports: number
  medianHoursToResolution: number | null
  onTimeResolutionShare: number | null
  countsOnly?: boolean
}

const NO_DATA = '#ffffff'

export function Choropleth(props: {
  id: string
  level: ChoroplethLevel
  metric: ChoroplethMetric
  rows: readonly Row[]
  /** every kelurahan (id, code, its kecamatan's code): how an outline finds its row */
  areas: readonly { id: number; code: string; kecamatanCode: string }[]
  boundariesUrl: string
  /** the same page with another level or metric (plain links: no JavaScript needed) */
  hrefFor: (level: ChoroplethLevel, metric: ChoroplethMetric) => string
}) {
  const { t, locale } = useLocale()
  const c = t.choropleth
  const valueOf = (r: Row) => (r.countsOnly ? null : props.metric === 'median' ? r.medianHoursToResolution : r.onTimeResolutionShare)
  const show = (v: number | null) => (props.metric === 'median' ? formatHours(v, locale) : formatPercent(v, locale))
  const scale = choroplethScale(props.rows.map(valueOf), METRIC_BETTER[props.metric])
  const classOf = new Map(props.rows.map((r) => [r.key, choroplethClass(scale, valueOf(r))]))
  const classes: Record<string, number | null> = {}
  for (const a of props.areas) classes[String(a.id)] = classOf.get(props.level === 'kelurahan' ? a.code : a.kecamatanCode) ?? null
  const headingId = `${props.id}-heading`
  const metricName = c[`metric_${props.metric}`]
  const levelName = props.level === 'kelurahan' ? t.executive.kelurahanHeading : t.executive.kecamatanHeading
  return (
    <section aria-labelledby={headingId} className="choropleth">
      <h3 id={headingId}>
        {levelName}: {metricName}
      </h3>
      <p className="small">
        {c.metricLabel}:{' '}
        {(['median', 'onTime'] as const).map((m, i) => (
          <span key={m}>
            {i ? ' · ' : ''}
            <Link to={props.hrefFor(props.level, m)} aria-current={m === props.metric ? 'true' : undefined}>
              {c[`metric_${m}`]}
            </Link>
          </span>
        ))}
        {' | '}
        {(['kelurahan', 'kecamatan'] as const).map((l, i) => (
          <span key={l}>
            {i ? ' · ' : ''}
            <Link to={props.hrefFor(l, props.metric)} aria-current={l === props.level ? 'true' : undefined}>
              {l === 'kelurahan' ? t.executive.kelurahanHeading : t.executive.kecamatanHeading}
            </Link>
          </span>
        ))}
      </p>
      <ChoroplethMap url={props.boundariesUrl} classes={classes} label={fill(c.mapLabel, { metric: metricName })} />
      <h4 id={`${props.id}-legend`}>{c.legend}</h4>
      <ul className="choropleth-legend" aria-labelledby={`${props.id}-legend`}>
        {scale?.legend.map((l, i) => (
          <li key={l.colour}>
            <Swatch colour={l.colour} /> {i + 1}: {show(l.from)} – {show(l.to)}
          </li>
        ))}
        <li>
          <Swatch colour={NO_DATA} /> {c.noData}
        </li>
      </ul>
      <TableRegion
        labelledBy={headingId}
        head={
          <>
            <th scope="col">{t.executive.colArea}</th>
            <Col>{t.executive.colReports}</Col>
            <Col>{metricName}</Col>
            <th scope="col">{c.colColour}</th>
          </>
        }
      >
        {props.rows.map((r) => {
          const cls = classOf.get(r.key) ?? null
          return (
            <tr key={r.key} data-class={cls ?? ''}>
              <th scope="row">{r.name}</th>
              <Num>{formatNumber(r.reports, locale)}</Num>
              <Num>{show(valueOf(r))}</Num>
              <td>
                <Swatch colour={cls === null ? NO_DATA : CHOROPLETH_COLOURS[cls]!} /> {cls === null ? c.noData : `${cls + 1}`}
              </td>
            </tr>
          )
        })}
      </TableRegion>
    </section>
  )
}

function Swatch({ colour }: { colour: string }) {
  return (
    <span
      aria-hidden="true"
      style={{ display: 'inline-block', width: '1em', height: '1em', verticalAlign: 'middle', background: colour, border: '1px solid #333' }}
    />
  )
}

function ChoroplethMap({ url, classes, label }: { url: string; classes: Record<string, number | null>; label: string }) {
  const { t } = useLocale()
  const element = useRef<HTMLDivElement>(null)
  const [state, setState] = useState<'server' | 'loading' | 'ready' | 'error'>('server')
  const key = JSON.stringify(classes)
  useEffect(() => {
    let cleanup: (() => void) | null = null
    let cancelled = false
    setState('loading')
    import('./choropleth-map.client')
      .then(({ mountChoropleth }) => {
        if (cancelled || !element.current) return
        return mountChoropleth(element.current, {
          url,
          classes: JSON.parse(key) as Record<string, number | null>,
          colours: CHOROPLETH_COLOURS,
          noData: NO_DATA,
        }).then((remove) => {
          if (cancelled) remove()
          else {
            cleanup = remove
            setState('ready')
          }
        })
      })
      .catch(() => setState('error'))
    return () => {
      cancelled = true
      cleanup?.()
    }
  }, [url, key])
  return (
    <>
      <p className="small muted" role="status">
        {state === 'server' ? t.choropleth.needsJs : state === 'loading' ? t.choropleth.loading : state === 'error' ? t.choropleth.error : null}
      </p>
      <div
        ref={element}
        role="img"
        aria-label={label}
        className="choropleth-map"
        data-testid="choropleth-map"
        data-state={state}
        style={{ height: state === 'server' || state === 'error' ? 0 : '22rem', maxWidth: '100%', background: '#f4f4f4' }}
      />
    </>
  )
}
