// The executive dashboard /dasbor (issue 10 §3): the same figures as /transparansi
// (getStats over the rollups, trustPoint, rankUnits), narrowed by the URL's filters and
// by the viewer's scope, with the previous period of the same length for the deltas.
// Scope lives in the queries' where: a supervisor's figures only ever read their unit
// subtree; everything reads one jurisdiction.
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { previousPeriod, type DashboardFilter, type FilterField } from '~/domain/dashboard-filter'
import { BACKLOG_BANDS, BAND_LIMITS_HOURS, backlogBand, rankUnits, reportGamingFlags, type BacklogBand } from '~/domain/metric-figures'
import { OPEN_STATUSES } from '~/domain/vocabulary'
import { dayStart } from './metric-rollup.server'
import type { StaffUser } from './user.server'
import { getStatsCached, type StatsQuery, type StatsWhere } from './metric-stats.server'
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
  kelurahan: { id: number; code: string; name: string }[]
}

export async function getFilterOptions(db: Db, jurisdictionId: number, unitIds: number[] | null): Promise<FilterOptions> {
  let units = db.selectFrom('units').select(['id', 'name', 'short_name']).where('jurisdiction_id', '=', jurisdictionId)
  if (unitIds) units = units.where('id', 'in', unitIds.length ? unitIds : [0])
  const [u, c, k, kel] = await Promise.all([
    units.orderBy('name').execute(),
    db
      .selectFrom('categories')
      .select(['id', 'code', 'name_id', 'name_en'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('areas')
      .select(['id', 'code', 'name'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('level', '=', 'kecamatan')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('areas')
      .select(['id', 'code', 'name'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('level', '=', 'kelurahan')
      .orderBy('name')
      .execute(),
  ])
  return {
    units: u.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name })),
    categories: c.map((r) => ({ id: r.id, code: r.code, nameId: r.name_id, nameEn: r.name_en })),
    kecamatan: k,
    kelurahan: kel,
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
  if (f.unitId !== null) where.unitIds = f.unitExact ? [f.unitId] : await unitAndDescendants(db, f.unitId)
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

type ReportsEb = ExpressionBuilder<DB & { r: DB['reports'] }, 'r'>

/** The scope's filters over reports (`r`), as getStats applies them over the rollups. */
export function inScope(scope: DashboardScope) {
  return (eb: ReportsEb) => {
    const w = scope.where
    const parts = [eb('r.jurisdiction_id', '=', scope.jurisdictionId)]
    if (w.unitIds) parts.push(eb('r.current_unit_id', 'in', w.unitIds.length ? w.unitIds : [0]))
    if (w.categoryId !== undefined) parts.push(eb('r.category_id', '=', w.categoryId))
    if (w.areaIds) parts.push(eb('r.area_id', 'in', w.areaIds.length ? w.areaIds : [0]))
    return eb.and(parts)
  }
}

/** What a drill-down list asks for beyond the filters: a state, an age band (open reports of any date), a kelurahan. */
export interface DrillDown {
  state: 'open' | 'overdue' | 'resolved' | null
  band: BacklogBand | null
  kelurahanId: number | null
}

export const DRILL_LIMIT = 200

/**
 * The reports behind a figure, newest first (at most DRILL_LIMIT, with the total).
 * Misconduct reports and confidential ones held by the Inspektorat are left out: the
 * dashboard shows them as counts only and their pages are the Inspektorat's (ADR 026).
 */
export async function listDrillDown(db: Db, input: { scope: DashboardScope; filter: DashboardFilter; timeZone: string; drill: DrillDown; now: Date }) {
  const { scope, filter, drill, now } = input
  const base = db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('units as u', 'u.id', 'r.current_unit_id')
    .where(inScope(scope))
    .where('c.is_misconduct', '=', false)
    .where((eb) => eb.or([eb('r.privacy', '<>', 'confidential'), eb('u.kind', '<>', 'inspektorat')]))
    .$if(drill.band === null, (q) =>
      q
        .where('r.created_at', '>=', sql<Date>`${dayStart(filter.from, input.timeZone)}`)
        .where('r.created_at', '<', sql<Date>`${dayStart(filter.to, input.timeZone)} + interval '1 day'`),
    )
    .$if(drill.band !== null || drill.state === 'open' || drill.state === 'overdue', (q) => q.where('r.status', 'in', OPEN_STATUSES))
    .$if(drill.state === 'overdue', (q) => q.where('r.resolution_due_at', '<', now))
    .$if(drill.state === 'resolved', (q) => q.where('r.resolved_at', 'is not', null))
    .$if(drill.kelurahanId !== null, (q) => q.where('r.area_id', '=', drill.kelurahanId!))
    .$if(drill.band !== null, (q) => {
      const b = bandBounds(drill.band!, now)
      const newest = q.where('r.created_at', '<=', b.newest)
      return b.oldest ? newest.where('r.created_at', '>', b.oldest) : newest
    })
  const [rows, count] = await Promise.all([
    base
      .select(['r.code', 'r.status', 'r.created_at', 'r.resolution_due_at', 'c.name_id', 'c.name_en', 'u.name as unit_name'])
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(DRILL_LIMIT)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { total: Number(count.n), rows }
}

/** Creation-time bounds of an age band at `now`: age in [lo, hi) hours ⇔ created in (now − hi, now − lo]. */
function bandBounds(band: BacklogBand, now: Date) {
  const i = BACKLOG_BANDS.indexOf(band)
  const lo = i === 0 ? 0 : BAND_LIMITS_HOURS[i - 1]!
  const hi = BAND_LIMITS_HOURS[i] ?? null
  return { newest: new Date(now.getTime() - lo * 3_600_000), oldest: hi === null ? null : new Date(now.getTime() - hi * 3_600_000) }
}

/** Open reports now, by age band, with how many of each are overdue (the same filters, any creation date). */
export async function getBacklog(db: Db, scope: DashboardScope, now: Date) {
  const q = db
    .selectFrom('reports as r')
    // Whole hours of age: the band rule itself is backlogBand() (one definition).
    .select([
      sql<number>`floor(extract(epoch FROM ${now}::timestamptz - r.created_at) / 3600)::int`.as('age'),
      sql<number>`count(*)::int`.as('n'),
      sql<number>`(count(*) FILTER (WHERE r.resolution_due_at < ${now}))::int`.as('overdue'),
    ])
    .where(inScope(scope))
    .where('r.status', 'in', OPEN_STATUSES)
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
    getStatsCached(db, { ...base, dimension: 'city' }),
    getStatsCached(db, { ...prev, dimension: 'city' }),
    getStatsCached(db, { ...base, dimension: 'unit' }),
    getStatsCached(db, { ...base, dimension: 'category' }),
    getStatsCached(db, { ...base, dimension: 'kecamatan' }),
    getStatsCached(db, { ...base, dimension: 'kelurahan' }),
    getStatsCached(db, { ...base, dimension: 'week' }),
    getStatsCached(db, { ...base, dimension: 'city', misconductOnly: true }),
    getStatsCached(db, { ...prev, dimension: 'city', misconductOnly: true }),
    getBacklog(db, scope, input.now),
  ])
  const ranked = rankUnits(
    units.map((u) => ({ key: u.key, reports: u.reports, onTimeResponse: u.onTimeResponseShare, onTimeResolution: u.onTimeResolutionShare })),
  )
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

export const FLAG_LIMIT = 100

/**
 * Reports in the period carrying a per-report anti-gaming flag (reportGamingFlags decides;
 * SQL only narrows to candidates and counts their inputs). Shown to executives, never
 * used to hide data. A status-only response: the staff event that set first_response_at
 * changed the state without any public text.
 */
export async function listGamingFlags(db: Db, input: { scope: DashboardScope; filter: DashboardFilter; timeZone: string }) {
  const { scope, filter } = input
  const publicUpdates = sql<number>`(SELECT count(*) FROM report_events e WHERE e.report_id = r.id AND e.type = 'public_update' AND e.visibility = 'public')::int`
  const reopenedByReporter = sql<boolean>`EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.type = 'reopened' AND e.actor_kind = 'reporter')`
  // Only when the deciding event is on record (imported reports have none).
  const statusOnly = sql<boolean>`(EXISTS (
      SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.actor_kind = 'staff' AND e.created_at = r.first_response_at)
    AND NOT EXISTS (
      SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.actor_kind = 'staff' AND e.created_at = r.first_response_at
        AND e.visibility = 'public' AND coalesce(btrim(e.body), '') <> ''))`
  const fast = sql<boolean>`(r.resolved_at IS NOT NULL AND r.resolved_at - r.created_at <= interval '5 minutes')`
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('units as u', 'u.id', 'r.current_unit_id')
    .where(inScope(scope))
    .where('c.is_misconduct', '=', false)
    .where('r.created_at', '>=', sql<Date>`${dayStart(filter.from, input.timeZone)}`)
    .where('r.created_at', '<', sql<Date>`${dayStart(filter.to, input.timeZone)} + interval '1 day'`)
    .where(sql<boolean>`(${fast} OR ${reopenedByReporter} OR ${statusOnly})`)
    .select([
      'r.code',
      'r.created_at',
      'r.resolved_at',
      'u.name as unit_name',
      publicUpdates.as('public_updates'),
      sql<number>`(SELECT count(*) FROM attachments p WHERE p.report_id = r.id AND p.phase = 'after')::int`.as('after_photos'),
      reopenedByReporter.as('reopened_by_reporter'),
      statusOnly.as('status_only'),
    ])
    .orderBy('r.created_at', 'desc')
    .limit(FLAG_LIMIT)
    .execute()
  return rows
    .map((r) => ({
      code: r.code,
      unit: r.unit_name,
      createdAt: r.created_at,
      flags: reportGamingFlags({
        createdAt: new Date(r.created_at),
        resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
        publicUpdates: Number(r.public_updates),
        afterPhotos: Number(r.after_photos),
        reopenedByReporter: Boolean(r.reopened_by_reporter),
        firstResponseStatusOnly: Boolean(r.status_only),
      }),
    }))
    .filter((r) => r.flags.length > 0)
}
