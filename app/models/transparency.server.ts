// Everything /transparansi shows, from the rollups (getStats) and the IKM survey: the
// city's figures, the unit table with its fair ranking, IKM grades, equity, weekly flow and
// the trust index with its components and monthly trend. Public: no officer, no contact,
// misconduct and Inspektorat rows reduced to counts (getStats' countsOnly).
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { equitySpread, rankUnits, share, trustComponents, trustIndex, type TrustComponent } from '~/domain/metric-figures'
import { ikmFromSums } from '~/domain/metrics'
import { dayStart } from './metric-rollup.server'
import { getStats, type StatRow, type StatsQuery } from './metric-stats.server'

type Db = Kysely<DB> | Transaction<DB>

export interface TrustPoint {
  key: string
  index: number | null
  components: Record<TrustComponent, number | null>
}

/** IKM of all responses per group (city or month) — the satisfaction part of the index. */
async function ikmBy(db: Db, q: Pick<StatsQuery, 'jurisdictionId' | 'timeZone' | 'from' | 'to'>, byMonth: boolean) {
  const key = byMonth ? sql`date_trunc('month', i.created_at AT TIME ZONE ${q.timeZone})::date::text` : sql`'all'::text`
  const { rows } = await sql<Record<string, number> & { key: string; n: number }>`
    SELECT ${key} AS key, count(*)::int AS n, ${sql.join([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => sql.raw(`sum(i.u${i})::int AS u${i}`)))}
    FROM ikm_responses i
    WHERE i.jurisdiction_id = ${q.jurisdictionId}
      AND i.created_at >= ${dayStart(q.from, q.timeZone)} AND i.created_at < ${dayStart(q.to, q.timeZone)} + interval '1 day'
    GROUP BY 1`.execute(db)
  return new Map(
    rows.map((r) => [
      r.key,
      ikmFromSums(
        [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => Number(r[`u${i}`])),
        Number(r.n),
      )?.ikm ?? null,
    ]),
  )
}

export function trustPoint(key: string, row: StatRow | undefined, misconduct: StatRow | undefined, ikm: number | null): TrustPoint {
  const c = row?.counts
  const components = trustComponents({
    onTimeResponse: row?.onTimeResponseShare ?? null,
    onTimeResolution: row?.onTimeResolutionShare ?? null,
    confirmedFixedRate: row?.confirmedFixedRate ?? null,
    reopenRate: row?.reopenRate ?? null,
    flaggedShare: c ? share(Math.min(c.everResolved, c.fastClosed + c.reopened), c.everResolved) : null,
    misconductOnTime: misconduct?.onTimeResolutionShare ?? null,
    publicUpdateShare: row?.publicUpdateShare ?? null,
    meanRating: row?.meanRating ?? null,
    ikm,
  })
  return { key, index: trustIndex(components), components }
}

export async function getTransparency(db: Db, q: Omit<StatsQuery, 'dimension'>, trendFrom: string) {
  const base = { ...q, percentiles: q.percentiles ?? 'auto' }
  const trendQ = { ...base, from: trendFrom }
  const [city, units, kecamatan, kelurahan, weeks, misconduct, ikmCity, months, monthsMisconduct, ikmMonths] = await Promise.all([
    getStats(db, { ...base, dimension: 'city' }),
    getStats(db, { ...base, dimension: 'unit' }),
    getStats(db, { ...base, dimension: 'kecamatan' }),
    getStats(db, { ...base, dimension: 'kelurahan' }),
    getStats(db, { ...base, dimension: 'week' }),
    getStats(db, { ...base, dimension: 'city', misconductOnly: true }),
    ikmBy(db, base, false),
    getStats(db, { ...trendQ, dimension: 'month' }),
    getStats(db, { ...trendQ, dimension: 'month', misconductOnly: true }),
    ikmBy(db, trendQ, true),
  ])
  const cityRow = city[0]
  const ranked = rankUnits(
    units.map((u) => ({ key: u.key, reports: u.reports, onTimeResponse: u.onTimeResponseShare, onTimeResolution: u.onTimeResolutionShare })),
  )
  const rankOf = new Map(ranked.map((r) => [r.key, r.rank]))
  const byKey = (rows: StatRow[]) => new Map(rows.map((r) => [r.key, r]))
  const mm = byKey(monthsMisconduct)
  const equity = (rows: StatRow[]) => ({
    rows,
    resolutionHours: equitySpread(
      rows.map((r) => ({ key: r.name, reports: r.reports, value: r.medianHoursToResolution })),
      'lower',
    ),
    onTime: equitySpread(
      rows.map((r) => ({ key: r.name, reports: r.reports, value: r.onTimeResolutionShare })),
      'higher',
    ),
  })
  return {
    city: cityRow ?? null,
    trust: trustPoint('all', cityRow, misconduct[0], ikmCity.get('all') ?? null),
    trend: months.map((m) => trustPoint(m.key, m, mm.get(m.key), ikmMonths.get(m.key) ?? null)),
    units: units.map((u) => ({ ...u, rank: rankOf.get(u.key) ?? null })).sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || b.reports - a.reports),
    kecamatan: equity(kecamatan),
    kelurahan: equity(kelurahan),
    weeks,
  }
}

export type Transparency = Awaited<ReturnType<typeof getTransparency>>
