// Photos on /lapor: re-encoded without EXIF, limited in size and type, and served
// according to the report's privacy.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loader as photoLoader } from '~/routes/foto.$key'
import { action as filingAction } from '~/routes/lapor'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { ORIGIN } from '../support/routes'

const uploadDir = process.env.UPLOAD_DIR!
let t: TestDatabase
let ids: { pju: number; perilaku: number; arjosari: number }

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const cat = (code: string) =>
    t.db
      .selectFrom('categories')
      .innerJoin('jurisdictions', 'jurisdictions.id', 'categories.jurisdiction_id')
      .select('categories.id')
      .where('slug', '=', 'kota-malang')
      .where('categories.code', '=', code)
      .executeTakeFirstOrThrow()
  const arjosari = await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1002').executeTakeFirstOrThrow()
  ids = { pju: (await cat('pju')).id, perilaku: (await cat('perilaku_asn')).id, arjosari: arjosari.id }
})
afterAll(() => t?.close())

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

async function photoWithExif(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Budi Santoso', Copyright: 'rahasia' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '7/1 58/1 0/1' } })
    .toBuffer()
}

function multipart(fields: Record<string, string>, files: File[]) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  for (const f of files) body.append('photos', f)
  return new Request(`${ORIGIN}/lapor`, { method: 'POST', body, headers: { Origin: ORIGIN } })
}

const fields = (overrides: Record<string, string> = {}) => ({
  categoryId: String(ids.pju),
  areaId: String(ids.arjosari),
  description: 'Tiang lampu roboh di depan gang tujuh, foto terlampir.',
  privacy: 'public',
  idempotencyKey: `k-${Math.random().toString(36).slice(2)}`,
  // Past "Mungkin sudah dilaporkan" (ADR 022): these tests file many alike reports.
  confirmNew: '1',
  ...overrides,
})

const storedFiles = () => readdirSync(uploadDir)
const reportCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

async function fileWithPhoto(overrides: Record<string, string> = {}) {
  const jpeg = await photoWithExif(2400, 1200)
  expect((await sharp(jpeg).metadata()).exif).toBeDefined()
  const response = (await filingAction(args(multipart(fields(overrides), [new File([jpeg], 'IMG_0001.jpg', { type: 'image/jpeg' })])))) as Response
  expect(response.status).toBe(302)
  const code = response.headers.get('Location')!.replace('/laporan/', '')
  const photo = await t.db
    .selectFrom('attachments')
    .innerJoin('reports', 'reports.id', 'attachments.report_id')
    .selectAll('attachments')
    .where('reports.code', '=', code)
    .executeTakeFirstOrThrow()
  return { code, photo, cookie: response.headers.get('Set-Cookie')!.split(';')[0]! }
}

describe('report photos', () => {
  it('are re-encoded to at most 1600 px with the EXIF (author, GPS) removed', async () => {
    const { photo } = await fileWithPhoto()
    expect(photo).toMatchObject({ phase: 'before', content_type: 'image/jpeg', width: 1600, height: 800 })
    const stored = join(uploadDir, photo.storage_key)
    expect(existsSync(stored)).toBe(true)
    const meta = await sharp(stored).metadata()
    expect(meta.exif).toBeUndefined()
    expect([meta.width, meta.height]).toEqual([1600, 800])
  })

  it('of a public report are served to anyone', async () => {
    const { photo } = await fileWithPhoto()
    const response = (await photoLoader(args(new Request(`${ORIGIN}/foto/${photo.storage_key}`), { key: photo.storage_key }))) as Response
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('image/jpeg')
    expect((await response.arrayBuffer()).byteLength).toBe(photo.size_bytes)
  })

  it('of a confidential report are 404 without the reporter’s token', async () => {
    const { photo } = await fileWithPhoto({ categoryId: String(ids.perilaku) })
    const refused = await photoLoader(args(new Request(`${ORIGIN}/foto/${photo.storage_key}`), { key: photo.storage_key })).catch((r: Response) => r)
    expect((refused as Response).status).toBe(404)
  })

  it('refuses a file that is not a photo, or cannot be decoded, or is too large: 400, nothing written', async () => {
    const before = { reports: await reportCount(), files: storedFiles().length }
    const cases: [File, string][] = [
      [new File(['hello'], 'catatan.txt', { type: 'text/plain' }), 'Berkas harus berupa foto (JPEG, PNG atau WebP).'],
      [new File([Buffer.from('not really a jpeg')], 'rusak.jpg', { type: 'image/jpeg' }), 'Foto tidak dapat dibaca. Coba foto lain.'],
      [
        new File([Buffer.alloc(10 * 1024 * 1024 + 1)], 'besar.jpg', { type: 'image/jpeg' }),
        'Foto terlalu besar (maks. 10 MB). Pilih ulang foto yang lebih kecil.',
      ],
    ]
    for (const [file, message] of cases) {
      const result = (await filingAction(args(multipart(fields(), [file])))) as { data: any; init: { status: number } }
      expect(result.init.status).toBe(400)
      expect(result.data.result.error.photos).toEqual([message])
      expect(result.data.result.initialValue.description).toBe(fields().description)
    }
    // An enormous text field in a multipart post is cut, then refused as too long.
    const huge = (await filingAction(args(multipart(fields({ description: 'x'.repeat(5 * 1024 * 1024) }), [])))) as { data: any; init: { status: number } }
    expect(huge.init.status).toBe(400)
    expect(huge.data.result.error.description).toEqual(['Uraian maksimal 2000 huruf.'])
    expect(huge.data.result.initialValue.description.length).toBe(64 * 1024)
    const four = await Promise.all([1, 2, 3, 4].map(async (n) => new File([await photoWithExif(20, 20)], `${n}.jpg`, { type: 'image/jpeg' })))
    const tooMany = (await filingAction(args(multipart(fields(), four)))) as { data: any; init: { status: number } }
    expect(tooMany.data.result.error.photos).toEqual(['Maksimal 3 foto.'])
    expect(await reportCount()).toBe(before.reports)
    expect(storedFiles().length).toBe(before.files)
  })
})
