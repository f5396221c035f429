// The rollups (migration 0014) against an independent computation over the same rows:
// the simulator's reports read back with plain SQL, each classified by the domain rules
// (timeliness, percentileOf). Counts must be equal; histogram medians and p90 within the
// documented bound (0.1 h or 0.5 %); the exact path equal.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { simulateReports } from '#db/simulator'
import { responsibleUnit, share, timeliness } from '~/domain/metric-figures'
import { durationBucket, percentileOf, withinRollupBound } from '~/domain/percentile'
import { DISMISSED_STATUSES, OPEN_STATUSES, isOneOf } from '~/domain/vocabulary'
import { metricsRollupJob, runMetricsRollup } from '~/jobs/metrics-rollup'
import { JOBS } from '~/jobs/registry'
import { refreshRollups, responseUnitSql } from '~/models/metric-rollup.server'
import { getStats, type StatDimension, type StatRow } from '~/models/metric-stats.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

const NOW = new Date('2026-11-20T05:00:00Z')
const TZ = 'Asia/Jakarta'
const FROM = '2026-09-01'
const TO = '2026-11-20'
let t: TestDatabase
let jurisdictionId: number

interface Row {
  key: string
  /** The key the report's response figures count under: by unit, the unit answerable for the response (responsibleUnit). */
  response_key: string
  id: number
  current_unit_id: number
  created_at: Date
  first_response_at: Date | null
  resolved_at: Date | null
  response_due_at: Date
  resolution_due_at: Date
  status: string
  reopen_count: number
  supporter_count: number
  score: number | null
}

const KEY: Record<StatDimension, string> = {
  unit: 'u.short_name',
  category: 'c.code',
  kelurahan: 'a.code',
  kecamatan: "CASE WHEN a.level = 'kecamatan' THEN a.code ELSE p.code END",
  week: "date_trunc('week', (r.created_at AT TIME ZONE 'Asia/Jakarta')::date)::date::text",
  city: "'all'",
  month: "date_trunc('month', r.created_at AT TIME ZONE 'Asia/Jakarta')::date::text",
}

async function oracleRows(dimension: StatDimension, now: Date): Promise<Map<string, Row[]>> {
  const { rows } = await sql<Row>`
    SELECT ${sql.raw(KEY[dimension])} AS key, r.id, r.current_unit_id, r.created_at, r.first_response_at, r.resolved_at, r.response_due_at,
      r.resolution_due_at, r.status, r.reopen_count, r.supporter_count,
      (SELECT x.score FROM ratings x WHERE x.report_id = r.id ORDER BY x.resolution_number DESC LIMIT 1) AS score
    FROM reports r JOIN units u ON u.id = r.current_unit_id JOIN categories c ON c.id = r.category_id
      LEFT JOIN areas a ON a.id = r.area_id LEFT JOIN areas p ON p.id = a.parent_id
    WHERE r.jurisdiction_id = ${jurisdictionId}
      AND (r.created_at AT TIME ZONE ${TZ})::date BETWEEN ${FROM}::date AND ${TO}::date`.execute(t.db)
  void now
  const transfers = await t.db
    .selectFrom('report_events')
    .select(['report_id', 'created_at', 'from_unit_id', 'to_unit_id'])
    .where('type', '=', 'transferred')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const units = new Map((await t.db.selectFrom('units').select(['id', 'short_name']).execute()).map((u) => [u.id, u.short_name]))
  const groups = new Map<string, Row[]>()
  for (const r of rows) {
    if (r.key === null) continue // no area: in no area row
    const own = transfers.filter((e) => e.report_id === r.id)
    const unit = responsibleUnit({
      initialUnitId: own[0]?.from_unit_id ?? r.current_unit_id,
      transfers: own.map((e) => ({ at: e.created_at, toUnitId: e.to_unit_id! })),
      responseDueAt: r.response_due_at,
      firstResponseAt: r.first_response_at,
    })
    const row = { ...r, response_key: dimension === 'unit' ? units.get(unit)! : r.key }
    for (const key of new Set([row.key, row.response_key])) groups.set(key, [...(groups.get(key) ?? []), row])
  }
  return groups
}

/** The figures of one key: response figures from the rows answerable there, the rest from the rows held there. */
function expected(key: string, all: Row[], now: Date) {
  const rows = all.filter((r) => r.key === key)
  const answered = all.filter((r) => r.response_key === key)
  const hours = (a: Date, b: Date | null) => (b ? (b.getTime() - a.getTime()) / 3600_000 : null)
  const tally = (kind: 'response' | 'resolution') => {
    const list = (kind === 'response' ? answered : rows).map((r) =>
      timeliness({
        doneAt: kind === 'response' ? r.first_response_at : r.resolved_at,
        dueAt: kind === 'response' ? r.response_due_at : r.resolution_due_at,
        dismissed: isOneOf(DISMISSED_STATUSES, r.status),
        now,
      }),
    )
    return share(list.filter((x) => x === 'on_time').length, list.filter((x) => x === 'on_time' || x === 'late').length)
  }
  const ttfr = answered.map((r) => hours(r.created_at, r.first_response_at)).filter((h): h is number => h !== null)
  const ttr = rows.map((r) => hours(r.created_at, r.resolved_at)).filter((h): h is number => h !== null)
  const scores = rows.map((r) => r.score).filter((s): s is number => s !== null)
  return {
    reports: rows.length,
    supporters: rows.reduce((s, r) => s + r.supporter_count, 0),
    resolved: rows.filter((r) => r.resolved_at).length,
    open: rows.filter((r) => isOneOf(OPEN_STATUSES, r.status)).length,
    onTimeResponseShare: tally('response'),
    onTimeResolutionShare: tally('resolution'),
    reopenRate: share(rows.filter((r) => r.reopen_count > 0).length, rows.filter((r) => r.resolved_at || r.reopen_count > 0).length),
    ratings: scores.length,
    meanRating: share(
      scores.reduce((a, b) => a + b, 0),
      scores.length,
    ),
    ttfr,
    ttr,
  }
}

function compare(dimension: StatDimension, stats: StatRow[], oracle: Map<string, Row[]>, now: Date, mode: 'histogram' | 'exact') {
  expect(stats.map((s) => s.key).sort()).toEqual([...oracle.keys()].sort())
  for (const s of stats) {
    const e = expected(s.key, oracle.get(s.key)!, now)
    const where = `${dimension} ${s.key}`
    expect({ ...s, where }).toMatchObject({
      where,
      reports: e.reports,
      supporters: e.supporters,
      resolved: e.resolved,
      open: e.open,
      ratings: e.ratings,
    })
    for (const f of ['onTimeResponseShare', 'onTimeResolutionShare', 'reopenRate', 'meanRating'] as const) {
      if (e[f] === null) expect(s[f], `${where} ${f}`).toBeNull()
      else expect(s[f], `${where} ${f}`).toBeCloseTo(e[f], 12)
    }
    const pairs = [
      [s.medianHoursToFirstResponse, percentileOf(e.ttfr, 0.5)],
      [s.p90HoursToFirstResponse, percentileOf(e.ttfr, 0.9)],
      [s.medianHoursToResolution, percentileOf(e.ttr, 0.5)],
      [s.p90HoursToResolution, percentileOf(e.ttr, 0.9)],
    ] as const
    for (const [got, want] of pairs) {
      if (want === null) {
        expect(got, where).toBeNull()
        continue
      }
      expect(got, where).not.toBeNull()
      if (mode === 'exact') expect(Math.abs(got! - want), where).toBeLessThan(1e-6)
      else expect(withinRollupBound(got!, want), `${where}: ${got} vs exact ${want}`).toBe(true)
    }
  }
}

beforeAll(async () => {
  t = await createTestDatabase()
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  jurisdictionId = j.id
  await simulateReports(t.db, { count: 2500, seed: 14, now: NOW, days: 120, batchSize: 1000 })
  await t.db.transaction().execute((trx) => refreshRollups(trx, jurisdictionId, NOW))
}, 240_000)
afterAll(() => t?.close())

describe('metric_duration_bucket (SQL) = durationBucket (domain)', () => {
  it('agrees on boundaries and a spread of values', async () => {
    const values = [0, 0.05, 0.1, 0.2, 0.3, 0.7, 1, 9.95, 19.9, 19.99, 20, 20.1, 20.2, 21, 47.5, 100, 336, 1000, 8760, 1e6, -1]
    for (let h = 0.013; h < 3000; h *= 1.37) values.push(h)
    const { rows } = await sql<{ h: number; b: number }>`
      SELECT v AS h, metric_duration_bucket(v) AS b FROM unnest(${values}::float8[]) AS v`.execute(t.db)
    for (const r of rows) expect([r.h, Number(r.b)]).toEqual([r.h, durationBucket(Number(r.h))])
  })
})

describe('rollups vs the same rows computed independently', () => {
  for (const dimension of ['category', 'unit', 'kelurahan', 'kecamatan', 'week', 'city', 'month'] as const) {
    it(`${dimension}: histogram path within the bound, exact path equal`, async () => {
      const oracle = await oracleRows(dimension, NOW)
      const q = { jurisdictionId, timeZone: TZ, dimension, from: FROM, to: TO }
      compare(dimension, await getStats(t.db, { ...q, percentiles: 'histogram' }), oracle, NOW, 'histogram')
      compare(dimension, await getStats(t.db, { ...q, percentiles: 'exact' }), oracle, NOW, 'exact')
    })
  }
})

describe('incremental refresh', () => {
  it('picks up a resolution and deadlines that passed', async () => {
    const open = await t.db
      .selectFrom('reports')
      .select(['id', 'created_at', 'resolution_due_at'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('status', 'in', ['verified', 'in_progress'])
      .where('resolution_due_at', '>', NOW)
      .orderBy('resolution_due_at')
      .limit(2)
      .execute()
    expect(open).toHaveLength(2)
    const [toResolve, toLapse] = open as [(typeof open)[number], (typeof open)[number]]
    const at = new Date(NOW.getTime() + 60_000)
    const staff = await t.db.selectFrom('users').select('id').where('jurisdiction_id', '=', jurisdictionId).limit(1).executeTakeFirstOrThrow()
    await t.db
      .updateTable('reports')
      .set({ status: 'resolved', resolved_at: at, first_response_at: sql`coalesce(first_response_at, ${at})` })
      .where('id', '=', toResolve.id)
      .execute()
    await t.db
      .insertInto('report_events')
      .values({
        report_id: toResolve.id,
        created_at: at,
        actor_kind: 'staff',
        actor_user_id: staff.id,
        type: 'resolved',
        from_status: 'in_progress',
        to_status: 'resolved',
        body: 'Selesai.',
        visibility: 'public',
      })
      .execute()
    // A run after toLapse's due time: it becomes late without any write.
    const later = new Date(Math.max(toLapse.resolution_due_at.getTime(), at.getTime()) + 1000)
    const result = await t.db.transaction().execute((trx) => refreshRollups(trx, jurisdictionId, later))
    expect(result.days).not.toBe('all')
    expect(result.days).toBeGreaterThanOrEqual(1)
    const oracle = await oracleRows('category', later)
    compare(
      'category',
      await getStats(t.db, { jurisdictionId, timeZone: TZ, dimension: 'category', from: FROM, to: TO, percentiles: 'exact' }),
      oracle,
      later,
      'exact',
    )
    // Eleven minutes on, more open reports have passed their deadlines: the next run sees them.
    const after = new Date(later.getTime() + 11 * 60_000)
    await t.db.transaction().execute((trx) => refreshRollups(trx, jurisdictionId, after))
    compare(
      'category',
      await getStats(t.db, { jurisdictionId, timeZone: TZ, dimension: 'category', from: FROM, to: TO, percentiles: 'exact' }),
      await oracleRows('category', after),
      after,
      'exact',
    )
  })
})

/** Rows where a month's row differs from the sum of its days (either table, either way). */
async function monthMismatches() {
  const out: number[] = []
  for (const [daily, monthly, keys] of [
    ['metric_rollups', 'metric_rollups_month', 'unit_id, category_id'],
    ['metric_rollups_area', 'metric_rollups_area_month', 'unit_id, category_id, coalesce(area_id, 0)'],
  ] as const) {
    const sums = `SELECT date_trunc('month', day)::date AS day, ${keys}, sum(reports)::int, sum(resolved)::int, sum(public_updated)::int,
      sum(response_on_time)::int, sum(resolution_late)::int FROM ${daily} WHERE jurisdiction_id = ${jurisdictionId} GROUP BY 1, ${keys}`
    const rows = `SELECT day, ${keys}, reports, resolved, public_updated, response_on_time, resolution_late FROM ${monthly} WHERE jurisdiction_id = ${jurisdictionId}`
    const { rows: r } = await sql<{ n: number }>`SELECT
      (SELECT count(*) FROM (${sql.raw(sums)} EXCEPT ${sql.raw(rows)}) a)::int + (SELECT count(*) FROM (${sql.raw(rows)} EXCEPT ${sql.raw(sums)}) b)::int AS n`.execute(
      t.db,
    )
    out.push(Number(r[0]!.n))
  }
  return out
}

describe('monthly rollups (0021)', () => {
  it('stay the sums of their days after an incremental run changes a report in a whole month', async () => {
    expect(await monthMismatches()).toEqual([0, 0])
    const september = await t.db
      .selectFrom('reports')
      .select('id')
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('created_at', '>=', new Date('2026-09-05T00:00:00Z'))
      .where('created_at', '<', new Date('2026-09-25T00:00:00Z'))
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('report_events as e').select('e.id').whereRef('e.report_id', '=', 'reports.id').where('e.type', '=', 'public_update'))),
      )
      .limit(1)
      .executeTakeFirstOrThrow()
    const before = await sql<{ n: number }>`SELECT sum(public_updated)::int AS n FROM metric_rollups_month WHERE day = '2026-09-01'`.execute(t.db)
    const staff = await t.db.selectFrom('users').select('id').where('jurisdiction_id', '=', jurisdictionId).limit(1).executeTakeFirstOrThrow()
    // After every earlier run (the incremental test's runs may be days past NOW).
    const state = await t.db.selectFrom('metric_rollup_state').select('refreshed_at').where('jurisdiction_id', '=', jurisdictionId).executeTakeFirstOrThrow()
    const at = new Date(new Date(state.refreshed_at).getTime() + 60_000)
    await t.db
      .insertInto('report_events')
      .values({
        report_id: september.id,
        created_at: at,
        actor_kind: 'staff',
        actor_user_id: staff.id,
        type: 'public_update',
        body: 'Sedang dikerjakan.',
        visibility: 'public',
      })
      .execute()
    await t.db.transaction().execute((trx) => refreshRollups(trx, jurisdictionId, new Date(at.getTime() + 1000)))
    const after = await sql<{ n: number }>`SELECT sum(public_updated)::int AS n FROM metric_rollups_month WHERE day = '2026-09-01'`.execute(t.db)
    expect(Number(after.rows[0]!.n)).toBe(Number(before.rows[0]!.n) + 1)
    expect(await monthMismatches()).toEqual([0, 0])
  })
})

describe('metrics.rollup job', () => {
  it('is registered every minute and refreshes every jurisdiction', async () => {
    expect(JOBS).toContain(metricsRollupJob)
    expect(metricsRollupJob.cron).toBe('* * * * *')
    const logged: string[] = []
    const at = new Date(NOW.getTime() + 3600_000)
    const results = await runMetricsRollup({ db: t.db, now: () => at, log: (m) => logged.push(m) })
    const jurisdictions = await t.db.selectFrom('jurisdictions').select('id').execute()
    expect(results.map((r) => r.jurisdictionId).sort()).toEqual(jurisdictions.map((j) => j.id).sort())
    const state = await t.db.selectFrom('metric_rollup_state').select(['jurisdiction_id', 'refreshed_at']).execute()
    expect(state.every((s) => s.refreshed_at.getTime() === at.getTime())).toBe(true)
    expect(state).toHaveLength(jurisdictions.length)
  })
})

describe('response attribution of transferred reports (issue 10)', () => {
  const H = 3600_000
  let seq = 0
  let units: { id: number; short_name: string }[]
  let staffId: number

  /** A report filed to `from` at 10:00 WIB on `day`, response due 2 h later, transfers at the given hours after filing. */
  async function filed(day: string, from: number, o: { transfers: { h: number; to: number }[]; responseH: number | null; resolvedH?: number }) {
    const created = new Date(`${day}T03:00:00Z`)
    const category = await t.db
      .selectFrom('categories')
      .select('id')
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('is_misconduct', '=', false)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const at = (h: number | null | undefined) => (h === null || h === undefined ? null : new Date(created.getTime() + h * H))
    let holder = from
    for (const tr of o.transfers) holder = tr.to
    const r = await t.db
      .insertInto('reports')
      .values({
        code: `MLG-AT${[...String(seq++).padStart(4, '0')].map((d) => 'ABCDEFGHJK'[Number(d)]).join('')}`,
        jurisdiction_id: jurisdictionId,
        category_id: category.id,
        description: 'Data uji atribusi tanggapan yang cukup panjang.',
        privacy: 'public',
        status: o.resolvedH === undefined ? 'in_progress' : 'resolved',
        current_unit_id: holder,
        created_at: created,
        first_response_at: at(o.responseH),
        resolved_at: at(o.resolvedH),
        response_due_at: at(2)!,
        resolution_due_at: at(48)!,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    let prev = from
    for (const tr of o.transfers) {
      await t.db
        .insertInto('report_events')
        .values({
          report_id: r.id,
          created_at: at(tr.h)!,
          actor_kind: 'staff',
          actor_user_id: staffId,
          type: 'transferred',
          from_unit_id: prev,
          to_unit_id: tr.to,
          body: 'Dialihkan.',
          visibility: 'public',
        })
        .execute()
      prev = tr.to
    }
    return { id: r.id, created, from, ...o }
  }

  beforeAll(async () => {
    units = await t.db.selectFrom('units').select(['id', 'short_name']).where('jurisdiction_id', '=', jurisdictionId).orderBy('id').limit(3).execute()
    staffId = (await t.db.selectFrom('users').select('id').where('jurisdiction_id', '=', jurisdictionId).limit(1).executeTakeFirstOrThrow()).id
  })

  it('responseUnitSql (SQL) = responsibleUnit (domain) on hand-built cases', async () => {
    const [a, b, c] = units.map((u) => u.id) as [number, number, number]
    const cases = [
      { transfers: [], responseH: 1 },
      { transfers: [], responseH: null },
      { transfers: [{ h: 1, to: b }], responseH: 1.5 }, // moved before an on-time response
      { transfers: [{ h: 1.5, to: b }], responseH: 1 }, // answered on time, then moved
      { transfers: [{ h: 3, to: b }], responseH: 5 }, // moved after the due time, answered late
      { transfers: [{ h: 3, to: b }], responseH: null },
      { transfers: [{ h: 2, to: b }], responseH: null }, // a transfer at the due time itself counts as done
      { transfers: [{ h: 1, to: b }], responseH: 1 }, // at the response itself
      {
        transfers: [
          { h: 0.5, to: b },
          { h: 1, to: c },
          { h: 4, to: a },
        ],
        responseH: 6,
      },
      {
        transfers: [
          { h: 0.5, to: b },
          { h: 3, to: c },
        ],
        responseH: 1.9,
      },
    ]
    const made = []
    for (const k of cases) made.push(await filed('2026-06-11', a, k))
    const { rows } = await sql<{ id: number; unit: number }>`
      SELECT r.id, ${responseUnitSql('r')} AS unit FROM reports r WHERE r.id = ANY(${made.map((m) => m.id)}::int[])`.execute(t.db)
    const got = new Map(rows.map((r) => [r.id, Number(r.unit)]))
    for (const m of made) {
      const want = responsibleUnit({
        initialUnitId: m.from,
        transfers: m.transfers.map((tr) => ({ at: new Date(m.created.getTime() + tr.h * H), toUnitId: tr.to })),
        responseDueAt: new Date(m.created.getTime() + 2 * H),
        firstResponseAt: m.responseH === null ? null : new Date(m.created.getTime() + m.responseH * H),
      })
      expect([JSON.stringify(m.transfers), m.responseH, got.get(m.id)]).toEqual([JSON.stringify(m.transfers), m.responseH, want])
    }
    // The hand-built cases cover every answer: each of the three units is responsible somewhere.
    expect(new Set(got.values()).size).toBe(3)
  })

  it('a late response counts against the unit that held the report when it was due; resolution against the holder', async () => {
    const [a, b] = units as [(typeof units)[number], (typeof units)[number]]
    // Filed to A, moved to B after its response was due without one, answered (late) and resolved by B.
    await filed('2026-06-10', a.id, { transfers: [{ h: 3, to: b.id }], responseH: 4, resolvedH: 10 })
    // Filed to A, moved to B before it was due, answered on time and resolved by B.
    await filed('2026-06-10', a.id, { transfers: [{ h: 1, to: b.id }], responseH: 1.5, resolvedH: 20 })
    const now = new Date(Math.max(Date.now(), NOW.getTime()) + H)
    await t.db.transaction().execute((trx) => refreshRollups(trx, jurisdictionId, now))
    for (const percentiles of ['histogram', 'exact'] as const) {
      const q = { jurisdictionId, timeZone: TZ, dimension: 'unit' as const, from: '2026-06-10', to: '2026-06-10', percentiles }
      const stats = await getStats(t.db, q)
      const rowA = stats.find((s) => s.key === a.short_name)
      const rowB = stats.find((s) => s.key === b.short_name)
      expect(rowA, percentiles).toMatchObject({ reports: 0, onTimeResponseShare: 0, onTimeResolutionShare: null })
      expect(rowA!.medianHoursToFirstResponse).toBeCloseTo(4, 0)
      expect(rowB, percentiles).toMatchObject({ reports: 2, resolved: 2, onTimeResponseShare: 1, onTimeResolutionShare: 1 })
      expect(rowB!.medianHoursToFirstResponse).toBeCloseTo(1.5, 0)
      // Filtered to unit A only: its one (late) response, and no report it holds.
      const onlyA = await getStats(t.db, { ...q, dimension: 'city', where: { unitIds: [a.id] } })
      expect(onlyA[0], percentiles).toMatchObject({ reports: 0, onTimeResponseShare: 0 })
      expect(onlyA[0]!.medianHoursToFirstResponse).toBeCloseTo(4, 0)
    }
    // Monthly rows still the sums of their days.
    expect(await monthMismatches()).toEqual([0, 0])
  })
})
