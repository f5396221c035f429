// Reference administration (issue 7 §2) as Remix calls it: units, categories, routing
// rules and holidays; scope (Kota Madiun's admin never sees or changes Kota Malang's rows),
// validation that keeps values and writes nothing, the unit-deactivation guard and move,
// the routing preview against real filing, the CSV import, and audit rows in the same
// transaction as the change.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hash } from '@node-rs/argon2'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ORIGIN, thrown, unwrap } from '../support/routes'

process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'melayani-admin-ref-'))
process.env.RATE_LIMIT_FILING = 'off'

const { ARGON2_OPTIONS } = await import('#db/seed')
const { action: loginAction } = await import('~/routes/masuk')
const { action: filingAction } = await import('~/routes/lapor')
const layout = await import('~/routes/admin')
const overview = await import('~/routes/admin._index')
const units = await import('~/routes/admin.unit._index')
const unitPage = await import('~/routes/admin.unit.$id')
const categories = await import('~/routes/admin.kategori._index')
const categoryPage = await import('~/routes/admin.kategori.$id')
const routing = await import('~/routes/admin.rute')
const holidays = await import('~/routes/admin.libur')
const { useDatabaseForTests } = await import('~/utils/db.server')
const { createTestDatabase } = await import('../setup/test-db')

let t: Awaited<ReturnType<typeof createTestDatabase>>
const ids = { malang: 0, madiun: 0, dlh: 0, inspektorat: 0, pju: 0, perilakuAsn: 0, arjosari: 0 }
const cookies = { malang: '', madiun: '', officer: '' }

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })
const post = (path: string, fields: Record<string, string>, cookie: string) =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, Cookie: cookie } })
const get = (path: string, cookie: string) => new Request(`${ORIGIN}${path}`, { headers: { Cookie: cookie } })

async function login(email: string) {
  const response = (await loginAction(args(post('/masuk', { email, password: 'rahasia-sekali' }, '')))) as Response
  expect(response.status).toBe(302)
  return response.headers.get('Set-Cookie')!.split(';')[0]!
}

async function auditCount() {
  const row = await t.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

const unitKey = (jurisdictionId: number, key: string) =>
  t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', jurisdictionId).where('key', '=', key).executeTakeFirstOrThrow()
const categoryCode = (code: string) =>
  t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', ids.malang).where('code', '=', code).executeTakeFirstOrThrow()

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const j = (slug: string) => t.db.selectFrom('jurisdictions').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
  ids.malang = (await j('kota-malang')).id
  ids.madiun = (await j('kota-madiun')).id
  ids.dlh = (await unitKey(ids.malang, 'dlh')).id
  ids.inspektorat = (await unitKey(ids.malang, 'inspektorat')).id
  ids.pju = (await categoryCode('pju')).id
  ids.perilakuAsn = (await categoryCode('perilaku_asn')).id
  ids.arjosari = (await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1002').executeTakeFirstOrThrow()).id
  const passwordHash = await hash('rahasia-sekali', ARGON2_OPTIONS)
  await t.db
    .insertInto('users')
    .values([
      { jurisdiction_id: ids.malang, email: 'admin@malang.test', name: 'Admin Malang', password_hash: passwordHash, role: 'admin', unit_id: null },
      { jurisdiction_id: ids.madiun, email: 'admin@madiun.test', name: 'Admin Madiun', password_hash: passwordHash, role: 'admin', unit_id: null },
      { jurisdiction_id: ids.malang, email: 'dlh@malang.test', name: 'Petugas', password_hash: passwordHash, role: 'officer', unit_id: ids.dlh },
    ])
    .execute()
  cookies.malang = await login('admin@malang.test')
  cookies.madiun = await login('admin@madiun.test')
  cookies.officer = await login('dlh@malang.test')
})
afterAll(() => t?.close())

const newCategory = (over: Record<string, string> = {}) => ({
  code: 'lampu_taman',
  groupCode: 'infrastruktur',
  icon: '💡',
  nameId: 'Lampu taman mati',
  nameEn: 'Park light out',
  descriptionId: 'Lampu di taman kota mati.',
  descriptionEn: 'A light in a city park is out.',
  privacyRule: 'citizen_choice',
  responseTarget: '24',
  responseClock: 'calendar_hours',
  resolutionTarget: '5',
  resolutionClock: 'working_days',
  sortOrder: '50',
  active: 'on',
  ...over,
})

async function fileReport(categoryId: number) {
  const response = (await filingAction(
    args(
      new Request(`${ORIGIN}/lapor`, {
        method: 'POST',
        body: new URLSearchParams({
          categoryId: String(categoryId),
          areaId: String(ids.arjosari),
          description: 'Lampu taman di dekat gang tiga mati sejak dua hari.',
          privacy: 'public',
          idempotencyKey: `k-${Math.random().toString(36).slice(2)}`,
          // Past the "maybe already reported" step (ADR 022): this test is about routing.
          confirmNew: '1',
        }),
        headers: { Origin: ORIGIN },
      }),
    ),
  )) as Response
  expect(response.status).toBe(302)
  const code = response.headers.get('Location')!.replace('/laporan/', '')
  return t.db.selectFrom('reports').select(['id', 'code', 'current_unit_id']).where('code', '=', code).executeTakeFirstOrThrow()
}

describe('access', () => {
  it('refuses every admin page to an officer', async () => {
    for (const [mod, path] of [
      [layout, '/admin'],
      [overview, '/admin'],
      [units, '/admin/unit'],
      [categories, '/admin/kategori'],
      [routing, '/admin/rute'],
      [holidays, '/admin/libur'],
    ] as const) {
      expect((await thrown(() => mod.loader(args(get(path, cookies.officer))))).status).toBe(403)
    }
    expect((await thrown(() => units.action(args(post('/admin/unit', { name: 'X', shortName: 'X', kind: 'dinas' }, cookies.officer))))).status).toBe(403)
  })

  it('shows the admin only their own jurisdiction, and 404s the other one', async () => {
    const list = unwrap(await units.loader(args(get('/admin/unit', cookies.madiun)))).data.units as { id: number }[]
    expect(list.some((u) => u.id === ids.dlh)).toBe(false)
    expect((await thrown(() => unitPage.loader(args(get(`/admin/unit/${ids.dlh}`, cookies.madiun), { id: String(ids.dlh) })))).status).toBe(404)
    const before = await auditCount()
    const rename = () =>
      unitPage.action(
        args(post(`/admin/unit/${ids.dlh}`, { intent: 'update', name: 'Diretas', shortName: 'X', kind: 'dinas' }, cookies.madiun), { id: String(ids.dlh) }),
      )
    expect((await thrown(rename)).status).toBe(404)
    expect((await thrown(() => categoryPage.loader(args(get(`/admin/kategori/${ids.pju}`, cookies.madiun), { id: String(ids.pju) })))).status).toBe(404)
    const rule = await t.db.selectFrom('routing_rules').select('id').where('jurisdiction_id', '=', ids.malang).executeTakeFirstOrThrow()
    expect((await thrown(() => routing.action(args(post('/admin/rute', { intent: 'delete', id: String(rule.id) }, cookies.madiun))))).status).toBe(404)
    // A Madiun admin cannot route a Madiun rule to a Malang unit either.
    const madiunCategory = await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', ids.madiun).executeTakeFirstOrThrow()
    const result = unwrap(
      await routing.action(
        args(post('/admin/rute', { intent: 'save', categoryId: String(madiunCategory.id), scope: 'jurisdiction', unitId: String(ids.dlh) }, cookies.madiun)),
      ),
    )
    expect(result.status).toBe(400)
    expect((await t.db.selectFrom('units').select('name').where('id', '=', ids.dlh).executeTakeFirstOrThrow()).name).toBe('Dinas Lingkungan Hidup')
    expect(await auditCount()).toBe(before)
  })

  it('the overview counts only the jurisdiction of the admin', async () => {
    const { counts } = unwrap(await overview.loader(args(get('/admin', cookies.madiun)))).data
    const madiunUnits = await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', ids.madiun).execute()
    const madiunRules = await t.db.selectFrom('routing_rules').select('id').where('jurisdiction_id', '=', ids.madiun).execute()
    expect(counts).toMatchObject({ units: madiunUnits.length, rules: madiunRules.length })
  })

  it('refuses a cross-site post', async () => {
    const request = new Request(`${ORIGIN}/admin/unit`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'X', shortName: 'X', kind: 'dinas' }),
      headers: { Origin: 'https://evil.example', Cookie: cookies.malang },
    })
    expect((await thrown(() => units.action(args(request)))).status).toBe(403)
  })
})

describe('units', () => {
  it('a bad form keeps the values and writes nothing', async () => {
    const before = await auditCount()
    const result = unwrap(await units.action(args(post('/admin/unit', { name: '', shortName: 'UPT Taman', kind: 'planet' }, cookies.malang))))
    expect(result.status).toBe(400)
    expect(result.data.result.error.name).toEqual(['Wajib diisi.'])
    expect(result.data.result.error.kind).toBeDefined()
    expect(result.data.result.initialValue.shortName).toBe('UPT Taman')
    expect(await auditCount()).toBe(before)
  })

  it('creates a unit with an audit row, and refuses a parent cycle', async () => {
    const created = (await units.action(
      args(post('/admin/unit', { name: 'UPT Pertamanan', shortName: 'UPT Taman', kind: 'upt', parentId: String(ids.dlh) }, cookies.malang)),
    )) as Response
    expect(created.status).toBe(302)
    const unit = await t.db.selectFrom('units').selectAll().where('name', '=', 'UPT Pertamanan').executeTakeFirstOrThrow()
    expect(unit).toMatchObject({ jurisdiction_id: ids.malang, key: 'upt-taman', kind: 'upt', parent_id: ids.dlh, active: true })
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'unit').where('entity_id', '=', String(unit.id)).executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ kind: 'created', jurisdiction_id: ids.malang })
    // DLH under its own child: a cycle.
    const cycle = unwrap(
      await unitPage.action(
        args(
          post(
            `/admin/unit/${ids.dlh}`,
            { intent: 'update', name: 'Dinas Lingkungan Hidup', shortName: 'DLH', kind: 'dinas', parentId: String(unit.id) },
            cookies.malang,
          ),
          { id: String(ids.dlh) },
        ),
      ),
    )
    expect(cycle.status).toBe(400)
    expect(cycle.data.result.error.parentId).toEqual([expect.stringMatching(/bawahannya/)])
    // Another jurisdiction's unit is no parent either.
    const madiunUnit = await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', ids.madiun).executeTakeFirstOrThrow()
    const foreign = unwrap(
      await units.action(args(post('/admin/unit', { name: 'Y', shortName: 'Y', kind: 'upt', parentId: String(madiunUnit.id) }, cookies.malang))),
    )
    expect(foreign.status).toBe(400)
  })

  it('keeps the last triage desk', async () => {
    const triage = await t.db
      .selectFrom('units')
      .select(['id', 'name', 'short_name'])
      .where('jurisdiction_id', '=', ids.malang)
      .where('kind', '=', 'triage_desk')
      .executeTakeFirstOrThrow()
    const result = unwrap(
      await unitPage.action(
        args(post(`/admin/unit/${triage.id}`, { intent: 'update', name: triage.name, shortName: triage.short_name, kind: 'dinas' }, cookies.malang), {
          id: String(triage.id),
        }),
      ),
    )
    expect(result.status).toBe(400)
    expect(result.data.result.error.kind).toBeDefined()
  })

  it('an audit row that cannot be written takes the change with it (same transaction)', async () => {
    await sql`ALTER TABLE audit_log ADD CONSTRAINT test_refuse_boom CHECK (subject IS DISTINCT FROM 'Unit Boom')`.execute(t.db)
    try {
      await expect(units.action(args(post('/admin/unit', { name: 'Unit Boom', shortName: 'Boom', kind: 'upt' }, cookies.malang)))).rejects.toThrow()
      expect(await t.db.selectFrom('units').select('id').where('name', '=', 'Unit Boom').executeTakeFirst()).toBeUndefined()
    } finally {
      await sql`ALTER TABLE audit_log DROP CONSTRAINT test_refuse_boom`.execute(t.db)
    }
  })
})

describe('categories, routing and filing', () => {
  let unitId = 0
  let categoryId = 0
  let ruleId = 0

  it('a working-day target must be whole: message, values kept, nothing written (and a CHECK in the database)', async () => {
    const before = await auditCount()
    const result = unwrap(
      await categoryPage.action(args(post('/admin/kategori/baru', newCategory({ resolutionTarget: '1.5' }), cookies.malang), { id: 'baru' })),
    )
    expect(result.status).toBe(400)
    expect(result.data.result.error.resolutionTarget).toEqual(['Target hari kerja harus bilangan bulat.'])
    expect(result.data.result.initialValue.nameId).toBe('Lampu taman mati')
    expect(await auditCount()).toBe(before)
    await expect(
      t.db.updateTable('categories').set({ resolution_target: 1.5, resolution_clock: 'working_days' }).where('id', '=', ids.pju).execute(),
    ).rejects.toThrow()
  })

  it('refuses a code already used', async () => {
    const result = unwrap(await categoryPage.action(args(post('/admin/kategori/baru', newCategory({ code: 'pju' }), cookies.malang), { id: 'baru' })))
    expect(result.status).toBe(400)
    expect(result.data.result.error.code).toEqual(['Kode ini sudah dipakai kategori lain.'])
  })

  it('creates a category, which falls through to triage until a rule sends it to the new unit', async () => {
    unitId = (await t.db.selectFrom('units').select('id').where('name', '=', 'UPT Pertamanan').executeTakeFirstOrThrow()).id
    const created = (await categoryPage.action(args(post('/admin/kategori/baru', newCategory(), cookies.malang), { id: 'baru' }))) as Response
    expect(created.status).toBe(302)
    const row = await t.db
      .selectFrom('categories')
      .selectAll()
      .where('jurisdiction_id', '=', ids.malang)
      .where('code', '=', 'lampu_taman')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ icon: '💡', resolution_target: 5, resolution_clock: 'working_days', is_misconduct: false, active: true })
    categoryId = row.id
    const page = unwrap(await routing.loader(args(get('/admin/rute', cookies.malang)))).data
    expect(page.fallThrough.find((c: { id: number }) => c.id === categoryId)).toMatchObject({ kelurahan: page.kelurahan.length, total: page.kelurahan.length })

    const saved = unwrap(
      await routing.action(
        args(post('/admin/rute', { intent: 'save', categoryId: String(categoryId), scope: 'jurisdiction', unitId: String(unitId) }, cookies.malang)),
      ),
    )
    expect(saved.data.done).toBe('saved')
    const rule = await t.db.selectFrom('routing_rules').select('id').where('category_id', '=', categoryId).executeTakeFirstOrThrow()
    ruleId = rule.id
    const after = unwrap(await routing.loader(args(get('/admin/rute', cookies.malang)))).data
    expect(after.fallThrough.find((c: { id: number }) => c.id === categoryId)).toBeUndefined()
  })

  it('the preview names the unit and the rule, and filing sends the report there', async () => {
    const page = unwrap(await routing.loader(args(get(`/admin/rute?kategori=${categoryId}&kelurahan=${ids.arjosari}`, cookies.malang)))).data
    expect(page.preview).toMatchObject({ unitId, reason: 'jurisdiction_rule', ruleId, unitName: 'UPT Pertamanan' })
    const report = await fileReport(categoryId)
    expect(report.current_unit_id).toBe(page.preview.unitId)
    // A kelurahan rule for the area wins; the preview follows, and so does filing.
    await routing.action(
      args(
        post(
          '/admin/rute',
          { intent: 'save', categoryId: String(categoryId), scope: 'kelurahan', areaId: String(ids.arjosari), unitId: String(ids.dlh) },
          cookies.malang,
        ),
      ),
    )
    const again = unwrap(await routing.loader(args(get(`/admin/rute?kategori=${categoryId}&kelurahan=${ids.arjosari}`, cookies.malang)))).data
    expect(again.preview).toMatchObject({ unitId: ids.dlh, reason: 'kelurahan_rule' })
    expect((await fileReport(categoryId)).current_unit_id).toBe(ids.dlh)
  })

  it('a rule with an area of the wrong level, or a misconduct rule outside the Inspektorat, is refused', async () => {
    const kecamatan = await t.db.selectFrom('areas').select('parent_id').where('id', '=', ids.arjosari).executeTakeFirstOrThrow()
    const wrongLevel = unwrap(
      await routing.action(
        args(
          post(
            '/admin/rute',
            { intent: 'save', categoryId: String(categoryId), scope: 'kelurahan', areaId: String(kecamatan.parent_id), unitId: String(unitId) },
            cookies.malang,
          ),
        ),
      ),
    )
    expect(wrongLevel.status).toBe(400)
    expect(wrongLevel.data.result.error.areaId).toBeDefined()
    const misconduct = unwrap(
      await routing.action(
        args(post('/admin/rute', { intent: 'save', categoryId: String(ids.perilakuAsn), scope: 'jurisdiction', unitId: String(ids.dlh) }, cookies.malang)),
      ),
    )
    expect(misconduct.status).toBe(400)
    expect(misconduct.data.result.error.unitId).toEqual(['Laporan pelanggaran hanya boleh diarahkan ke unit Inspektorat.'])
  })

  it('editing a category never changes its code, and the target edit is audited with before and after', async () => {
    const response = unwrap(
      await categoryPage.action(
        args(post(`/admin/kategori/${categoryId}`, newCategory({ responseTarget: '12', code: 'anders' }), cookies.malang), { id: String(categoryId) }),
      ),
    )
    expect(response.data.saved).toBe(true)
    const row = await t.db.selectFrom('categories').select(['code', 'response_target']).where('id', '=', categoryId).executeTakeFirstOrThrow()
    expect(row).toEqual({ code: 'lampu_taman', response_target: 12 })
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity', '=', 'category')
      .where('entity_id', '=', String(categoryId))
      .where('kind', '=', 'updated')
      .executeTakeFirstOrThrow()
    expect(audit.before).toMatchObject({ response_target: 24 })
    expect(audit.after).toMatchObject({ response_target: 12 })
  })

  it('a unit that rules send reports to, or that holds open reports, is not deactivated; the move transfers them', async () => {
    const run = async (fields: Record<string, string>) =>
      unwrap(await unitPage.action(args(post(`/admin/unit/${unitId}`, { intent: 'deactivate', ...fields }, cookies.malang), { id: String(unitId) })))
    const routed = await run({})
    expect(routed.status).toBe(400)
    expect(routed.data.result.error['']).toEqual([expect.stringMatching(/1 aturan rute/)])
    await routing.action(args(post('/admin/rute', { intent: 'delete', id: String(ruleId) }, cookies.malang)))
    const open = await run({})
    expect(open.status).toBe(400)
    expect(open.data.result.error['']).toEqual(['Unit ini masih memegang 1 laporan terbuka. Pindahkan dulu ke unit lain.'])
    expect((await t.db.selectFrom('units').select('active').where('id', '=', unitId).executeTakeFirstOrThrow()).active).toBe(true)

    const moved = await run({ moveToUnitId: String(ids.dlh) })
    expect(moved.data).toMatchObject({ outcome: 'deactivated', moved: 1 })
    expect((await t.db.selectFrom('units').select('active').where('id', '=', unitId).executeTakeFirstOrThrow()).active).toBe(false)
    const event = await t.db
      .selectFrom('report_events')
      .select(['type', 'body', 'from_unit_id', 'to_unit_id', 'actor_user_id'])
      .where('from_unit_id', '=', unitId)
      .executeTakeFirstOrThrow()
    expect(event).toMatchObject({ type: 'transferred', body: 'unit dinonaktifkan', to_unit_id: ids.dlh })
    expect(event.actor_user_id).not.toBeNull()
    const audits = await t.db.selectFrom('audit_log').select('kind').where('entity', '=', 'unit').where('entity_id', '=', String(unitId)).execute()
    expect(audits.length).toBeGreaterThanOrEqual(3)
  })

  it('misconduct reports move only to an Inspektorat unit: otherwise nothing moves', async () => {
    const created = (await units.action(
      args(post('/admin/unit', { name: 'Inspektur Pembantu I', shortName: 'Irban I', kind: 'inspektorat', parentId: String(ids.inspektorat) }, cookies.malang)),
    )) as Response
    const irban = Number(created.headers.get('Location')!.match(/unit\/(\d+)/)![1])
    const report = await fileReport(ids.perilakuAsn)
    expect(report.current_unit_id).toBe(ids.inspektorat)
    await t.db.updateTable('reports').set({ current_unit_id: irban }).where('id', '=', report.id).execute()
    const run = async (to: number) =>
      unwrap(
        await unitPage.action(args(post(`/admin/unit/${irban}`, { intent: 'deactivate', moveToUnitId: String(to) }, cookies.malang), { id: String(irban) })),
      )
    const rekind = unwrap(
      await unitPage.action(
        args(post(`/admin/unit/${irban}`, { intent: 'update', name: 'Inspektur Pembantu I', shortName: 'Irban I', kind: 'dinas' }, cookies.malang), {
          id: String(irban),
        }),
      ),
    )
    expect(rekind.status).toBe(400)
    expect(rekind.data.result.error.kind).toEqual([expect.stringMatching(/Inspektorat/)])
    const refused = await run(ids.dlh)
    expect(refused.status).toBe(400)
    expect(refused.data.result.error['']).toEqual([expect.stringMatching(/Inspektorat/)])
    expect((await t.db.selectFrom('reports').select('current_unit_id').where('id', '=', report.id).executeTakeFirstOrThrow()).current_unit_id).toBe(irban)
    expect((await run(ids.inspektorat)).data.outcome).toBe('deactivated')
  })
})

describe('holidays', () => {
  it('the CSV import reports every bad line and writes nothing', async () => {
    const before = await auditCount()
    const csv = 'date,name,kind\n2031-01-01,Tahun Baru,national\n2031-02-30,Salah,national\n2031-03-01,Libur,regional'
    const result = unwrap(await holidays.action(args(post('/admin/libur', { intent: 'import', csv }, cookies.malang))))
    expect(result.status).toBe(400)
    expect(result.data.lines).toEqual(['Baris 3: tanggal tidak valid (TTTT-BB-HH).', 'Baris 4: jenis harus national, cuti_bersama atau local.'])
    expect(result.data.result.initialValue.csv).toBe(csv)
    expect(await t.db.selectFrom('holidays').select('id').where('date', '=', '2031-01-01').executeTakeFirst()).toBeUndefined()
    expect(await auditCount()).toBe(before)
  })

  it('imports a good file all at once, refuses it again (dates on record), lists it per year', async () => {
    const csv = '2031-01-01,Tahun Baru 2031,national\n2031-06-01,"Hari Lahir Pancasila",national\n2031-04-01,Hari Jadi Kota Malang,local'
    const ok = unwrap(await holidays.action(args(post('/admin/libur', { intent: 'import', csv }, cookies.malang))))
    expect(ok.data).toMatchObject({ done: 'imported', count: 3 })
    const again = unwrap(await holidays.action(args(post('/admin/libur', { intent: 'import', csv }, cookies.malang))))
    expect(again.status).toBe(400)
    expect(again.data.lines).toHaveLength(3)
    const malang = unwrap(await holidays.loader(args(get('/admin/libur?tahun=2031', cookies.malang)))).data.holidays
    expect(malang.map((h: { name: string }) => h.name)).toEqual(['Tahun Baru 2031', 'Hari Jadi Kota Malang', 'Hari Lahir Pancasila'])
    // Madiun sees the shared national ones, never Malang's local one, and cannot delete it.
    const madiun = unwrap(await holidays.loader(args(get('/admin/libur?tahun=2031', cookies.madiun)))).data.holidays
    expect(madiun.map((h: { name: string }) => h.name)).toEqual(['Tahun Baru 2031', 'Hari Lahir Pancasila'])
    const local = malang.find((h: { kind: string }) => h.kind === 'local')
    expect((await thrown(() => holidays.action(args(post('/admin/libur', { intent: 'delete', id: String(local.id) }, cookies.madiun))))).status).toBe(404)
    const audits = await t.db.selectFrom('audit_log').select('id').where('entity', '=', 'holiday').where('kind', '=', 'created').execute()
    expect(audits).toHaveLength(3)
  })

  it('imports an uploaded CSV file (multipart), and refuses a file that is too large', async () => {
    const upload = (content: string) => {
      const body = new FormData()
      body.set('intent', 'import')
      body.set('csv', '')
      body.set('file', new File([content], 'libur.csv', { type: 'text/csv' }))
      return new Request(`${ORIGIN}/admin/libur`, { method: 'POST', body, headers: { Origin: ORIGIN, Cookie: cookies.malang } })
    }
    const ok = unwrap(await holidays.action(args(upload('date,name,kind\n2032-01-01,Tahun Baru 2032,national\n'))))
    expect(ok.data).toMatchObject({ done: 'imported', count: 1 })
    const big = unwrap(await holidays.action(args(upload(`2032-02-01,${'x'.repeat(70_000)},national`))))
    expect(big.status).toBe(400)
    expect(big.data.result.error.csv).toEqual(['Berkas CSV terlalu besar (maks. 60 KB).'])
  })

  it('adds, edits, confirms and deletes, each with its audit row', async () => {
    const added = unwrap(
      await holidays.action(args(post('/admin/libur', { intent: 'save', date: '2031-07-01', name: 'Libur daerah', kind: 'local' }, cookies.malang))),
    )
    expect(added.data.done).toBe('saved')
    const row = await t.db.selectFrom('holidays').selectAll().where('date', '=', '2031-07-01').executeTakeFirstOrThrow()
    expect(row).toMatchObject({ jurisdiction_id: ids.malang, provisional: false })
    const taken = unwrap(await holidays.action(args(post('/admin/libur', { intent: 'save', date: '2031-07-01', name: 'Lagi', kind: 'local' }, cookies.malang))))
    expect(taken.status).toBe(400)
    expect(taken.data.result.error.date).toEqual(['Sudah ada hari libur pada tanggal ini.'])
    expect(taken.data.result.initialValue.name).toBe('Lagi')
    await t.db.updateTable('holidays').set({ provisional: true }).where('id', '=', row.id).execute()
    expect(unwrap(await holidays.action(args(post('/admin/libur', { intent: 'confirm', id: String(row.id) }, cookies.malang)))).data.done).toBe('confirmed')
    expect((await t.db.selectFrom('holidays').select('provisional').where('id', '=', row.id).executeTakeFirstOrThrow()).provisional).toBe(false)
    await holidays.action(
      args(post('/admin/libur', { intent: 'save', id: String(row.id), date: '2031-07-02', name: 'Libur daerah (geser)', kind: 'local' }, cookies.malang)),
    )
    expect((await t.db.selectFrom('holidays').select('date').where('id', '=', row.id).executeTakeFirstOrThrow()).date).toBe('2031-07-02')
    await holidays.action(args(post('/admin/libur', { intent: 'delete', id: String(row.id) }, cookies.malang)))
    expect(await t.db.selectFrom('holidays').select('id').where('id', '=', row.id).executeTakeFirst()).toBeUndefined()
    const kinds = await t.db
      .selectFrom('audit_log')
      .select('kind')
      .where('entity', '=', 'holiday')
      .where('entity_id', '=', String(row.id))
      .orderBy('id')
      .execute()
    expect(kinds.map((k) => k.kind)).toEqual(['created', 'updated', 'updated', 'deleted'])
  })

  it('the layout warns when next year has no confirmed national holidays', async () => {
    const page = unwrap(await layout.loader(args(get('/admin', cookies.malang)))).data
    const nextYear = page.nextYear as number
    const confirmed = await t.db
      .selectFrom('holidays')
      .select('id')
      .where('jurisdiction_id', 'is', null)
      .where('kind', '=', 'national')
      .where('provisional', '=', false)
      .where('date', '>=', `${nextYear}-01-01`)
      .where('date', '<=', `${nextYear}-12-31`)
      .execute()
    expect(page.nextYearUnconfirmed).toBe(confirmed.length === 0)
    await t.db
      .updateTable('holidays')
      .set({ provisional: true })
      .where('jurisdiction_id', 'is', null)
      .where('date', '>=', `${nextYear}-01-01`)
      .where('date', '<=', `${nextYear}-12-31`)
      .execute()
    expect(unwrap(await layout.loader(args(get('/admin', cookies.malang)))).data.nextYearUnconfirmed).toBe(true)
  })
})
