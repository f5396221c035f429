// One use case behind /dasbor, /dasbor.csv and /dasbor/laporan: the viewer's filters
// parsed from the URL, checked against their jurisdiction and scope, then the figures.
import type { Kysely } from 'kysely'
import type { DB } from '#db/types'
import type { CsvTable, CsvValue } from '~/domain/dashboard-csv'
import { isPartialWeek, KPI_KEYS, parseDashboardFilter, type KpiKey } from '~/domain/dashboard-filter'
import { TRUST_COMPONENTS, TRUST_WEIGHTS } from '~/domain/metric-figures'
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

type Loaded = Awaited<ReturnType<typeof loadDashboardView>>
type Row = Loaded['data']['units'][number] | Loaded['data']['categories'][number]

/** A stat row in the CSV's columns; misconduct and Inspektorat rows keep their counts only (as on the page). */
function statRecord(r: Row): Record<string, CsvValue> {
  const hidden = r.countsOnly
  const v = (x: number | null) => (hidden ? null : x)
  return {
    key: r.key,
    name: r.name,
    reports: r.reports,
    resolved: r.resolved,
    open: r.open,
    median_hours_to_first_response: v(r.medianHoursToFirstResponse),
    p90_hours_to_first_response: v(r.p90HoursToFirstResponse),
    median_hours_to_resolution: v(r.medianHoursToResolution),
    p90_hours_to_resolution: v(r.p90HoursToResolution),
    on_time_response_share: v(r.onTimeResponseShare),
    on_time_resolution_share: v(r.onTimeResolutionShare),
    reopen_rate: v(r.reopenRate),
    mean_rating: v(r.meanRating),
    ratings: r.ratings,
  }
}

/** The records of one dashboard table, for toDashboardCsv. */
export function csvRecords(table: CsvTable, view: Loaded, today: string): Record<string, CsvValue>[] {
  const d = view.data
  switch (table) {
    case 'kpi': {
      // An empty period has 0 reports (a count), but no median (nothing to measure).
      const empty = (k: KpiKey) => (k === 'reports' || k === 'resolved' || k === 'open' ? 0 : null)
      const pick = (k: KpiKey) => ({ figure: k, current: d.city?.[k] ?? empty(k), previous: d.previous?.[k] ?? empty(k) })
      return [...KPI_KEYS.map(pick), { figure: 'trust_index', current: d.trust.index, previous: d.previousTrust.index }]
    }
    case 'unit':
      return d.units.map((u) => ({
        rank: u.rank,
        score: u.score,
        ...statRecord(u),
        ikm_score: u.countsOnly ? null : u.ikmScore,
        ikm_grade: u.countsOnly ? null : u.ikmGrade,
        ikm_respondents: u.ikmRespondents,
      }))
    case 'kategori':
      return d.categories.map(statRecord)
    case 'kecamatan':
      return d.kecamatan.map(statRecord)
    case 'kelurahan':
      return d.kelurahan.map(statRecord)
    case 'minggu':
      return d.weeks.map((w) => ({ ...statRecord(w), partial_week: isPartialWeek(w.key, today) }))
    case 'umur':
      return d.backlog.map((b) => ({ band: b.band, open: b.open, overdue: b.overdue }))
    case 'kepercayaan':
      return TRUST_COMPONENTS.map((c) => ({ component: c, weight: TRUST_WEIGHTS[c], current: d.trust.components[c], previous: d.previousTrust.components[c] }))
  }
}
