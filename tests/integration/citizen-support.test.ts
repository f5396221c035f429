// Issue 8 §2: "Mungkin sudah dilaporkan" before filing and "Saya juga mengalami ini"
// instead of a duplicate (ADR 022). Route loaders and actions called as Remix calls them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as filingAction } from '~/routes/lapor'
import { action as reportAction, loader as reportLoader } from '~/routes/laporan.$code'
import { loader as nearbyLoader } from '~/routes/api.laporan-terdekat'
import { loader as boundariesLoader } from '~/routes/api.batas-wilayah[.]json'
import { fileReport } from '~/models/report.server'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { countReports, ORIGIN, unwrap } from '../support/routes'

// Alun-alun Merdeka, in Kel. Kiduldalem; ~200 m and ~400 m north of it.
const ALUN_ALUN = { lat: -7.98264, lng: 112.63087 }
const NEAR = { lat: ALUN_ALUN.lat + 0.0018, lng: ALUN_ALUN.lng }
const FAR = { lat: ALUN_ALUN.lat + 0.0036, lng: ALUN_ALUN.lng }
let t: TestDatabase
let ids: { pju: number; sampah: number; perilaku: number; kiduldalem: number; arjosari: number }

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const cat = async (code: string) =>
    (await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', j.id).where('code', '=', code).executeTakeFirstOrThrow()).id
  const area = async (name: string) =>
    (
      await t.db
        .selectFrom('areas')
        .select('id')
        .where('jurisdiction_id', '=', j.id)
        .where('level', '=', 'kelurahan')
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id
  ids = {
    pju: await cat('pju'),
    sampah: await cat('sampah_menumpuk'),
    perilaku: await cat('perilaku_asn'),
    kiduldalem: await area('Kiduldalem'),
    arjosari: await area('Arjosari'),
  }
})
afterAll(() => t?.close())

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, ...headers } })

function report(fields: Record<string, string | undefined>): Record<string, string> {
  const base = {
    categoryId: String(ids.pju),
    description: 'Lampu jalan mati di depan gang lima sejak kemarin malam.',
    privacy: 'public',
    idempotencyKey: `k-${Math.random().toString(36).slice(2)}`,
  }
  return Object.fromEntries(Object.entries({ ...base, ...fields }).filter(([, v]) => v !== undefined)) as Record<string, string>
}
const at = (p: { lat: number; lng: number }) => ({ lat: String(p.lat), lng: String(p.lng) })

/** Files a report, confirmed (past any nearby step); returns its code. */
async function fileConfirmed(fields: Record<string, string | undefined>) {
  const response = (await filingAction(args(post('/lapor', report({ ...fields, confirmNew: '1' }))))) as Response
  expect(response.status).toBe(302)
  return response.headers.get('Location')!.replace('/laporan/', '')
}

async function nearby(query: string) {
  const response = (await nearbyLoader(args(new Request(`${ORIGIN}/api/laporan-terdekat?${query}`)))) as Response
  return { status: response.status, body: (await response.json()) as { reports: { code: string; distanceMetres: number | null }[]; byArea: boolean } }
}

describe('nearby open reports', () => {
  let near: string, far: string, otherCategory: string, anonymous: string, confidential: string, misconduct: string, resolvedLater: string
  beforeAll(async () => {
    near = await fileConfirmed(at(NEAR))
    far = await fileConfirmed(at(FAR))
    otherCategory = await fileConfirmed({ ...at(NEAR), categoryId: String(ids.sampah), description: 'Sampah menumpuk di tepi jalan sejak minggu lalu.' })
    anonymous = await fileConfirmed({ ...at(NEAR), privacy: 'anonymous' })
    confidential = await fileConfirmed({ ...at(NEAR), privacy: 'confidential' })
    misconduct = await fileConfirmed({ ...at(NEAR), categoryId: String(ids.perilaku), description: 'Petugas meminta uang di loket pelayanan kemarin.' })
    resolvedLater = await fileConfirmed(at(NEAR))
    await t.db.updateTable('reports').set({ status: 'closed' }).where('code', '=', resolvedLater).execute()
  })

  it('lists only open public reports of the same category within 250 m, distance rounded', async () => {
    const { status, body } = await nearby(`kategori=${ids.pju}&lat=${ALUN_ALUN.lat}&lng=${ALUN_ALUN.lng}`)
    expect(status).toBe(200)
    const codes = body.reports.map((r) => r.code)
    expect(codes).toEqual([near])
    expect(codes).not.toContain(far)
    expect(body.reports[0]!.distanceMetres).toBe(200)
    for (const hidden of [otherCategory, anonymous, confidential, misconduct, resolvedLater]) expect(codes).not.toContain(hidden)
  })

  it('never lists misconduct reports, even when asked for their category', async () => {
    const { body } = await nearby(`kategori=${ids.perilaku}&lat=${ALUN_ALUN.lat}&lng=${ALUN_ALUN.lng}`)
    expect(body.reports).toEqual([])
  })

  it('matches by kelurahan when there is no point', async () => {
    const { body } = await nearby(`kategori=${ids.pju}&kelurahan=${ids.kiduldalem}`)
    expect(body.byArea).toBe(true)
    expect(body.reports.map((r) => r.code)).toContain(near)
    expect(body.reports.every((r) => r.distanceMetres === null)).toBe(true)
    expect((await nearby(`kategori=${ids.pju}&kelurahan=${ids.arjosari}`)).body.reports).toEqual([])
  })

  it('answers a photo problem before the nearby step: the citizen is told, not silently shown the list', async () => {
    const body = new FormData()
    for (const [k, v] of Object.entries(report(at(ALUN_ALUN)))) body.append(k, v)
    body.append('photos', new File([Buffer.from('not an image at all')], 'foto.jpg', { type: 'image/jpeg' }))
    const answer = unwrap(await filingAction(args(new Request(`${ORIGIN}/lapor`, { method: 'POST', body, headers: { Origin: ORIGIN } }))))
    expect(answer.status).toBe(400)
    expect(answer.data.result.error.photos).toEqual([expect.any(String)])
    expect(answer.data.nearby).toBeUndefined()
  })

  it('answers 400 to a bad query, never 5xx', async () => {
    for (const q of ['', 'kategori=x&lat=1&lng=2', `kategori=${ids.pju}`, `kategori=${ids.pju}&lat=48.8&lng=2.3`, 'kategori=99999999999']) {
      expect((await nearby(q)).status).toBe(400)
    }
  })

  it('/lapor without JavaScript: a confirmation step with the list, the form kept, nothing filed; confirming files', async () => {
    const before = await countReports(t.db)
    const fields = report({ ...at(ALUN_ALUN), address: 'Jl. Merdeka Timur' })
    const step = unwrap(await filingAction(args(post('/lapor', fields))))
    expect(step.status).toBe(200)
    expect(step.data.nearby.map((r: { code: string }) => r.code)).toEqual([near])
    expect(step.data.result.initialValue).toMatchObject({ address: 'Jl. Merdeka Timur', description: fields.description })
    expect(await countReports(t.db)).toBe(before)
    const filed = (await filingAction(args(post('/lapor', { ...fields, confirmNew: '1' })))) as Response
    expect(filed.status).toBe(302)
    expect(await countReports(t.db)).toBe(before + 1)
    // No-JS Back + submit of the same content from the same browser: its own report is not "nearby", the replay lands on it.
    const cookie = filed.headers
      .getSetCookie()
      .find((c) => c.startsWith('browser='))!
      .split(';')[0]!
    const again = (await filingAction(args(post('/lapor', { ...fields, idempotencyKey: 'another-key-xxxxxxxx' }, { Cookie: cookie })))) as Response
    expect(again.status).toBe(302)
    expect(again.headers.get('Location')).toBe(filed.headers.get('Location'))
  })
})

describe('"Saya juga mengalami ini"', () => {
  const browser = (id: string) => ({ Cookie: `browser=${Buffer.from(JSON.stringify(id)).toString('base64')}` })
  const support = (code: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    reportAction(args(post(`/laporan/${code}`, { intent: 'support', ...fields }, headers), { code }))
  const count = async (code: string) =>
    (await t.db.selectFrom('reports').select('supporter_count').where('code', '=', code).executeTakeFirstOrThrow()).supporter_count

  it('counts each person once, files no report, and shows the count', async () => {
    const code = await fileConfirmed({ areaId: String(ids.arjosari) })
    const before = await countReports(t.db)
    const first = (await support(code, {}, browser('aaaaaaaaaaaaaaaaaaaaaa'))) as Response
    expect(first.status).toBe(302)
    expect(first.headers.get('Location')).toBe(`/laporan/${code}?didukung=ya`)
    const again = (await support(code, {}, browser('aaaaaaaaaaaaaaaaaaaaaa'))) as Response
    expect(again.headers.get('Location')).toBe(`/laporan/${code}?didukung=sudah`)
    await support(code, {}, browser('bbbbbbbbbbbbbbbbbbbbbb'))
    expect(await count(code)).toBe(2)
    expect(await countReports(t.db)).toBe(before)
    const rows = await t.db.selectFrom('report_supporters').selectAll().execute()
    expect(rows.every((r) => r.origin === 'web' && /^[0-9a-f]{64}$/.test(r.supporter_key))).toBe(true)
    const view = unwrap(await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}`), { code })))
    expect(view.data.report.supporter_count).toBe(2)
    expect(view.data.canSupport).toBe(true)
  })

  it('keeps an optional e-mail as a subscription, never on the page', async () => {
    const code = await fileConfirmed({ areaId: String(ids.arjosari), description: 'Lampu jalan berkedip-kedip di depan masjid.' })
    const response = (await support(code, { email: 'warga@example.org' }, browser('cccccccccccccccccccccc'))) as Response
    expect(response.headers.get('Location')).toBe(`/laporan/${code}?didukung=berlangganan`)
    const sub = await t.db
      .selectFrom('report_subscriptions as s')
      .innerJoin('reports as r', 'r.id', 's.report_id')
      .select(['s.channel', 's.recipient', 's.origin'])
      .where('r.code', '=', code)
      .execute()
    expect(sub).toEqual([{ channel: 'email', recipient: 'warga@example.org', origin: 'supporter' }])
    const view = unwrap(await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}`), { code })))
    expect(JSON.stringify(view.data)).not.toContain('warga@example.org')
  })

  it('refuses bad input (kept, nothing written), confidential and closed reports, and cross-site posts', async () => {
    const code = await fileConfirmed({ areaId: String(ids.arjosari), description: 'Lampu jalan padam total di perempatan.' })
    const bad = unwrap(await support(code, { email: 'bukan-email' }, browser('dddddddddddddddddddddd')))
    expect(bad.status).toBe(400)
    expect(bad.data.result.initialValue).toMatchObject({ email: 'bukan-email' })
    expect(await count(code)).toBe(0)
    const confidential = await fileConfirmed({ areaId: String(ids.arjosari), privacy: 'confidential' })
    expect(unwrap(await support(confidential, {}, browser('dddddddddddddddddddddd'))).status).toBe(409)
    await t.db.updateTable('reports').set({ status: 'closed' }).where('code', '=', code).execute()
    expect(unwrap(await support(code, {}, browser('dddddddddddddddddddddd'))).status).toBe(409)
    expect(await count(code)).toBe(0)
    // No browser cookie (a post from another site never carries the SameSite=Lax one): nothing counts.
    const open = await fileConfirmed({ areaId: String(ids.arjosari), description: 'Lampu jalan di ujung gang mati total.' })
    const withoutCookie = unwrap(await support(open, {}))
    expect(withoutCookie.status).toBe(400)
    expect(withoutCookie.headers.get('Set-Cookie')).toMatch(/^browser=/)
    expect(await count(open)).toBe(0)
    const crossSite = new Request(`${ORIGIN}/laporan/${code}`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'support' }),
      headers: { Origin: 'https://evil.example' },
    })
    await expect(reportAction(args(crossSite, { code }))).rejects.toMatchObject({ status: 403 })
  })
})

describe('/api/batas-wilayah.json', () => {
  it('gives every kelurahan of the jurisdiction as simplified GeoJSON, cacheable', async () => {
    const response = (await boundariesLoader(args(new Request(`${ORIGIN}/api/batas-wilayah.json`)))) as Response
    expect(response.headers.get('Cache-Control')).toContain('public')
    const text = await response.text()
    const body = JSON.parse(text) as { features: { id: number; properties: { name: string }; geometry: { type: string } }[] }
    expect(body.features.length).toBeGreaterThan(50)
    expect(body.features.find((f) => f.id === ids.kiduldalem)?.properties.name).toBe('Kiduldalem')
    // Rounded to 5 decimals (~1 m): smaller than the seeded outlines.
    expect(text.length).toBeLessThan(89_357)
    expect(text).not.toMatch(/\d\.\d{6}/)
  })
})

describe('IKM survey through the private link', () => {
  async function fileWithToken() {
    const j = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
    const filed = await t.db.transaction().execute((trx) =>
      fileReport(trx, {
        jurisdiction: j,
        categoryId: ids.pju,
        areaId: ids.arjosari,
        description: 'Lampu jalan mati di depan balai RW sejak minggu lalu.',
        address: null,
        lat: null,
        lng: null,
        privacy: 'public',
        contact: null,
        idempotencyKey: `ikm-${Math.random()}`,
        browserId: `ikm-browser-${Math.random()}`,
        now: new Date(),
      }),
    )
    return { code: filed.code, token: filed.token! }
  }
  const all = (score: string) => Object.fromEntries(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'].map((u) => [u, score]))
  const answer = (code: string, fields: Record<string, string>) => reportAction(args(post(`/laporan/${code}`, { intent: 'ikm', ...fields }), { code }))
  const rows = (code: string) =>
    t.db
      .selectFrom('ikm_responses as i')
      .innerJoin('reports as r', 'r.id', 'i.report_id')
      .select(['i.unit_id', 'r.current_unit_id', 'i.u1', 'i.u9'])
      .where('r.code', '=', code)
      .execute()

  it('is offered to the reporter after closure only, saved once for the unit that handled it', async () => {
    const { code, token } = await fileWithToken()
    const view = async (tok: string | null) =>
      unwrap(await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}${tok ? `?t=${tok}` : ''}`), { code }))).data
    expect((await view(token)).canAnswerIkm).toBe(false)
    expect(unwrap(await answer(code, { token, ...all('4') })).status).toBe(409)
    await t.db.updateTable('reports').set({ status: 'closed' }).where('code', '=', code).execute()
    expect((await view(null)).canAnswerIkm).toBe(false)
    expect((await view(token)).canAnswerIkm).toBe(true)
    expect(unwrap(await answer(code, { token: 'not-the-token-at-all', ...all('4') })).status).toBe(409)

    const missing = unwrap(await answer(code, { token, ...all('3'), u5: '' }))
    expect(missing.status).toBe(400)
    expect(missing.data.result.error.u5).toBeTruthy()
    expect(missing.data.result.initialValue).toMatchObject({ u1: '3' })
    expect(unwrap(await answer(code, { token, ...all('5') })).status).toBe(400)
    expect(await rows(code)).toEqual([])

    const saved = (await answer(code, { token, ...all('3'), u9: '1' })) as Response
    expect(saved.headers.get('Location')).toBe(`/laporan/${code}?t=${token}&ikm=terima-kasih`)
    const again = (await answer(code, { token, ...all('1') })) as Response
    expect(again.headers.get('Location')).toContain('ikm=sudah')
    const stored = await rows(code)
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ u1: 3, u9: 1 })
    expect(stored[0]!.unit_id).toBe(stored[0]!.current_unit_id)
    expect((await view(token)).canAnswerIkm).toBe(false)
  })
})
