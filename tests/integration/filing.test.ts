// Citizen-side correctness (issue 5): public location, location checks, reopen cycles,
// confidential follow-up. Route loaders and actions called as Remix calls them.
import { hash } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Migrator } from 'kysely/migration'
import { migrateToLatest } from '#db/migrate'
import { migrations } from '#db/migrations'
import { ARGON2_OPTIONS } from '#db/seed'
import sharp from 'sharp'
import { getSummary } from '~/models/dashboard.server'
import { deleteExpiredPhotoStashes, PHOTO_STASH_TTL_MS, stashPhotos } from '~/models/photo-stash.server'
import { loader as stashedPhotoLoader } from '~/routes/foto.sementara.$key'
import { action as filingAction } from '~/routes/lapor'
import { action as reportAction, loader as reportLoader } from '~/routes/laporan.$code'
import { loader as trackLoader } from '~/routes/lacak'
import { action as loginAction } from '~/routes/masuk'
import { action as staffAction, loader as staffLoader } from '~/routes/petugas.laporan.$code'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { countReports, ORIGIN, unwrap } from '../support/routes'

// Alun-alun Merdeka, in Kel. Kiduldalem; Monas, Jakarta.
const KIDULDALEM_POINT = { lat: '-7.98264', lng: '112.63087' }
const JAKARTA_POINT = { lat: '-6.17539', lng: '106.82715' }
let t: TestDatabase
let ids: { jurisdiction: number; pju: number; perilaku: number; arjosari: number; kiduldalem: number }

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
    jurisdiction: j.id,
    pju: await cat('pju'),
    perilaku: await cat('perilaku_asn'),
    arjosari: await area('Arjosari'),
    kiduldalem: await area('Kiduldalem'),
  }
  const unit = await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', j.id).where('key', '=', 'dpuprpkp').executeTakeFirstOrThrow()
  const passwordHash = await hash('rahasia-sekali', ARGON2_OPTIONS)
  await t.db
    .insertInto('users')
    .values({ jurisdiction_id: j.id, email: 'kepala@test.local', name: 'Kepala', password_hash: passwordHash, role: 'supervisor', unit_id: unit.id })
    .execute()
})
afterAll(() => t?.close())

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, ...headers } })
}

/** A loader's payload, whether it came back plain or wrapped by `data()`. */
function payload(result: unknown): any {
  const r = result as { type?: string; data?: unknown }
  return r && r.type === 'DataWithResponseInit' ? r.data : r
}

/** A loader's Response, whether returned or thrown. */
async function thrownOrResponse(fn: () => Promise<unknown>): Promise<Response> {
  try {
    return (await fn()) as Response
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}

const validReport = (): Record<string, string> => ({
  categoryId: String(ids.pju),
  areaId: String(ids.arjosari),
  description: 'Lampu jalan mati di depan gang lima sejak kemarin malam.',
  privacy: 'public',
  name: 'Budi',
  phone: '0812-3456-7890',
  idempotencyKey: `k-${Math.random().toString(36).slice(2)}`,
  // Past "Mungkin sudah dilaporkan" (ADR 022): these tests file many alike reports.
  confirmNew: '1',
})

async function file(fields: Record<string, string | undefined>) {
  const body = Object.fromEntries(Object.entries({ ...validReport(), ...fields }).filter(([, v]) => v !== undefined)) as Record<string, string>
  const response = (await filingAction(args(post('/lapor', body)))) as Response
  expect(response.status).toBe(302)
  const code = response.headers.get('Location')!.replace('/laporan/', '')
  const cookie = response.headers.get('Set-Cookie')!.split(';')[0]!
  return { code, cookie }
}

async function privateToken(code: string, cookie: string) {
  const first = payload(await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}`, { headers: { Cookie: cookie } }), { code })))
  return new URL(first.privateLink).searchParams.get('t')!
}

async function login() {
  const response = (await loginAction(args(post('/masuk', { email: 'kepala@test.local', password: 'rahasia-sekali' })))) as Response
  expect(response.status).toBe(302)
  return response.headers.get('Set-Cookie')!.split(';')[0]!
}

async function staffDoes(code: string, staff: string, intent: string, body = '') {
  const { version } = await t.db.selectFrom('reports').select('version').where('code', '=', code).executeTakeFirstOrThrow()
  await staffAction(args(post(`/petugas/laporan/${code}`, { intent, version: String(version), body }, { Cookie: staff }), { code }))
}

describe('location on public pages', () => {
  it('a public report shows its point rounded to 3 decimals; an anonymous one shows none, also in .data', async () => {
    const open = await file({ areaId: undefined, ...KIDULDALEM_POINT })
    const publicView = payload(await reportLoader(args(new Request(`${ORIGIN}/laporan/${open.code}`), { code: open.code })))
    expect(publicView.report).toMatchObject({ lat: -7.983, lng: 112.631, kelurahan_name: 'Kiduldalem' })
    expect(JSON.stringify(publicView)).not.toMatch(/7\.9826|112\.6308/)

    const anonymous = await file({ areaId: undefined, ...KIDULDALEM_POINT, privacy: 'anonymous' })
    const anonymousView = payload(await reportLoader(args(new Request(`${ORIGIN}/laporan/${anonymous.code}.data`), { code: anonymous.code })))
    expect(anonymousView.report).toMatchObject({ lat: null, lng: null, kelurahan_name: 'Kiduldalem' })
    expect(JSON.stringify(anonymousView)).not.toMatch(/7\.98|112\.63/)

    // Staff and the database keep the exact point.
    const stored = await t.db.selectFrom('reports').select(['lat', 'lng']).where('code', '=', anonymous.code).executeTakeFirstOrThrow()
    expect(stored).toEqual({ lat: -7.98264, lng: 112.63087 })
    const staff = await login()
    const staffView = payload(
      await staffLoader(args(new Request(`${ORIGIN}/petugas/laporan/${anonymous.code}`, { headers: { Cookie: staff } }), { code: anonymous.code })),
    )
    expect(staffView.report).toMatchObject({ lat: -7.98264, lng: 112.63087 })
  })
})

describe('location checks when filing', () => {
  it('a point outside the jurisdiction is refused even with a kelurahan chosen, and is not sent back', async () => {
    const before = await countReports(t.db)
    const jakarta = unwrap(await filingAction(args(post('/lapor', { ...validReport(), ...JAKARTA_POINT }))))
    expect(jakarta.status).toBe(400)
    expect(jakarta.data.result.error.areaId).toEqual(['Lokasi berada di luar wilayah ini. Pilih kelurahan.'])
    expect(jakarta.data.pointDropped).toBe(true)
    expect(jakarta.data.result.initialValue.description).toMatch(/Lampu jalan/)
    expect(await countReports(t.db)).toBe(before)
  })

  it('a point in another kelurahan than the chosen one asks which is right, and stores only a consistent pair', async () => {
    const before = await countReports(t.db)
    const fields = { ...validReport(), ...KIDULDALEM_POINT }
    const asked = unwrap(await filingAction(args(post('/lapor', fields))))
    expect(asked.status).toBe(400)
    expect(asked.data.result.error.areaId).toEqual(['Titik lokasi tidak berada di kelurahan yang dipilih. Jawab pertanyaan di bawah.'])
    expect(asked.data.locationConflict).toEqual({ chosenAreaId: ids.arjosari, locatedAreaId: ids.kiduldalem })
    expect(asked.data.result.initialValue).toMatchObject({ lat: KIDULDALEM_POINT.lat, lng: KIDULDALEM_POINT.lng, areaId: String(ids.arjosari) })
    expect(await countReports(t.db)).toBe(before)

    const byPoint = await file({ ...KIDULDALEM_POINT, locationChoice: 'point' })
    const byArea = await file({ ...KIDULDALEM_POINT, locationChoice: 'area' })
    const stored = async (code: string) => t.db.selectFrom('reports').select(['area_id', 'lat', 'lng']).where('code', '=', code).executeTakeFirstOrThrow()
    expect(await stored(byPoint.code)).toEqual({ area_id: ids.kiduldalem, lat: -7.98264, lng: 112.63087 })
    expect(await stored(byArea.code)).toEqual({ area_id: ids.arjosari, lat: null, lng: null })

    // A point in the chosen kelurahan needs no question.
    const same = await file({ ...KIDULDALEM_POINT, areaId: String(ids.kiduldalem) })
    expect(await stored(same.code)).toEqual({ area_id: ids.kiduldalem, lat: -7.98264, lng: 112.63087 })
  })
})

describe('photos on a refused submit (photo stash)', () => {
  const photo = async (colour: string) =>
    new File(
      [
        await sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
          .jpeg()
          .withExif({ IFD0: { Artist: 'Pelapor' } })
          .toBuffer(),
      ],
      'IMG.jpg',
      { type: 'image/jpeg' },
    )
  function multipart(fields: Record<string, string | string[]>, files: File[], cookie?: string) {
    const body = new FormData()
    for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) body.append(k, item)
    for (const f of files) body.append('photos', f)
    return new Request(`${ORIGIN}/lapor`, { method: 'POST', body, headers: { Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}) } })
  }
  const serve = (key: string, cookie?: string) =>
    thrownOrResponse(() => stashedPhotoLoader(args(new Request(`${ORIGIN}/foto/sementara/${key}`, { headers: cookie ? { Cookie: cookie } : {} }), { key })))
  const attachments = (code: string) =>
    t.db
      .selectFrom('attachments')
      .innerJoin('reports', 'reports.id', 'attachments.report_id')
      .select('attachments.storage_key')
      .where('reports.code', '=', code)
      .orderBy('attachments.id')
      .execute()

  it('are kept for the same browser, shown attached, served only to it, and filed with the next submit unless unticked', async () => {
    const before = await countReports(t.db)
    const refused = (await filingAction(args(multipart({ ...validReport(), description: 'pendek' }, [await photo('#2a6'), await photo('#a26')])))) as any
    expect(refused.init.status).toBe(400)
    const stashed = refused.data.stashedPhotos as { storageKey: string }[]
    expect(stashed).toHaveLength(2)
    const cookie = String(new Headers(refused.init.headers).get('Set-Cookie')).split(';')[0]!
    expect(String(new Headers(refused.init.headers).get('Set-Cookie'))).toMatch(/HttpOnly/i)
    expect(await countReports(t.db)).toBe(before)

    // Served to this browser only, re-encoded (no EXIF), never cached.
    const own = await serve(stashed[0]!.storageKey, cookie)
    expect(own.status).toBe(200)
    expect(own.headers.get('Cache-Control')).toBe('private, no-store')
    expect((await sharp(Buffer.from(await own.arrayBuffer())).metadata()).exif).toBeUndefined()
    expect((await serve(stashed[0]!.storageKey)).status).toBe(404)
    const other = (await filingAction(args(multipart({ ...validReport(), description: 'pendek' }, [await photo('#26a')])))) as any
    const otherCookie = String(new Headers(other.init.headers).get('Set-Cookie')).split(';')[0]!
    expect((await serve(stashed[0]!.storageKey, otherCookie)).status).toBe(404)
    // Another browser cannot attach them either.
    const stolen = await file({ keepPhoto: stashed[0]!.storageKey })
    expect(await attachments(stolen.code)).toEqual([])

    // Three at most, counting the kept ones.
    const tooMany = (await filingAction(
      args(multipart({ ...validReport(), keepPhoto: stashed.map((p) => p.storageKey) }, [await photo('#111'), await photo('#222')], cookie)),
    )) as any
    expect(tooMany.data.result.error.photos).toEqual(['Maksimal 3 foto.'])

    // The second photo unticked: only the first is filed; the stash is emptied.
    const ok = (await filingAction(args(multipart({ ...validReport(), keepPhoto: stashed[0]!.storageKey }, [], cookie)))) as Response
    expect(ok.status).toBe(302)
    const code = ok.headers.get('Location')!.replace('/laporan/', '')
    expect(await attachments(code)).toEqual([{ storage_key: stashed[0]!.storageKey }])
    const left = await t.db
      .selectFrom('photo_stashes')
      .select('storage_key')
      .where(
        'storage_key',
        'in',
        stashed.map((p) => p.storageKey),
      )
      .execute()
    expect(left).toEqual([])
    expect((await serve(stashed[1]!.storageKey, cookie)).status).toBe(404)
  })

  it('expire: deleteExpiredPhotoStashes removes only rows past their expiry', async () => {
    const now = new Date()
    const stored = { storageKey: 'ExpiryTestKey000000000.jpg', contentType: 'image/jpeg' as const, sizeBytes: 10, width: 4, height: 3 }
    await stashPhotos(t.db, 'a'.repeat(64), [stored], now)
    expect(await deleteExpiredPhotoStashes(t.db, new Date(now.getTime() + PHOTO_STASH_TTL_MS - 1000))).toEqual([])
    expect(await deleteExpiredPhotoStashes(t.db, new Date(now.getTime() + PHOTO_STASH_TTL_MS))).toContain(stored.storageKey)
    expect(await t.db.selectFrom('photo_stashes').select('id').where('storage_key', '=', stored.storageKey).execute()).toEqual([])
  })
})

describe('every resolution can be confirmed or rejected', () => {
  it('after "not fixed" and a second resolution, the private link offers the rating again; a rating belongs to a resolution', async () => {
    const { code, cookie } = await file({})
    const token = await privateToken(code, cookie)
    const staff = await login()
    const view = async () => payload(await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}?t=${token}`), { code })))
    const rate = async (fields: Record<string, string>) => (await reportAction(args(post(`/laporan/${code}`, { token, ...fields }), { code }))) as Response

    await staffDoes(code, staff, 'start')
    await staffDoes(code, staff, 'resolve', 'Lampu sudah diganti.')
    expect((await view()).canRate).toBe(true)
    expect((await rate({ score: '2', fixed: 'no', comment: 'Masih mati.', reason: 'Masih mati.' })).headers.get('Location')).toMatch(/dinilai=reopened/)
    expect((await view()).canRate).toBe(false)

    await staffDoes(code, staff, 'resolve', 'Kabel juga diganti.')
    const second = await view()
    expect(second.report.status).toBe('resolved')
    expect(second.canRate).toBe(true)
    // Without the private token nobody may rate.
    expect(payload(await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}`), { code }))).canRate).toBe(false)

    expect((await rate({ score: '5', fixed: 'yes' })).headers.get('Location')).toMatch(/dinilai=closed/)
    const closed = await view()
    expect(closed.report.status).toBe('closed')
    expect(closed.canRate).toBe(false)
    expect(closed.rating.score).toBe(5)
    // A third rating of the same (closed) report is refused.
    expect(unwrap(await reportAction(args(post(`/laporan/${code}`, { token, score: '1', fixed: 'no', reason: 'Masih mati.' }), { code }))).status).toBe(409)

    const ratings = await t.db
      .selectFrom('ratings')
      .innerJoin('reports', 'reports.id', 'ratings.report_id')
      .select(['ratings.resolution_number', 'ratings.score', 'ratings.fixed'])
      .where('reports.code', '=', code)
      .orderBy('ratings.resolution_number')
      .execute()
    expect(ratings).toEqual([
      { resolution_number: 1, score: 2, fixed: 'no' },
      { resolution_number: 2, score: 5, fixed: 'yes' },
    ])
    await expect(
      t.db
        .insertInto('ratings')
        .values({
          report_id: (await t.db.selectFrom('reports').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id,
          resolution_number: 2,
          score: 3,
          fixed: 'yes',
        })
        .execute(),
    ).rejects.toThrow()
  })

  it('the dashboard counts each report once, with its latest rating', async () => {
    const f = { jurisdictionId: ids.jurisdiction, since: new Date(Date.now() - 86_400_000), now: new Date(Date.now() + 60_000) }
    const summary = await getSummary(t.db, f)
    expect(summary.total).toBe(await countReports(t.db))
    // The reopened report above counts with its final 5; no other report here was rated.
    expect(summary.ratings).toBe(1)
    expect(summary.meanRating).toBe(5)
  })
})

describe('confidential reports', () => {
  it('the confirmation says only the private link shows it; the code alone reveals nothing', async () => {
    const { code, cookie } = await file({ categoryId: String(ids.perilaku) })
    const confirmation = payload(await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}`, { headers: { Cookie: cookie } }), { code })))
    expect(confirmation.justFiled).toBe(true)
    expect(confirmation.report.privacy).toBe('confidential')
    expect(confirmation.privateLink).toMatch(/\?t=/)
    // Tracking by code answers exactly as for a code that does not exist.
    const tracked = (await trackLoader(args(new Request(`${ORIGIN}/lacak?kode=${code}`)))) as { raw: string; error: string }
    const unknown = (await trackLoader(args(new Request(`${ORIGIN}/lacak?kode=MLG-ZZZZZZ`)))) as { raw: string; error: string }
    expect(tracked.error).toBe('not_found')
    expect(unknown.error).toBe('not_found')
  })
})

describe('migration 0002 (filing corrections)', () => {
  // Last in this file: it migrates the shared test database down and up again.
  it('numbers existing ratings by the resolutions before them, and goes down keeping the latest rating', async () => {
    const rated = await t.db
      .selectFrom('ratings')
      .innerJoin('reports', 'reports.id', 'ratings.report_id')
      .select(['reports.id', 'ratings.resolution_number', 'ratings.score'])
      .orderBy('ratings.resolution_number', 'desc')
      .executeTakeFirstOrThrow()
    expect(rated.resolution_number).toBe(2)
    const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations } })
    const down = await migrator.migrateTo('0001-initial-schema')
    expect(down.error).toBeUndefined()
    const kept = await t.db.selectFrom('ratings').selectAll().where('report_id', '=', rated.id).execute()
    expect(kept.map((r) => r.score)).toEqual([rated.score])
    expect((await migrateToLatest(t.db))[0]).toBe('0002-filing-corrections')
    const backfilled = await t.db.selectFrom('ratings').select(['resolution_number', 'score']).where('report_id', '=', rated.id).execute()
    expect(backfilled).toEqual([{ resolution_number: 2, score: rated.score }])
  })
})
