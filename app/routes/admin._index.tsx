// The administration overview: how much reference data there is, and where to edit it.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { ADMIN_ROLES } from '~/domain/roles'
import { localDate } from '~/domain/sla'
import { fill } from '~/i18n'
import { referenceCounts } from '~/models/admin-unit.server'
import { listTriageFallThrough } from '~/models/admin-routing.server'
import { getJurisdictionById } from '~/models/reference.server'
import { requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'
import { useLocale } from '~/utils/locale'

export { noStoreHeaders as headers } from '~/utils/headers'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, ADMIN_ROLES)
  const db = await getDb()
  const jurisdiction = await getJurisdictionById(db, user.jurisdictionId)
  const year = Number(localDate(new Date(), jurisdiction.time_zone).slice(0, 4))
  const [counts, fallThrough] = await Promise.all([referenceCounts(db, user.jurisdictionId, year), listTriageFallThrough(db, user.jurisdictionId)])
  return { counts, fallThrough: fallThrough.length }
}

export default function AdminOverview() {
  const { counts, fallThrough } = useLoaderData<typeof loader>()
  const { t } = useLocale()
  const a = t.adminRef
  const rows = [
    ['/admin/unit', a.sections.units, fill(a.countUnits, { active: counts.activeUnits, all: counts.units })],
    ['/admin/kategori', a.sections.categories, fill(a.countCategories, { active: counts.activeCategories, all: counts.categories })],
    ['/admin/rute', a.sections.routing, fill(a.countRules, { n: counts.rules })],
    ['/admin/libur', a.sections.holidays, fill(a.countHolidays, { n: counts.holidaysThisYear, provisional: counts.provisionalHolidays })],
  ] as const
  return (
    <>
      <h1>{a.overviewHeading}</h1>
      <p>{a.overviewIntro}</p>
      <ul>
        {rows.map(([to, label, text]) => (
          <li key={to}>
            <Link to={to}>{label}</Link>: {text}
          </li>
        ))}
      </ul>
      {fallThrough > 0 ? (
        <p className="notice warning">
          {fill(a.overviewFallThrough, { n: fallThrough })} <Link to="/admin/rute">{a.sections.routing}</Link>
        </p>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
