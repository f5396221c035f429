// All four anti-gaming flags (issue 10 §1) for /dasbor and /dasbor/tanda: the three
// per-report flags from listGamingFlags, and "not our remit" more often than the unit's
// usual rate, judged per unit by outOfRemitExcess (its own trailing 12 months before
// the period) and listed as that unit's out-of-remit rejections in the period.
// Shown to executives and the Inspektorat only; a flag never hides data.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { addDays, type DashboardFilter } from '~/domain/dashboard-filter'
import { outOfRemitExcess, type GamingFlag } from '~/domain/metric-figures'
import { FLAG_LIMIT, inScope, listGamingFlags, type DashboardScope } from './executive-dashboard.server'
import { dayStart } from './metric-rollup.server'

type Db = Kysely<DB> | Transaction<DB>

/** How far back a unit's usual out-of-remit rate is measured. */
export const USUAL_RATE_DAYS = 365

async function remitCounts(db: Db, scope: DashboardScope, from: string, to: string, timeZone: string) {
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .where(inScope(scope))
    .where('c.is_misconduct', '=', false)
    .where('r.created_at', '>=', sql<Date>`${dayStart(from, timeZone)}`)
    .where('r.created_at', '<', sql<Date>`${dayStart(to, timeZone)} + interval '1 day'`)
    .select([
      'r.current_unit_id as unit_id',
      sql<number>`count(*)::int`.as('reports'),
      sql<number>`(count(*) FILTER (WHERE r.status = 'rejected' AND r.reject_reason = 'out_of_remit'))::int`.as('rejected'),
    ])
    .groupBy('r.current_unit_id')
    .execute()
  return new Map(rows.map((r) => [r.unit_id, { reports: Number(r.reports), rejected: Number(r.rejected) }]))
}

/** Units whose out-of-remit rejections in the period are unusual for them. */
export async function listRemitExcessUnits(db: Db, input: { scope: DashboardScope; filter: DashboardFilter; timeZone: string }) {
  const { scope, filter, timeZone } = input
  const [period, usual] = await Promise.all([
    remitCounts(db, scope, filter.from, filter.to, timeZone),
    remitCounts(db, scope, addDays(filter.from, -USUAL_RATE_DAYS), addDays(filter.from, -1), timeZone),
  ])
  const flagged: { unitId: number; reports: number; rejected: number; usualRate: number }[] = []
  for (const [unitId, p] of period) {
    const u = usual.get(unitId)
    const usualRate = u && u.reports > 0 ? u.rejected / u.reports : 0
    if (outOfRemitExcess(p.rejected, p.reports, usualRate)) flagged.push({ unitId, ...p, usualRate })
  }
  if (flagged.length === 0) return []
  const names = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .where(
      'id',
      'in',
      flagged.map((f) => f.unitId),
    )
    .execute()
  return flagged
    .map((f) => ({ ...f, unit: names.find((n) => n.id === f.unitId)?.name ?? '', rate: f.rejected / f.reports }))
    .sort((a, b) => b.rate - a.rate || a.unit.localeCompare(b.unit))
}

/** Every flagged report of the period (newest first, at most FLAG_LIMIT) and the units behind the remit flag. */
export async function getGamingFlags(db: Db, input: { scope: DashboardScope; filter: DashboardFilter; timeZone: string }) {
  const { scope, filter, timeZone } = input
  const [perReport, units] = await Promise.all([listGamingFlags(db, input), listRemitExcessUnits(db, input)])
  const remit = units.length
    ? await db
        .selectFrom('reports as r')
        .innerJoin('categories as c', 'c.id', 'r.category_id')
        .innerJoin('units as u', 'u.id', 'r.current_unit_id')
        .where(inScope(scope))
        .where('c.is_misconduct', '=', false)
        .where(
          'r.current_unit_id',
          'in',
          units.map((u) => u.unitId),
        )
        .where('r.status', '=', 'rejected')
        .where('r.reject_reason', '=', 'out_of_remit')
        .where('r.created_at', '>=', sql<Date>`${dayStart(filter.from, timeZone)}`)
        .where('r.created_at', '<', sql<Date>`${dayStart(filter.to, timeZone)} + interval '1 day'`)
        .select(['r.code', 'r.created_at', 'u.name as unit_name'])
        .orderBy('r.created_at', 'desc')
        .limit(FLAG_LIMIT)
        .execute()
    : []
  const byCode = new Map<string, { code: string; unit: string; createdAt: Date; flags: GamingFlag[] }>()
  for (const r of perReport) byCode.set(r.code, { ...r, createdAt: new Date(r.createdAt), flags: [...r.flags] })
  for (const r of remit) {
    const row = byCode.get(r.code) ?? { code: r.code, unit: r.unit_name, createdAt: new Date(r.created_at), flags: [] }
    row.flags.push('out_of_remit_excess')
    byCode.set(r.code, row)
  }
  const reports = [...byCode.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.code.localeCompare(b.code)).slice(0, FLAG_LIMIT)
  return { reports, units }
}
