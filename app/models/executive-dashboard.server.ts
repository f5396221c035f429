// The executive dashboard /dasbor (issue 10 §3): the same figures as /transparansi
// (getStats over the rollups, trustPoint, rankUnits), narrowed by the URL's filters and
// by the viewer's scope, with the previous period of the same length for the deltas.
// Scope lives in the queries' where: a supervisor's figures only ever read their unit
// subtree; everything reads one jurisdiction.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { previousPeriod, type DashboardFilter, type FilterField } from '~/domain/dashboard-filter'
import { BACKLOG_BANDS, backlogBand, rankUnits, type BacklogBand } from '~/domain/metric-figures'
import { OPEN_STATUSES } from '~/domain/vocabulary'
import type { StaffUser } from './user.server'
import { getStats, type StatsQuery, type StatsWhere } from './metric-stats.server'
import { unitAndDescendants } from './staff-report.server'
import { trustPoint } from './transparency.server'

type Db = Kysely<DB> | Transaction<DB>

export interface DashboardScope {
  jurisdictionId: number
  where: StatsWhere
  /** the units a viewer may pick (a supervisor: their subtree) */
  unitIds: number[] | null
}

export interface FilterOptions {
  units: { id: number; name: string; shortName: string }[]
  categories: { id: number; code: string; nameId: string; nameEn: string }[]
  kecamatan: { id: number; code: string; name: string }[]
}

export async function getFilterOptions(db: Db, jurisdictionId: number, unitIds: number[] | null): Promise<FilterOptions> {
  let units = db.selectFrom('units').select(['id', 'name', 'short_name']).where('jurisdiction_id', '=', jurisdictionId)
  if (unitIds) units = units.where('id', 'in', unitIds.length ? unitIds : [0])
  const [u, c, k] = await Promise.all([
    units.orderBy('name').execute(),
    db.selectFrom('categories').select(['id', 'code', 'name_id', 'name_en']).where('jurisdiction_id', '=', jurisdictionId).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('areas').select(['id', 'code', 'name']).where('jurisdiction_id', '=', jurisdictionId).where('level', '=', 'kecamatan').orderBy('name').execute(),
  ])
  return {
    units: u.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name })),
    categories: c.map((r) => ({ id: r.id, code: r.code, nameId: r.name_id, nameEn: r.name_en })),
    kecamatan: k,
  }
}

/**
 * The viewer's scope with the filters applied. A filter naming something outside the
 * jurisdiction or the viewer's subtree is dropped and reported as invalid (never widened).
 */
export async function resolveScope(
  db: Db,
  user: Pick<StaffUser, 'jurisdictionId'>,
  filter: DashboardFilter,
  options: FilterOptions,
  /** a supervisor's unit subtree; null for executives and admins (the whole jurisdiction) */
  own: number[] | null,
): Promise<{ scope: DashboardScope; filter: DashboardFilter; invalid: FilterField[] }> {
  const invalid: FilterField[] = []
  const f = { ...filter }
  const where: StatsWhere = {}
  if (f.unitId !== null && !options.units.some((u) => u.id === f.unitId)) {
    invalid.push('unit')
    f.unitId = null
  }
  if (f.unitId !== null) where.unitIds = await unitAndDescendants(db, f.unitId)
  else if (own) where.unitIds = own
  if (f.categoryId !== null && !options.categories.some((c) => c.id === f.categoryId)) {
    invalid.push('kategori')
    f.categoryId = null
  }
  if (f.categoryId !== null) where.categoryId = f.categoryId
  if (f.kecamatanId !== null && !options.kecamatan.some((k) => k.id === f.kecamatanId)) {
    invalid.push('kecamatan')
    f.kecamatanId = null
  }
  if (f.kecamatanId !== null) {
    const kids = await db.selectFrom('areas').select('id').where('parent_id', '=', f.kecamatanId).execute()
    where.areaIds = [f.kecamatanId, ...kids.map((k) => k.id)]
  }
  return { scope: { jurisdictionId: user.jurisdictionId, where, unitIds: own }, filter: f, invalid }
}

/** Open reports now, by age band, with how many of each are overdue (the same filters, any creation date). */
export async function getBacklog(db: Db, scope: DashboardScope, now: Date) {
  const w = scope.where
  let q = db
    .selectFrom('reports as r')
    // Whole hours of age: the band rule itself is backlogBand() (one definition).
    .select([
      sql<number>`floor(extract(epoch FROM ${now}::timestamptz - r.created_at) / 3600)::int`.as('age'),
      sql<number>`count(*)::int`.as('n'),
      sql<number>`(count(*) FILTER (WHERE r.resolution_due_at < ${now}))::int`.as('overdue'),
    ])
    .where('r.jurisdiction_id', '=', scope.jurisdictionId)
    .where('r.status', 'in', OPEN_STATUSES)
  if (w.unitIds) q = q.where('r.current_unit_id', 'in', w.unitIds.length ? w.unitIds : [0])
  if (w.categoryId !== undefined) q = q.where('r.category_id', '=', w.categoryId)
  if (w.areaIds) q = q.where('r.area_id', 'in', w.areaIds)
  const rows = await q.groupBy(sql`1`).execute()
  const bands = Object.fromEntries(BACKLOG_BANDS.map((b) => [b, { open: 0, overdue: 0 }])) as Record<BacklogBand, { open: number; overdue: number }>
  for (const r of rows) {
    const b = bands[backlogBand(Math.max(0, Number(r.age)))]
    b.open += Number(r.n)
    b.overdue += Number(r.overdue)
  }
  return BACKLOG_BANDS.map((band) => ({ band, ...bands[band] }))
}

export async function getDashboard(db: Db, input: { scope: DashboardScope; filter: DashboardFilter; timeZone: string; now: Date }) {
  const { scope, filter } = input
  const base: Omit<StatsQuery, 'dimension'> = {
    jurisdictionId: scope.jurisdictionId,
    timeZone: input.timeZone,
    from: filter.from,
    to: filter.to,
    where: scope.where,
  }
  const prev = { ...base, ...previousPeriod(filter) }
  const [city, previous, units, categories, kecamatan, kelurahan, weeks, misconduct, prevMisconduct, backlog] = await Promise.all([
    getStats(db, { ...base, dimension: 'city' }),
    getStats(db, { ...prev, dimension: 'city' }),
    getStats(db, { ...base, dimension: 'unit' }),
    getStats(db, { ...base, dimension: 'category' }),
    getStats(db, { ...base, dimension: 'kecamatan' }),
    getStats(db, { ...base, dimension: 'kelurahan' }),
    getStats(db, { ...base, dimension: 'week' }),
    getStats(db, { ...base, dimension: 'city', misconductOnly: true }),
    getStats(db, { ...prev, dimension: 'city', misconductOnly: true }),
    getBacklog(db, scope, input.now),
  ])
  const ranked = rankUnits(units.map((u) => ({ key: u.key, reports: u.reports, onTimeResponse: u.onTimeResponseShare, onTimeResolution: u.onTimeResolutionShare })))
  const rank = new Map(ranked.map((r) => [r.key, r]))
  return {
    city: city[0] ?? null,
    previous: previous[0] ?? null,
    previousPeriod: previousPeriod(filter),
    // The IKM part of the index comes from the unit table's grades; the city-wide IKM
    // is on /transparansi (filters by category or area do not apply to the survey).
    trust: trustPoint('current', city[0], misconduct[0], null),
    previousTrust: trustPoint('previous', previous[0], prevMisconduct[0], null),
    units: units
      .map((u) => ({ ...u, rank: rank.get(u.key)?.rank ?? null, score: rank.get(u.key)?.score ?? null }))
      .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || b.reports - a.reports),
    categories,
    kecamatan,
    kelurahan,
    weeks,
    backlog,
  }
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>
