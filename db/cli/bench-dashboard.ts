// npm run bench:dashboard -- [--reports 1000000] [--runs 20] [--days 365] [--keep NAME | --database URL] [--only TEXT] [--no-raw]
// Fills a scratch PostgreSQL database with the simulator's bulk path, builds the metric
// rollups (timed), then prints p50/p95 of every dashboard, public and open-data read —
// beside the exact raw-SQL aggregate over the same rows and the ratio. Drops the database,
// unless --keep NAME (then it is created under that name and kept). --database URL reuses
// a database filled earlier: it migrates it, brings the rollups up to date and measures,
// without simulating (a fill of 1M reports takes minutes; repeated runs should not).
import { sql, type Kysely } from 'kysely'
import type { DB } from '../types'
import { getSummary, getUnitTable } from '../../app/models/dashboard.server'
import { getBacklog, getDashboard } from '../../app/models/executive-dashboard.server'
import { invalidateStatsCache } from '../../app/models/public-stats-cache.server'
import { refreshRollups } from '../../app/models/metric-rollup.server'
import { getStats, type StatDimension } from '../../app/models/metric-stats.server'
import { openDatabase } from '../connection'
import { migrateToLatest } from '../migrate'
import { createScratchDatabase } from '../scratch-database'
import { seedReferenceData } from '../seed'
import { simulateReports } from '../simulator'
import { argValue } from './open'

const count = Number(argValue('reports') ?? 200_000)
const runs = Number(argValue('runs') ?? 20)
const days = Number(argValue('days') ?? 365)
const existing = argValue('database')
const keep = argValue('keep')
if (![count, runs, days].every((n) => Number.isInteger(n) && n > 0) || (keep !== undefined && !/^[a-z][a-z0-9_]*$/.test(keep))) {
  console.error('Usage: npm run bench:dashboard -- [--reports 1000000] [--runs 20] [--days 365] [--keep NAME | --database URL]')
  process.exit(2)
}
const server = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const scratch = existing
  ? { name: new URL(existing).pathname.slice(1), url: existing, drop: async () => {} }
  : await createScratchDatabase(server, 'melayani_bench', keep)
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
console.log(
  existing
    ? `Benchmark database ${scratch.name} (reused, not simulated)`
    : `Benchmark database ${scratch.name}: simulating ${fmt(count)} reports over ${days} days…`,
)
const database = await openDatabase(scratch.url, { poolSize: 4 })

/** p50/p95 over `runs` runs after a warm-up; null when the query hit the 30 s statement timeout. */
async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number } | null> {
  try {
    await run() // warm-up
  } catch (error) {
    if (String(error).includes('timeout')) return null
    throw error
  }
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    try {
      await run()
    } catch (error) {
      // A loaded machine can push a raw query past the timeout mid-series, too.
      if (String(error).includes('timeout')) return null
      throw error
    }
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!
  return { p50: at(0.5), p95: at(0.95) }
}

/** The exact aggregate straight from the reports (what the rollups replace). */
function rawStats(db: Kysely<DB>, jurisdictionId: number, tz: string, dimension: StatDimension, from: string, to: string) {
  const key: Record<StatDimension, string> = {
    unit: 'u.short_name',
    category: 'c.code',
    kelurahan: 'a.code',
    kecamatan: "CASE WHEN a.level = 'kecamatan' THEN a.code ELSE p.code END",
    week: `date_trunc('week', r.created_at AT TIME ZONE '${tz}')::date::text`,
    city: `'all'`,
    month: `date_trunc('month', r.created_at AT TIME ZONE '${tz}')::date::text`,
  }
  const h = (col: string) => `extract(epoch FROM ${col} - r.created_at) / 3600.0`
  return sql`
    SELECT ${sql.raw(key[dimension])} AS key, count(*), sum(r.supporter_count), count(r.resolved_at),
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${sql.raw(h('r.first_response_at'))}),
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${sql.raw(h('r.first_response_at'))}),
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${sql.raw(h('r.resolved_at'))}),
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${sql.raw(h('r.resolved_at'))}),
      count(*) FILTER (WHERE r.first_response_at <= r.response_due_at),
      count(*) FILTER (WHERE r.resolved_at <= r.resolution_due_at),
      count(*) FILTER (WHERE r.reopen_count > 0),
      avg(rt.score), count(rt.score)
    FROM reports r JOIN units u ON u.id = r.current_unit_id JOIN categories c ON c.id = r.category_id
      LEFT JOIN areas a ON a.id = r.area_id LEFT JOIN areas p ON p.id = a.parent_id
      LEFT JOIN LATERAL (SELECT x.score FROM ratings x WHERE x.report_id = r.id ORDER BY x.resolution_number DESC LIMIT 1) rt ON true
    WHERE r.jurisdiction_id = ${jurisdictionId}
      AND r.created_at >= (${from}::date::timestamp AT TIME ZONE ${tz}) AND r.created_at < (${to}::date::timestamp AT TIME ZONE ${tz}) + interval '1 day'
    GROUP BY 1`.execute(db)
}

try {
  const db = database.db
  await migrateToLatest(db)
  const now = new Date()
  if (!existing) {
    await seedReferenceData(db)
    const sim = await simulateReports(db, { count, now, days, batchSize: 5000 })
    console.log(`  simulated in ${(sim.ms / 1000).toFixed(1)} s (${fmt(sim.events)} events)`)
    // Statistics first, as autovacuum would have them on a live database: the rollup build
    // plans its per-window joins from them.
    await sql`ANALYZE`.execute(db)
  }
  const j = await db.selectFrom('jurisdictions').select(['id', 'time_zone']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  let t0 = performance.now()
  await db.transaction().execute((trx) => refreshRollups(trx, j.id, now))
  console.log(`  rollups built in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  await sql`ANALYZE`.execute(db)
  const sizes = await sql<{ t: string; n: number }>`
    SELECT 'metric_rollups' AS t, count(*)::int AS n FROM metric_rollups UNION ALL SELECT 'metric_rollups_area', count(*)::int FROM metric_rollups_area
    UNION ALL SELECT 'metric_rollups_month', count(*)::int FROM metric_rollups_month UNION ALL SELECT 'metric_rollups_area_month', count(*)::int FROM metric_rollups_area_month`.execute(
    db,
  )
  console.log(`  ${sizes.rows.map((r) => `${r.t}: ${fmt(r.n)} rows`).join(', ')}`)
  // An incremental run after one state change (what the job does every minute).
  const one = await db.selectFrom('reports').select('id').where('status', '=', 'in_progress').limit(1).executeTakeFirst()
  if (one) {
    const staff = await db.selectFrom('users').select('id').where('jurisdiction_id', '=', j.id).limit(1).executeTakeFirstOrThrow()
    await db
      .insertInto('report_events')
      .values({ report_id: one.id, actor_kind: 'staff', actor_user_id: staff.id, type: 'internal_note', body: 'bench', visibility: 'internal' })
      .execute()
  }
  t0 = performance.now()
  const inc = await db.transaction().execute((trx) => refreshRollups(trx, j.id, new Date()))
  console.log(`  incremental refresh (${String(inc.days)} days) in ${(performance.now() - t0).toFixed(0)} ms`)

  const day = (ago: number) => new Date(now.getTime() - ago * 86_400_000).toISOString().slice(0, 10)
  const period = (n: number) => ({ jurisdictionId: j.id, since: new Date(now.getTime() - n * 86400_000), now })
  type Case = [string, () => Promise<unknown>, (() => Promise<unknown>) | null]
  // The pages: /dasbor's whole loader query set (9 getStats and the backlog, in parallel)
  // for a 90-day period, and the home page's 30-day city figures. The old raw queries of
  // dashboard.server.ts are no longer read by any page (only with --legacy).
  const scope = { jurisdictionId: j.id, where: {}, unitIds: null }
  // cold: the stats cache emptied before each run (a first visit after a rollup run);
  // warm: a reload or a shared link within the minute (keyed by the rollup watermark).
  const dasbor =
    (n: number, cold = true) =>
    () => (
      cold ? invalidateStatsCache() : undefined,
      getDashboard(db, {
        scope,
        filter: { from: day(n - 1), to: day(0), unitId: null, unitExact: false, categoryId: null, kecamatanId: null },
        timeZone: j.time_zone,
        now,
      })
    )
  const cases: Case[] = [
    ['home figures (30 d)', () => getStats(db, { jurisdictionId: j.id, timeZone: j.time_zone, dimension: 'city', from: day(29), to: day(0) }), null],
    ['/dasbor whole page, 10 queries (90 d)', dasbor(90), null],
    ['/dasbor whole page, 10 queries (365 d)', dasbor(365), null],
    ['/dasbor whole page, warm cache (90 d)', dasbor(90, false), null],
    ['/dasbor backlog', () => getBacklog(db, scope, now), null],
  ]
  if (process.argv.includes('--legacy')) {
    cases.push(
      ['legacy summary, raw (90 d)', () => getSummary(db, period(90)), null],
      ['legacy unit table, raw (90 d)', () => getUnitTable(db, period(90)), null],
    )
  }
  for (const span of [90, 365]) {
    for (const dimension of ['city', 'unit', 'category', 'kecamatan', 'kelurahan', 'week', 'month'] as const) {
      const q = { jurisdictionId: j.id, timeZone: j.time_zone, dimension, from: day(span - 1), to: day(0) }
      cases.push([`stats ${dimension} (${span} d)`, () => getStats(db, q), () => rawStats(db, j.id, j.time_zone, dimension, q.from, q.to)])
    }
  }
  console.log(`\n| ${'query'.padEnd(36)} | p50 ms | p95 ms | raw p50 | raw p95 | raw/rollup p50 |`)
  console.log(`|${'-'.repeat(38)}|--------|--------|---------|---------|----------------|`)
  // --only TEXT: just the cases whose name contains it (a quick re-run of one figure).
  const only = argValue('only')
  for (const [name, run, raw] of cases.filter(([name]) => !only || name.includes(only))) {
    const a = await time(run)
    const b = raw && !process.argv.includes('--no-raw') ? await time(raw) : undefined
    const ms = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(1))
    const cells = [
      a ? ms(a.p50) : '> 30 s',
      a ? ms(a.p95) : '> 30 s',
      b === undefined ? '–' : b ? ms(b.p50) : '> 30 s',
      b === undefined ? '–' : b ? ms(b.p95) : '> 30 s',
      a && b ? `${(b.p50 / a.p50).toFixed(1)}×` : b === null && a ? '> ' + (30_000 / a.p50).toFixed(0) + '×' : '–',
    ]
    console.log(
      `| ${name.padEnd(36)} | ${cells[0]!.padStart(6)} | ${cells[1]!.padStart(6)} | ${cells[2]!.padStart(7)} | ${cells[3]!.padStart(7)} | ${cells[4]!.padStart(14)} |`,
    )
  }
} finally {
  await database.close()
  if (keep || existing) console.log(`\nKept: --database ${scratch.url}`)
  else await scratch.drop()
}
