// The administration layout (issue 7 §2): the admin's jurisdiction, a menu to every
// admin section and the holiday banners. Every /admin/* route renders inside it, and
// each still checks the role itself (loaders run in parallel, not behind this one).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { HolidayWarning } from '~/components/holiday-warning'
import { ADMIN_ROLES } from '~/domain/roles'
import { localDate } from '~/domain/sla'
import { fill } from '~/i18n'
import { confirmedNationalCount } from '~/models/admin-holiday.server'
import { getHolidayCoverage } from '~/models/holiday-coverage.server'
import { getJurisdictionById } from '~/models/reference.server'
import { requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'

export { noStoreHeaders as headers } from '~/utils/headers'

/** Every admin section, in menu order (some are built by other parts of issue 7). */
const ADMIN_SECTIONS = [
  ['/admin', 'overview'],
  ['/admin/unit', 'units'],
  ['/admin/kategori', 'categories'],
  ['/admin/rute', 'routing'],
  ['/admin/libur', 'holidays'],
  ['/admin/staf', 'staff'],
  ['/admin/kunci-api', 'apiKeys'],
  ['/admin/audit', 'audit'],
  ['/admin/surat', 'mail'],
  ['/admin/notifikasi', 'failed'],
] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ADMIN_ROLES)
  const db = await getDb()
  const jurisdiction = await getJurisdictionById(db, user.jurisdictionId)
  const now = new Date()
  const nextYear = Number(localDate(now, jurisdiction.time_zone).slice(0, 4)) + 1
  const [coverage, nextYearNational] = await Promise.all([getHolidayCoverage(db, jurisdiction, now), confirmedNationalCount(db, nextYear)])
  return { jurisdictionName: jurisdiction.name, coverage, nextYear, nextYearUnconfirmed: nextYearNational === 0 }
}

export default function AdminLayout() {
  const { jurisdictionName, coverage, nextYear, nextYearUnconfirmed } = useLoaderData<typeof loader>()
  const { t } = useLocale()
  return (
    <>
      <p className="muted">{fill(t.adminRef.layoutFor, { name: jurisdictionName })}</p>
      <nav aria-label={t.adminRef.navLabel}>
        <ul className="admin-nav" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.25rem 1rem', listStyle: 'none', padding: 0 }}>
          {ADMIN_SECTIONS.map(([path, key]) => (
            <li key={path}>
              <NavLink to={path} end={path === '/admin'}>
                {t.adminRef.sections[key]}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {nextYearUnconfirmed ? (
        <p className="notice warning" role="status">
          {fill(t.adminRef.nextYearUnconfirmed, { year: nextYear })} <a href={`/admin/libur?tahun=${nextYear}`}>{t.adminRef.sections.holidays}</a>
        </p>
      ) : null}
      <HolidayWarning coverage={coverage} />
      <Outlet />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
