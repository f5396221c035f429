// Statistics by dimension over a range of local days, read from the rollups (migration
// 0014). Counts are exact sums; medians and p90 come from the merged duration
// histograms (within 0.1 h or 0.5 %, ADR 021), or — when the selection holds at most
// EXACT_LIMIT reports — from percentile_cont over the reports themselves.
// This is the one query behind the open-data API and the public page's tables.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { demand, share } from '~/domain/metric-figures'
import { ikmFromSums, publishableIkm, type IkmGrade } from '~/domain/metrics'
import { percentileFromHistogram } from '~/domain/percentile'
import { splitPeriod } from '~/domain/rollup-period'
import { dayStart, responseUnitSql } from './metric-rollup.server'
import { cachedStats } from './public-stats-cache.server'

type Db = Kysely<DB> | Transaction<DB>

/** The open-data dimensions, plus 'city' (one row, key 'all') and 'month' (key YYYY-MM-01). */
export const STAT_DIMENSIONS = ['unit', 'category', 'kecamatan', 'kelurahan', 'week', 'city', 'month'] as const
export type StatDimension = (typeof STAT_DIMENSIONS)[number]

/** Up to this many reports in a selection, percentiles are computed exactly. */
export const EXACT_LIMIT = 5000

export interface StatsQuery {
  jurisdictionId: number
  timeZone: string
  dimension: StatDimension
  /** local dates, inclusive */
  from: string
  to: string
  /** only reports in misconduct categories (the trust index's integrity part) */
  misconductOnly?: boolean
  /** force the histogram path (tests, benchmarks) or the exact path */
  percentiles?: 'auto' | 'histogram' | 'exact'
  /** the staff dashboard's filters and scope (unit subtree, category, areas); absent = the whole jurisdiction */
  where?: StatsWhere
}

export interface StatsWhere {
  unitIds?: readonly number[]
  categoryId?: number
  /** a kecamatan and its kelurahan: the finest rollup table is read then */
  areaIds?: readonly number[]
}

export interface StatRow {
  key: string
  name: string
  reports: number
  supporters: number
  demand: number
  resolved: number
  open: number
  medianHoursToFirstResponse: number | null
  p90HoursToFirstResponse: number | null
  medianHoursToResolution: number | null
  p90HoursToResolution: number | null
  onTimeResponseShare: number | null
  onTimeResolutionShare: number | null
  reopenRate: number | null
  meanRating: number | null
  ratings: number
  ratingHighShare: number | null
  confirmedFixedRate: number | null
  publicUpdateShare: number | null
  ikmScore: number | null
  ikmGrade: IkmGrade | null
  ikmRespondents: number
  /** misconduct categories and the Inspektorat: publish counts only */
  countsOnly: boolean
  /** the counts behind the shares, for figures that combine rows (trust index, equity) */
  counts: {
    responseOnTime: number
    responseLate: number
    resolutionOnTime: number
    resolutionLate: number
    everResolved: number
    reopened: number
    fastClosed: number
  }
}

/** The key, name and source table of each dimension (`m` is the rollup alias). */
function dimensionSql(d: StatDimension) {
  switch (d) {
    case 'unit':
      return {
        table: 'metric_rollups',
        join: sql`JOIN units k ON k.id = m.unit_id`,
        key: sql`k.short_name`,
        name: sql`k.name`,
        countsOnly: sql`bool_or(k.kind = 'inspektorat')`,
      }
    case 'category':
      return {
        table: 'metric_rollups',
        join: sql`JOIN categories k ON k.id = m.category_id`,
        key: sql`k.code`,
        name: sql`k.name_id`,
        countsOnly: sql`bool_or(k.is_misconduct)`,
      }
    case 'kelurahan':
      return { table: 'metric_rollups_area', join: sql`JOIN areas k ON k.id = m.area_id`, key: sql`k.code`, name: sql`k.name`, countsOnly: sql`false` }
    case 'kecamatan':
      // A report placed on a kecamatan itself (no kelurahan) counts for that kecamatan.
      return {
        table: 'metric_rollups_area',
        join: sql`JOIN areas a ON a.id = m.area_id JOIN areas k ON k.id = CASE WHEN a.level = 'kecamatan' THEN a.id ELSE a.parent_id END`,
        key: sql`k.code`,
        name: sql`k.name`,
        countsOnly: sql`false`,
      }
    case 'city':
      return { table: 'metric_rollups', join: sql``, key: sql`'all'::text`, name: sql`''::text`, countsOnly: sql`false` }
    case 'month':
      return {
        table: 'metric_rollups',
        join: sql``,
        key: sql`date_trunc('month', m.day::timestamp)::date::text`,
        name: sql`to_char(m.day, 'YYYY-MM')`,
        countsOnly: sql`false`,
      }
    case 'week':
      return {
        table: 'metric_rollups',
        join: sql``,
        key: sql`date_trunc('week', m.day::timestamp)::date::text`,
        name: sql`to_char(m.day, 'IYYY-"W"IW')`,
        countsOnly: sql`false`,
      }
  }
}

/**
 * The same key over the reports table itself (`r`), for the exact path. `unit` is the
 * report's unit column: the current one, or the one answerable for its response.
 */
function reportKeySql(d: StatDimension, tz: string, unit = sql`r.current_unit_id`) {
  switch (d) {
    case 'unit':
      return { join: sql`JOIN units k ON k.id = ${unit}`, key: sql`k.short_name` }
    case 'category':
      return { join: sql`JOIN categories k ON k.id = r.category_id`, key: sql`k.code` }
    case 'kelurahan':
      return { join: sql`JOIN areas k ON k.id = r.area_id`, key: sql`k.code` }
    case 'kecamatan':
      return {
        join: sql`JOIN areas a ON a.id = r.area_id JOIN areas k ON k.id = CASE WHEN a.level = 'kecamatan' THEN a.id ELSE a.parent_id END`,
        key: sql`k.code`,
      }
    case 'city':
      return { join: sql``, key: sql`'all'::text` }
    case 'month':
      return { join: sql``, key: sql`date_trunc('month', r.created_at AT TIME ZONE ${tz})::date::text` }
    case 'week':
      return { join: sql``, key: sql`date_trunc('week', r.created_at AT TIME ZONE ${tz})::date::text` }
  }
}

const intArray = (ids: readonly number[]) => sql`${`{${ids.map((i) => Math.trunc(i)).join(',')}}`}::int[]`

/** The misconduct restriction and the dashboard's filters, over rollups (`m`) or reports (`r`). */
function misconduct(q: StatsQuery, alias: 'm' | 'r', reportUnit = sql`r.current_unit_id`) {
  const col = (c: string) => sql.ref(`${alias}.${c}`)
  const w = q.where ?? {}
  return sql.join(
    [
      q.misconductOnly ? sql`AND ${col('category_id')} IN (SELECT id FROM categories WHERE is_misconduct)` : sql``,
      w.unitIds ? sql`AND ${alias === 'm' ? col('unit_id') : reportUnit} = ANY(${intArray(w.unitIds)})` : sql``,
      w.categoryId !== undefined ? sql`AND ${col('category_id')} = ${w.categoryId}` : sql``,
      w.areaIds ? sql`AND ${col('area_id')} = ANY(${intArray(w.areaIds)})` : sql``,
    ],
    sql` `,
  )
}

/** The rollup table to read: the per-area one whenever an area filter needs its area_id. */
const rollupTable = (q: StatsQuery, table: string) => (q.where?.areaIds ? 'metric_rollups_area' : table)

/**
 * The rollup rows of the query's period as one relation `m`: whole months from the
 * monthly table, the edges from the daily one. The week dimension needs days (a week
 * straddles months), so it reads the daily table only.
 */
function rollupRows(q: StatsQuery, table: string) {
  const daily = rollupTable(q, table)
  const columns = sql.raw(
    [
      'jurisdiction_id',
      'day',
      'unit_id',
      'category_id',
      ...(daily === 'metric_rollups_area' ? ['area_id'] : []),
      'reports',
      'supporters',
      'resolved',
      'ever_resolved',
      'reopened',
      'open',
      'response_on_time',
      'response_late',
      'resolution_on_time',
      'resolution_late',
      'ratings',
      'rating_sum',
      'rating_high',
      'confirmed_fixed',
      'public_updated',
      'fast_closed',
      'response_buckets',
      'response_counts',
      'resolution_buckets',
      'resolution_counts',
    ].join(', '),
  )
  const split = q.dimension === 'week' ? { months: null, days: [[q.from, q.to]] as [string, string][] } : splitPeriod(q.from, q.to)
  const parts = split.days.map(
    ([a, b]) => sql`SELECT ${columns} FROM ${sql.table(daily)} WHERE jurisdiction_id = ${q.jurisdictionId} AND day BETWEEN ${a}::date AND ${b}::date`,
  )
  if (split.months) {
    parts.push(
      sql`SELECT ${columns} FROM ${sql.table(`${daily}_month`)} WHERE jurisdiction_id = ${q.jurisdictionId} AND day BETWEEN ${split.months[0]}::date AND ${split.months[1]}::date`,
    )
  }
  return sql`(${sql.join(parts, sql` UNION ALL `)}) m`
}

interface CountRow {
  key: string
  name: string
  counts_only: boolean
  reports: number
  supporters: number
  resolved: number
  ever_resolved: number
  reopened: number
  open: number
  response_on_time: number
  response_late: number
  resolution_on_time: number
  resolution_late: number
  ratings: number
  rating_sum: number
  rating_high: number
  confirmed_fixed: number
  public_updated: number
  fast_closed: number
}

type Percentiles = Map<string, { r50: number | null; r90: number | null; s50: number | null; s90: number | null }>

async function histogramPercentiles(db: Db, q: StatsQuery): Promise<Percentiles> {
  const d = dimensionSql(q.dimension)
  const part = (measure: number, buckets: string, counts: string) => sql`
    SELECT ${d.key} AS key, ${measure} AS measure, x.b AS bucket, sum(x.c)::int AS n
    FROM ${rollupRows(q, d.table)} ${d.join}, unnest(m.${sql.raw(buckets)}, m.${sql.raw(counts)}) AS x(b, c)
    WHERE true ${misconduct(q, 'm')}
    GROUP BY 1, 3`
  const { rows } = await sql<{ key: string; measure: number; bucket: number; n: number }>`
    ${part(1, 'response_buckets', 'response_counts')} UNION ALL ${part(2, 'resolution_buckets', 'resolution_counts')}`.execute(db)
  const hist = new Map<string, [Map<number, number>, Map<number, number>]>()
  for (const r of rows) {
    const h = hist.get(r.key) ?? [new Map<number, number>(), new Map<number, number>()]
    h[Number(r.measure) - 1]!.set(Number(r.bucket), Number(r.n))
    hist.set(r.key, h)
  }
  const out: Percentiles = new Map()
  for (const [key, [resp, res]] of hist) {
    out.set(key, {
      r50: percentileFromHistogram(resp, 0.5),
      r90: percentileFromHistogram(resp, 0.9),
      s50: percentileFromHistogram(res, 0.5),
      s90: percentileFromHistogram(res, 0.9),
    })
  }
  return out
}

/**
 * Exact percentiles over the reports. Per unit (dimension or filter) the response times
 * count under the unit answerable for the response (responseUnitSql) and the resolution
 * times under the current unit, as in the rollups: then it is two queries.
 */
async function exactPercentiles(db: Db, q: StatsQuery): Promise<Percentiles> {
  if (q.dimension !== 'unit' && !q.where?.unitIds) return exactPercentilesBy(db, q, sql`r.current_unit_id`, ['response', 'resolution'])
  const response = await exactPercentilesBy(db, q, responseUnitSql('r'), ['response'])
  const resolution = await exactPercentilesBy(db, q, sql`r.current_unit_id`, ['resolution'])
  const none = { r50: null, r90: null, s50: null, s90: null }
  const out: Percentiles = new Map()
  for (const key of new Set([...response.keys(), ...resolution.keys()])) {
    const a = response.get(key) ?? none
    const b = resolution.get(key) ?? none
    out.set(key, { r50: a.r50, r90: a.r90, s50: b.s50, s90: b.s90 })
  }
  return out
}

async function exactPercentilesBy(db: Db, q: StatsQuery, unit: ReturnType<typeof sql>, measures: readonly ('response' | 'resolution')[]): Promise<Percentiles> {
  const d = reportKeySql(q.dimension, q.timeZone, unit)
  const hours = (col: string) => sql`extract(epoch FROM ${sql.ref(col)} - r.created_at) / 3600.0`
  const pct = (p: number, measure: 'response' | 'resolution', col: string) =>
    measures.includes(measure) ? sql`percentile_cont(${sql.lit(p)}) WITHIN GROUP (ORDER BY ${hours(col)})` : sql`NULL::float8`
  const { rows } = await sql<{ key: string; r50: number | null; r90: number | null; s50: number | null; s90: number | null }>`
    SELECT ${d.key} AS key,
      ${pct(0.5, 'response', 'r.first_response_at')} AS r50,
      ${pct(0.9, 'response', 'r.first_response_at')} AS r90,
      ${pct(0.5, 'resolution', 'r.resolved_at')} AS s50,
      ${pct(0.9, 'resolution', 'r.resolved_at')} AS s90
    FROM reports r ${d.join}
    WHERE r.jurisdiction_id = ${q.jurisdictionId}
      AND r.created_at >= ${dayStart(q.from, q.timeZone)} AND r.created_at < ${dayStart(q.to, q.timeZone)} + interval '1 day'
      ${misconduct(q, 'r', unit)}
    GROUP BY 1`.execute(db)
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
  return new Map(rows.map((r) => [r.key, { r50: num(r.r50), r90: num(r.r90), s50: num(r.s50), s90: num(r.s90) }]))
}

async function unitIkm(db: Db, q: StatsQuery) {
  const sums = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => sql.raw(`sum(i.u${i})::int AS u${i}`))
  const { rows } = await sql<Record<string, number> & { key: string; n: number }>`
    SELECT u.short_name AS key, count(*)::int AS n, ${sql.join(sums)}
    FROM ikm_responses i JOIN units u ON u.id = i.unit_id
    WHERE i.jurisdiction_id = ${q.jurisdictionId}
      AND i.created_at >= ${dayStart(q.from, q.timeZone)} AND i.created_at < ${dayStart(q.to, q.timeZone)} + interval '1 day'
      ${q.where?.unitIds ? sql`AND i.unit_id = ANY(${intArray(q.where.unitIds)})` : sql``}
    GROUP BY 1`.execute(db)
  return new Map(
    rows.map((r) => [
      r.key,
      {
        n: Number(r.n),
        result: ikmFromSums(
          [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => Number(r[`u${i}`])),
          Number(r.n),
        ),
      },
    ]),
  )
}

export async function getStats(db: Db, q: StatsQuery): Promise<StatRow[]> {
  const d = dimensionSql(q.dimension)
  const counting = sql<CountRow>`
    SELECT ${d.key} AS key, min(${d.name}) AS name, ${d.countsOnly} AS counts_only,
      ${sql.raw(
        [
          'reports',
          'supporters',
          'resolved',
          'ever_resolved',
          'reopened',
          'open',
          'response_on_time',
          'response_late',
          'resolution_on_time',
          'resolution_late',
          'ratings',
          'rating_sum',
          'rating_high',
          'confirmed_fixed',
          'public_updated',
          'fast_closed',
        ]
          .map((c) => `sum(m.${c})::int AS ${c}`)
          .join(', '),
      )}
    FROM ${rollupRows(q, d.table)} ${d.join}
    WHERE true ${misconduct(q, 'm')}
    GROUP BY 1
    ORDER BY 1`.execute(db)
  const mode = q.percentiles ?? 'auto'
  // Counts and histograms in parallel (two pool connections): the histograms are cheap
  // when the selection is small, and then the exact path replaces them.
  const [{ rows }, histogram] = await Promise.all([counting, mode === 'exact' ? null : histogramPercentiles(db, q)])
  const total = rows.reduce((s, r) => s + Number(r.reports), 0)
  const exact = mode === 'exact' || (mode === 'auto' && total <= EXACT_LIMIT)
  // A unit may hold no report of the period yet answer for responses (transferred away).
  const answered = rows.reduce((s, r) => s + Number(r.response_on_time) + Number(r.response_late), 0)
  const pct = total + answered === 0 ? new Map() : exact || !histogram ? await exactPercentiles(db, q) : histogram
  const ikm = q.dimension === 'unit' && total > 0 ? await unitIkm(db, q) : new Map<string, { n: number; result: ReturnType<typeof ikmFromSums> }>()
  return rows.map((r) => {
    const n = (v: unknown) => Number(v)
    const p = pct.get(r.key)
    const ik = ikm.get(r.key)
    const shown = publishableIkm(ik?.result ?? null)
    return {
      key: r.key,
      name: r.name,
      reports: n(r.reports),
      supporters: n(r.supporters),
      demand: demand(n(r.reports), n(r.supporters)),
      resolved: n(r.resolved),
      open: n(r.open),
      medianHoursToFirstResponse: p?.r50 ?? null,
      p90HoursToFirstResponse: p?.r90 ?? null,
      medianHoursToResolution: p?.s50 ?? null,
      p90HoursToResolution: p?.s90 ?? null,
      onTimeResponseShare: share(n(r.response_on_time), n(r.response_on_time) + n(r.response_late)),
      onTimeResolutionShare: share(n(r.resolution_on_time), n(r.resolution_on_time) + n(r.resolution_late)),
      reopenRate: share(n(r.reopened), n(r.ever_resolved)),
      meanRating: share(n(r.rating_sum), n(r.ratings)),
      ratings: n(r.ratings),
      ratingHighShare: share(n(r.rating_high), n(r.ratings)),
      confirmedFixedRate: share(n(r.confirmed_fixed), n(r.ratings)),
      publicUpdateShare: share(n(r.public_updated), n(r.reports)),
      ikmScore: shown?.ikm ?? null,
      ikmGrade: shown?.grade ?? null,
      ikmRespondents: ik?.n ?? 0,
      countsOnly: Boolean(r.counts_only),
      counts: {
        responseOnTime: n(r.response_on_time),
        responseLate: n(r.response_late),
        resolutionOnTime: n(r.resolution_on_time),
        resolutionLate: n(r.resolution_late),
        everResolved: n(r.ever_resolved),
        reopened: n(r.reopened),
        fastClosed: n(r.fast_closed),
      },
    }
  })
}

/**
 * getStats through the in-process stats cache, keyed by the query and the rollup
 * watermark (metric_rollup_state.refreshed_at): a result is reused until the next
 * rollup run — which may run in another process (the worker) — and at most the cache's
 * TTL. So a dashboard reloaded or shared within the minute costs one primary-key lookup,
 * and the figures are no older than the rollups they come from.
 */
export async function getStatsCached(db: Db, q: StatsQuery): Promise<StatRow[]> {
  const state = await db.selectFrom('metric_rollup_state').select('refreshed_at').where('jurisdiction_id', '=', q.jurisdictionId).executeTakeFirst()
  if (!state) return getStats(db, q)
  return cachedStats(q.jurisdictionId, `stats|${new Date(state.refreshed_at).toISOString()}|${JSON.stringify(q)}`, () => getStats(db, q))
}
