// Staff-side correctness (issue 5, section 5 and the misconduct transfer of section 4):
// duplicates, notes on final reports, the first response, the queue's paging and count,
// and where a misconduct report may go. Model functions and routes, as Remix calls them.
import { hash } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARGON2_OPTIONS } from '#db/seed'
import { isFirstResponse, type ReportAction } from '~/domain/report-status'
import { addStaffNote, applyReportAction, fileReport, type NewReportInput } from '~/models/report.server'
import { getStaffScope, listQueue } from '~/models/staff-report.server'
import { action as loginAction } from '~/routes/masuk'
import { loader as queueLoader } from '~/routes/petugas._index'
import StaffReportPage, { action as staffAction, loader as staffLoader } from '~/routes/petugas.laporan.$code'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { renderRoute } from '../support/render-route'
import { ORIGIN, unwrap } from '../support/routes'

let t: TestDatabase
let jurisdiction: { id: number; time_zone: string; code_prefix: string }
const category = new Map<string, number>()
const unit = new Map<string, number>()
let balearjosari: number

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  jurisdiction = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  for (const c of await t.db.selectFrom('categories').select(['id', 'code']).where('jurisdiction_id', '=', jurisdiction.id).execute())
    category.set(c.code, c.id)
  for (const u of await t.db.selectFrom('units').select(['id', 'key']).where('jurisdiction_id', '=', jurisdiction.id).execute()) unit.set(u.key, u.id)
  balearjosari = (await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1001').executeTakeFirstOrThrow()).id
  const passwordHash = await hash('rahasia-sekali', ARGON2_OPTIONS)
  for (const [email, role, key] of [
    ['pju@test.local', 'officer', 'dpuprpkp'],
    ['kepala@test.local', 'supervisor', 'dpuprpkp'],
    ['triage@test.local', 'officer', 'diskominfo'],
    ['irban@test.local', 'inspector', 'inspektorat'],
    ['dlh@test.local', 'supervisor', 'dlh'],
  ] as const) {
    await t.db
      .insertInto('users')
      .values({ jurisdiction_id: jurisdiction.id, email, name: email, password_hash: passwordHash, role, unit_id: unit.get(key)! })
      .execute()
  }
  // Executives (the mayor's office) belong to no unit; one of another jurisdiction.
  const madiun = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-madiun').executeTakeFirstOrThrow()
  for (const [email, jurisdictionId] of [
    ['walikota@test.local', jurisdiction.id],
    ['walikota-madiun@test.local', madiun.id],
  ] as const) {
    await t.db
      .insertInto('users')
      .values({ jurisdiction_id: jurisdictionId, email, name: email, password_hash: passwordHash, role: 'executive', unit_id: null })
      .execute()
  }
})
afterAll(() => t?.close())

let keyCounter = 0
const NOW = new Date('2026-11-24T03:00:00Z')
const minutesLater = (m: number) => new Date(NOW.getTime() + m * 60_000)

function input(overrides: Partial<NewReportInput> = {}): NewReportInput {
  return {
    jurisdiction,
    categoryId: category.get('pju')!,
    areaId: balearjosari,
    description: 'Lampu PJU di depan masjid mati sejak tiga hari.',
    address: null,
    lat: null,
    lng: null,
    privacy: 'public',
    contact: { name: 'Siti', email: 'siti@example.com', phone: '+6281234567890' },
    idempotencyKey: `staff-key-${++keyCounter}-${Date.now()}`,
    browserId: `staff-browser-${keyCounter}-${Date.now()}`,
    now: NOW,
    ...overrides,
  }
}

const file = (overrides: Partial<NewReportInput> = {}) => t.db.transaction().execute((trx) => fileReport(trx, input(overrides)))
const reportByCode = (code: string) => t.db.selectFrom('reports').selectAll().where('code', '=', code).executeTakeFirstOrThrow()
const userId = async (email: string) => (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id

async function act(code: string, action: ReportAction, options: { kind?: 'officer' | 'supervisor'; email?: string; at?: Date; toUnitId?: number } = {}) {
  const r = await reportByCode(code)
  const uid = await userId(options.email ?? 'pju@test.local')
  return t.db.transaction().execute((trx) =>
    applyReportAction(trx, {
      reportId: r.id,
      expectedVersion: r.version,
      action,
      actor: { kind: options.kind ?? 'officer', userId: uid },
      body: 'catatan',
      now: options.at ?? minutesLater(10),
      toUnitId: options.toUnitId,
    }),
  )
}

async function note(code: string, visibility: 'public' | 'internal', at = minutesLater(10)) {
  const r = await reportByCode(code)
  const uid = await userId('pju@test.local')
  return t.db
    .transaction()
    .execute((trx) =>
      addStaffNote(trx, { reportId: r.id, expectedVersion: r.version, userId: uid, actorKind: 'officer', visibility, body: 'catatan', now: at }),
    )
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })
const post = (path: string, fields: Record<string, string>, cookie: string) =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, Cookie: cookie } })
const get = (path: string, cookie: string) => new Request(`${ORIGIN}${path}`, { headers: { Cookie: cookie } })
const cookies = new Map<string, string>()
async function login(email: string) {
  const known = cookies.get(email)
  if (known) return known
  const response = (await loginAction(
    args(new Request(`${ORIGIN}/masuk`, { method: 'POST', body: new URLSearchParams({ email, password: 'rahasia-sekali' }), headers: { Origin: ORIGIN } })),
  )) as Response
  expect(response.status).toBe(302)
  const cookie = response.headers.get('Set-Cookie')!.split(';')[0]!
  cookies.set(email, cookie)
  return cookie
}
async function staffPost(code: string, email: string, fields: Record<string, string>) {
  const { version } = await reportByCode(code)
  return staffAction(args(post(`/petugas/laporan/${code}`, { version: String(version), ...fields }, await login(email)), { code }))
}

describe('marking duplicates (ADR 018: only through the officer workflow, with its original)', () => {
  it('is refused without an original, before anything is written', async () => {
    const { code } = await file()
    const before = await reportByCode(code)
    await expect(act(code, { type: 'mark_duplicate' })).rejects.toThrow(/original/)
    expect(await reportByCode(code)).toMatchObject({ status: 'submitted', version: before.version, duplicate_of_id: null })
    const view = (await staffLoader(args(get(`/petugas/laporan/${code}`, await login('pju@test.local')), { code }))) as any
    expect(view.actions).toContain('mark_duplicate')
  })
})

describe('notes follow the state machine', () => {
  it('a note on a rejected or closed report is refused with a true message, not "someone else changed it"', async () => {
    const rejected = (await file()).code
    await act(rejected, { type: 'reject', reason: 'spam' }, { kind: 'supervisor', email: 'kepala@test.local' })
    const closed = (await file()).code
    await act(closed, { type: 'start' })
    await act(closed, { type: 'resolve' })
    await act(closed, { type: 'close' }, { kind: 'supervisor', email: 'kepala@test.local' })

    for (const [code, status] of [
      [rejected, 'Ditolak'],
      [closed, 'Ditutup'],
    ] as const) {
      const before = await reportByCode(code)
      for (const intent of ['internal_note', 'public_update']) {
        const reply = unwrap(await staffPost(code, 'kepala@test.local', { intent, body: 'Catatan setelah selesai.' }))
        expect(reply.status).toBe(409)
        const message = reply.data.result.error[''][0] as string
        expect(message).not.toMatch(/diubah orang lain/)
        expect(message).toContain(status)
      }
      expect(await reportByCode(code)).toEqual(before)
      // The page offers no note form there.
      const view = (await staffLoader(args(get(`/petugas/laporan/${code}`, await login('kepala@test.local')), { code }))) as any
      expect(view.notes).toEqual([])
    }
  })

  it('a note is still accepted while the report waits for the reporter (resolved)', async () => {
    const { code } = await file()
    await act(code, { type: 'start' })
    await act(code, { type: 'resolve' })
    const view = (await staffLoader(args(get(`/petugas/laporan/${code}`, await login('pju@test.local')), { code }))) as any
    expect(view.notes).toEqual(['public_update', 'internal_note'])
    expect(((await staffPost(code, 'pju@test.local', { intent: 'internal_note', body: 'Cek lagi minggu depan.' })) as Response).status).toBe(302)
  })
})

describe('first_response_at (ADR 007)', () => {
  it('is not set by a transfer or an internal note; a later verify sets it', async () => {
    const { code } = await file({ categoryId: category.get('lainnya')! })
    await act(code, { type: 'transfer' }, { email: 'triage@test.local', toUnitId: unit.get('dlh')!, at: minutesLater(5) })
    await note(code, 'internal', minutesLater(6))
    expect((await reportByCode(code)).first_response_at).toBeNull()
    await act(code, { type: 'verify' }, { email: 'dlh@test.local', kind: 'supervisor', at: minutesLater(30) })
    expect((await reportByCode(code)).first_response_at?.toISOString()).toBe(minutesLater(30).toISOString())
    // Later responses do not move it.
    await note(code, 'public', minutesLater(40))
    expect((await reportByCode(code)).first_response_at?.toISOString()).toBe(minutesLater(30).toISOString())
  })

  it('a public update counts; reject counts', async () => {
    const a = (await file()).code
    await note(a, 'public', minutesLater(7))
    expect((await reportByCode(a)).first_response_at?.toISOString()).toBe(minutesLater(7).toISOString())
    const b = (await file()).code
    await act(b, { type: 'reject', reason: 'out_of_remit' }, { kind: 'supervisor', email: 'kepala@test.local', at: minutesLater(8) })
    expect((await reportByCode(b)).first_response_at?.toISOString()).toBe(minutesLater(8).toISOString())
  })

  // Model and domain must agree: for every staff activity the model can write first, the
  // column is set exactly when the domain says the event it wrote is a first response.
  it.each([
    ['verify', 'action'],
    ['start', 'action'],
    ['reject', 'action'],
    ['transfer', 'action'],
    ['escalate', 'action'],
    ['public', 'note'],
    ['internal', 'note'],
  ] as const)('the model agrees with the domain for a first %s', async (what, kind) => {
    const { code } = await file()
    if (kind === 'note') await note(code, what as 'public' | 'internal', minutesLater(3))
    else {
      const action = (what === 'reject' ? { type: 'reject', reason: 'spam' } : { type: what }) as ReportAction
      await act(code, action, {
        kind: 'supervisor',
        email: 'kepala@test.local',
        at: minutesLater(3),
        toUnitId: what === 'transfer' ? unit.get('dlh')! : undefined,
      })
    }
    const r = await reportByCode(code)
    const events = await t.db.selectFrom('report_events').select(['type', 'actor_kind', 'created_at']).where('report_id', '=', r.id).orderBy('id').execute()
    const first = events.find((e) => isFirstResponse({ type: e.type, actor: e.actor_kind }))
    expect(r.first_response_at?.toISOString() ?? null).toBe(first?.created_at.toISOString() ?? null)
  })
})

describe('the staff queue', () => {
  it('is paged by ?halaman= and shows the true number of open reports', async () => {
    const cookie = await login('triage@test.local')
    // The triage desk (Diskominfo) receives "lainnya": 57 open reports, more than a page.
    for (let i = 0; i < 57; i++) await file({ categoryId: category.get('lainnya')!, description: `Laporan lain-lain nomor ${i} di kelurahan.` })
    const scope = await getStaffScope(t.db, {
      id: 0,
      name: '',
      email: '',
      role: 'officer',
      unitId: unit.get('diskominfo')!,
      unitName: null,
      jurisdictionId: jurisdiction.id,
    })
    const { n } = await t.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('current_unit_id', 'in', scope.unitIds)
      .where('status', 'in', ['submitted', 'verified', 'in_progress'])
      .executeTakeFirstOrThrow()
    const open = Number(n)
    expect(open).toBeGreaterThanOrEqual(57)

    const page1 = (await queueLoader(args(get('/petugas', cookie)))) as any
    expect(page1.total).toBe(open)
    expect(page1.page).toBe(1)
    expect(page1.queue).toHaveLength(page1.pageSize)
    expect(page1.pageCount).toBe(Math.ceil(open / page1.pageSize))
    const seen = new Set<string>()
    for (let page = 1; page <= page1.pageCount; page++) {
      const p = (await queueLoader(args(get(`/petugas?halaman=${page}`, cookie)))) as any
      for (const r of p.queue) seen.add(r.code)
    }
    expect(seen.size).toBe(open)

    // Nonsense or out-of-range pages are not errors.
    for (const bad of ['0', '-3', 'abc', '99999999999999999999', '1e3']) {
      const p = (await queueLoader(args(get(`/petugas?halaman=${bad}`, cookie)))) as any
      expect(p.total).toBe(open)
      expect(p.page).toBeGreaterThanOrEqual(1)
      expect(p.page).toBeLessThanOrEqual(p.pageCount)
    }
  })

  it('listQueue pages in the same order without overlap', async () => {
    const scope = await getStaffScope(t.db, {
      id: 0,
      name: '',
      email: '',
      role: 'officer',
      unitId: unit.get('diskominfo')!,
      unitName: null,
      jurisdictionId: jurisdiction.id,
    })
    const all = await listQueue(t.db, scope, { page: 1, pageSize: 1000 })
    const a = await listQueue(t.db, scope, { page: 1, pageSize: 10 })
    const b = await listQueue(t.db, scope, { page: 2, pageSize: 10 })
    expect([...a, ...b].map((r) => r.code)).toEqual(all.slice(0, 20).map((r) => r.code))
  })
})

describe('misconduct reports stay in the Inspektorat', () => {
  it('cannot be transferred to the accused (or any non-Inspektorat) unit, and nothing is written', async () => {
    const { code } = await file({ categoryId: category.get('perilaku_asn')!, privacy: 'public' })
    const before = await reportByCode(code)
    expect(before.current_unit_id).toBe(unit.get('inspektorat'))
    const reply = unwrap(await staffPost(code, 'irban@test.local', { intent: 'transfer', toUnitId: String(unit.get('dpuprpkp')!), body: 'Dialihkan' }))
    expect(reply.status).toBe(400)
    expect(reply.data.result.error.toUnitId[0]).toMatch(/Inspektorat/)
    expect(await reportByCode(code)).toEqual(before)
    // The accused unit never sees it, let alone the reporter's name.
    const accused = await login('kepala@test.local')
    await expect(staffLoader(args(get(`/petugas/laporan/${code}`, accused), { code }))).rejects.toMatchObject({ status: 404 })
  })

  it('the transfer list offers Inspektorat units only; the Inspektorat sees the reporter', async () => {
    const { code } = await file({ categoryId: category.get('perilaku_asn')! })
    const view = (await staffLoader(args(get(`/petugas/laporan/${code}`, await login('irban@test.local')), { code }))) as any
    const kinds = await t.db.selectFrom('units').select(['id', 'kind']).where('jurisdiction_id', '=', jurisdiction.id).execute()
    const kindOf = new Map(kinds.map((k) => [k.id, k.kind]))
    for (const u of view.transferUnits) expect(kindOf.get(u.id)).toBe('inspektorat')
    expect(view.contact?.name).toBe('Siti')
  })

  it('a confidential report the Inspektorat holds stays there too; an ordinary one may move', async () => {
    // An ordinary confidential report sent to the Inspektorat by the triage desk.
    const { code } = await file({ categoryId: category.get('lainnya')!, privacy: 'confidential' })
    await act(code, { type: 'transfer' }, { email: 'triage@test.local', toUnitId: unit.get('inspektorat')! })
    expect((await reportByCode(code)).current_unit_id).toBe(unit.get('inspektorat'))
    const reply = unwrap(await staffPost(code, 'irban@test.local', { intent: 'transfer', toUnitId: String(unit.get('dlh')!) }))
    expect(reply.status).toBe(400)
    expect((await reportByCode(code)).current_unit_id).toBe(unit.get('inspektorat'))

    const ordinary = (await file({ categoryId: category.get('lainnya')!, privacy: 'public' })).code
    await act(ordinary, { type: 'transfer' }, { email: 'triage@test.local', toUnitId: unit.get('dlh')! })
    expect((await reportByCode(ordinary)).current_unit_id).toBe(unit.get('dlh'))
  })

  it('a misconduct report outside the Inspektorat (no Inspektorat when it was filed) hides the reporter', async () => {
    const { code } = await file({ categoryId: category.get('perilaku_asn')! })
    // Simulate routing without an Inspektorat: the report sits with the triage desk.
    await t.db
      .updateTable('reports')
      .set({ current_unit_id: unit.get('diskominfo')! })
      .where('code', '=', code)
      .execute()
    const view = (await staffLoader(args(get(`/petugas/laporan/${code}`, await login('triage@test.local')), { code }))) as any
    expect(view.contact).toBeNull()
    expect(JSON.stringify(view)).not.toContain('siti@example.com')
    for (const u of view.transferUnits) expect(u.id).toBe(unit.get('inspektorat'))
  })
})

describe('executives read any report of their jurisdiction, and act on none (issue 7 §3)', () => {
  const open = async (code: string, email: string) => staffLoader(args(get(`/petugas/laporan/${code}`, await login(email)), { code })) as Promise<any>
  const counts = async (reportId: number) => ({
    events: Number(
      (
        await t.db
          .selectFrom('report_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('report_id', '=', reportId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
    outbox: Number(
      (
        await t.db
          .selectFrom('notification_outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  })

  it("opens a report of any unit of its jurisdiction read-only, without the reporter's contact", async () => {
    const { code } = await file()
    const view = await open(code, 'walikota@test.local')
    expect(view.report.code).toBe(code)
    expect(view.actions).toEqual([])
    expect(view.notes).toEqual([])
    expect(view.transferUnits).toEqual([])
    expect(view.contact).toBeNull()
    expect(JSON.stringify(view)).not.toContain('siti@example.com')
    // The page renders no action form at all; an officer's page of the same report does.
    const render = (loaderData: unknown) =>
      renderRoute({
        path: '/petugas/laporan/:code',
        url: `/petugas/laporan/${code}`,
        Component: StaffReportPage,
        loaderData: JSON.parse(JSON.stringify(loaderData)),
      })
    const html = render(view)
    expect(html).toContain(code)
    expect(html).not.toMatch(/<form[^>]*method="post"/i)
    expect(html).not.toContain('name="intent"')
    expect(html).toContain('tanpa hak tindakan')
    expect(render(await open(code, 'pju@test.local'))).toContain('name="intent"')
    // A confidential report outside the Inspektorat is still the mayor's to read.
    const confidential = (await file({ privacy: 'confidential' })).code
    expect((await open(confidential, 'walikota@test.local')).report.code).toBe(confidential)
  })

  it("gets 404 for another jurisdiction's report", async () => {
    const { code } = await file()
    await expect(open(code, 'walikota-madiun@test.local')).rejects.toMatchObject({ status: 404 })
  })

  it('gets 404 for misconduct reports and confidential reports the Inspektorat holds', async () => {
    const misconduct = (await file({ categoryId: category.get('perilaku_asn')! })).code
    await expect(open(misconduct, 'walikota@test.local')).rejects.toMatchObject({ status: 404 })
    // Wherever a misconduct report sits, it stays out of the executive's sight.
    await t.db
      .updateTable('reports')
      .set({ current_unit_id: unit.get('diskominfo')! })
      .where('code', '=', misconduct)
      .execute()
    await expect(open(misconduct, 'walikota@test.local')).rejects.toMatchObject({ status: 404 })
    const confidential = (await file({ categoryId: category.get('lainnya')!, privacy: 'confidential' })).code
    await act(confidential, { type: 'transfer' }, { email: 'triage@test.local', toUnitId: unit.get('inspektorat')! })
    await expect(open(confidential, 'walikota@test.local')).rejects.toMatchObject({ status: 404 })
    // The Inspektorat itself still sees both.
    expect((await open(confidential, 'irban@test.local')).report.code).toBe(confidential)
  })

  it.each<Record<string, string>>([
    { intent: 'verify' },
    { intent: 'start' },
    { intent: 'resolve', body: 'Sudah diperbaiki.' },
    { intent: 'reject', reason: 'out_of_remit' },
    { intent: 'transfer', toUnitId: 'dlh' },
    { intent: 'public_update', body: 'Kabar' },
    { intent: 'internal_note', body: 'Catatan' },
    { intent: 'nonsense' },
  ])('answers 403 to a POST with intent $intent and writes nothing', async (fields) => {
    const { code } = await file()
    const before = await reportByCode(code)
    const beforeCounts = await counts(before.id)
    const body = { ...fields }
    if (body.toUnitId) body.toUnitId = String(unit.get(body.toUnitId)!)
    const reply = await staffPost(code, 'walikota@test.local', body).then(
      (r) => r,
      (e: unknown) => e,
    )
    expect(reply).toBeInstanceOf(Response)
    expect((reply as Response).status).toBe(403)
    expect(await reportByCode(code)).toEqual(before)
    expect(await counts(before.id)).toEqual(beforeCounts)
  })
})
