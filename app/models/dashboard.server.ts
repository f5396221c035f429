// Dashboard figures computed in SQL over a period: this file is the one definition of
// each figure (docs/decisions/009). tests/integration/dashboard.test.ts checks them
// against hand-computed cases, including the on-time and overdue boundaries.
// Durations are in hours; medians use percentile_cont (linear interpolation).
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { DISMISSED_STATUSES, OPEN_STATUSES } from '~/domain/vocabulary'

type Db = Kysely<DB> | Transaction<DB>

export interface PeriodFilter {
  jurisdictionId: number
  since: Date
  now: Date
}

const literals = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)))
const isOpen = sql`r.status IN (${literals(OPEN_STATUSES)})`
const isDismissed = sql`r.status IN (${literals(DISMISSED_STATUSES)})`

const hours = (from: string, to: string) => sql.raw(`extract(epoch from (${to} - ${from})) / 3600.0`)

/** Shared aggregate columns; `r` is the reports alias, `rt` the ratings alias. */
function aggregates(now: Date) {
  return {
    total: sql<number>`count(*)`,
    open: sql<number>`count(*) FILTER (WHERE ${isOpen})`,
    // Overdue: strictly past the due time; a report due exactly now is not yet late.
    overdueOpen: sql<number>`count(*) FILTER (WHERE ${isOpen} AND r.resolution_due_at < ${now})`,
    medianResponseHours: sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('r.created_at', 'r.first_response_at')})`,
    medianResolutionHours: sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours('r.created_at', 'r.resolved_at')})`,
    // On time: resolved by the due time (at the due time counts as on time), among
    // reports that are resolved or already overdue (dismissed reports are neither).
    onTimeDone: sql<number>`count(*) FILTER (WHERE r.resolved_at IS NOT NULL AND r.resolved_at <= r.resolution_due_at)`,
    onTimeCounted: sql<number>`count(*) FILTER (WHERE NOT ${isDismissed} AND (r.resolved_at IS NOT NULL OR r.resolution_due_at < ${now}))`,
    meanRating: sql<number | null>`avg(rt.score)::float8`,
    ratings: sql<number>`count(rt.id)`,
    // Confirmed fixed: the reporter's own "sudah beres" on the latest rated resolution.
    // An automatic close (ADR 012) leaves no rating, so it never counts here.
    confirmedFixed: sql<number>`count(*) FILTER (WHERE rt.fixed = 'yes')`,
  }
}

/**
 * Reports created in the period, each with its latest rating (`rt`, of the last rated
 * resolution; see ADR 008): one row per report, however often it was reopened.
 */
function periodReports(db: Db, f: PeriodFilter) {
  return db
    .selectFrom('reports as r')
    .leftJoin('ratings as rt', (join) =>
      join
        .onRef('rt.report_id', '=', 'r.id')
        .on(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('ratings as later')
                .select('later.id')
                .whereRef('later.report_id', '=', 'rt.report_id')
                .whereRef('later.resolution_number', '>', 'rt.resolution_number'),
            ),
          ),
        ),
    )
    .where('r.jurisdiction_id', '=', f.jurisdictionId)
    .where('r.created_at', '>=', f.since)
    .where('r.created_at', '<=', f.now)
}

export interface Summary {
  total: number
  open: number
  overdueOpen: number
  medianResponseHours: number | null
  medianResolutionHours: number | null
  onTimeShare: number | null
  meanRating: number | null
  ratings: number
  confirmedFixed: number
}

/** Every aggregate of a summary, named as toSummary reads it. */
function summaryColumns(now: Date) {
  const a = aggregates(now)
  return [
    a.total.as('total'),
    a.open.as('open'),
    a.overdueOpen.as('overdueOpen'),
    a.medianResponseHours.as('medianResponseHours'),
    a.medianResolutionHours.as('medianResolutionHours'),
    a.onTimeDone.as('onTimeDone'),
    a.onTimeCounted.as('onTimeCounted'),
    a.meanRating.as('meanRating'),
    a.ratings.as('ratings'),
    a.confirmedFixed.as('confirmedFixed'),
  ]
}

function toSummary(row: Record<keyof ReturnType<typeof aggregates>, unknown>): Summary {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
  const counted = Number(row.onTimeCounted)
  return {
    total: Number(row.total),
    open: Number(row.open),
    overdueOpen: Number(row.overdueOpen),
    medianResponseHours: num(row.medianResponseHours),
    medianResolutionHours: num(row.medianResolutionHours),
    onTimeShare: counted ? Number(row.onTimeDone) / counted : null,
    meanRating: num(row.meanRating),
    ratings: Number(row.ratings),
    confirmedFixed: Number(row.confirmedFixed),
  }
}

export async function getSummary(db: Db, f: PeriodFilter): Promise<Summary> {
  const row = await periodReports(db, f).select(summaryColumns(f.now)).executeTakeFirstOrThrow()
  return toSummary(row)
}

export async function getStatusCounts(db: Db, f: PeriodFilter) {
  const rows = await periodReports(db, f)
    .select(['r.status', sql<number>`count(*)`.as('n')])
    .groupBy('r.status')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<Record<string, number>>
}

export async function getUnitTable(db: Db, f: PeriodFilter) {
  const rows = await periodReports(db, f)
    .innerJoin('units as u', 'u.id', 'r.current_unit_id')
    .select(['u.id', 'u.name', 'u.short_name'])
    .select(summaryColumns(f.now))
    .groupBy(['u.id', 'u.name', 'u.short_name'])
    .orderBy(sql`count(*)`, 'desc')
    .execute()
  return rows.map((r) => ({ unitId: r.id, name: r.name, shortName: r.short_name, ...toSummary(r) }))
}

/** Received and resolved per week (weeks start on Monday, in the jurisdiction's zone). */
export async function getWeeklyFlow(db: Db, f: PeriodFilter & { timeZone: string }) {
  const week = (col: string) => sql.raw(`date_trunc('week', ${col} AT TIME ZONE '${f.timeZone.replace(/'/g, '')}')::date`)
  const received = await periodReports(db, f)
    .select([sql<string>`${week('r.created_at')}::text`.as('week'), sql<number>`count(*)`.as('n')])
    .groupBy(sql`1`)
    .execute()
  const resolved = await db
    .selectFrom('reports as r')
    .select([sql<string>`${week('r.resolved_at')}::text`.as('week'), sql<number>`count(*)`.as('n')])
    .where('r.jurisdiction_id', '=', f.jurisdictionId)
    .where('r.resolved_at', '>=', f.since)
    .where('r.resolved_at', '<=', f.now)
    .groupBy(sql`1`)
    .execute()
  const weeks = new Map<string, { week: string; received: number; resolved: number }>()
  for (const r of received) weeks.set(r.week, { week: r.week, received: Number(r.n), resolved: 0 })
  for (const r of resolved) {
    const w = weeks.get(r.week) ?? { week: r.week, received: 0, resolved: 0 }
    w.resolved = Number(r.n)
    weeks.set(r.week, w)
  }
  return [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week))
}
