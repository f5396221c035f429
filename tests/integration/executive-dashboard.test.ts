// /dasbor (issue 10 §3): filters, scope and previous-period deltas on hand-made reports,
// through the rollups; the loader's access rules and the CSV's columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { refreshRollups } from '~/models/metric-rollup.server'
import { loadDashboardView } from '~/services/dashboard-view.server'
import { startSession } from '~/utils/auth.server'
import { useDatabaseForTests } from '~/utils/db.server'
import Dashboard, { loader as dashboardLoader } from '~/routes/dasbor'
import { loader as csvLoader } from '~/routes/dasbor[.]csv'
import { loader as listLoader } from '~/routes/dasbor.laporan'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { renderRoute } from '../support/render-route'
import { thrown } from '../support/routes'

let t: TestDatabase
// Noon WIB on 2026-11-20; the period asked for is 2026-11-01 … 2026-11-10 (10 days),
// so the previous period is 2026-10-22 … 2026-10-31.
const NOW = new Date('2026-11-20T05:00:00Z')
const H = 3600_000
const PERIOD = 'dari=2026-11-01&sampai=2026-11-10'
let malang: number
let madiun: number
let unitA: number
let childOfA: number
let unitB: number
let kecamatan: { id: number; kelurahan: number }
const users: Record<string, { id: number; jurisdictionId: number; role: 'executive' | 'supervisor' | 'officer' | 'admin'; unitId: number | null }> = {}
let seq = 0

async function report(j: number, unitId: number, day: string, opts: { resolveAfterH?: number; areaId?: number | null } = {}) {
  const created = new Date(`${day}T03:00:00Z`) // 10:00 WIB
  const category = await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', j).orderBy('id').executeTakeFirstOrThrow()
  await t.db
    .insertInto('reports')
    .values({
      code: `${j === malang ? 'MLG' : 'MDN'}-D${String(seq++).padStart(4, '0').replace(/0/g, 'Z').replace(/1/g, 'Y')}X`,
      jurisdiction_id: j,
      category_id: category.id,
      description: 'Data uji dasbor eksekutif yang cukup panjang.',
      privacy: 'public',
      status: opts.resolveAfterH === undefined ? 'in_progress' : 'resolved',
      current_unit_id: unitId,
      area_id: opts.areaId ?? null,
      created_at: created,
      first_response_at: new Date(created.getTime() + H),
      resolved_at: opts.resolveAfterH === undefined ? null : new Date(created.getTime() + opts.resolveAfterH * H),
      response_due_at: new Date(created.getTime() + 2 * H),
      resolution_due_at: new Date(created.getTime() + 10 * H),
    })
    .execute()
}

async function addUser(key: string, j: number, role: 'executive' | 'supervisor' | 'officer' | 'admin', unitId: number | null) {
  const row = await t.db
    .insertInto('users')
    .values({ jurisdiction_id: j, email: `${key}@dasbor.test`, name: `Uji ${key}`, password_hash: '$argon2id$test-only-not-a-hash', role, unit_id: unitId })
    .returning('id')
    .executeTakeFirstOrThrow()
  users[key] = { id: row.id, jurisdictionId: j, role, unitId }
}

async function cookieFor(key: string) {
  const res = await startSession(users[key]!.id, '/')
  return res.headers.get('Set-Cookie')!.split(';')[0]!
}

const request = async (path: string, key: string) => new Request(`http://localhost${path}`, { headers: { Cookie: await cookieFor(key) } })

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
    .where('parent_id', 'is', null)
    .orderBy('id')
    .limit(2)
    .execute()
  unitA = units[0]!.id
  unitB = units[1]!.id
  const child = await t.db
    .insertInto('units')
    .values({ jurisdiction_id: malang, key: 'uji-anak', name: 'Unit Uji Anak', short_name: 'UJIANAK', kind: 'upt', parent_id: unitA })
    .returning('id')
    .executeTakeFirstOrThrow()
  childOfA = child.id
  const kec = await t.db
    .selectFrom('areas')
    .select('id')
    .where('jurisdiction_id', '=', malang)
    .where('level', '=', 'kecamatan')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const kel = await t.db.selectFrom('areas').select('id').where('parent_id', '=', kec.id).orderBy('id').executeTakeFirstOrThrow()
  kecamatan = { id: kec.id, kelurahan: kel.id }
  const madiunUnit = await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', madiun).orderBy('id').executeTakeFirstOrThrow()

  // Current period: A 3 (one in a kelurahan of the kecamatan), its child 1, B 1 — 5 reports, 3 resolved.
  await report(malang, unitA, '2026-11-02', { resolveAfterH: 5, areaId: kecamatan.kelurahan })
  await report(malang, unitA, '2026-11-03', { resolveAfterH: 20 })
  await report(malang, unitA, '2026-11-09')
  await report(malang, childOfA, '2026-11-05', { resolveAfterH: 8 })
  await report(malang, unitB, '2026-11-10')
  // Previous period: 2 reports in A, both resolved on time.
  await report(malang, unitA, '2026-10-22', { resolveAfterH: 4 })
  await report(malang, unitA, '2026-10-31', { resolveAfterH: 6 })
  // Outside both periods, and Madiun's reports in the same days: never counted for Malang.
  await report(malang, unitA, '2026-10-21', { resolveAfterH: 1 })
  for (const day of ['2026-11-02', '2026-11-03', '2026-11-04', '2026-10-25']) await report(madiun, madiunUnit.id, day, { resolveAfterH: 50 })

  for (const j of [malang, madiun]) await t.db.transaction().execute((trx) => refreshRollups(trx, j, NOW))
  await addUser('exec', malang, 'executive', null)
  await addUser('supA', malang, 'supervisor', unitA)
  await addUser('supB', malang, 'supervisor', unitB)
  await addUser('officer', malang, 'officer', unitA)
  await addUser('execMadiun', madiun, 'executive', null)
}, 120_000)
afterAll(() => t?.close())

const view = (key: string, query = PERIOD) => loadDashboardView(t.db, users[key]!, new URLSearchParams(query), NOW)

describe('dashboard figures with filters and deltas', () => {
  it('counts the period and the previous period of the same length', async () => {
    const v = await view('exec')
    expect(v.filter).toMatchObject({ from: '2026-11-01', to: '2026-11-10' })
    expect(v.data.previousPeriod).toEqual({ from: '2026-10-22', to: '2026-10-31' })
    expect(v.data.city?.reports).toBe(5)
    expect(v.data.city?.resolved).toBe(3)
    expect(v.data.previous?.reports).toBe(2)
    // On-time resolution: 5 h and 8 h on time, 20 h late, two open reports long overdue at NOW → 2/5; before: 2/2.
    expect(v.data.city?.onTimeResolutionShare).toBeCloseTo(2 / 5, 10)
    expect(v.data.previous?.onTimeResolutionShare).toBe(1)
  })

  it('narrows to a unit with its sub-units, a kecamatan with its kelurahan', async () => {
    expect((await view('exec', `${PERIOD}&unit=${unitA}`)).data.city?.reports).toBe(4)
    expect((await view('exec', `${PERIOD}&unit=${unitB}`)).data.city?.reports).toBe(1)
    expect((await view('exec', `${PERIOD}&kecamatan=${kecamatan.id}`)).data.city?.reports).toBe(1)
  })

  it('a supervisor sees only their subtree, and cannot widen it with a filter', async () => {
    const a = await view('supA')
    expect(a.data.city?.reports).toBe(4)
    const pickable = a.options.units.map((u) => u.id)
    expect(pickable).toEqual(expect.arrayContaining([unitA, childOfA]))
    expect(pickable).not.toContain(unitB)
    const b = await view('supB', `${PERIOD}&unit=${unitA}`)
    expect(b.invalid).toContain('unit')
    expect(b.data.city?.reports).toBe(1)
    expect(b.data.units.map((u) => u.reports)).toEqual([1])
  })

  it("never mixes Madiun's reports into Malang's figures, nor the other way", async () => {
    const m = await view('execMadiun')
    expect(m.data.city?.reports).toBe(3)
    expect(m.data.previous?.reports).toBe(1)
    // A Malang unit id in Madiun's URL is rejected, not followed.
    expect((await view('execMadiun', `${PERIOD}&unit=${unitA}`)).invalid).toContain('unit')
    expect((await view('exec')).data.units.reduce((s, u) => s + u.reports, 0)).toBe(5)
  })

  it('puts open reports in age bands with the overdue ones', async () => {
    const v = await view('exec')
    const band = (b: string) => v.data.backlog.find((x) => x.band === b)!
    // Opened 11 and 10 days before NOW (noon WIB 2026-11-20): both in 7–30 days, both overdue.
    expect(band('d7_30')).toEqual({ band: 'd7_30', open: 2, overdue: 2 })
    expect(v.data.backlog.reduce((s, b) => s + b.open, 0)).toBe(2)
  })
})

describe('anti-gaming flags', () => {
  it('lists a 3-minute close without update or photo, to executives only', async () => {
    // In September: outside every other test's periods.
    await report(malang, unitB, '2026-09-15', { resolveAfterH: 0.05 })
    await report(malang, unitB, '2026-09-16', { resolveAfterH: 0.1 }) // 6 minutes: not flagged
    const q = `/dasbor?dari=2026-09-01&sampai=2026-09-30`
    const exec = (await dashboardLoader({ request: await request(q, 'exec'), params: {}, context: {} })) as any
    expect(exec.flags.reports).toHaveLength(1)
    expect(exec.flags.reports[0].flags).toEqual(['fast_close'])
    expect(exec.flags.reports[0].code).toMatch(/^MLG-/)
    const sup = (await dashboardLoader({ request: await request(q, 'supB'), params: {}, context: {} })) as any
    expect(sup.flags).toBeNull()
  })
})

describe('/dasbor routes', () => {
  const args = (req: Request) => ({ request: req, params: {}, context: {} })

  it('refuses officers (403) and sends the signed-out to the login page', async () => {
    for (const load of [dashboardLoader, csvLoader, listLoader]) {
      const res = await thrown(async () => load(args(await request(`/dasbor?${PERIOD}`, 'officer'))))
      expect(res.status).toBe(403)
    }
    const res = await thrown(async () => dashboardLoader(args(new Request('http://localhost/dasbor'))))
    expect(res.status).toBe(302)
  })

  it('serves a supervisor the page within their subtree, bad filters ignored', async () => {
    const data = (await dashboardLoader(args(await request(`/dasbor?${PERIOD}&kategori=abc`, 'supA')))) as any
    expect(data.data.city.reports).toBe(4)
    expect(data.invalid).toEqual(['kategori'])
  })

  it('renders without JavaScript: filters kept in the form, KPI changes, drill-down and CSV links', async () => {
    const data = await dashboardLoader(args(await request(`/dasbor?${PERIOD}&unit=${unitA}`, 'exec')))
    const html = renderRoute({ path: '/dasbor', Component: Dashboard, loaderData: data })
    expect(html).toContain('value="2026-11-01"')
    expect(html).toContain('sebelumnya: 0')
    expect(html).toContain(`/dasbor/laporan?dari=2026-11-01&amp;sampai=2026-11-10&amp;unit=${unitA}`)
    expect(html).toContain(`/dasbor.csv?tabel=unit&amp;dari=2026-11-01&amp;sampai=2026-11-10&amp;unit=${unitA}`)
    expect((html.match(/<table/g) ?? []).length).toBeGreaterThanOrEqual(8)
    const en = renderRoute({ path: '/dasbor', Component: Dashboard, loaderData: data, locale: 'en' })
    expect(en).toContain('Office league table')
  })

  it('gives every table as CSV with its columns and the same filters', async () => {
    const csv = async (table: string, extra = '') => {
      const res = (await csvLoader(args(await request(`/dasbor.csv?tabel=${table}&${PERIOD}${extra}`, 'exec')))) as Response
      expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
      return (await res.text()).split('\r\n')
    }
    const unit = await csv('unit')
    expect(unit[0]).toBe(
      'rank,score,key,name,reports,resolved,open,median_hours_to_first_response,p90_hours_to_first_response,median_hours_to_resolution,p90_hours_to_resolution,on_time_response_share,on_time_resolution_share,reopen_rate,mean_rating,ratings,ikm_score,ikm_grade,ikm_respondents',
    )
    expect(unit.length - 2).toBe(3) // A, its child, B
    const kpi = await csv('kpi', `&unit=${unitB}`)
    expect(kpi[0]).toBe('figure,current,previous')
    expect(kpi[1]).toBe('reports,1,0')
    expect((await csv('umur'))[0]).toBe('band,open,overdue')
    expect((await csv('minggu'))[0]).toContain(',partial_week')
    const bad = (await csvLoader(args(await request('/dasbor.csv?tabel=nope', 'exec')))) as Response
    expect(bad.status).toBe(400)
  })

  it('lists the reports behind a count, in scope, each linking to its staff page', async () => {
    const all = (await listLoader(args(await request(`/dasbor/laporan?${PERIOD}`, 'exec')))) as any
    expect(all.total).toBe(5)
    const open = (await listLoader(args(await request(`/dasbor/laporan?${PERIOD}&keadaan=open`, 'supB')))) as any
    expect(open.total).toBe(1)
    const aged = (await listLoader(args(await request(`/dasbor/laporan?${PERIOD}&umur=d7_30&keadaan=overdue`, 'exec')))) as any
    expect(aged.total).toBe(2)
    const exact = (await listLoader(args(await request(`/dasbor/laporan?${PERIOD}&unit=${unitA}&sub=0`, 'exec')))) as any
    expect(exact.total).toBe(3)
  })
})
