// Issue 10 §1: all four anti-gaming flags and the ASN scorecard on hand-built reports,
// with who may see them (scope in the query's where).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ReportStatus } from '~/domain/vocabulary'
import { startSession } from '~/utils/auth.server'
import { useDatabaseForTests } from '~/utils/db.server'
import { loader as dashboardLoader } from '~/routes/dasbor'
import { loader as csvLoader } from '~/routes/dasbor[.]csv'
import { loader as flagsLoader } from '~/routes/dasbor_.tanda'
import Scorecards, { loader as scorecardLoader } from '~/routes/petugas.kinerja'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { renderRoute } from '../support/render-route'
import { thrown } from '../support/routes'

let t: TestDatabase
const H = 3600_000
const MIN = 60_000
let malang: number
let madiun: number
let unitA: number
let unitB: number
let category: number
let misconduct: number
const users: Record<string, number> = {}
let seq = 0

interface ReportOpts {
  unitId: number
  created: string
  status?: ReportStatus
  resolvedAfterMin?: number
  firstResponseAfterMin?: number
  rejectReason?: 'out_of_remit'
  categoryId?: number
  jurisdictionId?: number
}

async function report(o: ReportOpts) {
  const created = new Date(o.created)
  const resolved = o.resolvedAfterMin === undefined ? null : new Date(created.getTime() + o.resolvedAfterMin * MIN)
  const row = await t.db
    .insertInto('reports')
    .values({
      code: `MLG-F${String(seq++).padStart(5, '0').replace(/0/g, 'Z').replace(/1/g, 'Y')}`,
      jurisdiction_id: o.jurisdictionId ?? malang,
      category_id: o.categoryId ?? category,
      description: 'Data uji tanda dan kartu skor yang cukup panjang.',
      privacy: 'public',
      status: o.status ?? (resolved ? 'resolved' : 'in_progress'),
      reject_reason: o.rejectReason ?? null,
      current_unit_id: o.unitId,
      created_at: created,
      first_response_at: o.firstResponseAfterMin === undefined ? null : new Date(created.getTime() + o.firstResponseAfterMin * MIN),
      resolved_at: resolved,
      response_due_at: new Date(created.getTime() + 2 * H),
      resolution_due_at: new Date(created.getTime() + 10 * H),
    })
    .returning(['id', 'code', 'created_at'])
    .executeTakeFirstOrThrow()
  return { id: row.id, code: row.code, created }
}

async function event(
  reportId: number,
  at: Date,
  e: {
    type: 'resolved' | 'reopened' | 'public_update' | 'status_changed'
    actor: 'staff' | 'reporter'
    userId?: number
    body?: string
    visibility?: 'public' | 'internal'
    to?: ReportStatus
  },
) {
  await t.db
    .insertInto('report_events')
    .values({
      report_id: reportId,
      created_at: at,
      actor_kind: e.actor,
      actor_user_id: e.actor === 'staff' ? (e.userId ?? users.o1!) : null,
      type: e.type,
      to_status: e.to ?? (e.type === 'resolved' ? 'resolved' : null),
      body: e.body ?? null,
      visibility: e.visibility ?? 'public',
    })
    .execute()
}

async function addUser(key: string, j: number, role: 'executive' | 'supervisor' | 'officer' | 'admin' | 'inspector', unitId: number | null) {
  const row = await t.db
    .insertInto('users')
    .values({ jurisdiction_id: j, email: `${key}@flags.test`, name: `Uji ${key}`, password_hash: '$argon2id$test-only-not-a-hash', role, unit_id: unitId })
    .returning('id')
    .executeTakeFirstOrThrow()
  users[key] = row.id
}

async function get(path: string, key: string | null) {
  const headers: Record<string, string> = {}
  if (key) headers.Cookie = (await startSession(users[key]!, '/')).headers.get('Set-Cookie')!.split(';')[0]!
  return new Request(`http://localhost${path}`, { headers })
}
const call = async (loader: (a: any) => Promise<unknown>, path: string, key: string | null) =>
  loader({ request: await get(path, key), params: {}, context: {} }) as Promise<any>

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const js = await t.db.selectFrom('jurisdictions').select(['id', 'slug']).execute()
  malang = js.find((j) => j.slug === 'kota-malang')!.id
  madiun = js.find((j) => j.slug === 'kota-madiun')!.id
  const units = await t.db
    .selectFrom('units')
    .select('id')
    .where('jurisdiction_id', '=', malang)
    .where('kind', '<>', 'inspektorat')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .limit(2)
    .execute()
  unitA = units[0]!.id
  unitB = units[1]!.id
  const cats = await t.db.selectFrom('categories').select(['id', 'is_misconduct']).where('jurisdiction_id', '=', malang).orderBy('id').execute()
  category = cats.find((c) => !c.is_misconduct)!.id
  misconduct = cats.find((c) => c.is_misconduct)!.id
  const inspektorat = await t.db
    .selectFrom('units')
    .select('id')
    .where('jurisdiction_id', '=', malang)
    .where('kind', '=', 'inspektorat')
    .executeTakeFirstOrThrow()
  const madiunUnit = await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', madiun).orderBy('id').executeTakeFirstOrThrow()
  await addUser('exec', malang, 'executive', null)
  await addUser('inspector', malang, 'inspector', inspektorat.id)
  await addUser('admin', malang, 'admin', null)
  await addUser('supA', malang, 'supervisor', unitA)
  await addUser('o1', malang, 'officer', unitA)
  await addUser('o2', malang, 'officer', unitA)
  await addUser('o3', malang, 'officer', unitB)
  await addUser('oMadiun', madiun, 'officer', madiunUnit.id)
  await addUser('execMadiun', madiun, 'executive', null)
}, 120_000)
afterAll(() => t?.close())

// ---- Anti-gaming flags: period 2026-06-01 … 2026-06-30 (WIB) ----
const FLAGS = '?dari=2026-06-01&sampai=2026-06-30'

describe('anti-gaming flags (hand-built cases)', () => {
  const codes: Record<string, string> = {}
  const remit: string[] = []
  beforeAll(async () => {
    // 1. Resolved in 3 minutes, nothing public: flagged. The same with a public update or after 6 minutes: not.
    const fast = await report({ unitId: unitA, created: '2026-06-02T03:00:00Z', resolvedAfterMin: 3 })
    codes.fast = fast.code
    const fastUpdated = await report({ unitId: unitA, created: '2026-06-02T04:00:00Z', resolvedAfterMin: 3 })
    await event(fastUpdated.id, new Date(fastUpdated.created.getTime() + 2 * MIN), { type: 'public_update', actor: 'staff', body: 'Sudah kami tambal.' })
    codes.fastUpdated = fastUpdated.code
    codes.slow = (await report({ unitId: unitA, created: '2026-06-02T05:00:00Z', resolvedAfterMin: 6 })).code
    // 2. Resolved, then reopened by the reporter: flagged; reopened by the system (auto): not.
    const reopened = await report({ unitId: unitA, created: '2026-06-03T03:00:00Z', resolvedAfterMin: 120 })
    await event(reopened.id, new Date(reopened.created.getTime() + 200 * MIN), { type: 'reopened', actor: 'reporter' })
    codes.reopened = reopened.code
    // 3. The first response only changed the status (no public text): flagged; a public text at that moment: not.
    const statusOnly = await report({ unitId: unitA, created: '2026-06-04T03:00:00Z', firstResponseAfterMin: 30 })
    await event(statusOnly.id, new Date(statusOnly.created.getTime() + 30 * MIN), {
      type: 'status_changed',
      actor: 'staff',
      to: 'in_progress',
      visibility: 'internal',
    })
    codes.statusOnly = statusOnly.code
    const answered = await report({ unitId: unitA, created: '2026-06-04T04:00:00Z', firstResponseAfterMin: 30 })
    await event(answered.id, new Date(answered.created.getTime() + 30 * MIN), { type: 'public_update', actor: 'staff', body: 'Petugas menuju lokasi.' })
    codes.answered = answered.code
    // 4. Unit B: usually 1 in 20 "not our remit" (the 12 months before); in June 4 of 10 → unusual.
    for (let i = 0; i < 20; i++)
      await report({
        unitId: unitB,
        created: `2026-0${1 + (i % 5)}-1${i % 9}T03:00:00Z`,
        ...(i === 0 ? { status: 'rejected', rejectReason: 'out_of_remit' } : {}),
      })
    for (let i = 0; i < 10; i++) {
      const r = await report({ unitId: unitB, created: `2026-06-1${i}T03:00:00Z`, ...(i < 4 ? { status: 'rejected', rejectReason: 'out_of_remit' } : {}) })
      if (i < 4) remit.push(r.code)
    }
  }, 120_000)

  it('computes all four flags and lists them with links, for executives on /dasbor', async () => {
    const d = await call(dashboardLoader, `/dasbor${FLAGS}`, 'exec')
    const byCode = new Map<string, string[]>(d.flags.reports.map((r: { code: string; flags: string[] }) => [r.code, r.flags]))
    expect(byCode.get(codes.fast!)).toEqual(['fast_close'])
    expect(byCode.get(codes.reopened!)).toEqual(['reopened_by_reporter'])
    expect(byCode.get(codes.statusOnly!)).toEqual(['status_only_response'])
    for (const code of remit) expect(byCode.get(code)).toEqual(['out_of_remit_excess'])
    for (const key of ['fastUpdated', 'slow', 'answered']) expect(byCode.has(codes[key]!)).toBe(false)
    expect(byCode.size).toBe(7)
    // The unit behind the remit flag, with its rates: 4/10 against a usual 1/20.
    expect(d.flags.units).toEqual([expect.objectContaining({ unitId: unitB, reports: 10, rejected: 4, rate: 0.4, usualRate: 0.05 })])
  })

  it('gives the same list as CSV with the same filters, to executives only', async () => {
    const res = (await call(csvLoader, `/dasbor.csv${FLAGS}&tabel=tanda`, 'exec')) as Response
    const lines = (await res.text()).trim().split('\r\n')
    expect(lines[0]).toBe('code,created_at,unit,flags')
    expect(lines).toHaveLength(8)
    expect(lines.find((l) => l.startsWith(codes.fast!))).toMatch(/,fast_close$/)
    // Narrowed to unit A: the remit rejections of unit B are gone.
    const a = (await call(csvLoader, `/dasbor.csv${FLAGS}&tabel=tanda&unit=${unitA}`, 'exec')) as Response
    expect((await a.text()).trim().split('\r\n')).toHaveLength(4)
    expect((await thrown(() => call(csvLoader, `/dasbor.csv${FLAGS}&tabel=tanda`, 'supA'))).status).toBe(403)
  })

  it('does not flag a unit at its usual rate', async () => {
    // Unit A in June: no out-of-remit rejection at all.
    const d = await call(dashboardLoader, `/dasbor${FLAGS}&unit=${unitA}`, 'exec')
    expect(d.flags.units).toEqual([])
  })

  it('shows the same list to the Inspektorat on /dasbor/tanda, and to nobody else', async () => {
    const insp = await call(flagsLoader, `/dasbor/tanda${FLAGS}`, 'inspector')
    expect(insp.flags.reports).toHaveLength(7)
    expect(insp.executive).toBe(false)
    for (const key of ['supA', 'o1', 'admin']) expect((await thrown(() => call(flagsLoader, `/dasbor/tanda${FLAGS}`, key))).status).toBe(403)
    expect((await thrown(() => call(flagsLoader, `/dasbor/tanda${FLAGS}`, null))).status).toBe(302)
    expect((await call(dashboardLoader, `/dasbor${FLAGS}`, 'supA')).flags).toBeNull()
    // Another jurisdiction's executive sees none of Malang's.
    expect((await call(flagsLoader, `/dasbor/tanda${FLAGS}`, 'execMadiun')).flags.reports).toEqual([])
  })
})

// ---- ASN scorecard: period 2026-08-01 … 2026-08-31 ----
const CARD = '/petugas/kinerja?dari=2026-08-01&sampai=2026-08-31'

describe('ASN scorecard (hand-built cases)', () => {
  beforeAll(async () => {
    // o1 resolves 30 reports in August: 24 within the 10 h target, 6 after it.
    for (let i = 0; i < 30; i++) {
      const created = `2026-08-${String(1 + (i % 28)).padStart(2, '0')}T01:00:00Z`
      const after = i < 24 ? 5 * 60 : 12 * 60
      const r = await report({ unitId: unitA, created, resolvedAfterMin: after })
      const at = new Date(r.created.getTime() + after * MIN)
      await event(r.id, at, { type: 'resolved', actor: 'staff', userId: users.o1!, body: 'Selesai.' })
      // 10 confirmed fixed (5 stars), 5 rated not fixed (2 stars), the rest unrated; 3 reopened by the reporter.
      if (i < 15)
        await t.db
          .insertInto('ratings')
          .values({ report_id: r.id, resolution_number: 1, score: i < 10 ? 5 : 2, fixed: i < 10 ? 'yes' : 'no', created_at: new Date(at.getTime() + H) })
          .execute()
      if (i >= 27) await event(r.id, new Date(at.getTime() + 2 * H), { type: 'reopened', actor: 'reporter' })
    }
    // Not counted for o1: a misconduct report, and a resolution in July.
    const m = await report({ unitId: unitA, created: '2026-08-05T01:00:00Z', resolvedAfterMin: 60, categoryId: misconduct })
    await event(m.id, new Date(m.created.getTime() + H), { type: 'resolved', actor: 'staff', userId: users.o1! })
    const july = await report({ unitId: unitA, created: '2026-07-30T01:00:00Z', resolvedAfterMin: 60 })
    await event(july.id, new Date(july.created.getTime() + H), { type: 'resolved', actor: 'staff', userId: users.o1! })
    // o2 resolves 2, o3 (unit B) 1.
    for (const key of ['o2', 'o2', 'o3']) {
      const r = await report({ unitId: key === 'o3' ? unitB : unitA, created: '2026-08-10T01:00:00Z', resolvedAfterMin: 60 })
      await event(r.id, new Date(r.created.getTime() + H), { type: 'resolved', actor: 'staff', userId: users[key]! })
    }
  }, 120_000)

  const rows = async (key: string) => ((await call(scorecardLoader, CARD, key)).rows as { id: number }[]).map((r) => r.id).sort((a, b) => a - b)

  it('computes an officer’s results from hand-counted cases', async () => {
    const d = await call(scorecardLoader, CARD, 'o1')
    expect(d.rows).toEqual([
      {
        id: users.o1,
        name: 'Uji o1',
        unit: expect.any(String),
        handled: 30,
        enough: true,
        onTimeShare: 0.8, // 24 / 30
        confirmedFixedRate: 10 / 30,
        meanRating: 4, // (10 × 5 + 5 × 2) / 15
        ratings: 15,
        reopenRate: 0.1, // 3 / 30
      },
    ])
  })

  it('shows only the count below the minimum n', async () => {
    const d = await call(scorecardLoader, CARD, 'supA')
    const o2 = d.rows.find((r: { id: number }) => r.id === users.o2)
    expect(o2).toMatchObject({ handled: 2, enough: false, onTimeShare: null, meanRating: null, reopenRate: null })
  })

  it('shows the officer their own row, the supervisor their unit’s officers, the executive the jurisdiction’s', async () => {
    expect(await rows('o1')).toEqual([users.o1])
    expect(await rows('o3')).toEqual([users.o3])
    expect(await rows('supA')).toEqual([users.o1, users.o2].sort((a, b) => a! - b!))
    expect(await rows('exec')).toEqual([users.o1, users.o2, users.o3].sort((a, b) => a! - b!))
    expect(await rows('execMadiun')).toEqual([users.oMadiun])
  })

  it('renders without JavaScript in both languages, saying it measures results, not hours', async () => {
    const data = await call(scorecardLoader, CARD, 'supA')
    const html = renderRoute({ path: '/petugas/kinerja', Component: Scorecards, loaderData: data })
    expect(html).toContain('bukan jam kerja')
    expect(html).toContain('value="2026-08-01"')
    expect(html).toContain('Uji o1')
    expect(html).toContain('n terlalu kecil') // o2
    const en = renderRoute({ path: '/petugas/kinerja', Component: Scorecards, loaderData: data, locale: 'en' })
    expect(en).toContain('not hours worked')
  })

  it('refuses admins, inspectors and the signed-out', async () => {
    for (const key of ['admin', 'inspector']) expect((await thrown(() => call(scorecardLoader, CARD, key))).status).toBe(403)
    expect((await thrown(() => call(scorecardLoader, CARD, null))).status).toBe(302)
  })
})
