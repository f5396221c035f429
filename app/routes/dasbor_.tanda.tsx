// /dasbor/tanda?dari=…&sampai=…: the anti-gaming flags of the whole jurisdiction for the
// Inspektorat (and executives, who also see them on /dasbor). Never public, never to
// officers or supervisors of the units flagged. An executive's links open the read-only
// staff page; an inspector reads other units' reports only where they are public.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GamingFlags } from '~/components/gaming-flags'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { parseDashboardFilter } from '~/domain/dashboard-filter'
import { FLAG_ROLES } from '~/domain/roles'
import { FLAG_LIMIT } from '~/models/executive-dashboard.server'
import { getGamingFlags } from '~/models/gaming-flags.server'
import { getJurisdictionById } from '~/models/reference.server'
import { requireStaff } from '~/utils/auth.server'
import { getReadDb } from '~/utils/db.server'
import { formatDate } from '~/utils/format'
import { localDateString } from '~/utils/local-date'
import { useLocale } from '~/utils/locale'

export { noStoreHeaders as headers } from '~/utils/headers'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, FLAG_ROLES)
  const db = await getReadDb()
  const jurisdiction = await getJurisdictionById(db, user.jurisdictionId)
  const today = localDateString(new Date(), jurisdiction.time_zone)
  const { filter } = parseDashboardFilter(new URL(request.url).searchParams, today)
  const scoped = { ...filter, unitId: null, categoryId: null, kecamatanId: null }
  const flags = await getGamingFlags(db, {
    scope: { jurisdictionId: jurisdiction.id, where: {}, unitIds: null },
    filter: scoped,
    timeZone: jurisdiction.time_zone,
  })
  return { from: filter.from, to: filter.to, today, timeZone: jurisdiction.time_zone, flags, limit: FLAG_LIMIT, executive: user.role === 'executive' }
}

export default function FlagsPage() {
  const d = useLoaderData<typeof loader>()
  const { t, locale } = useLocale()
  const date = (day: string) => formatDate(`${day}T12:00:00Z`, locale, d.timeZone)
  return (
    <>
      <h1>{t.gamingFlags.heading}</h1>
      <form method="get" className="inline-form" aria-label={t.scorecard.periodHeading}>
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
      <p>
        {date(d.from)} – {date(d.to)}
      </p>
      <GamingFlags
        data={d.flags}
        limit={d.limit}
        timeZone={d.timeZone}
        reportHref={(code) => (d.executive ? `/petugas/laporan/${code}` : `/laporan/${code}`)}
      />
      {d.executive ? (
        <p>
          <Link to="/dasbor">{t.scorecard.back}</Link>
        </p>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
