import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidTransitionError } from '~/domain/report-status'
import { applyReportAction, fileReport, getPublicReport, rateReport, ReportConflictError, ReportInputError, type NewReportInput } from '~/models/report.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { countReports } from '../support/routes'

let t: TestDatabase
let jurisdiction: { id: number; time_zone: string; code_prefix: string }
const ids = { category: new Map<string, number>(), area: new Map<string, number>(), unit: new Map<string, number>() }

beforeAll(async () => {
  t = await createTestDatabase()
  jurisdiction = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  for (const c of await t.db.selectFrom('categories').select(['id', 'code']).where('jurisdiction_id', '=', jurisdiction.id).execute())
    ids.category.set(c.code, c.id)
  for (const a of await t.db.selectFrom('areas').select(['id', 'code']).where('jurisdiction_id', '=', jurisdiction.id).execute()) ids.area.set(a.code, a.id)
  for (const u of await t.db.selectFrom('units').select(['id', 'key']).where('jurisdiction_id', '=', jurisdiction.id).execute()) ids.unit.set(u.key, u.id)
})
afterAll(() => t?.close())

const ARJOSARI = '35.73.01.1002'
const BALEARJOSARI = '35.73.01.1001'
let keyCounter = 0

function input(overrides: Partial<NewReportInput> = {}): NewReportInput {
  return {
    jurisdiction,
    categoryId: ids.category.get('pju')!,
    areaId: ids.area.get(BALEARJOSARI)!,
    description: 'Lampu PJU di depan masjid mati sejak tiga hari.',
    address: 'Jl. Raya Balearjosari 12',
    lat: null,
    lng: null,
    privacy: 'public',
    contact: { name: 'Siti', email: 'siti@example.com', phone: '+6281234567890' },
    idempotencyKey: `test-key-${++keyCounter}-${Date.now()}`,
    // A browser per filing: the same content from one browser would be a resubmit.
    browserId: `test-browser-${keyCounter}-${Date.now()}`,
    // Tuesday 2026-11-24 10:00 WIB
    now: new Date('2026-11-24T03:00:00Z'),
    ...overrides,
  }
}

const file = (i: NewReportInput) => t.db.transaction().execute((trx) => fileReport(trx, i))
const reportByCode = (code: string) => t.db.selectFrom('reports').selectAll().where('code', '=', code).executeTakeFirstOrThrow()

describe('fileReport', () => {
  it('routes by the most specific rule, sets SLA due times and writes the created event and contact apart', async () => {
    const specific = await file(input({ areaId: ids.area.get(ARJOSARI)! }))
    const general = await file(input())
    const a = await reportByCode(specific.code)
    const b = await reportByCode(general.code)
    expect(a.current_unit_id).toBe(ids.unit.get('dpuprpkp-pju'))
    expect(b.current_unit_id).toBe(ids.unit.get('dpuprpkp-pju'))
    expect(specific.code).toMatch(/^MLG-[2-9A-HJKMNP-Z]{6}$/)
    expect(specific.token).toHaveLength(22) // 128 bits in base64url
    expect(a.reporter_token_hash).not.toContain(specific.token)
    // 3 and 5 working days after Tuesday 24 Nov 2026, 16:00 WIB = 09:00Z
    expect(a.response_due_at.toISOString()).toBe('2026-11-27T09:00:00.000Z')
    expect(a.resolution_due_at.toISOString()).toBe('2026-12-01T09:00:00.000Z')
    const events = await t.db.selectFrom('report_events').selectAll().where('report_id', '=', a.id).execute()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ type: 'created', to_status: 'submitted', actor_kind: 'reporter', visibility: 'public', to_unit_id: a.current_unit_id })
    const contact = await t.db.selectFrom('report_contacts').selectAll().where('report_id', '=', a.id).executeTakeFirstOrThrow()
    expect(contact).toMatchObject({ name: 'Siti', email: 'siti@example.com', phone: '+6281234567890' })
    const outbox = await t.db.selectFrom('notification_outbox').selectAll().where('report_id', '=', a.id).execute()
    expect(outbox.map((o) => o.template)).toEqual(['report_received'])
  })

  it('working-day due times skip the holidays in the database (cuti bersama 24 Dec, Natal 25 Dec 2026)', async () => {
    // Tuesday 22 Dec 2026 10:00 WIB. Working days after it: 23, (24 cuti bersama,
    // 25 Natal, 26–27 weekend), 28, 29, 30, 31. With an empty calendar the due
    // times would be 25 Dec and 29 Dec instead.
    const filed = await file(input({ now: new Date('2026-12-22T03:00:00Z') }))
    const r = await reportByCode(filed.code)
    expect(r.response_due_at.toISOString()).toBe('2026-12-29T09:00:00.000Z')
    expect(r.resolution_due_at.toISOString()).toBe('2026-12-31T09:00:00.000Z')
  })
  it('sends misconduct to the Inspektorat as confidential, whatever the reporter chose', async () => {
    const filed = await file(input({ categoryId: ids.category.get('perilaku_asn')!, privacy: 'public' }))
    const r = await reportByCode(filed.code)
    expect(r.current_unit_id).toBe(ids.unit.get('inspektorat'))
    expect(r.privacy).toBe('confidential')
    expect(await getPublicReport(t.db, filed.code, null)).toBeNull()
    expect(await getPublicReport(t.db, filed.code, 'wrong-token-wrong-token')).toBeNull()
    const own = await getPublicReport(t.db, filed.code, filed.token)
    expect(own?.isReporter).toBe(true)
    expect(JSON.stringify(own)).not.toContain('siti@example.com')
  })

  it('uses calendar hours for emergencies', async () => {
    const filed = await file(input({ categoryId: ids.category.get('pohon_tumbang')! }))
    const r = await reportByCode(filed.code)
    expect(r.current_unit_id).toBe(ids.unit.get('bpbd'))
    expect(r.response_due_at.toISOString()).toBe('2026-11-24T04:00:00.000Z')
    expect(r.resolution_due_at.toISOString()).toBe('2026-11-24T09:00:00.000Z')
  })

  it('a double submit (same idempotency key) files one report, even concurrently', async () => {
    const same = input()
    const before = await countReports(t.db)
    const [x, y] = await Promise.all([file(same), file(same)])
    const z = await file(same)
    expect(new Set([x.code, y.code, z.code]).size).toBe(1)
    expect([x, y, z].filter((f) => !f.replayed)).toHaveLength(1)
    const { n } = await t.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('code', '=', x.code)
      .executeTakeFirstOrThrow()
    expect(Number(n)).toBe(1)
    // The same content from this browser was filed once (more in idempotency.test.ts).
    expect(await countReports(t.db)).toBe(before + 1)
    // The last response's private link is the one that works.
    expect((await getPublicReport(t.db, z.code, z.token!))?.isReporter).toBe(true)
  })

  it('rejects a kelurahan of another jurisdiction and writes nothing', async () => {
    const before = await countReports(t.db)
    const madiunArea = await t.db.selectFrom('areas').select('id').where('code', 'like', '35.77.%').where('level', '=', 'kelurahan').executeTakeFirstOrThrow()
    await expect(file(input({ areaId: madiunArea.id }))).rejects.toBeInstanceOf(ReportInputError)
    await expect(file(input({ categoryId: 999_999 }))).rejects.toBeInstanceOf(ReportInputError)
    expect(await countReports(t.db)).toBe(before)
  })
})

async function staffUser(unitKey: string) {
  const existing = await t.db.selectFrom('users').select('id').where('email', '=', `${unitKey}@test.local`).executeTakeFirst()
  if (existing) return existing.id
  const row = await t.db
    .insertInto('users')
    .values({
      jurisdiction_id: jurisdiction.id,
      email: `${unitKey}@test.local`,
      name: unitKey,
      password_hash: '$argon2id$v=19$m=19456,t=2,p=1$x$y',
      role: 'officer',
      unit_id: ids.unit.get(unitKey)!,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

describe('applyReportAction', () => {
  it('writes the new status and one event per step; the whole lifecycle to closed by rating', async () => {
    const filed = await file(input())
    const officer = await staffUser('dpuprpkp-pju')
    let r = await reportByCode(filed.code)
    const at = (m: number) => new Date(r.created_at.getTime() + m * 60_000)
    for (const [type, minutes] of [
      ['verify', 30],
      ['start', 60],
      ['resolve', 600],
    ] as const) {
      await t.db.transaction().execute((trx) =>
        applyReportAction(trx, {
          reportId: r.id,
          expectedVersion: r.version,
          action: { type },
          actor: { kind: 'officer', userId: officer },
          body: type === 'resolve' ? 'Lampu sudah diganti.' : null,
          now: at(minutes),
        }),
      )
      r = await reportByCode(filed.code)
    }
    expect(r.status).toBe('resolved')
    expect(r.first_response_at?.toISOString()).toBe(at(30).toISOString())
    expect(r.resolved_at?.toISOString()).toBe(at(600).toISOString())
    expect(r.version).toBe(4)
    const outcome = await t.db
      .transaction()
      .execute((trx) => rateReport(trx, { code: filed.code, token: filed.token!, score: 4, comment: 'Cepat', fixed: 'yes', now: at(700) }))
    expect(outcome).toBe('closed')
    r = await reportByCode(filed.code)
    expect(r.status).toBe('closed')
    expect(r.closed_at?.toISOString()).toBe(at(700).toISOString())
    const events = await t.db
      .selectFrom('report_events')
      .select(['type', 'from_status', 'to_status', 'actor_kind'])
      .where('report_id', '=', r.id)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual(['created', 'verified', 'status_changed', 'resolved', 'rated', 'status_changed'])
    expect(events.at(-1)).toMatchObject({ from_status: 'resolved', to_status: 'closed', actor_kind: 'reporter' })
    // Rated once only.
    expect(
      await t.db.transaction().execute((trx) => rateReport(trx, { code: filed.code, token: filed.token!, score: 1, comment: null, fixed: 'no', now: at(800) })),
    ).toBe('not_allowed')
  })

  it('"not fixed" from the reporter reopens the report', async () => {
    const filed = await file(input())
    const officer = await staffUser('dpuprpkp-pju')
    for (const type of ['start', 'resolve'] as const) {
      const r = await reportByCode(filed.code)
      await t.db.transaction().execute((trx) =>
        applyReportAction(trx, {
          reportId: r.id,
          expectedVersion: r.version,
          action: { type },
          actor: { kind: 'officer', userId: officer },
          body: 'ok',
          now: new Date(r.created_at.getTime() + 3600_000),
        }),
      )
    }
    expect(
      await t.db
        .transaction()
        .execute((trx) =>
          rateReport(trx, { code: filed.code, token: 'not-the-token-at-all', score: 1, comment: null, fixed: 'no', now: new Date('2026-11-25T00:00:00Z') }),
        ),
    ).toBe('not_allowed')
    expect(
      await t.db
        .transaction()
        .execute((trx) =>
          rateReport(trx, { code: filed.code, token: filed.token!, score: 2, comment: null, fixed: 'no', now: new Date('2026-11-25T00:00:00Z') }),
        ),
    ).toBe('reopened')
    const r = await reportByCode(filed.code)
    expect(r).toMatchObject({ status: 'in_progress', reopen_count: 1, resolved_at: null })
  })

  it('refuses a stale version and an invalid transition, and writes nothing', async () => {
    const filed = await file(input())
    const officer = await staffUser('dpuprpkp-pju')
    const r = await reportByCode(filed.code)
    const eventsBefore = await countEvents(r.id)
    await expect(
      t.db.transaction().execute((trx) =>
        applyReportAction(trx, {
          reportId: r.id,
          expectedVersion: r.version + 5,
          action: { type: 'verify' },
          actor: { kind: 'officer', userId: officer },
          body: null,
          now: new Date(),
        }),
      ),
    ).rejects.toBeInstanceOf(ReportConflictError)
    await expect(
      t.db.transaction().execute((trx) =>
        applyReportAction(trx, {
          reportId: r.id,
          expectedVersion: r.version,
          action: { type: 'resolve' },
          actor: { kind: 'officer', userId: officer },
          body: null,
          now: new Date(),
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidTransitionError)
    // Officers can't reject; supervisors can.
    await expect(
      t.db.transaction().execute((trx) =>
        applyReportAction(trx, {
          reportId: r.id,
          expectedVersion: r.version,
          action: { type: 'reject', reason: 'spam' },
          actor: { kind: 'officer', userId: officer },
          body: null,
          now: new Date(),
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidTransitionError)
    expect(await reportByCode(filed.code)).toMatchObject({ status: 'submitted', version: r.version })
    expect(await countEvents(r.id)).toBe(eventsBefore)
  })

  it('a transfer keeps the status, moves the report to the other unit and records both units', async () => {
    const filed = await file(input({ categoryId: ids.category.get('lainnya')! }))
    const triage = await staffUser('diskominfo')
    let r = await reportByCode(filed.code)
    expect(r.current_unit_id).toBe(ids.unit.get('diskominfo'))
    const transfer = (toUnitId: number) =>
      t.db.transaction().execute((trx) =>
        applyReportAction(trx, {
          reportId: r.id,
          expectedVersion: r.version,
          action: { type: 'transfer' },
          actor: { kind: 'officer', userId: triage },
          body: 'Kewenangan DLH.',
          now: new Date('2026-11-24T04:00:00Z'),
          toUnitId,
        }),
      )
    // Not to itself, not to another jurisdiction's unit.
    await expect(transfer(ids.unit.get('diskominfo')!)).rejects.toBeInstanceOf(ReportInputError)
    const madiunUnit = await t.db
      .selectFrom('units')
      .innerJoin('jurisdictions', 'jurisdictions.id', 'units.jurisdiction_id')
      .select('units.id')
      .where('jurisdictions.slug', '=', 'kota-madiun')
      .executeTakeFirstOrThrow()
    await expect(transfer(madiunUnit.id)).rejects.toBeInstanceOf(ReportInputError)
    expect((await reportByCode(filed.code)).version).toBe(r.version)

    await transfer(ids.unit.get('dlh')!)
    r = await reportByCode(filed.code)
    expect(r).toMatchObject({ status: 'submitted', current_unit_id: ids.unit.get('dlh'), version: 2 })
    // Routing the report elsewhere is not a response to the citizen (ADR 007).
    expect(r.first_response_at).toBeNull()
    const event = await t.db.selectFrom('report_events').selectAll().where('report_id', '=', r.id).where('type', '=', 'transferred').executeTakeFirstOrThrow()
    expect(event).toMatchObject({
      from_unit_id: ids.unit.get('diskominfo'),
      to_unit_id: ids.unit.get('dlh'),
      from_status: 'submitted',
      to_status: 'submitted',
      visibility: 'public',
      body: 'Kewenangan DLH.',
    })
  })

  it('keeps report_events append-only', async () => {
    const filed = await file(input())
    const r = await reportByCode(filed.code)
    await expect(sql`UPDATE report_events SET body = 'x' WHERE report_id = ${r.id}`.execute(t.db)).rejects.toThrow(/append-only/)
    await expect(sql`DELETE FROM report_events WHERE report_id = ${r.id}`.execute(t.db)).rejects.toThrow(/append-only/)
  })
})

async function countEvents(reportId: number) {
  const { n } = await t.db
    .selectFrom('report_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('report_id', '=', reportId)
    .executeTakeFirstOrThrow()
  return Number(n)
}
