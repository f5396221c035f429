// One use case behind /dasbor, /dasbor.csv and /dasbor/laporan: the viewer's filters
// parsed from the URL, checked against their jurisdiction and scope, then the figures.
import type { Kysely } from 'kysely'
import type { DB } from '#db/types'
import { parseDashboardFilter } from '~/domain/dashboard-filter'
import { getDashboard, getFilterOptions, resolveScope } from '~/models/executive-dashboard.server'
import { getJurisdictionById } from '~/models/reference.server'
import { unitAndDescendants } from '~/models/staff-report.server'
import type { StaffUser } from '~/models/user.server'
import { localDateString } from '~/utils/local-date'

type Viewer = Pick<StaffUser, 'jurisdictionId' | 'role' | 'unitId'>

export async function resolveDashboardView(db: Kysely<DB>, user: Viewer, params: URLSearchParams, now: Date) {
  const jurisdiction = await getJurisdictionById(db, user.jurisdictionId)
  const parsed = parseDashboardFilter(params, localDateString(now, jurisdiction.time_zone))
  // A supervisor sees and picks only their unit subtree.
  const own = user.role === 'supervisor' ? (user.unitId === null ? [] : await unitAndDescendants(db, user.unitId)) : null
  const options = await getFilterOptions(db, jurisdiction.id, own)
  const resolved = await resolveScope(db, user, parsed.filter, options, own)
  return { jurisdiction, options, ...resolved, invalid: [...parsed.invalid, ...resolved.invalid] }
}

export async function loadDashboardView(db: Kysely<DB>, user: Viewer, params: URLSearchParams, now: Date) {
  const view = await resolveDashboardView(db, user, params, now)
  const data = await getDashboard(db, { scope: view.scope, filter: view.filter, timeZone: view.jurisdiction.time_zone, now })
  return { ...view, data }
}
