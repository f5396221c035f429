// The public list (/laporan, its map points and CSV), the home page's recent fixes, and
// several cities in one install (issue 8 §4–5), through the route loaders and actions.
import { hash } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARGON2_OPTIONS } from '#db/seed'
import { loader as prefixLoader } from '~/layouts/jurisdiction-prefix'
import { loader as homeLoader } from '~/routes/_index'
import { action as filingAction, loader as filingLoader } from '~/routes/lapor'
import { action as loginAction } from '~/routes/masuk'
import { loader as listLoader } from '~/routes/laporan._index'
import { loader as csvLoader } from '~/routes/laporan[.]csv'
import { loader as mapLoader } from '~/routes/laporan.peta[.]json'
import { loader as rootLoader } from '~/root'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { ORIGIN, thrown, unwrap } from '../support/routes'

// Read once, lazily, by getEnv(): set before the first loader runs.
process.env.JURISDICTION_HOSTS = 'lapor.madiunkota.go.id=kota-madiun'

let t: TestDatabase
const ids = {} as Record<'malang' | 'madiun' | 'pju' | 'sampah' | 'perilaku' | 'unit' | 'inspektorat' | 'kel1' | 'kel2' | 'kec1', number>

const args = (url: string, params: Record<string, string> = {}, init?: RequestInit) => ({
  request: new Request(url.startsWith('http') ? url : `${ORIGIN}${url}`, init),
  params,
  context: {},
})
const list = async (query = '', host = ORIGIN) => unwrap(await listLoader(args(`${host}/laporan${query}`)))

let seq = 0
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
/** A valid tracking code (reports_code_check) from a counter. */
function testCode(n: number) {
  let out = ''
  for (let i = 0; i < 6; i++, n = Math.floor(n / CODE_ALPHABET.length)) out = CODE_ALPHABET[n % CODE_ALPHABET.length] + out
  return `TST-${out}`
}
async function addReport(
  over: Partial<{
    category: number
    area: number
    privacy: 'public' | 'anonymous' | 'confidential'
    status: string
    daysAgo: number
    dueInDays: number
    supporters: number
    jurisdiction: number
    unit: number
    description: string
  }> = {},
) {
  const now = Date.now()
  const created = new Date(now - (over.daysAgo ?? 1) * 86_400_000)
  const code = testCode(++seq)
  const status = (over.status ?? 'submitted') as 'submitted'
  const resolved = status === ('resolved' as string) || status === ('closed' as string)
  const row = await t.db
    .insertInto('reports')
    .values({
      code,
      jurisdiction_id: over.jurisdiction ?? ids.malang,
      category_id: over.category ?? ids.pju,
      area_id: over.area ?? ids.kel1,
      lat: -7.9812345,
      lng: 112.6304321,
      description: over.description ?? `Laporan uji nomor ${seq}, lampu mati.`,
      privacy: over.privacy ?? 'public',
      status,
      current_unit_id: over.unit ?? ids.unit,
      created_at: created,
      updated_at: created,
      response_due_at: new Date(created.getTime() + 86_400_000),
      resolution_due_at: new Date(now + (over.dueInDays ?? 5) * 86_400_000),
      resolved_at: resolved ? new Date(now - 3600_000) : null,
      supporter_count: over.supporters ?? 0,
      reject_reason: status === ('rejected' as string) ? 'spam' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, code }
}

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const j = (slug: string) => t.db.selectFrom('jurisdictions').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
  ids.malang = (await j('kota-malang')).id
  ids.madiun = (await j('kota-madiun')).id
  const cat = async (code: string) =>
    (await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', ids.malang).where('code', '=', code).executeTakeFirstOrThrow()).id
  ids.pju = await cat('pju')
  ids.sampah = (
    await t.db
      .selectFrom('categories')
      .select('id')
      .where('jurisdiction_id', '=', ids.malang)
      .where('code', '!=', 'pju')
      .where('is_misconduct', '=', false)
      .executeTakeFirstOrThrow()
  ).id
  ids.perilaku = await cat('perilaku_asn')
  const unit = async (key: string) =>
    (await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', ids.malang).where('key', '=', key).executeTakeFirstOrThrow()).id
  ids.unit = await unit('dpuprpkp')
  ids.inspektorat = (
    await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', ids.malang).where('kind', '=', 'inspektorat').executeTakeFirstOrThrow()
  ).id
  const kel = await t.db
    .selectFrom('areas')
    .select(['id', 'parent_id'])
    .where('jurisdiction_id', '=', ids.malang)
    .where('level', '=', 'kelurahan')
    .orderBy('id')
    .limit(40)
    .execute()
  ids.kel1 = kel[0]!.id
  ids.kec1 = kel[0]!.parent_id!
  ids.kel2 = kel.find((k) => k.parent_id !== ids.kec1)!.id
})
afterAll(() => t?.close())

describe('/laporan: privacy', () => {
  let visible: string, anonymous: string, confidential: string, misconduct: string, rejected: string, madiun: string
  beforeAll(async () => {
    visible = (await addReport({ description: '=HYPERLINK("http://jahat","klik")' })).code
    anonymous = (await addReport({ privacy: 'anonymous' })).code
    confidential = (await addReport({ privacy: 'confidential' })).code
    misconduct = (await addReport({ category: ids.perilaku, privacy: 'public', unit: ids.inspektorat })).code
    rejected = (await addReport({ status: 'rejected' })).code
    const mdnUnit = await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', ids.madiun).executeTakeFirstOrThrow()
    const mdnCat = await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', ids.madiun).executeTakeFirstOrThrow()
    const mdnKel = await t.db
      .selectFrom('areas')
      .select('id')
      .where('jurisdiction_id', '=', ids.madiun)
      .where('level', '=', 'kelurahan')
      .executeTakeFirstOrThrow()
    madiun = (await addReport({ jurisdiction: ids.madiun, unit: mdnUnit.id, category: mdnCat.id, area: mdnKel.id })).code
    await t.db
      .insertInto('report_contacts')
      .values({
        report_id: (await t.db.selectFrom('reports').select('id').where('code', '=', visible).executeTakeFirstOrThrow()).id,
        name: 'Siti Rahasia',
        email: 'siti@example.com',
        phone: '+6281234567890',
      })
      .execute()
  })

  it('the list: never confidential, misconduct, rejected or another city; points rounded, anonymous without one', async () => {
    const r = await list()
    expect(r.status).toBe(200)
    const codes = r.data.reports.map((x: { code: string }) => x.code)
    expect(codes).toContain(visible)
    expect(codes).toContain(anonymous)
    for (const hidden of [confidential, misconduct, rejected, madiun]) expect(codes).not.toContain(hidden)
    const pub = r.data.reports.find((x: { code: string }) => x.code === visible)
    expect(pub).toMatchObject({ lat: -7.981, lng: 112.63 })
    expect(r.data.reports.find((x: { code: string }) => x.code === anonymous)).toMatchObject({ lat: null, lng: null })
    const text = JSON.stringify(r.data)
    for (const secret of ['Siti Rahasia', 'siti@example.com', '6281234567890', '7.9812345', '112.6304321', 'reporter_token']) expect(text).not.toContain(secret)
  })

  it('the map JSON: public points only, rounded; anonymous, confidential and misconduct absent', async () => {
    const response = (await mapLoader(args('/laporan/peta.json?zoom=19'))) as Response
    expect(response.status).toBe(200)
    const body = await response.json()
    const text = JSON.stringify(body)
    expect(text).toContain(visible)
    for (const hidden of [anonymous, confidential, misconduct, madiun]) expect(text).not.toContain(hidden)
    expect(text).not.toContain('7.9812345')
    const bad = (await mapLoader(args('/laporan/peta.json?zoom=99'))) as Response
    expect(bad.status).toBe(400)
  })

  it('the CSV: same rows, no contact data, formula cells neutralised', async () => {
    const response = (await csvLoader(args('/laporan.csv'))) as Response
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/text\/csv/)
    expect(response.headers.get('Content-Disposition')).toMatch(/attachment; filename="laporan-kota-malang-/)
    const text = await response.text()
    expect(text).toContain(visible)
    expect(text).toContain(anonymous)
    for (const hidden of [confidential, misconduct, rejected, madiun, 'Siti Rahasia', 'siti@example.com', '6281234567890', '7.9812345'])
      expect(text).not.toContain(hidden)
    expect(text).toContain(`"'=HYPERLINK(""http://jahat"",""klik"")"`)
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m)
  })

  it("Madiun's list under its prefix and on its host holds Madiun's reports only", async () => {
    const prefixed = unwrap(await listLoader(args('/kota-madiun/laporan', { jurisdiction: 'kota-madiun' })))
    expect(prefixed.data.reports.map((x: { code: string }) => x.code)).toEqual([madiun])
    const byHost = await list('', 'http://lapor.madiunkota.go.id')
    expect(byHost.data.reports.map((x: { code: string }) => x.code)).toEqual([madiun])
  })
})

describe('/laporan: filters, sort and paging', () => {
  let base: number
  beforeAll(async () => {
    base = (await list()).data.total
    for (let i = 0; i < 23; i++) await addReport({ category: ids.sampah, area: ids.kel2, daysAgo: 40 + i })
    await addReport({ category: ids.sampah, area: ids.kel2, status: 'resolved', daysAgo: 2, supporters: 9 })
    await addReport({ category: ids.sampah, area: ids.kel2, daysAgo: 3, dueInDays: -1 })
  })

  it('pages of 20 with the true total', async () => {
    const first = await list(`?kategori=${ids.sampah}`)
    expect(first.data.total).toBe(25)
    expect(first.data.reports).toHaveLength(20)
    const second = await list(`?kategori=${ids.sampah}&halaman=2`)
    expect(second.data.reports).toHaveLength(5)
    expect(second.data.total).toBe(25)
    expect((await list()).data.total).toBe(base + 25)
  })

  it('category, kelurahan, kecamatan, status, period and overdue filter', async () => {
    expect((await list(`?wilayah=kel-${ids.kel2}`)).data.total).toBe(25)
    expect((await list(`?wilayah=kec-${ids.kec1}`)).data.total).toBe(base)
    expect((await list(`?kategori=${ids.sampah}&status=resolved`)).data.total).toBe(1)
    expect((await list(`?kategori=${ids.sampah}&periode=30`)).data.total).toBe(2)
    expect((await list(`?kategori=${ids.sampah}&terlambat=on`)).data.total).toBe(1)
  })

  it('sorted by newest, or by most supported', async () => {
    const newest = (await list(`?kategori=${ids.sampah}`)).data.reports
    expect(new Date(newest[0].created_at).getTime()).toBeGreaterThan(new Date(newest[1].created_at).getTime())
    const supported = (await list(`?kategori=${ids.sampah}&urut=supported`)).data.reports
    expect(supported[0].supporter_count).toBe(9)
  })

  it('an unknown filter value: 400 with a message in Indonesian beside the field, never a 5xx', async () => {
    const r = await list('?status=deleted&halaman=-1')
    expect(r.status).toBe(400)
    expect(r.data.errors.status).toEqual(['Pilihan saringan ini tidak dikenal. Pilih dari daftar.'])
    expect(r.data.errors.halaman).toBeTruthy()
    const csv = (await csvLoader(args('/laporan.csv?kategori=abc'))) as Response
    expect(csv.status).toBe(400)
    expect(await csv.text()).toMatch(/tidak dikenal/)
  })

  it('the CSV follows the filter', async () => {
    const text = await ((await csvLoader(args(`/laporan.csv?kategori=${ids.sampah}`))) as Response).text()
    expect(text.trim().split('\r\n')).toHaveLength(1 + 25)
  })
})

describe('home page: recent fixes', () => {
  it('the latest resolved public reports, after photo only from a public event, before-only otherwise', async () => {
    const fixed = await addReport({ status: 'closed', daysAgo: 1 })
    const secret = await addReport({ status: 'closed', privacy: 'confidential' })
    const photo = (report_id: number, phase: 'before' | 'after', key: string, event_id: number | null = null) =>
      t.db
        .insertInto('attachments')
        .values({ report_id, phase, storage_key: key, content_type: 'image/jpeg', size_bytes: 10, width: 4, height: 3, event_id })
        .execute()
    await photo(fixed.id, 'before', 'before-key')
    const internal = await t.db
      .insertInto('report_events')
      .values({ report_id: fixed.id, actor_kind: 'system', type: 'internal_note', visibility: 'internal' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await photo(fixed.id, 'after', 'internal-after-key', internal.id)
    const r = unwrap(await homeLoader(args('/')))
    const codes = r.data.recentFixes.map((f: { code: string }) => f.code)
    expect(codes[0]).toBe(fixed.code)
    expect(codes).not.toContain(secret.code)
    expect(r.data.recentFixes[0].before.storage_key).toBe('before-key')
    expect(r.data.recentFixes[0].after).toBeNull()
    const publicEvent = await t.db
      .insertInto('report_events')
      .values({ report_id: fixed.id, actor_kind: 'system', type: 'resolved', visibility: 'public' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await photo(fixed.id, 'after', 'after-key', publicEvent.id)
    const again = unwrap(await homeLoader(args('/')))
    expect(again.data.recentFixes[0].after.storage_key).toBe('after-key')
    expect(again.data.recentFixes.length).toBeLessThanOrEqual(5)
  })
})

describe('several cities in one install', () => {
  it('bare paths serve DEFAULT_JURISDICTION; the prefix and the host pick another; `/` offers the others only on an unmapped host', async () => {
    const root = unwrap(await rootLoader(args('/lapor')))
    expect(root.data).toMatchObject({ jurisdictionName: 'Kota Malang', publicPrefix: '' })
    const prefixed = unwrap(await rootLoader(args('/kota-madiun/lapor', { jurisdiction: 'kota-madiun' })))
    expect(prefixed.data).toMatchObject({ jurisdictionName: 'Kota Madiun', publicPrefix: '/kota-madiun' })
    const hosted = unwrap(await rootLoader(args('http://lapor.madiunkota.go.id/lapor')))
    expect(hosted.data).toMatchObject({ jurisdictionName: 'Kota Madiun', publicPrefix: '' })
    // The prefix works on any host, a mapped one too.
    const both = unwrap(await rootLoader(args('http://lapor.madiunkota.go.id/kota-malang/laporan', { jurisdiction: 'kota-malang' })))
    expect(both.data).toMatchObject({ jurisdictionName: 'Kota Malang', publicPrefix: '/kota-malang' })

    const home = unwrap(await homeLoader(args('/')))
    expect(home.data.otherCities).toEqual([{ slug: 'kota-madiun', name: 'Kota Madiun' }])
    expect(unwrap(await homeLoader(args('http://lapor.madiunkota.go.id/'))).data.otherCities).toEqual([])
    expect(unwrap(await homeLoader(args('/kota-madiun', { jurisdiction: 'kota-madiun' }))).data.jurisdictionName).toBe('Kota Madiun')
  })

  it('an unknown slug is a 404', async () => {
    const response = await thrown(() => prefixLoader(args('/kota-atlantis/lapor', { jurisdiction: 'kota-atlantis' })))
    expect(response.status).toBe(404)
    expect(await prefixLoader(args('/kota-madiun/lapor', { jurisdiction: 'kota-madiun' }))).toBeNull()
  })

  it("/kota-madiun/lapor shows Madiun's categories and kelurahan and files into Madiun, redirecting under the prefix", async () => {
    const form = unwrap(await filingLoader(args('/kota-madiun/lapor', { jurisdiction: 'kota-madiun' })))
    const madiunCategories = await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', ids.madiun).execute()
    const madiunIds = new Set(madiunCategories.map((c) => c.id))
    expect(form.data.categories.length).toBeGreaterThan(0)
    expect(form.data.categories.every((c: { id: number }) => madiunIds.has(c.id))).toBe(true)
    const category = form.data.categories.find((c: { privacy_rule: string }) => c.privacy_rule === 'citizen_choice')
    const kelurahan = form.data.kelurahan[0]
    const body = new URLSearchParams({
      categoryId: String(category.id),
      areaId: String(kelurahan.id),
      description: 'Lampu jalan mati di depan pasar besar sejak dua hari.',
      privacy: 'public',
      idempotencyKey: `k-${Math.random().toString(36).slice(2)}`,
    })
    const response = (await filingAction(
      args('/kota-madiun/lapor', { jurisdiction: 'kota-madiun' }, { method: 'POST', body, headers: { Origin: ORIGIN } }),
    )) as Response
    expect(response.status).toBe(302)
    const location = response.headers.get('Location')!
    expect(location).toMatch(/^\/kota-madiun\/laporan\/MDN-/)
    const code = location.split('/').pop()!
    const filed = await t.db.selectFrom('reports').select(['jurisdiction_id', 'area_id']).where('code', '=', code).executeTakeFirstOrThrow()
    expect(filed).toEqual({ jurisdiction_id: ids.madiun, area_id: kelurahan.id })
  })

  it("staff pages: the header names the signed-in user's jurisdiction (the Madiun admin sees Kota Madiun)", async () => {
    const unit = await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', ids.madiun).executeTakeFirstOrThrow()
    await t.db
      .insertInto('users')
      .values({
        jurisdiction_id: ids.madiun,
        email: 'admin@madiun.test',
        name: 'Admin Madiun',
        password_hash: await hash('rahasia-sekali', ARGON2_OPTIONS),
        role: 'admin',
        unit_id: unit.id,
      })
      .execute()
    const login = (await loginAction(
      args(
        '/masuk',
        {},
        { method: 'POST', body: new URLSearchParams({ email: 'admin@madiun.test', password: 'rahasia-sekali' }), headers: { Origin: ORIGIN } },
      ),
    )) as Response
    expect(login.status).toBe(302)
    const cookie = login.headers.get('Set-Cookie')!.split(';')[0]!
    const staff = unwrap(await rootLoader(args('/petugas', {}, { headers: { Cookie: cookie } })))
    expect(staff.data.jurisdictionName).toBe('Kota Madiun')
    // A public page keeps the public jurisdiction, signed in or not.
    const publicPage = unwrap(await rootLoader(args('/lapor', {}, { headers: { Cookie: cookie } })))
    expect(publicPage.data.jurisdictionName).toBe('Kota Malang')
  })
})
