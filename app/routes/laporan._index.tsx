// /laporan: the public list of reports (issue 8 §4). A GET form, so it works without
// JavaScript; cards at 360 px; paged with the true total. The map loads only when
// "Peta" is opened (components/public-map-panel.tsx), the CSV is /laporan.csv.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { ErrorList } from '~/components/field'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { PublicMapPanel } from '~/components/public-map-panel'
import { StatusBadge } from '~/components/status-badge'
import { isOverdue } from '~/domain/sla'
import { PUBLIC_LIST_PERIODS, PUBLIC_LIST_SORTS, PUBLIC_LIST_STATUSES } from '~/domain/vocabulary'
import { STATUS_LABELS } from '~/domain/report-status'
import { fill, getDictionary } from '~/i18n'
import { listPublicReports } from '~/models/public-report.server'
import { listKelurahan, listPublicCategories } from '~/models/reference.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { formatDate, formatNumber } from '~/utils/format'
import { getPublicJurisdiction } from '~/utils/jurisdiction.server'
import { useLocale } from '~/utils/locale'
import { getLocale } from '~/utils/locale.server'
import { usePublicHref } from '~/utils/public-href'
import { parsePublicListQuery, toPublicFilter } from '~/utils/public-list-query'
import { filterSearch } from '~/utils/public-list-search'

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: 'id' | 'en' } | undefined
  const t = getDictionary(root?.locale ?? 'id')
  return [{ title: `${t.publicList.heading} · Melayani` }]
}

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getDictionary(await getLocale(request))
  const jurisdiction = await getPublicJurisdiction(request)
  const url = new URL(request.url)
  const { submission, query, valid } = parsePublicListQuery(url, t)
  const db = await getDb()
  const now = new Date()
  const [list, categories, kelurahan] = await Promise.all([
    listPublicReports(db, { ...toPublicFilter(query, jurisdiction.id, now), sort: query.urut, page: query.halaman }),
    listPublicCategories(db, jurisdiction.id),
    listKelurahan(db, jurisdiction.id),
  ])
  const payload = {
    ...list,
    page: query.halaman,
    query,
    errors: valid ? {} : (submission.reply().error ?? {}),
    categories,
    kelurahan,
    timeZone: jurisdiction.time_zone,
    mapTiles: getEnv().MAP_TILE_URL ?? null,
    now,
  }
  return valid ? payload : data(payload, { status: 400 })
}

export default function PublicList() {
  const d = useLoaderData<typeof loader>()
  const { t, locale } = useLocale()
  const location = useLocation()
  const params = new URLSearchParams(location.search)
  const listHref = usePublicHref('/laporan')
  const csvHref = usePublicHref('/laporan.csv') + filterSearch(params)
  const lastPage = Math.max(1, Math.ceil(d.total / d.pageSize))
  const pageHref = (page: number) => listHref + filterSearch(params, { halaman: String(page) })
  const errors = d.errors as Record<string, string[] | undefined>
  const kecamatan = [...new Map(d.kelurahan.map((k) => [k.kecamatan_id, k.kecamatan_name])).entries()]
  const now = new Date(d.now)
  return (
    <>
      <h1>{t.publicList.heading}</h1>
      <p>{t.publicList.intro}</p>

      <form method="get" action={listHref} className="filters" aria-labelledby="filter-heading">
        <h2 id="filter-heading" className="visually-hidden">
          {t.publicList.filterHeading}
        </h2>
        <FilterSelect name="kategori" label={t.publicList.category} value={d.query.kategori} errors={errors.kategori}>
          <option value="">{t.publicList.all}</option>
          {d.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {locale === 'en' ? c.name_en : c.name_id}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="wilayah" label={t.publicList.area} value={d.query.wilayah} errors={errors.wilayah}>
          <option value="">{t.publicList.allAreas}</option>
          {kecamatan.map(([id, name]) => (
            <optgroup key={id} label={fill(t.publicList.kecamatan, { name })}>
              <option value={`kec-${id}`}>{fill(t.publicList.wholeKecamatan, { name })}</option>
              {d.kelurahan
                .filter((k) => k.kecamatan_id === id)
                .map((k) => (
                  <option key={k.id} value={`kel-${k.id}`}>
                    {k.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </FilterSelect>
        <FilterSelect name="status" label={t.publicList.status} value={d.query.status} errors={errors.status}>
          <option value="">{t.publicList.all}</option>
          {PUBLIC_LIST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s][locale]}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="periode" label={t.publicList.period} value={d.query.periode} errors={errors.periode}>
          <option value="">{t.publicList.allTime}</option>
          {PUBLIC_LIST_PERIODS.map((p) => (
            <option key={p} value={p}>
              {fill(t.publicList.lastDays, { days: p })}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="urut" label={t.publicList.sort} value={d.query.urut} errors={errors.urut}>
          {PUBLIC_LIST_SORTS.map((s) => (
            <option key={s} value={s}>
              {s === 'newest' ? t.publicList.sortNewest : t.publicList.sortSupported}
            </option>
          ))}
        </FilterSelect>
        <div className="field choice">
          <input type="checkbox" id="terlambat" name="terlambat" defaultChecked={d.query.terlambat ?? false} key={String(d.query.terlambat)} />
          <label htmlFor="terlambat">{t.publicList.overdueOnly}</label>
          <ErrorList id="terlambat-error" errors={errors.terlambat} />
        </div>
        <p>
          <button type="submit" className="primary">
            {t.publicList.apply}
          </button>{' '}
          <Link to={listHref}>{t.publicList.reset}</Link>
        </p>
      </form>
      <ErrorList errors={errors.halaman} />

      <p role="status" data-testid="total">
        {fill(t.publicList.total, { n: formatNumber(d.total, locale) })}
      </p>
      <p>
        <a href={csvHref} download>
          {t.publicList.csv}
        </a>
      </p>

      <PublicMapPanel search={filterSearch(params)} tiles={d.mapTiles} />

      <ol className="report-cards" aria-label={t.publicList.heading}>
        {d.reports.map((r) => (
          <ReportCard key={r.code} report={r} timeZone={d.timeZone} now={now} />
        ))}
      </ol>
      {d.reports.length === 0 ? <p>{t.publicList.empty}</p> : null}

      <nav className="pager" aria-label={t.publicList.pages}>
        {d.page > 1 ? <Link to={pageHref(d.page - 1)}>{t.publicList.previous}</Link> : null}
        <span>{fill(t.publicList.pageOf, { page: formatNumber(d.page, locale), pages: formatNumber(lastPage, locale) })}</span>
        {d.page < lastPage ? <Link to={pageHref(d.page + 1)}>{t.publicList.next}</Link> : null}
      </nav>
    </>
  )
}

function FilterSelect({
  name,
  label,
  value,
  errors,
  children,
}: {
  name: string
  label: string
  value: string | number | undefined
  errors: string[] | undefined
  children: React.ReactNode
}) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {/* key: a new query (client navigation) resets the uncontrolled select to it. */}
      <select
        id={name}
        name={name}
        defaultValue={value === undefined ? '' : String(value)}
        key={String(value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${name}-error` : undefined}
      >
        {children}
      </select>
      <ErrorList id={`${name}-error`} errors={errors} />
    </div>
  )
}

type Card = ReturnType<typeof useLoaderData<typeof loader>>['reports'][number]

function ReportCard({ report: r, timeZone, now }: { report: Card; timeZone: string; now: Date }) {
  const { t, locale } = useLocale()
  const href = usePublicHref(`/laporan/${r.code}`)
  const overdue = isOverdue(new Date(r.resolution_due_at), r.resolved_at ? new Date(r.resolved_at) : null, now)
  return (
    <li className="report-card">
      <h3>
        <Link to={href}>{locale === 'en' ? r.category_name_en : r.category_name_id}</Link> <span className="muted small">{r.code}</span>
      </h3>
      <p>
        <StatusBadge status={r.status} /> {overdue ? <span className="overdue">{t.report.overdue}</span> : null}
      </p>
      <p className="small">
        {[r.kelurahan_name, r.kecamatan_name].filter(Boolean).join(', ')} · {formatDate(r.created_at, locale, timeZone)}
        {r.supporter_count > 0 ? ` · ${fill(t.publicList.supporters, { n: formatNumber(r.supporter_count, locale) })}` : null}
      </p>
      <p>{r.excerpt}</p>
    </li>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
