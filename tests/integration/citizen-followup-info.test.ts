// Issue 8 §3, the reporter's follow-up (ADR 027): adding information through the private
// link (public or only for staff, with photos), photos that follow their event's
// visibility (public page, /foto, Open311, CSV), "belum beres" with a reason and a photo,
// and subscribing to a public report. Route loaders and actions called as Remix calls them.
import { readdirSync } from 'node:fs'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NewReportInput } from '~/models/report.server'
import { ORIGIN, thrown, unwrap } from '../support/routes'

// A small limit for the subscription form, read when the app first asks for its configuration.
process.env.RATE_LIMIT_FILING = '4/600'

const { fileReport, listReportPhotos } = await import('~/models/report.server')
const { action: reportAction, loader: reportLoader } = await import('~/routes/laporan.$code')
const { loader: photoLoader } = await import('~/routes/foto.$key')
const { loader: csvLoader } = await import('~/routes/laporan[.]csv')
const { loader: open311Loader } = await import('~/routes/open311.v2.$endpoint')
const { startSession } = await import('~/utils/auth.server')
const { useDatabaseForTests } = await import('~/utils/db.server')
const { createTestDatabase } = await import('../setup/test-db')

const uploadDir = process.env.UPLOAD_DIR!
let t: Awaited<ReturnType<typeof createTestDatabase>>
let jurisdiction: { id: number; time_zone: string; code_prefix: string }
let ids: { pju: number; arjosari: number; pjuUnit: number; otherUnit: number }
const cookies: { officer: string; otherOfficer: string } = { officer: '', otherOfficer: '' }

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  jurisdiction = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const pju = await t.db
    .selectFrom('categories')
    .select(['id', 'default_unit_id'])
    .where('jurisdiction_id', '=', jurisdiction.id)
    .where('code', '=', 'pju')
    .executeTakeFirstOrThrow()
  const arjosari = await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1002').executeTakeFirstOrThrow()
  const other = await t.db
    .selectFrom('units')
    .select('id')
    .where('jurisdiction_id', '=', jurisdiction.id)
    .where('short_name', '=', 'DLH')
    .executeTakeFirstOrThrow()
  ids = { pju: pju.id, arjosari: arjosari.id, pjuUnit: pju.default_unit_id!, otherUnit: other.id }
})
afterAll(() => t?.close())

async function officerCookie(unitId: number, key: string) {
  const user = await t.db
    .insertInto('users')
    .values({
      jurisdiction_id: jurisdiction.id,
      email: `${key}@followup.test`,
      name: `Uji ${key}`,
      password_hash: '$argon2id$test-only',
      role: 'officer',
      unit_id: unitId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return (await startSession(user.id, '/')).headers.get('Set-Cookie')!.split(';')[0]!
}

let counter = 0
/** A report routed to the PJU unit, with the reporter's private token. */
async function file(privacy: NewReportInput['privacy'] = 'public') {
  counter++
  const filed = await t.db.transaction().execute((trx) =>
    fileReport(trx, {
      jurisdiction,
      categoryId: ids.pju,
      areaId: ids.arjosari,
      description: `Lampu jalan mati di depan gang ${counter} sejak minggu lalu.`,
      address: null,
      lat: null,
      lng: null,
      privacy,
      contact: null,
      idempotencyKey: `followup-key-${counter}`,
      browserId: `followup-browser-${counter}`,
      now: new Date(),
    }),
  )
  if (cookies.officer === '') {
    cookies.officer = await officerCookie(ids.pjuUnit, 'pju-officer')
    cookies.otherOfficer = await officerCookie(ids.otherUnit, 'other-officer')
  }
  const report = await t.db.selectFrom('reports').select(['id', 'current_unit_id']).where('code', '=', filed.code).executeTakeFirstOrThrow()
  expect(report.current_unit_id).toBe(ids.pjuUnit)
  return { code: filed.code, token: filed.token!, id: report.id }
}

const args = (request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = {}) => ({ request, params, context })

async function jpegWithExif() {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 90, g: 160, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Budi Santoso' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '7/1 58/1 0/1' } })
    .toBuffer()
}
const photoFile = async () => new File([await jpegWithExif()], 'IMG_1.jpg', { type: 'image/jpeg' })

function multipart(code: string, fields: Record<string, string>, files: File[] = [], headers: Record<string, string> = {}) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  for (const f of files) body.append('photos', f)
  return new Request(`${ORIGIN}/laporan/${code}`, { method: 'POST', body, headers: { Origin: ORIGIN, ...headers } })
}
const addInfo = (code: string, fields: Record<string, string>, files: File[] = []) =>
  reportAction(args(multipart(code, { intent: 'information', ...fields }, files), { code }))
const publicPage = async (code: string, token?: string) =>
  unwrap(await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}${token ? `?t=${token}` : ''}`), { code })))
const photo = (key: string, headers: Record<string, string> = {}) => photoLoader(args(new Request(`${ORIGIN}/foto/${key}`, { headers }), { key }))
const events = (reportId: number) => t.db.selectFrom('report_events').selectAll().where('report_id', '=', reportId).orderBy('id').execute()
const attachments = (reportId: number) => t.db.selectFrom('attachments').selectAll().where('report_id', '=', reportId).orderBy('id').execute()
const outbox = (reportId: number) => t.db.selectFrom('notification_outbox').select(['template', 'user_id']).where('report_id', '=', reportId).execute()
const resolve = (id: number) => t.db.updateTable('reports').set({ status: 'resolved', resolved_at: new Date() }).where('id', '=', id).execute()

describe('adding information through the private link', () => {
  it('public: a public event with its photo (re-encoded, no EXIF) on the timeline; the unit is told', async () => {
    const r = await file()
    const response = (await addInfo(r.code, { token: r.token, body: 'Tiangnya juga miring ke jalan.', visibility: 'public' }, [await photoFile()])) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/laporan/${r.code}?t=${r.token}&informasi=publik`)
    const added = (await events(r.id)).find((e) => e.type === 'information_added')!
    expect(added).toMatchObject({ actor_kind: 'reporter', visibility: 'public', body: 'Tiangnya juga miring ke jalan.' })
    const [stored] = await attachments(r.id)
    expect(stored!.event_id).toBe(added.id)
    const view = await publicPage(r.code)
    expect(view.data.timeline.map((e: { body: string | null }) => e.body)).toContain('Tiangnya juga miring ke jalan.')
    expect(view.data.photos.map((p: { storage_key: string }) => p.storage_key)).toEqual([stored!.storage_key])
    const served = (await photo(stored!.storage_key)) as Response
    expect(served.status).toBe(200)
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).exif).toBeUndefined()
    expect(await outbox(r.id)).toContainEqual({ template: 'staff_information_added', user_id: expect.any(Number) })
  })

  it('only for staff: an internal event; its photo is never on the public page, /foto, Open311 or the CSV; staff of the unit see it', async () => {
    const r = await file()
    const secret = 'Nama pemilik warung yang merusak: Pak Rahasia.'
    const response = (await addInfo(r.code, { token: r.token, body: secret, visibility: 'internal' }, [await photoFile()])) as Response
    expect(response.status).toBe(302)
    const added = (await events(r.id)).find((e) => e.type === 'information_added')!
    expect(added.visibility).toBe('internal')
    const [stored] = await attachments(r.id)
    expect(stored!.event_id).toBe(added.id)
    // Public page, also the reporter's own view of it.
    for (const view of [await publicPage(r.code), await publicPage(r.code, r.token)]) {
      expect(JSON.stringify(view.data)).not.toContain(secret)
      expect(JSON.stringify(view.data)).not.toContain(stored!.storage_key)
    }
    // /foto: nobody without a staff session of the unit.
    expect((await thrown(() => photo(stored!.storage_key))).status).toBe(404)
    expect((await thrown(() => photo(`${stored!.storage_key}?t=${r.token}`))).status).toBe(404)
    expect((await thrown(() => photo(stored!.storage_key, { Cookie: cookies.otherOfficer }))).status).toBe(404)
    const staff = (await photo(stored!.storage_key, { Cookie: cookies.officer })) as Response
    expect(staff.status).toBe(200)
    expect(staff.headers.get('Cache-Control')).toBe('private, no-store')
    expect((await listReportPhotos(t.db, r.id, 'staff')).map((p) => p.storage_key)).toEqual([stored!.storage_key])
    expect(await listReportPhotos(t.db, r.id, 'public')).toEqual([])
    // Open data: Open311 and the CSV of the public list.
    const open311 = (await open311Loader(
      args(new Request(`${ORIGIN}/open311/v2/requests.json?service_request_id=${r.code}`), { endpoint: 'requests.json' }),
    )) as Response
    const open311Text = await open311.text()
    expect(open311Text).toContain(r.code)
    expect(open311Text).not.toContain(secret)
    expect(open311Text).not.toContain(stored!.storage_key)
    const csv = await ((await csvLoader(args(new Request(`${ORIGIN}/laporan.csv`)))) as Response).text()
    expect(csv).toContain(r.code)
    expect(csv).not.toContain(secret)
    expect(csv).not.toContain(stored!.storage_key)
  })

  it('a photo without text is enough; text without a photo too', async () => {
    const r = await file()
    expect(((await addInfo(r.code, { token: r.token, visibility: 'public' }, [await photoFile()])) as Response).status).toBe(302)
    expect(((await addInfo(r.code, { token: r.token, body: 'Sudah dua minggu.', visibility: 'internal' })) as Response).status).toBe(302)
    expect((await events(r.id)).filter((e) => e.type === 'information_added')).toHaveLength(2)
  })

  it('refuses bad input with a message, values kept, nothing written, never 5xx', async () => {
    const r = await file()
    const before = { events: (await events(r.id)).length, files: readdirSync(uploadDir).length }
    const nothingWritten = async () => {
      expect((await events(r.id)).length).toBe(before.events)
      expect(await attachments(r.id)).toEqual([])
      expect(readdirSync(uploadDir).length).toBe(before.files)
    }
    const empty = unwrap(await addInfo(r.code, { token: r.token, body: '   ', visibility: 'public' }))
    expect(empty.status).toBe(400)
    expect(empty.data.result.error.body).toEqual(['Tulis keterangan atau lampirkan foto.'])
    const long = 'x'.repeat(2001)
    const tooLong = unwrap(await addInfo(r.code, { token: r.token, body: long, visibility: 'internal' }))
    expect(tooLong.status).toBe(400)
    expect(tooLong.data.result.initialValue).toMatchObject({ body: long, visibility: 'internal' })
    const noVisibility = unwrap(await addInfo(r.code, { token: r.token, body: 'Ada lubang juga.' }))
    expect(noVisibility.status).toBe(400)
    expect(noVisibility.data.result.error.visibility).toEqual(['Pilih siapa yang boleh melihat.'])
    const notPhoto = unwrap(
      await addInfo(r.code, { token: r.token, body: 'Foto terlampir.', visibility: 'public' }, [
        new File([Buffer.from('bukan gambar')], 'a.jpg', { type: 'image/jpeg' }),
      ]),
    )
    expect(notPhoto.status).toBe(400)
    expect(notPhoto.data.result.error.photos).toEqual([expect.any(String)])
    expect(notPhoto.data.result.initialValue).toMatchObject({ body: 'Foto terlampir.' })
    const four = await Promise.all([1, 2, 3, 4].map(() => photoFile()))
    const tooMany = unwrap(await addInfo(r.code, { token: r.token, body: 'Empat foto.', visibility: 'public' }, four))
    expect(tooMany.status).toBe(400)
    expect(tooMany.data.result.error.photos).toEqual([expect.any(String)])
    const wrongToken = unwrap(await addInfo(r.code, { token: 'salah-salah-salah', body: 'Halo.', visibility: 'public' }))
    expect(wrongToken.status).toBe(409)
    await nothingWritten()
  })

  it('is allowed while the report is open or resolved, not once it is closed, rejected or a duplicate', async () => {
    const r = await file()
    await resolve(r.id)
    expect(((await addInfo(r.code, { token: r.token, body: 'Masih berkedip.', visibility: 'public' })) as Response).status).toBe(302)
    const other = await file()
    const ends = [
      { status: 'closed', closed_at: new Date() },
      { status: 'rejected', reject_reason: 'spam' },
      { status: 'duplicate', duplicate_of_id: other.id },
    ] as const
    for (const end of ends) {
      await t.db
        .updateTable('reports')
        .set({ closed_at: null, reject_reason: null, duplicate_of_id: null, ...end })
        .where('id', '=', r.id)
        .execute()
      const before = (await events(r.id)).length
      const refused = unwrap(await addInfo(r.code, { token: r.token, body: 'Masih berkedip.', visibility: 'public' }))
      expect(refused.status).toBe(409)
      expect(refused.data.result.error['']).toEqual([expect.stringContaining('buat laporan baru')])
      expect((await events(r.id)).length).toBe(before)
      expect((await publicPage(r.code, r.token)).data.canAddInformation).toBe(false)
    }
  })
})

describe('"belum beres": a reason, and optionally a photo, on the reopening event', () => {
  const rate = (code: string, fields: Record<string, string>, files: File[] = []) => reportAction(args(multipart(code, fields, files), { code }))

  it('refuses "belum beres" without a reason: message, values kept, nothing written', async () => {
    const r = await file()
    await resolve(r.id)
    const answer = unwrap(await rate(r.code, { token: r.token, score: '2', fixed: 'no', comment: 'Masih mati.' }))
    expect(answer.status).toBe(400)
    expect(answer.data.result.error.reason).toEqual(['Tuliskan apa yang belum beres.'])
    expect(answer.data.result.initialValue).toMatchObject({ score: '2', fixed: 'no', comment: 'Masih mati.' })
    expect(await t.db.selectFrom('ratings').select('id').where('report_id', '=', r.id).execute()).toEqual([])
    expect((await t.db.selectFrom('reports').select('status').where('id', '=', r.id).executeTakeFirstOrThrow()).status).toBe('resolved')
    const twoPhotos = unwrap(await rate(r.code, { token: r.token, score: '2', fixed: 'no', reason: 'Masih mati.' }, [await photoFile(), await photoFile()]))
    expect(twoPhotos.status).toBe(400)
    expect(twoPhotos.data.result.error.photos).toEqual(['Lampirkan paling banyak 1 foto.'])
    expect(await attachments(r.id)).toEqual([])
  })

  it('reopens with the reason on the public event and the photo hung on it', async () => {
    const r = await file()
    await resolve(r.id)
    const response = (await rate(r.code, { token: r.token, score: '1', fixed: 'no', reason: 'Lampunya menyala sehari, lalu mati lagi.' }, [
      await photoFile(),
    ])) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toContain('dinilai=reopened')
    const reopened = (await events(r.id)).find((e) => e.type === 'reopened')!
    expect(reopened).toMatchObject({ visibility: 'public', body: 'Lampunya menyala sehari, lalu mati lagi.' })
    const [stored] = await attachments(r.id)
    expect(stored!.event_id).toBe(reopened.id)
    const view = await publicPage(r.code)
    expect(view.data.photos.map((p: { storage_key: string }) => p.storage_key)).toEqual([stored!.storage_key])
    expect((await t.db.selectFrom('reports').select('status').where('id', '=', r.id).executeTakeFirstOrThrow()).status).toBe('in_progress')
  })

  it('"sudah beres" needs no reason, and a photo sent with it is not kept', async () => {
    const r = await file()
    await resolve(r.id)
    const files = readdirSync(uploadDir).length
    const response = (await rate(r.code, { token: r.token, score: '5', fixed: 'yes' }, [await photoFile()])) as Response
    expect(response.status).toBe(302)
    expect(await attachments(r.id)).toEqual([])
    expect(readdirSync(uploadDir).length).toBe(files)
  })
})

describe('subscribing to a public report', () => {
  const browser = (id: string) => ({ Cookie: `browser=${Buffer.from(JSON.stringify(id)).toString('base64')}` })
  const post = (code: string, fields: Record<string, string>, headers: Record<string, string> = {}, context: Record<string, unknown> = {}) =>
    reportAction(
      args(
        new Request(`${ORIGIN}/laporan/${code}`, {
          method: 'POST',
          body: new URLSearchParams({ intent: 'subscribe', ...fields }),
          headers: { Origin: ORIGIN, ...headers },
        }),
        { code },
        context,
      ),
    )
  const subscriptions = (reportId: number) =>
    t.db.selectFrom('report_subscriptions').select(['channel', 'recipient', 'origin', 'unsubscribed_at']).where('report_id', '=', reportId).execute()

  it('anyone subscribes by e-mail, also once resolved; twice is one row; the address never comes back', async () => {
    const r = await file()
    const first = (await post(r.code, { email: 'tetangga@example.org' }, browser('eeeeeeeeeeeeeeeeeeeeee'))) as Response
    expect(first.status).toBe(302)
    expect(first.headers.get('Location')).toBe(`/laporan/${r.code}?diikuti=ya`)
    await resolve(r.id)
    expect((await publicPage(r.code)).data.canSubscribe).toBe(true)
    const again = (await post(r.code, { email: 'tetangga@example.org' }, browser('ffffffffffffffffffffff'))) as Response
    expect(again.headers.get('Location')).toBe(first.headers.get('Location'))
    expect(await subscriptions(r.id)).toEqual([{ channel: 'email', recipient: 'tetangga@example.org', origin: 'subscriber', unsubscribed_at: null }])
    const view = await publicPage(r.code)
    expect(JSON.stringify(view.data)).not.toContain('tetangga@example.org')
  })

  it('the subscriber gets the report news, with the one-click unsubscribe link of every citizen e-mail', async () => {
    const r = await file()
    await post(r.code, { email: 'pengikut@example.org' }, browser('gggggggggggggggggggggg'))
    const { notifyReporter } = await import('~/models/report-notifications.server')
    await t.db.transaction().execute((trx) => notifyReporter(trx, { reportId: r.id, template: 'report_resolved', payload: { code: r.code }, now: new Date() }))
    const rows = await t.db
      .selectFrom('notification_outbox')
      .select(['recipient', 'template'])
      .where('report_id', '=', r.id)
      .where('user_id', 'is', null)
      .execute()
    expect(rows).toContainEqual({ recipient: 'pengikut@example.org', template: 'report_resolved' })
  })

  it('refuses bad input (kept, nothing written), confidential and closed reports, cookie-less and cross-site posts', async () => {
    const r = await file()
    const none = unwrap(await post(r.code, {}, browser('hhhhhhhhhhhhhhhhhhhhhh')))
    expect(none.status).toBe(400)
    expect(none.data.result.error.email).toEqual(['Isi email atau nomor WhatsApp.'])
    const bad = unwrap(await post(r.code, { email: 'bukan-email' }, browser('hhhhhhhhhhhhhhhhhhhhhh')))
    expect(bad.status).toBe(400)
    expect(bad.data.result.initialValue).toMatchObject({ email: 'bukan-email' })
    const withoutCookie = unwrap(await post(r.code, { email: 'a@example.org' }))
    expect(withoutCookie.status).toBe(400)
    expect(
      (await thrown(() => post(r.code, { email: 'a@example.org' }, { ...browser('hhhhhhhhhhhhhhhhhhhhhh'), Origin: 'https://jahat.example' }))).status,
    ).toBe(403)
    expect(await subscriptions(r.id)).toEqual([])
    const confidential = await file('confidential')
    expect(unwrap(await post(confidential.code, { email: 'a@example.org' }, browser('hhhhhhhhhhhhhhhhhhhhhh'))).status).toBe(409)
    expect(await subscriptions(confidential.id)).toEqual([])
    await t.db.updateTable('reports').set({ status: 'closed' }).where('id', '=', r.id).execute()
    expect(unwrap(await post(r.code, { email: 'a@example.org' }, browser('hhhhhhhhhhhhhhhhhhhhhh'))).status).toBe(409)
    expect(await subscriptions(r.id)).toEqual([])
  })

  it('is rate-limited per client', async () => {
    const r = await file()
    const context = { clientIp: '203.0.113.77' }
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const answer = await post(r.code, { email: `warga${i}@example.org` }, browser('iiiiiiiiiiiiiiiiiiiiii'), context)
      statuses.push(answer instanceof Response ? answer.status : unwrap(answer).status)
    }
    expect(statuses).toEqual([302, 302, 302, 302, 429])
    expect(await subscriptions(r.id)).toHaveLength(4)
  })
})
