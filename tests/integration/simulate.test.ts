// The historical-report simulator, checked from what it wrote to the database (SQL),
// not from the generator: every event trail must replay through the domain state
// machine, derived columns must agree with the events, and the same seed must give
// the same history.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isFirstResponse, transition, type ActorKind, type EventType, type ReportAction, type ReportStatus } from '../../app/domain/report-status'
import { computeDueAt, makeCalendar, type ClockKind } from '../../app/domain/sla'
import { NATIONAL_HOLIDAYS } from '#db/seed-data/holidays'
import { HOLIDAYS_2027 } from '#db/seed-data/holidays-2027'
import { simulateReports, type SimulateOptions } from '#db/simulator'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

const NOW = new Date('2026-11-20T05:00:00Z')
// 600 reports over four months in batches of 250: batches are crossed by duplicates,
// and the last couple of weeks are still open at `now`.
const OPTIONS: SimulateOptions = { count: 600, seed: 20261120, now: NOW, days: 120, batchSize: 250 }

interface EventRow {
  report_id: number
  type: EventType
  actor_kind: 'staff' | 'reporter' | 'system'
  role: string | null
  from_status: ReportStatus | null
  to_status: ReportStatus | null
  from_unit_id: number | null
  to_unit_id: number | null
  created_at: Date
}

interface ReportRow {
  id: number
  code: string
  status: ReportStatus
  reject_reason: 'out_of_remit' | 'spam' | 'insufficient_info' | null
  current_unit_id: number
  created_at: Date
  first_response_at: Date | null
  resolved_at: Date | null
  closed_at: Date | null
  reopen_count: number
  version: number
}

/** The domain action an event records (null for events that are not workflow actions). */
function actionOf(e: EventRow, report: ReportRow): ReportAction | null {
  switch (e.type) {
    case 'verified':
      return { type: 'verify' }
    case 'status_changed':
      return e.to_status === 'in_progress' ? { type: 'start' } : { type: 'close' }
    case 'resolved':
      return { type: 'resolve' }
    case 'reopened':
      return { type: 'reopen' }
    case 'rejected':
      return { type: 'reject', reason: report.reject_reason ?? 'spam' }
    case 'transferred':
      return { type: 'transfer' }
    case 'escalated':
      return { type: 'escalate' }
    default:
      return null
  }
}

function actorOf(e: EventRow): ActorKind {
  if (e.actor_kind !== 'staff') return e.actor_kind
  if (e.role === 'officer' || e.role === 'supervisor') return e.role
  throw new Error(`Unexpected staff role ${e.role}`)
}

async function digest(database: TestDatabase): Promise<string> {
  const { rows } = await sql<{ digest: string; n: number }>`
    SELECT md5(string_agg(r.code || ':' || c.code || ':' || r.status || ':' || (extract(epoch FROM r.created_at) * 1000)::bigint
      || ':' || coalesce((extract(epoch FROM r.resolved_at) * 1000)::bigint::text, '-') || ':' || r.description
      || ':' || (SELECT count(*) FROM report_events e WHERE e.report_id = r.id), ',' ORDER BY r.created_at, r.code)) AS digest,
      count(*)::int AS n
    FROM reports r JOIN categories c ON c.id = r.category_id
    WHERE r.source = 'simulated'`.execute(database.db)
  const row = rows[0]
  if (!row || row.n === 0) throw new Error('no simulated reports')
  return row.digest
}

describe('simulateReports', { timeout: 120_000 }, () => {
  let a: TestDatabase
  let result: Awaited<ReturnType<typeof simulateReports>>
  let reports: ReportRow[]
  let eventsByReport: Map<number, EventRow[]>

  beforeAll(async () => {
    a = await createTestDatabase()
    const progress: number[] = []
    result = await simulateReports(a.db, { ...OPTIONS, onProgress: (done) => progress.push(done) })
    expect(progress).toEqual([250, 500, 600])
    reports = (
      await sql<ReportRow>`SELECT id, code, status, reject_reason, current_unit_id, created_at, first_response_at, resolved_at,
          closed_at, reopen_count, version
        FROM reports WHERE source = 'simulated' ORDER BY id`.execute(a.db)
    ).rows
    const events = (
      await sql<EventRow>`SELECT e.report_id, e.type, e.actor_kind, u.role, e.from_status, e.to_status, e.from_unit_id, e.to_unit_id, e.created_at
        FROM report_events e JOIN reports r ON r.id = e.report_id LEFT JOIN users u ON u.id = e.actor_user_id
        WHERE r.source = 'simulated'
        ORDER BY e.report_id, e.created_at, e.id`.execute(a.db)
    ).rows
    eventsByReport = new Map()
    for (const e of events) {
      let list = eventsByReport.get(e.report_id)
      if (!list) eventsByReport.set(e.report_id, (list = []))
      list.push(e)
    }
  }, 120_000)

  afterAll(async () => {
    await a?.close()
  })

  it('reports what it wrote', async () => {
    expect(result.reports).toBe(600)
    const { rows } = await sql<{ events: number; ratings: number }>`SELECT
        (SELECT count(*)::int FROM report_events) AS events, (SELECT count(*)::int FROM ratings) AS ratings`.execute(a.db)
    expect(rows[0]).toEqual({ events: result.events, ratings: result.ratings })
    expect(reports).toHaveLength(600)
  })

  it('replays every event trail through the domain state machine', () => {
    const failures: string[] = []
    for (const report of reports) {
      const events = eventsByReport.get(report.id) ?? []
      const [created, ...rest] = events
      if (!created || created.type !== 'created' || created.from_status !== null || created.to_status !== 'submitted') {
        failures.push(`${report.code}: first event is not created → submitted`)
        continue
      }
      let status: ReportStatus = 'submitted'
      let transitions = 0
      // The created event names the unit the report was first routed to.
      let unit: number | null = created.to_unit_id
      if (unit === null) failures.push(`${report.code}: created event names no unit`)
      try {
        for (const e of rest) {
          // Duplicates are not a state-machine action (until the officer workflow marks
          // them): only simulated history has them, from a not-yet-started report.
          if (e.type === 'duplicate_marked') {
            if (!['submitted', 'verified'].includes(status) || e.from_status !== status || e.to_status !== 'duplicate') {
              failures.push(`${report.code}: duplicate marked ${e.from_status}→${e.to_status} while ${status}`)
            }
            status = 'duplicate'
            transitions++
            continue
          }
          const action = actionOf(e, report)
          if (action === null) {
            if (e.from_status !== null || e.to_status !== null) failures.push(`${report.code}: ${e.type} carries a status`)
            continue
          }
          const t = transition(status, action, actorOf(e))
          if (t.from !== e.from_status || t.to !== e.to_status || t.eventType !== e.type) {
            failures.push(`${report.code}: ${e.type} ${e.from_status}→${e.to_status} but domain says ${t.eventType} ${t.from}→${t.to}`)
          }
          if (e.type === 'transferred') {
            if (e.from_unit_id === null || e.to_unit_id === null || e.from_unit_id === e.to_unit_id) {
              failures.push(`${report.code}: transfer without two different units`)
            }
            if (e.from_unit_id !== unit) failures.push(`${report.code}: transfer from a unit the report was not with`)
            unit = e.to_unit_id
          }
          status = t.to
          transitions++
        }
      } catch (error) {
        failures.push(`${report.code}: ${String(error)}`)
        continue
      }
      if (status !== report.status) failures.push(`${report.code}: replay ends in ${status}, report says ${report.status}`)
      if (report.version !== transitions + 1) failures.push(`${report.code}: version ${report.version}, ${transitions} transitions`)
      if (unit !== report.current_unit_id) failures.push(`${report.code}: current unit is not the routed unit or the last transfer target`)
    }
    expect(failures.slice(0, 10)).toEqual([])
  })

  it('derives timestamps from the events', () => {
    const failures: string[] = []
    const ms = (d: Date | null) => (d === null ? null : d.getTime())
    for (const report of reports) {
      const events = eventsByReport.get(report.id) ?? []
      // The domain's definition (ADR 007), which the app's model also uses.
      const firstStaff = events.find((e) => isFirstResponse({ type: e.type, actor: e.actor_kind }))
      const resolves = events.filter((e) => e.type === 'resolved')
      const close = events.find((e) => e.to_status === 'closed')
      if (ms(report.first_response_at) !== ms(firstStaff?.created_at ?? null)) failures.push(`${report.code}: first_response_at`)
      if (ms(report.resolved_at) !== ms(resolves.at(-1)?.created_at ?? null)) failures.push(`${report.code}: resolved_at`)
      if (ms(report.closed_at) !== ms(close?.created_at ?? null)) failures.push(`${report.code}: closed_at`)
      if (report.reopen_count !== events.filter((e) => e.type === 'reopened').length) failures.push(`${report.code}: reopen_count`)
      if (events.some((e) => e.created_at.getTime() > NOW.getTime())) failures.push(`${report.code}: event after now`)
    }
    expect(failures.slice(0, 10)).toEqual([])
  })

  it('produces a realistic mix of outcomes', async () => {
    const byStatus = new Map<string, number>()
    for (const r of reports) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1)
    const open = (byStatus.get('submitted') ?? 0) + (byStatus.get('verified') ?? 0) + (byStatus.get('in_progress') ?? 0)
    expect(open).toBeGreaterThan(0)
    for (const status of ['resolved', 'closed', 'rejected', 'duplicate']) expect(byStatus.get(status) ?? 0, status).toBeGreaterThan(0)
    expect(byStatus.get('closed') ?? 0).toBeGreaterThan(300)
    expect(reports.filter((r) => r.reopen_count > 0).length).toBeGreaterThan(0)

    const { rows } = await sql<{ type: string; n: number }>`SELECT type, count(*)::int AS n FROM report_events GROUP BY type`.execute(a.db)
    const byType = new Map(rows.map((r) => [r.type, r.n]))
    for (const type of ['transferred', 'public_update', 'internal_note', 'rated']) expect(byType.get(type) ?? 0, type).toBeGreaterThan(0)

    // Recent reports are more often still open than old ones.
    const openShare = (from: number, to: number) => {
      const slice = reports.filter((r) => r.created_at.getTime() >= from && r.created_at.getTime() < to)
      return slice.filter((r) => ['submitted', 'verified', 'in_progress'].includes(r.status)).length / Math.max(1, slice.length)
    }
    const day = 86_400_000
    expect(openShare(NOW.getTime() - 14 * day, NOW.getTime())).toBeGreaterThan(openShare(0, NOW.getTime() - 60 * day))
  })

  it('keeps rows consistent with the schema and the rules', async () => {
    const one = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(a.db)).rows[0]?.n
    // Ratings only on resolved/closed reports; IKM answers only on rated ones, for the report's unit.
    expect(await one(sql`SELECT count(*)::int AS n FROM ratings g JOIN reports r ON r.id = g.report_id WHERE r.status NOT IN ('resolved', 'closed')`)).toBe(0)
    expect(
      await one(sql`SELECT count(*)::int AS n FROM ikm_responses i LEFT JOIN ratings g ON g.report_id = i.report_id
      JOIN reports r ON r.id = i.report_id WHERE g.id IS NULL OR i.unit_id <> r.current_unit_id`),
    ).toBe(0)
    expect(await one(sql`SELECT count(*)::int AS n FROM ikm_responses`)).toBeGreaterThan(0)
    // Due times after filing, first response not before it.
    expect(
      await one(sql`SELECT count(*)::int AS n FROM reports WHERE resolution_due_at <= created_at OR response_due_at <= created_at
      OR first_response_at < created_at OR resolved_at < first_response_at`),
    ).toBe(0)
    // Duplicates point to an earlier report of the same category and kelurahan.
    expect(
      await one(sql`SELECT count(*)::int AS n FROM reports d JOIN reports o ON o.id = d.duplicate_of_id
      WHERE d.status = 'duplicate' AND (o.category_id <> d.category_id OR o.area_id IS DISTINCT FROM d.area_id
        OR o.created_at >= d.created_at OR o.status = 'duplicate')`),
    ).toBe(0)
    // Simulated reports carry no contact details; simulated staff cannot log in.
    expect(await one(sql`SELECT count(*)::int AS n FROM report_contacts`)).toBe(0)
    expect(await one(sql`SELECT count(*)::int AS n FROM users WHERE email LIKE 'sim.%' AND active`)).toBe(0)
    expect(await one(sql`SELECT count(*)::int AS n FROM report_events e JOIN users u ON u.id = e.actor_user_id WHERE u.email NOT LIKE 'sim.%'`)).toBe(0)
    // Misconduct reports are always confidential.
    expect(
      await one(sql`SELECT count(*)::int AS n FROM reports r JOIN categories c ON c.id = r.category_id
      WHERE c.privacy_rule = 'always_confidential' AND r.privacy <> 'confidential'`),
    ).toBe(0)
  })

  it('computes due times with the SLA clocks: 16:00 WIB for working days, exact hours for emergencies', async () => {
    const { rows } = await sql<{ clock: string; kind: string; bad: number; n: number }>`
      SELECT c.response_clock AS clock, 'response' AS kind, count(*)::int AS n,
        count(*) FILTER (WHERE CASE WHEN c.response_clock = 'working_days'
          THEN to_char(r.response_due_at AT TIME ZONE 'UTC', 'HH24:MI:SS') <> '09:00:00'
            OR extract(isodow FROM r.response_due_at AT TIME ZONE 'Asia/Jakarta') > 5
          ELSE r.response_due_at <> r.created_at + c.response_target * interval '1 hour' END)::int AS bad
      FROM reports r JOIN categories c ON c.id = r.category_id GROUP BY 1
      UNION ALL
      SELECT c.resolution_clock, 'resolution', count(*)::int,
        count(*) FILTER (WHERE CASE WHEN c.resolution_clock = 'working_days'
          THEN to_char(r.resolution_due_at AT TIME ZONE 'UTC', 'HH24:MI:SS') <> '09:00:00'
            OR extract(isodow FROM r.resolution_due_at AT TIME ZONE 'Asia/Jakarta') > 5
            OR (r.resolution_due_at AT TIME ZONE 'Asia/Jakarta')::date IN (SELECT date FROM holidays)
          ELSE r.resolution_due_at <> r.created_at + c.resolution_target * interval '1 hour' END)::int
      FROM reports r JOIN categories c ON c.id = r.category_id GROUP BY 1`.execute(a.db)
    expect(rows.filter((r) => r.bad > 0)).toEqual([])
    expect(rows.find((r) => r.clock === 'working_days')?.n ?? 0).toBeGreaterThan(0)
    expect(rows.find((r) => r.clock === 'calendar_hours')?.n ?? 0).toBeGreaterThan(0)
  })

  it('working-day due times skip the published holidays (recomputed from the seed list, not read back from the table)', async () => {
    // The check above compares due times with the same holidays table the simulator
    // read, so an empty table would pass it. Here each due time is recomputed from the
    // SKB holiday list, and holidays must have moved some of them.
    const { rows } = await sql<{ created_at: Date; time_zone: string; due: Date; target: string | number; clock: ClockKind }>`
      SELECT r.created_at, j.time_zone, r.resolution_due_at AS due, c.resolution_target AS target, c.resolution_clock AS clock
      FROM reports r JOIN categories c ON c.id = r.category_id JOIN jurisdictions j ON j.id = r.jurisdiction_id
      UNION ALL
      SELECT r.created_at, j.time_zone, r.response_due_at, c.response_target, c.response_clock
      FROM reports r JOIN categories c ON c.id = r.category_id JOIN jurisdictions j ON j.id = r.jurisdiction_id`.execute(a.db)
    // The seed also adds 2027's provisional holidays (ADR 012): reports filed late in 2026 fall due in 2027.
    const dates = [...NATIONAL_HOLIDAYS, ...HOLIDAYS_2027].map((h) => h.date)
    const due = (r: (typeof rows)[number], holidays: string[]) =>
      computeDueAt(r.created_at, Number(r.target), r.clock, makeCalendar(r.time_zone, holidays)).toISOString()
    const wrong = rows.filter((r) => due(r, dates) !== r.due.toISOString())
    expect(wrong.slice(0, 3)).toEqual([])
    const moved = rows.filter((r) => r.clock === 'working_days' && due(r, []) !== r.due.toISOString())
    expect(moved.length).toBeGreaterThan(10)
  })

  it('rates late and reopened reports lower than on-time ones', async () => {
    const { rows } = await sql<{ late: boolean; n: number; avg: number }>`
      SELECT r.resolved_at > r.resolution_due_at AS late, count(*)::int AS n, avg(g.score)::float AS avg
      FROM ratings g JOIN reports r ON r.id = g.report_id GROUP BY 1`.execute(a.db)
    const late = rows.find((r) => r.late)
    const onTime = rows.find((r) => !r.late)
    expect(late && onTime).toBeTruthy()
    expect(late!.avg).toBeLessThan(onTime!.avg - 0.5)
    const rated = result.ratings
    const finished = reports.filter((r) => r.status === 'resolved' || r.status === 'closed').length
    expect(rated / finished).toBeGreaterThan(0.3)
    expect(rated / finished).toBeLessThan(0.6)
  })

  it('is deterministic for a seed and never reuses a tracking code', async () => {
    const b = await createTestDatabase()
    try {
      await simulateReports(b.db, OPTIONS)
      expect(await digest(b)).toBe(await digest(a))
    } finally {
      await b.close()
    }
    // A second run into the same database: new codes, same simulated staff.
    const staffBefore = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM users`.execute(a.db)).rows[0]?.n
    await simulateReports(a.db, { ...OPTIONS, count: 100, seed: OPTIONS.seed })
    const { rows } = await sql<{ n: number; codes: number; staff: number }>`SELECT count(*)::int AS n,
        count(DISTINCT code)::int AS codes, (SELECT count(*)::int FROM users) AS staff FROM reports`.execute(a.db)
    expect(rows[0]).toEqual({ n: 700, codes: 700, staff: staffBefore })
  })
})
