// SLA escalation, auto-close and the reporter's confirmation window (issue 6 §3, §4).
// Time moves by passing `now` to the job runners; nothing sleeps.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAutoClose } from '~/jobs/auto-close'
import { runSlaEscalation } from '~/jobs/sla-escalate'
import type { JobContext } from '~/jobs/types'
import { getSummary } from '~/models/dashboard.server'
import { calendarCache, escalateReport } from '~/models/escalation.server'
import { applyReportAction, fileReport, rateReport, type NewReportInput } from '~/models/report.server'
import { seedProvisionalYear, seedReferenceData } from '#db/seed'
import { HOLIDAYS_2027 } from '#db/seed-data/holidays-2027'
import { getHolidayCoverage } from '~/models/holiday-coverage.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let t: TestDatabase
let jurisdiction: { id: number; time_zone: string; code_prefix: string }
const ids = { category: new Map<string, number>(), area: new Map<string, number>(), unit: new Map<string, number>() }
const users: Record<string, number> = {}

beforeAll(async () => {
  t = await createTestDatabase()
  jurisdiction = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  for (const c of await t.db.selectFrom('categories').select(['id', 'code']).where('jurisdiction_id', '=', jurisdiction.id).execute())
    ids.category.set(c.code, c.id)
  for (const a of await t.db.selectFrom('areas').select(['id', 'code']).where('jurisdiction_id', '=', jurisdiction.id).execute()) ids.area.set(a.code, a.id)
  for (const u of await t.db.selectFrom('units').select(['id', 'key']).where('jurisdiction_id', '=', jurisdiction.id).execute()) ids.unit.set(u.key, u.id)
  const pju = ids.unit.get('dpuprpkp-pju')!
  for (const [key, role, unit] of [
    ['officer', 'officer', pju],
    ['sup1', 'supervisor', pju],
    ['sup2', 'supervisor', pju],
    ['other-sup', 'supervisor', ids.unit.get('dlh')!],
    ['exec', 'executive', null],
  ] as const) {
    const row = await t.db
      .insertInto('users')
      .values({
        jurisdiction_id: jurisdiction.id,
        email: `${key}@clocks.test`,
        name: key,
        password_hash: '$argon2id$v=19$m=19456,t=2,p=1$x$y',
        role,
        unit_id: unit,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    users[key] = row.id
  }
})
afterAll(() => t?.close())

let n = 0
function input(now: Date): NewReportInput {
  return {
    jurisdiction,
    categoryId: ids.category.get('pju')!, // response 3, resolution 5 working days
    areaId: ids.area.get('35.73.01.1001')!,
    description: 'Lampu PJU di depan masjid mati sejak tiga hari.',
    address: null,
    lat: null,
    lng: null,
    privacy: 'public',
    contact: { name: 'Siti', email: 'siti@example.com', phone: null },
    idempotencyKey: `clocks-key-${++n}-${Date.now()}`,
    browserId: `clocks-browser-${n}-${Date.now()}`,
    now,
  }
}

// Tuesday 2026-11-24 10:00 WIB. Response due Fri 27 Nov 16:00 WIB (3 working days), level 2
// at 6 working days = Wed 2 Dec; resolution due Tue 1 Dec (5), level 2 Tue 8 Dec (10).
const FILED = new Date('2026-11-24T03:00:00Z')

async function file(now = FILED) {
  const filed = await t.db.transaction().execute((trx) => fileReport(trx, input(now)))
  const r = await t.db.selectFrom('reports').select(['id', 'version']).where('code', '=', filed.code).executeTakeFirstOrThrow()
  return { ...filed, id: r.id }
}

async function act(reportId: number, type: 'verify' | 'start' | 'resolve' | 'reject', now: Date) {
  const r = await t.db.selectFrom('reports').select('version').where('id', '=', reportId).executeTakeFirstOrThrow()
  await t.db.transaction().execute((trx) =>
    applyReportAction(trx, {
      reportId,
      expectedVersion: r.version,
      action: type === 'reject' ? { type, reason: 'spam' } : { type },
      actor: { kind: type === 'reject' ? 'supervisor' : 'officer', userId: users.officer! },
      body: null,
      now,
    }),
  )
}

const ctx = (now: string | Date): JobContext => ({ db: t.db, now: () => new Date(now), log: () => {} })
const escalationsOf = (reportId: number) =>
  t.db.selectFrom('escalations').select(['target', 'round', 'level']).where('report_id', '=', reportId).orderBy('id').execute()
const outboxOf = (reportId: number) =>
  t.db
    .selectFrom('notification_outbox')
    .select(['recipient', 'template'])
    .where('report_id', '=', reportId)
    .where('template', 'like', 'escalation%')
    .orderBy('id')
    .execute()

describe('sla.escalate', () => {
  it('an overdue report escalates to its unit supervisors once, then to the executive at twice the target', async () => {
    const r = await file()
    await runSlaEscalation(ctx('2026-11-27T09:00:00Z')) // exactly at due: on time
    expect(await escalationsOf(r.id)).toEqual([])

    await runSlaEscalation(ctx('2026-11-27T09:01:00Z'))
    await runSlaEscalation(ctx('2026-11-27T09:02:00Z')) // the next tick (or a second worker) fires nothing more
    expect(await escalationsOf(r.id)).toEqual([{ target: 'response', round: 1, level: 1 }])
    expect(await outboxOf(r.id)).toEqual([
      { recipient: 'sup1@clocks.test', template: 'escalation_supervisor' },
      { recipient: 'sup2@clocks.test', template: 'escalation_supervisor' },
    ])
    const events = await t.db
      .selectFrom('report_events')
      .select(['type', 'actor_kind', 'visibility', 'body'])
      .where('report_id', '=', r.id)
      .where('type', '=', 'escalated')
      .execute()
    expect(events).toEqual([{ type: 'escalated', actor_kind: 'system', visibility: 'internal', body: 'sla:response:1' }])

    // Resolution due Tue 1 Dec, response level 2 Wed 2 Dec.
    await runSlaEscalation(ctx('2026-12-02T09:01:00Z'))
    await runSlaEscalation(ctx('2026-12-02T09:05:00Z'))
    expect(await escalationsOf(r.id)).toEqual([
      { target: 'response', round: 1, level: 1 },
      { target: 'response', round: 1, level: 2 },
      { target: 'resolution', round: 1, level: 1 },
    ])
    expect((await outboxOf(r.id)).filter((o) => o.template === 'escalation_executive')).toEqual([
      { recipient: 'exec@clocks.test', template: 'escalation_executive' },
    ])
  })

  it('simulated history (demo data) is never escalated nor auto-closed: the clocks act on live reports only', async () => {
    const overdue = await file()
    const resolved = await file(new Date('2026-12-01T03:00:00Z'))
    await act(resolved.id, 'start', new Date('2026-12-01T04:00:00Z'))
    await act(resolved.id, 'resolve', new Date('2026-12-01T05:00:00Z'))
    // A report's source is fixed once written (no update type): set it as the simulator would have.
    await sql`UPDATE reports SET source = 'simulated' WHERE id IN (${overdue.id}, ${resolved.id})`.execute(t.db)
    await runSlaEscalation(ctx('2027-01-20T09:00:00Z'))
    await runAutoClose(ctx('2027-01-20T09:00:00Z'))
    expect(await escalationsOf(overdue.id)).toEqual([])
    const statuses = await t.db.selectFrom('reports').select('status').where('id', 'in', [overdue.id, resolved.id]).orderBy('id').execute()
    expect(statuses.map((r) => r.status)).toEqual(['submitted', 'resolved'])
  })

  it('two workers that picked the same report fire each level once (the unique key decides)', async () => {
    const r = await file()
    const now = new Date('2026-11-27T09:01:00Z')
    const worker = () => t.db.transaction().execute((trx) => escalateReport(trx, r.id, now, calendarCache()))
    const fired = await Promise.all([worker(), worker()])
    expect(fired.map((levels) => levels.length).sort()).toEqual([0, 1])
    expect(await escalationsOf(r.id)).toEqual([{ target: 'response', round: 1, level: 1 }])
    expect(await outboxOf(r.id)).toHaveLength(2) // two supervisors, once each
    const events = await t.db.selectFrom('report_events').select('id').where('report_id', '=', r.id).where('type', '=', 'escalated').execute()
    expect(events).toHaveLength(1)
  })

  it('a first response stops the response clock; paused reports never escalate', async () => {
    const answered = await file()
    await act(answered.id, 'verify', new Date('2026-11-27T08:00:00Z'))
    const rejected = await file()
    await act(rejected.id, 'reject', new Date('2026-11-25T03:00:00Z'))
    const resolved = await file()
    await act(resolved.id, 'start', new Date('2026-11-25T03:00:00Z'))
    await act(resolved.id, 'resolve', new Date('2026-11-26T03:00:00Z'))
    await runSlaEscalation(ctx('2026-11-30T03:00:00Z'))
    expect(await escalationsOf(answered.id)).toEqual([])
    await runSlaEscalation(ctx('2027-02-01T03:00:00Z'))
    expect(await escalationsOf(answered.id)).toEqual([
      { target: 'resolution', round: 1, level: 1 },
      { target: 'resolution', round: 1, level: 2 },
    ])
    expect(await escalationsOf(rejected.id)).toEqual([])
    // Auto-close may have closed it by now; either way it never escalated.
    expect(await escalationsOf(resolved.id)).toEqual([])
  })

  it('a reopened report starts a new resolution clock from the reopening', async () => {
    const r = await file()
    await act(r.id, 'start', new Date('2026-11-25T03:00:00Z'))
    await act(r.id, 'resolve', new Date('2026-11-26T03:00:00Z'))
    // Thu 26 Nov resolved; reporter says not fixed on Mon 30 Nov 10:00 WIB.
    expect(
      await t.db
        .transaction()
        .execute((trx) => rateReport(trx, { code: r.code, token: r.token!, score: 1, comment: null, fixed: 'no', now: new Date('2026-11-30T03:00:00Z') })),
    ).toBe('reopened')
    // Round 1 was not overdue when resolved, so round 2 counts 5 working days from 30 Nov: Mon 7 Dec 16:00 WIB.
    await runSlaEscalation(ctx('2026-12-07T09:00:00Z'))
    expect(await escalationsOf(r.id)).toEqual([])
    await runSlaEscalation(ctx('2026-12-07T09:01:00Z'))
    expect(await escalationsOf(r.id)).toEqual([{ target: 'resolution', round: 2, level: 1 }])
  })

  it('reopened reports not yet due never crowd out a due one from a small batch', async () => {
    const reopened = await file()
    await act(reopened.id, 'start', new Date('2026-11-25T03:00:00Z'))
    await act(reopened.id, 'resolve', new Date('2026-11-26T03:00:00Z'))
    await t.db
      .transaction()
      .execute((trx) =>
        rateReport(trx, { code: reopened.code, token: reopened.token!, score: 1, comment: null, fixed: 'no', now: new Date('2026-11-30T03:00:00Z') }),
      )
    // Filed Tue 1 Dec: response due Fri 4 Dec 16:00 WIB. On Sat 5 Dec the reopened round
    // (due Mon 7 Dec) passes the cheap lower bound but is not due yet.
    const due = await file(new Date('2026-12-01T03:00:00Z'))
    await runSlaEscalation(ctx('2026-12-05T03:00:00Z'), 1)
    expect(await escalationsOf(due.id)).toEqual([{ target: 'response', round: 1, level: 1 }])
    expect(await escalationsOf(reopened.id)).toEqual([])
  })

  it('works through many overdue reports in bounded batches', async () => {
    const filed = []
    for (let i = 0; i < 7; i++) filed.push(await file(new Date('2026-10-05T03:00:00Z')))
    const now = ctx('2026-10-09T09:01:00Z') // response level 1 only (due Thu 8 Oct)
    const first = await runSlaEscalation(now, 3)
    expect(first.candidates).toBe(3)
    await runSlaEscalation(now, 3)
    await runSlaEscalation(now, 3)
    const last = await runSlaEscalation(now, 3)
    expect(last.candidates).toBe(0)
    for (const r of filed) expect(await escalationsOf(r.id)).toEqual([{ target: 'response', round: 1, level: 1 }])
  })
})

describe('reports.auto-close and the confirmation window', () => {
  // Resolved Wed 2 Dec 2026 10:00 WIB. 10 working days (24, 25 Dec are holidays):
  // 3,4,7,8,9,10,11,14,15,16 -> Wed 16 Dec 16:00 WIB = 09:00Z.
  const RESOLVED = new Date('2026-12-02T03:00:00Z')
  async function resolvedReport() {
    const r = await file(new Date('2026-12-01T03:00:00Z'))
    await act(r.id, 'start', new Date('2026-12-01T04:00:00Z'))
    await act(r.id, 'resolve', RESOLVED)
    return r
  }
  const statusOf = async (id: number) => await t.db.selectFrom('reports').select(['status', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow()

  it('closes a resolved report after 10 working days without an answer: system actor, public "auto-closed" event', async () => {
    const r = await resolvedReport()
    await runAutoClose(ctx('2026-12-16T09:00:00Z'))
    expect((await statusOf(r.id)).status).toBe('resolved')
    await runAutoClose(ctx('2026-12-16T09:15:00Z'))
    await runAutoClose(ctx('2026-12-16T09:30:00Z')) // idempotent
    expect(await statusOf(r.id)).toEqual({ status: 'closed', closed_at: new Date('2026-12-16T09:15:00Z') })
    const events = await t.db
      .selectFrom('report_events')
      .select(['type', 'actor_kind', 'visibility', 'body', 'from_status', 'to_status'])
      .where('report_id', '=', r.id)
      .where('to_status', '=', 'closed')
      .execute()
    expect(events).toEqual([
      { type: 'status_changed', actor_kind: 'system', visibility: 'public', body: 'system:auto_close', from_status: 'resolved', to_status: 'closed' },
    ])
  })

  it('"not fixed" reopens within the window and is refused after it; "fixed" still closes', async () => {
    const within = await resolvedReport()
    const rate = (r: { code: string; token: string | null }, fixed: 'yes' | 'no', now: string) =>
      t.db.transaction().execute((trx) => rateReport(trx, { code: r.code, token: r.token!, score: 2, comment: null, fixed, now: new Date(now) }))
    expect(await rate(within, 'no', '2026-12-16T09:00:00Z')).toBe('reopened')

    const late = await resolvedReport()
    expect(await rate(late, 'no', '2026-12-16T09:00:01Z')).toBe('window_passed')
    expect((await statusOf(late.id)).status).toBe('resolved')
    expect(await t.db.selectFrom('ratings').select('id').where('report_id', '=', late.id).execute()).toEqual([])
    expect(await rate(late, 'yes', '2026-12-16T09:00:02Z')).toBe('closed')
  })

  it('the dashboard counts only real confirmations as "confirmed fixed", never auto-closes', async () => {
    const since = new Date('2026-06-01T00:00:00Z')
    const jan = (d: number) => new Date(Date.UTC(2027, 0, d, 3))
    const before = await getSummary(t.db, { jurisdictionId: jurisdiction.id, since, now: jan(31) })
    const auto = await file(jan(4))
    await act(auto.id, 'start', jan(4))
    await act(auto.id, 'resolve', jan(5))
    const byReporter = await file(jan(4))
    await act(byReporter.id, 'start', jan(4))
    await act(byReporter.id, 'resolve', jan(5))
    await t.db
      .transaction()
      .execute((trx) => rateReport(trx, { code: byReporter.code, token: byReporter.token!, score: 5, comment: null, fixed: 'yes', now: jan(6) }))
    await runAutoClose(ctx(jan(31)))
    expect((await statusOf(auto.id)).status).toBe('closed')
    const after = await getSummary(t.db, { jurisdictionId: jurisdiction.id, since, now: jan(31) })
    expect(after.confirmedFixed - before.confirmedFixed).toBe(1)
  })
})

describe('2027 provisional holidays and the admins warning', () => {
  it('seeds 2027 once, provisional for the movable feasts, and never over the admins data', async () => {
    const rows = await t.db
      .selectFrom('holidays')
      .select(['date', 'provisional'])
      .where('date', '>=', '2027-01-01')
      .where('date', '<=', '2027-12-31')
      .orderBy('date')
      .execute()
    expect(rows).toHaveLength(HOLIDAYS_2027.length)
    expect(rows.filter((r) => r.provisional)).toHaveLength(9)
    // An admin confirms Idul Fitri a day later; seeding again must not undo it.
    await t.db.updateTable('holidays').set({ date: '2027-03-11', provisional: false }).where('date', '=', '2027-03-10').execute()
    await seedReferenceData(t.db)
    expect(await seedProvisionalYear(t.db, '2027', HOLIDAYS_2027)).toBe(0)
    const after = await t.db.selectFrom('holidays').select(['date', 'provisional']).where('date', 'in', ['2027-03-10', '2027-03-11']).execute()
    expect(after).toEqual([{ date: '2027-03-11', provisional: false }])
  })

  it('working-day due times in 2027 skip the provisional holidays (Idul Fitri 9 March)', async () => {
    // Fri 5 Mar 2027 10:00 WIB; after it 8 is Nyepi, 9 Idul Fitri, 11 Idul Fitri (as confirmed
    // above): the 3 working days are 10, 12, 15 March. Without holidays it would be 10 March.
    const r = await file(new Date('2027-03-05T03:00:00Z'))
    const row = await t.db.selectFrom('reports').select('response_due_at').where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(row.response_due_at.toISOString()).toBe('2027-03-15T09:00:00.000Z')
  })

  it('warns about years a deadline falls in without holidays on record, and about provisional years', async () => {
    const kotaMalang = { id: jurisdiction.id, time_zone: jurisdiction.time_zone }
    expect(await getHolidayCoverage(t.db, kotaMalang, new Date('2026-11-24T03:00:00Z'))).toEqual({ missing: [], provisional: [2027] })
    // Filed in late December 2028, due in 2029: the app still computes the due times (weekends only).
    const r = await file(new Date('2028-12-28T03:00:00Z'))
    const row = await t.db.selectFrom('reports').select('resolution_due_at').where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(row.resolution_due_at.toISOString()).toBe('2029-01-04T09:00:00.000Z')
    expect(await getHolidayCoverage(t.db, kotaMalang, new Date('2026-11-24T03:00:00Z'))).toEqual({ missing: [2029], provisional: [2027] })
  })
})
