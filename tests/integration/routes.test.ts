// Route loaders and actions called as Remix calls them, against a fresh database.
import { hash } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARGON2_OPTIONS } from '#db/seed'
import { action as reportAction, loader as reportLoader } from '~/routes/laporan.$code'
import { loader as kelurahanApi } from '~/routes/api.kelurahan'
import { action as filingAction } from '~/routes/lapor'
import { action as loginAction } from '~/routes/masuk'
import { action as staffAction, loader as staffLoader } from '~/routes/petugas.laporan.$code'
import { loader as queueLoader } from '~/routes/petugas._index'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { countReports, ORIGIN, thrown, unwrap } from '../support/routes'

let t: TestDatabase
let ids: { pju: number; arjosari: number; perilaku: number }

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const cat = (code: string) =>
    t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', j.id).where('code', '=', code).executeTakeFirstOrThrow()
  const unit = (key: string) => t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', j.id).where('key', '=', key).executeTakeFirstOrThrow()
  const arjosari = await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1002').executeTakeFirstOrThrow()
  ids = { pju: (await cat('pju')).id, perilaku: (await cat('perilaku_asn')).id, arjosari: arjosari.id }
  const passwordHash = await hash('rahasia-sekali', ARGON2_OPTIONS)
  for (const [email, role, key] of [
    ['pju@test.local', 'officer', 'dpuprpkp'],
    ['dlh@test.local', 'officer', 'dlh'],
    ['kepala@test.local', 'supervisor', 'dpuprpkp'],
  ] as const) {
    await t.db
      .insertInto('users')
      .values({ jurisdiction_id: j.id, email, name: email, password_hash: passwordHash, role, unit_id: (await unit(key)).id })
      .execute()
  }
})
afterAll(() => t?.close())

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, ...headers } })
}

/** Remix `data()` results carry their payload and status in `data` and `init`. */

const validReport = () => ({
  categoryId: String(ids.pju),
  areaId: String(ids.arjosari),
  description: 'Lampu jalan mati di depan gang lima sejak kemarin malam.',
  privacy: 'public',
  name: 'Budi',
  email: 'budi@example.com',
  phone: '0812-3456-7890',
  idempotencyKey: `k-${Math.random().toString(36).slice(2)}`,
  // Past "Mungkin sudah dilaporkan" (ADR 022): these tests file many alike reports.
  confirmNew: '1',
})

async function fileValid(overrides: Record<string, string> = {}) {
  const response = (await filingAction(args(post('/lapor', { ...validReport(), ...overrides })))) as Response
  expect(response.status).toBe(302)
  const code = response.headers.get('Location')!.replace('/laporan/', '')
  const cookie = response.headers.get('Set-Cookie')!.split(';')[0]!
  return { code, cookie }
}

async function login(email: string, password = 'rahasia-sekali') {
  const response = (await loginAction(args(post('/masuk', { email, password })))) as Response
  expect(response.status).toBe(302)
  const setCookie = response.headers.get('Set-Cookie')!
  expect(setCookie).toMatch(/HttpOnly/i)
  expect(setCookie).toMatch(/SameSite=Lax/i)
  return setCookie.split(';')[0]!
}

describe('citizen filing (/lapor)', () => {
  it('bad input: 400, messages in Indonesian, values kept, nothing written', async () => {
    const before = await countReports(t.db)
    const result = unwrap(
      await filingAction(args(post('/lapor', { ...validReport(), categoryId: '', description: 'pendek', email: 'bukan-email', phone: '123' }))),
    )
    expect(result.status).toBe(400)
    const { error, initialValue } = result.data.result
    expect(error.categoryId).toEqual(['Pilih jenis masalah.'])
    expect(error.description).toEqual(['Uraian minimal 10 huruf.'])
    expect(error.email).toEqual(['Alamat email tidak valid.'])
    expect(error.phone[0]).toMatch(/Nomor HP tidak valid/)
    expect(initialValue.description).toBe('pendek')
    expect(initialValue.name).toBe('Budi')
    expect(await countReports(t.db)).toBe(before)
  })

  it('messages follow the language cookie', async () => {
    const result = unwrap(await filingAction(args(post('/lapor', { ...validReport(), description: 'short' }, { Cookie: 'lang=ImVuIg%3D%3D' }))))
    expect(result.data.result.error.description).toEqual(['The description needs at least 10 characters.'])
  })

  it('a forged category id is a field error, not a 500', async () => {
    const result = unwrap(await filingAction(args(post('/lapor', { ...validReport(), categoryId: '987654' }))))
    expect(result.status).toBe(400)
    expect(result.data.result.error.categoryId).toEqual(['Jenis masalah tidak dikenal. Pilih dari daftar.'])
    // Beyond PostgreSQL's integer range: still a message, not a database error.
    const huge = unwrap(await filingAction(args(post('/lapor', { ...validReport(), categoryId: '9999999999', areaId: '-3' }))))
    expect(huge.status).toBe(400)
    expect(huge.data.result.error.categoryId).toEqual(['Pilih jenis masalah.'])
    expect(huge.data.result.error.areaId).toEqual(['Pilih kelurahan.'])
  })

  it('files, then shows the private link once; the public page never carries contact details', async () => {
    const { code, cookie } = await fileValid()
    const first = unwrap(await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}`, { headers: { Cookie: cookie } }), { code })))
    expect(first.data.privateLink).toMatch(new RegExp(`/laporan/${code}\\?t=[A-Za-z0-9_-]{22}$`))
    expect(JSON.stringify(first.data)).not.toMatch(/budi@example\.com|6281234567890|Budi/)
    const again = unwrap(await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}`), { code })))
    expect(again.data.privateLink).toBeNull()
    const contact = await t.db
      .selectFrom('report_contacts')
      .innerJoin('reports', 'reports.id', 'report_contacts.report_id')
      .select(['phone'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
    expect(contact.phone).toBe('+6281234567890')
  })

  it('a location point picks the kelurahan when none is chosen; a point outside the city is refused', async () => {
    const { areaId: _omit, ...withoutArea } = validReport()
    // Alun-alun Merdeka, Kel. Kiduldalem
    const ok = (await filingAction(args(post('/lapor', { ...withoutArea, lat: '-7.9826', lng: '112.6308' })))) as Response
    expect(ok.status).toBe(302)
    const code = ok.headers.get('Location')!.replace('/laporan/', '')
    const row = await t.db
      .selectFrom('reports')
      .innerJoin('areas', 'areas.id', 'reports.area_id')
      .select(['areas.name', 'reports.lat', 'reports.lng'])
      .where('reports.code', '=', code)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ name: 'Kiduldalem', lat: -7.9826, lng: 112.6308 })

    const before = await countReports(t.db)
    const surabaya = unwrap(await filingAction(args(post('/lapor', { ...withoutArea, lat: '-7.2575', lng: '112.7521' }))))
    expect(surabaya.status).toBe(400)
    expect(surabaya.data.result.error.areaId).toEqual(['Lokasi berada di luar wilayah ini. Pilih kelurahan.'])
    const swapped = unwrap(await filingAction(args(post('/lapor', { ...withoutArea, lat: '112.63', lng: '-7.98' }))))
    expect(swapped.data.result.error.areaId).toEqual(['Koordinat lokasi tidak valid.'])
    const neither = unwrap(await filingAction(args(post('/lapor', withoutArea))))
    expect(neither.data.result.error.areaId).toEqual(['Pilih kelurahan.'])
    expect(await countReports(t.db)).toBe(before)
  })

  it('a confidential report is 404 for the public and for the tracking look-up', async () => {
    const { code } = await fileValid({ categoryId: String(ids.perilaku) })
    const response = await thrown(() => reportLoader(args(new Request(`${ORIGIN}/laporan/${code}`), { code })))
    expect(response.status).toBe(404)
  })
})

describe('/api/kelurahan', () => {
  it('answers the kelurahan at a point, 404 outside the city and 400 for nonsense', async () => {
    const at = (q: string) => kelurahanApi(args(new Request(`${ORIGIN}/api/kelurahan?${q}`)))
    const inside = await at('lat=-7.9826&lng=112.6308')
    expect(inside.status).toBe(200)
    expect(await inside.json()).toMatchObject({ name: 'Kiduldalem' })
    expect((await at('lat=-7.2575&lng=112.7521')).status).toBe(404)
    expect((await at('lat=abc&lng=1')).status).toBe(400)
  })
})

describe('staff', () => {
  it('login: wrong password is 401 with a message; the fifth failure locks the account', async () => {
    for (let i = 1; i <= 5; i++) {
      const r = unwrap(await loginAction(args(post('/masuk', { email: 'dlh@test.local', password: 'salah' }))))
      expect(r.status).toBe(401)
      expect(r.data.result.error[''][0]).toBe('Email atau kata sandi salah.')
    }
    const locked = unwrap(await loginAction(args(post('/masuk', { email: 'DLH@test.local', password: 'rahasia-sekali' }))))
    expect(locked.status).toBe(429)
    await t.db.deleteFrom('login_throttle').execute()
  })

  it('a login from another origin is refused', async () => {
    const response = await thrown(() =>
      loginAction(args(post('/masuk', { email: 'pju@test.local', password: 'rahasia-sekali' }, { Origin: 'https://evil.example' }))),
    )
    expect(response.status).toBe(403)
  })

  it('a staff mutation from another origin is refused and changes nothing, even with a valid session', async () => {
    const { code } = await fileValid()
    const cookie = await login('pju@test.local')
    const state = () => t.db.selectFrom('reports').select(['status', 'version']).where('code', '=', code).executeTakeFirstOrThrow()
    const before = await state()
    const verify = (headers: Record<string, string>) =>
      staffAction(args(post(`/petugas/laporan/${code}`, { version: String(before.version), intent: 'verify' }, { Cookie: cookie, ...headers }), { code }))
    for (const origin of ['https://evil.example', 'null', `${ORIGIN}.evil.example`]) {
      expect((await thrown(() => verify({ Origin: origin }))).status, origin).toBe(403)
    }
    expect(await state()).toEqual(before)
    // The same request from the app's own origin goes through: the refusal above is the origin check.
    expect(((await verify({})) as Response).status).toBe(302)
    expect((await state()).status).toBe('verified')
  })

  it('officer works the report through verify → start → public update → internal note → resolve', async () => {
    const { code } = await fileValid()
    const cookie = await login('pju@test.local')
    const queue = (await queueLoader(args(new Request(`${ORIGIN}/petugas`, { headers: { Cookie: cookie } })))) as any
    expect(queue.queue.map((r: { code: string }) => r.code)).toContain(code)
    const view = (await staffLoader(args(new Request(`${ORIGIN}/petugas/laporan/${code}`, { headers: { Cookie: cookie } }), { code }))) as any
    expect(view.contact.email).toBe('budi@example.com')
    expect(view.actions).toEqual(expect.arrayContaining(['verify', 'start']))
    expect(view.actions).not.toContain('reject')

    const act = async (fields: Record<string, string>) => {
      const current = await t.db.selectFrom('reports').select('version').where('code', '=', code).executeTakeFirstOrThrow()
      return staffAction(args(post(`/petugas/laporan/${code}`, { version: String(current.version), ...fields }, { Cookie: cookie }), { code }))
    }
    expect(((await act({ intent: 'verify' })) as Response).status).toBe(302)
    expect(((await act({ intent: 'start' })) as Response).status).toBe(302)
    expect(((await act({ intent: 'public_update', body: 'Tim PJU dijadwalkan besok pagi.' })) as Response).status).toBe(302)
    expect(((await act({ intent: 'internal_note', body: 'Perlu lampu LED 60W.' })) as Response).status).toBe(302)
    const missingNote = unwrap(await act({ intent: 'resolve', body: '' }))
    expect(missingNote.status).toBe(400)
    expect(missingNote.data.result.error.body).toEqual(['Tulis kabar untuk pelapor sebelum menandai selesai.'])
    expect(((await act({ intent: 'resolve', body: 'Lampu sudah diganti.' })) as Response).status).toBe(302)

    const stale = unwrap(
      await staffAction(args(post(`/petugas/laporan/${code}`, { version: '1', intent: 'internal_note', body: 'x' }, { Cookie: cookie }), { code })),
    )
    expect(stale.status).toBe(409)

    const report = await t.db.selectFrom('reports').select(['status', 'first_response_at']).where('code', '=', code).executeTakeFirstOrThrow()
    expect(report.status).toBe('resolved')
    expect(report.first_response_at).not.toBeNull()
    // A resolved public report can be followed, so the page also sets the browser cookie (a data() answer).
    const publicView = unwrap(await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}`), { code }))).data
    const bodies = publicView.timeline.map((e: { body: string | null }) => e.body)
    expect(bodies).toContain('Tim PJU dijadwalkan besok pagi.')
    expect(bodies).not.toContain('Perlu lampu LED 60W.')
  })

  it("another unit's report is 404, for reading and for acting", async () => {
    const { code } = await fileValid()
    const cookie = await login('dlh@test.local')
    expect((await thrown(() => staffLoader(args(new Request(`${ORIGIN}/petugas/laporan/${code}`, { headers: { Cookie: cookie } }), { code })))).status).toBe(
      404,
    )
    const before = await t.db.selectFrom('reports').select(['status', 'version']).where('code', '=', code).executeTakeFirstOrThrow()
    expect(
      (
        await thrown(() =>
          staffAction(args(post(`/petugas/laporan/${code}`, { intent: 'verify', version: String(before.version) }, { Cookie: cookie }), { code })),
        )
      ).status,
    ).toBe(404)
    expect(await t.db.selectFrom('reports').select(['status', 'version']).where('code', '=', code).executeTakeFirstOrThrow()).toEqual(before)
  })

  it('transfer: a missing unit is a field error; a transfer out of the unit leaves the queue', async () => {
    const { code } = await fileValid()
    const cookie = await login('pju@test.local')
    const version = async () => String((await t.db.selectFrom('reports').select('version').where('code', '=', code).executeTakeFirstOrThrow()).version)
    const missing = unwrap(
      await staffAction(args(post(`/petugas/laporan/${code}`, { intent: 'transfer', version: await version(), toUnitId: '' }, { Cookie: cookie }), { code })),
    )
    expect(missing.status).toBe(400)
    expect(missing.data.result.error.toUnitId).toEqual(['Pilih unit tujuan.'])
    const huge = unwrap(
      await staffAction(
        args(post(`/petugas/laporan/${code}`, { intent: 'transfer', version: await version(), toUnitId: '99999999999' }, { Cookie: cookie }), { code }),
      ),
    )
    expect(huge.status).toBe(400)
    const dlh = await t.db.selectFrom('units').select('id').where('key', '=', 'dlh').orderBy('id').executeTakeFirstOrThrow()
    const moved = (await staffAction(
      args(
        post(`/petugas/laporan/${code}`, { intent: 'transfer', version: await version(), toUnitId: String(dlh.id), body: 'Salah kamar' }, { Cookie: cookie }),
        { code },
      ),
    )) as Response
    expect(moved.status).toBe(302)
    expect(moved.headers.get('Location')).toBe(`/petugas?dialihkan=${code}`)
    expect((await thrown(() => staffLoader(args(new Request(`${ORIGIN}/petugas/laporan/${code}`, { headers: { Cookie: cookie } }), { code })))).status).toBe(
      404,
    )
    const dlhCookie = await login('dlh@test.local')
    const queue = (await queueLoader(args(new Request(`${ORIGIN}/petugas`, { headers: { Cookie: dlhCookie } })))) as any
    expect(queue.queue.map((r: { code: string }) => r.code)).toContain(code)
  })

  it('an anonymous report hides the reporter from the unit too', async () => {
    const { code } = await fileValid({ privacy: 'anonymous' })
    const cookie = await login('pju@test.local')
    const view = (await staffLoader(args(new Request(`${ORIGIN}/petugas/laporan/${code}`, { headers: { Cookie: cookie } }), { code }))) as any
    expect(view.contact).toBeNull()
    expect(JSON.stringify(view)).not.toContain('budi@example.com')
  })

  it('staff pages send anonymous visitors to the login page', async () => {
    const response = await thrown(() => queueLoader(args(new Request(`${ORIGIN}/petugas`))))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/masuk?redirectTo=%2Fpetugas')
  })
})

describe('rating through the private link', () => {
  it('bad input keeps the form; a valid rating closes the report', async () => {
    const { code, cookie: flash } = await fileValid()
    const first = (await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}`, { headers: { Cookie: flash } }), { code }))) as any
    const token = new URL((first.data ?? first).privateLink).searchParams.get('t')!
    const staff = await login('kepala@test.local')
    for (const [intent, body] of [
      ['start', ''],
      ['resolve', 'Selesai diperbaiki.'],
    ]) {
      const { version } = await t.db.selectFrom('reports').select('version').where('code', '=', code).executeTakeFirstOrThrow()
      await staffAction(args(post(`/petugas/laporan/${code}`, { intent: intent!, version: String(version), body: body! }, { Cookie: staff }), { code }))
    }
    const bad = unwrap(await reportAction(args(post(`/laporan/${code}`, { token, score: '9', fixed: 'yes', comment: 'mantap' }), { code })))
    expect(bad.status).toBe(400)
    expect(bad.data.result.error.score).toEqual(['Pilih nilai 1 sampai 5.'])
    expect(bad.data.result.initialValue.comment).toBe('mantap')
    const forged = unwrap(await reportAction(args(post(`/laporan/${code}`, { token: 'x'.repeat(22), score: '5', fixed: 'yes' }), { code })))
    expect(forged.status).toBe(409)
    const ok = (await reportAction(args(post(`/laporan/${code}`, { token, score: '5', fixed: 'yes', comment: 'mantap' }), { code }))) as Response
    expect(ok.status).toBe(302)
    const report = await t.db.selectFrom('reports').select('status').where('code', '=', code).executeTakeFirstOrThrow()
    expect(report.status).toBe('closed')
  })
})
