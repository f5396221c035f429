// Metric rollups (migration 0014, ADR 021): the job rewrites, per jurisdiction, every
// local day whose reports changed since its last run. The SQL here only counts; the
// per-report rules it counts by are timeliness() and the figure definitions in
// app/domain/metric-figures.ts (tests/integration/metric-rollups.test.ts holds the two
// to the same answers).
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { DISMISSED_STATUSES, OPEN_STATUSES } from '~/domain/vocabulary'

type Db = Kysely<DB> | Transaction<DB>

/**
 * The watermark goes back this far on each run: a transaction stamps its rows with its
 * start time, so one that commits up to this long after starting is still seen.
 */
export const ROLLUP_OVERLAP_MS = 10 * 60_000

const literals = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)))
const isOpen = sql`r.status IN (${literals(OPEN_STATUSES)})`
const isDismissed = sql`r.status IN (${literals(DISMISSED_STATUSES)})`

/**
 * The unit answerable for a report's response (`responsibleUnit` in
 * app/domain/metric-figures.ts, docs/metrics.md "Response attribution"): the holder at the
 * deciding moment — the first response if on time, else the due time. The holder is the
 * receiver of the last transfer at or before that moment, else the sender of the first
 * one after it (the unit it was filed to), else the current unit (never transferred).
 * `r` is the alias of the reports row.
 */
export const responseUnitSql = (r: string) => {
  const report = sql.ref(`${r}.id`)
  const moment = sql`LEAST(${sql.ref(`${r}.first_response_at`)}, ${sql.ref(`${r}.response_due_at`)})`
  return sql<number>`coalesce(
    (SELECT t.to_unit_id FROM report_events t WHERE t.report_id = ${report} AND t.type = 'transferred' AND t.created_at <= ${moment}
      ORDER BY t.created_at DESC, t.id DESC LIMIT 1),
    (SELECT t.from_unit_id FROM report_events t WHERE t.report_id = ${report} AND t.type = 'transferred' AND t.created_at > ${moment}
      ORDER BY t.created_at, t.id LIMIT 1),
    ${sql.ref(`${r}.current_unit_id`)})`
}

/** Local calendar day of a timestamp column, in a zone given as a parameter. */
const localDay = (column: string, tz: string) => sql`(${sql.ref(column)} AT TIME ZONE ${tz})::date`

/** Start of a local day (YYYY-MM-DD) as a timestamptz. */
export const dayStart = (day: string, tz: string) => sql`(${day}::date::timestamp AT TIME ZONE ${tz})`

const COUNT_COLUMNS = [
  'reports',
  'supporters',
  'resolved',
  'ever_resolved',
  'reopened',
  'dismissed',
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
] as const

/** Recomputes the finest rollup rows of the given local days (or every day) from the reports. */
async function rebuildAreaRows(db: Db, j: { id: number; timeZone: string }, days: readonly string[], now: Date) {
  const tz = j.timeZone
  const dayFilter = sql`r.created_at >= ${dayStart(
    days.reduce((a, b) => (a < b ? a : b)),
    tz,
  )}
          AND r.created_at < ${dayStart(
            days.reduce((a, b) => (a > b ? a : b)),
            tz,
          )} + interval '1 day'
          AND ${localDay('r.created_at', tz)} = ANY(${`{${days.join(',')}}`}::date[])`
  await db
    .deleteFrom('metric_rollups_area')
    .where('jurisdiction_id', '=', j.id)
    .where(sql<boolean>`day = ANY(${`{${days.join(',')}}`}::date[])`)
    .execute()
  // Timeliness per report, as timeliness() defines it: on time (true), late (false),
  // pending or excluded (null).
  const due = (done: string, dueAt: string) => sql`CASE
      WHEN ${sql.ref(done)} IS NOT NULL THEN ${sql.ref(done)} <= ${sql.ref(dueAt)}
      WHEN ${isDismissed} THEN NULL
      WHEN ${sql.ref(dueAt)} < ${now} THEN false
    END`
  await sql`
    WITH base AS (
      SELECT ${localDay('r.created_at', tz)} AS day, r.current_unit_id AS held_by, ${responseUnitSql('r')} AS answered_by, r.category_id, r.area_id,
        r.supporter_count, r.reopen_count, r.resolved_at IS NOT NULL AS is_resolved,
        ${isOpen} AS is_open, ${isDismissed} AS is_dismissed,
        metric_duration_bucket((extract(epoch FROM r.first_response_at - r.created_at) / 3600.0)::float8) AS response_bucket,
        metric_duration_bucket((extract(epoch FROM r.resolved_at - r.created_at) / 3600.0)::float8) AS resolution_bucket,
        ${due('r.first_response_at', 'r.response_due_at')} AS response_on_time,
        ${due('r.resolved_at', 'r.resolution_due_at')} AS resolution_on_time,
        rt.score, rt.fixed,
        EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.type = 'public_update'
                AND e.visibility = 'public' AND e.actor_kind = 'staff') AS public_updated,
        -- The fast_close anti-gaming flag (reportGamingFlags): resolved within 5 minutes of
        -- filing with no public update and no "after" photo.
        (r.resolved_at IS NOT NULL AND r.resolved_at - r.created_at <= interval '5 minutes'
          AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.type = 'public_update' AND e.visibility = 'public')
          AND NOT EXISTS (SELECT 1 FROM attachments p WHERE p.report_id = r.id AND p.phase = 'after')) AS fast_closed
      FROM reports r
      LEFT JOIN LATERAL (
        SELECT x.score, x.fixed FROM ratings x WHERE x.report_id = r.id ORDER BY x.resolution_number DESC LIMIT 1
      ) rt ON true
      WHERE r.jurisdiction_id = ${j.id} AND ${dayFilter}
    ),
    -- Each report counts under its current unit (holds) and, for the response figures
    -- only, under the unit answerable for its response (answers): one row when they agree.
    contrib AS (
      SELECT b.*, k.unit_id, k.holds, k.answers FROM base b
      CROSS JOIN LATERAL (
        SELECT b.held_by AS unit_id, true AS holds, b.answered_by = b.held_by AS answers
        UNION ALL SELECT b.answered_by, false, true WHERE b.answered_by <> b.held_by
      ) k
    ),
    buckets AS (
      SELECT day, unit_id, category_id, area_id, 1 AS m, response_bucket AS b, count(*)::int AS c
        FROM contrib WHERE answers AND response_bucket IS NOT NULL GROUP BY 1, 2, 3, 4, 6
      UNION ALL
      SELECT day, unit_id, category_id, area_id, 2, resolution_bucket, count(*)::int
        FROM contrib WHERE holds AND resolution_bucket IS NOT NULL GROUP BY 1, 2, 3, 4, 6
    ),
    hist AS (
      SELECT day, unit_id, category_id, area_id,
        coalesce(array_agg(b ORDER BY b) FILTER (WHERE m = 1), '{}') AS rb,
        coalesce(array_agg(c ORDER BY b) FILTER (WHERE m = 1), '{}') AS rc,
        coalesce(array_agg(b ORDER BY b) FILTER (WHERE m = 2), '{}') AS sb,
        coalesce(array_agg(c ORDER BY b) FILTER (WHERE m = 2), '{}') AS sc
      FROM buckets GROUP BY 1, 2, 3, 4
    ),
    agg AS (
      SELECT day, unit_id, category_id, area_id,
        count(*) FILTER (WHERE holds)::int AS reports,
        coalesce(sum(supporter_count) FILTER (WHERE holds), 0)::int AS supporters,
        count(*) FILTER (WHERE holds AND is_resolved)::int AS resolved,
        count(*) FILTER (WHERE holds AND (is_resolved OR reopen_count > 0))::int AS ever_resolved,
        count(*) FILTER (WHERE holds AND reopen_count > 0)::int AS reopened,
        count(*) FILTER (WHERE holds AND is_dismissed)::int AS dismissed,
        count(*) FILTER (WHERE holds AND is_open)::int AS open,
        count(*) FILTER (WHERE answers AND response_on_time)::int AS response_on_time,
        count(*) FILTER (WHERE answers AND NOT response_on_time)::int AS response_late,
        count(*) FILTER (WHERE holds AND resolution_on_time)::int AS resolution_on_time,
        count(*) FILTER (WHERE holds AND NOT resolution_on_time)::int AS resolution_late,
        count(score) FILTER (WHERE holds)::int AS ratings,
        coalesce(sum(score) FILTER (WHERE holds), 0)::int AS rating_sum,
        count(*) FILTER (WHERE holds AND score >= 4)::int AS rating_high,
        count(*) FILTER (WHERE holds AND fixed = 'yes')::int AS confirmed_fixed,
        count(*) FILTER (WHERE holds AND public_updated)::int AS public_updated,
        count(*) FILTER (WHERE holds AND fast_closed)::int AS fast_closed
      FROM contrib GROUP BY 1, 2, 3, 4
    )
    INSERT INTO metric_rollups_area (jurisdiction_id, day, unit_id, category_id, area_id, ${sql.raw(COUNT_COLUMNS.join(', '))},
      response_buckets, response_counts, resolution_buckets, resolution_counts)
    SELECT ${j.id}, a.day, a.unit_id, a.category_id, a.area_id, ${sql.raw(COUNT_COLUMNS.map((c) => `a.${c}`).join(', '))},
      coalesce(h.rb, '{}'), coalesce(h.rc, '{}'), coalesce(h.sb, '{}'), coalesce(h.sc, '{}')
    FROM agg a LEFT JOIN hist h
      ON h.day = a.day AND h.unit_id = a.unit_id AND h.category_id = a.category_id AND coalesce(h.area_id, 0) = coalesce(a.area_id, 0)
  `.execute(db)
}

/**
 * Sums rollup rows of `source` into the coarser `target` (counts added, histograms merged
 * bucket by bucket): the daily area-free rows from the area rows, and the monthly rows
 * from the daily ones. `period` maps a source row's day to the target's day (itself, or
 * its month's first day); `rows` selects the source rows to sum.
 */
async function mergeRollups(
  db: Db,
  jurisdictionId: number,
  spec: { source: string; target: string; area: boolean; period: 'day' | 'month'; rows: ReturnType<typeof sql> },
) {
  const period = spec.period === 'day' ? sql`day` : sql`date_trunc('month', day)::date`
  const keys = spec.area ? ['unit_id', 'category_id', 'area_id'] : ['unit_id', 'category_id']
  const keyList = sql.raw(keys.join(', '))
  const groupBy = sql.raw(keys.map((_, i) => String(i + 2)).join(', '))
  // Plain equalities (hashable): area_id may be null, so it is compared through coalesce.
  const on = (alias: string) =>
    sql.raw(['day', ...keys].map((k) => (k === 'area_id' ? `coalesce(${alias}.${k}, 0) = coalesce(a.${k}, 0)` : `${alias}.${k} = a.${k}`)).join(' AND '))
  const merged = (buckets: string, counts: string) => sql`
    SELECT day, ${keyList}, array_agg(b ORDER BY b) AS bs, array_agg(c ORDER BY b) AS cs FROM (
      SELECT ${period} AS day, ${keyList}, x.b, sum(x.c)::int AS c
      FROM ${sql.table(spec.source)} s, unnest(s.${sql.raw(buckets)}, s.${sql.raw(counts)}) AS x(b, c)
      WHERE s.jurisdiction_id = ${jurisdictionId} AND ${spec.rows}
      GROUP BY 1, ${groupBy}, ${sql.raw(String(keys.length + 2))}
    ) m GROUP BY 1, ${groupBy}`
  await sql`
    WITH rh AS (${merged('response_buckets', 'response_counts')}),
    sh AS (${merged('resolution_buckets', 'resolution_counts')}),
    agg AS (
      SELECT ${period} AS day, ${keyList}, ${sql.raw(COUNT_COLUMNS.map((c) => `sum(${c})::int AS ${c}`).join(', '))}
      FROM ${sql.table(spec.source)} s WHERE s.jurisdiction_id = ${jurisdictionId} AND ${spec.rows}
      GROUP BY 1, ${groupBy}
    )
    INSERT INTO ${sql.table(spec.target)} (jurisdiction_id, day, ${keyList}, ${sql.raw(COUNT_COLUMNS.join(', '))},
      response_buckets, response_counts, resolution_buckets, resolution_counts)
    SELECT ${jurisdictionId}, a.day, ${sql.raw(keys.map((k) => `a.${k}`).join(', '))}, ${sql.raw(COUNT_COLUMNS.map((c) => `a.${c}`).join(', '))},
      coalesce(rh.bs, '{}'), coalesce(rh.cs, '{}'), coalesce(sh.bs, '{}'), coalesce(sh.cs, '{}')
    FROM agg a LEFT JOIN rh ON ${on('rh')} LEFT JOIN sh ON ${on('sh')}
  `.execute(db)
}

/** Rebuilds the area-free rollup rows of the days from the finest rows. */
async function rebuildUnitRows(db: Db, jurisdictionId: number, days: readonly string[]) {
  const dayFilter = sql`day = ANY(${`{${days.join(',')}}`}::date[])`
  await sql`DELETE FROM metric_rollups WHERE jurisdiction_id = ${jurisdictionId} AND ${dayFilter}`.execute(db)
  await mergeRollups(db, jurisdictionId, { source: 'metric_rollups_area', target: 'metric_rollups', area: false, period: 'day', rows: dayFilter })
}

/** Rebuilds both monthly tables (0021) for one month (its first day) from the daily rows. */
async function rebuildMonth(db: Db, jurisdictionId: number, month: string) {
  const inMonth = sql`day >= ${month}::date AND day < ${month}::date + interval '1 month'`
  for (const [source, target, area] of [
    ['metric_rollups', 'metric_rollups_month', false],
    ['metric_rollups_area', 'metric_rollups_area_month', true],
  ] as const) {
    await sql`DELETE FROM ${sql.table(target)} WHERE jurisdiction_id = ${jurisdictionId} AND day = ${month}::date`.execute(db)
    await mergeRollups(db, jurisdictionId, { source, target, area, period: 'month', rows: inMonth })
  }
}

/**
 * Local days (YYYY-MM-DD) with a report that changed since `since`: an event, a rating
 * or a supporter written, a report newer than the last seen id, or a deadline that
 * passed (an open report turns late without any write).
 */
export async function changedDays(db: Db, j: { id: number; timeZone: string }, since: Date, afterReportId: number, now: Date): Promise<string[]> {
  const tz = j.timeZone
  const { rows } = await sql<{ day: string }>`
    SELECT DISTINCT (r.created_at AT TIME ZONE ${tz})::date::text AS day FROM reports r
    WHERE r.jurisdiction_id = ${j.id} AND r.id IN (
      SELECT report_id FROM report_events WHERE created_at >= ${since}
      UNION SELECT report_id FROM ratings WHERE created_at >= ${since}
      UNION SELECT report_id FROM report_supporters WHERE created_at >= ${since}
      UNION SELECT id FROM reports WHERE jurisdiction_id = ${j.id} AND id > ${afterReportId}
      UNION SELECT id FROM reports r2 WHERE r2.jurisdiction_id = ${j.id} AND r2.status IN (${literals(OPEN_STATUSES)})
        AND r2.resolution_due_at >= ${since} AND r2.resolution_due_at < ${now}
      UNION SELECT id FROM reports r3 WHERE r3.jurisdiction_id = ${j.id} AND r3.status IN (${literals(OPEN_STATUSES)})
        AND r3.first_response_at IS NULL AND r3.response_due_at >= ${since} AND r3.response_due_at < ${now}
    )
    ORDER BY 1`.execute(db)
  return rows.map((r) => r.day)
}

/** Days rebuilt per statement (about 20,000 reports at 1M reports a year). */
export const REBUILD_WINDOW_DAYS = 7

/** Every local day from the first report to the last, for a full rebuild. */
async function allDays(db: Db, j: { id: number; timeZone: string }): Promise<string[]> {
  const { rows } = await sql<{ day: string }>`
    SELECT d::date::text AS day FROM generate_series(
      (SELECT (min(created_at) AT TIME ZONE ${j.timeZone})::date FROM reports WHERE jurisdiction_id = ${j.id}),
      (SELECT (max(created_at) AT TIME ZONE ${j.timeZone})::date FROM reports WHERE jurisdiction_id = ${j.id}),
      interval '1 day') AS d`.execute(db)
  return rows.map((r) => r.day)
}

export interface RefreshResult {
  jurisdictionId: number
  days: number | 'all'
}

/**
 * Brings one jurisdiction's rollups up to `now`. The first run (no watermark) rebuilds
 * every day. The caller owns the transaction; run it in one so readers never see a
 * half-rewritten day.
 */
export async function refreshRollups(db: Db, jurisdictionId: number, now: Date): Promise<RefreshResult> {
  const j = await db.selectFrom('jurisdictions').select(['id', 'time_zone']).where('id', '=', jurisdictionId).executeTakeFirstOrThrow()
  const jz = { id: j.id, timeZone: j.time_zone }
  // One refresher per jurisdiction at a time (the job runs every minute; a slow run must not overlap).
  await sql`SELECT pg_advisory_xact_lock(4242014, ${jurisdictionId})`.execute(db)
  const state = await sql<{ refreshed_at: Date; max_report_id: number }>`
    SELECT s.refreshed_at, s.max_report_id FROM metric_rollup_state s WHERE s.jurisdiction_id = ${jurisdictionId}`.execute(db)
  const maxId = await db
    .selectFrom('reports')
    .select(sql<number>`coalesce(max(id), 0)`.as('id'))
    .where('jurisdiction_id', '=', jurisdictionId)
    .executeTakeFirstOrThrow()
  const previous = state.rows[0]
  let days: string[] | 'all'
  if (!previous) days = 'all'
  else days = await changedDays(db, jz, new Date(previous.refreshed_at.getTime() - ROLLUP_OVERLAP_MS), Number(previous.max_report_id), now)
  const list = days === 'all' ? await allDays(db, jz) : days
  if (days === 'all') {
    for (const table of ['metric_rollups_area', 'metric_rollups', 'metric_rollups_area_month', 'metric_rollups_month'] as const) {
      await db.deleteFrom(table).where('jurisdiction_id', '=', jurisdictionId).execute()
    }
  }
  // In windows of days: every statement stays well inside the pool's statement timeout
  // (30 s) even when a whole history of millions of reports is rebuilt.
  for (let i = 0; i < list.length; i += REBUILD_WINDOW_DAYS) {
    const chunk = list.slice(i, i + REBUILD_WINDOW_DAYS)
    await rebuildAreaRows(db, jz, chunk, now)
    await rebuildUnitRows(db, jurisdictionId, chunk)
  }
  // Each month touched once, after all its days: a full rebuild would otherwise redo a
  // month for every window that falls in it.
  for (const month of new Set(list.map((d) => `${d.slice(0, 7)}-01`))) await rebuildMonth(db, jurisdictionId, month)
  await sql`
    INSERT INTO metric_rollup_state (jurisdiction_id, refreshed_at, max_report_id) VALUES (${jurisdictionId}, ${now}, ${Number(maxId.id)})
    ON CONFLICT (jurisdiction_id) DO UPDATE SET refreshed_at = excluded.refreshed_at, max_report_id = excluded.max_report_id`.execute(db)
  return { jurisdictionId, days: days === 'all' ? 'all' : days.length }
}

/** Forgets the watermark so that the next refresh rebuilds everything (after deletes or an import of history). */
export async function invalidateRollups(db: Db, jurisdictionId: number) {
  await sql`DELETE FROM metric_rollup_state WHERE jurisdiction_id = ${jurisdictionId}`.execute(db)
}
