// Bad input never produces a 5xx (issue 5, sections 2 and 3): wrong content types,
// malformed multipart bodies, NUL characters, oversized and endless bodies, too many
// files, huge images and a full photo queue, sent to every form action as Remix
// calls it. Each answer is a 4xx (or a 503 "coba lagi" with the form kept) and
// nothing is written.
import { hash } from '@node-rs/argon2'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARGON2_OPTIONS } from '#db/seed'
import { action as logoutAction } from '~/routes/keluar'
import { action as filingAction } from '~/routes/lapor'
import { action as reportAction, loader as reportLoader } from '~/routes/laporan.$code'
import { action as loginAction } from '~/routes/masuk'
import { action as staffAction } from '~/routes/petugas.laporan.$code'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { ORIGIN } from '../support/routes'

let t: TestDatabase
let ids: { pju: number; arjosari: number }
let staffCookie: string

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const pju = await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', j.id).where('code', '=', 'pju').executeTakeFirstOrThrow()
  const arjosari = await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1002').executeTakeFirstOrThrow()
  ids = { pju: pju.id, arjosari: arjosari.id }
  const unit = await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', j.id).where('key', '=', 'dpuprpkp').executeTakeFirstOrThrow()
  const passwordHash = await hash('rahasia-sekali', ARGON2_OPTIONS)
  await t.db
    .insertInto('users')
    .values({ jurisdiction_id: j.id, email: 'kepala@test.local', name: 'Kepala', password_hash: passwordHash, role: 'supervisor', unit_id: unit.id })
    .execute()
  const login = (await loginAction(args(post('/masuk', { email: 'kepala@test.local', password: 'rahasia-sekali' })))) as Response
  expect(login.status).toBe(302)
  staffCookie = login.headers.get('Set-Cookie')!.split(';')[0]!
})
afterAll(() => t?.close())

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, ...headers } })
}

function raw(path: string, body: BodyInit | null, contentType: string | null, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { Origin: ORIGIN, ...headers }
  if (contentType !== null) h['Content-Type'] = contentType
  return new Request(`${ORIGIN}${path}`, { method: 'POST', body, headers: h, duplex: 'half' } as RequestInit)
}

/**
 * What the client would see: the status of a returned or thrown Response or of a
 * `data()` result; any other thrown error is what Remix answers with a 500.
 */
async function answer(fn: () => Promise<unknown>): Promise<{ status: number; data?: any; error?: unknown }> {
  try {
    const result = await fn()
    if (result instanceof Response) return { status: result.status }
    const r = result as { data: any; init: { status?: number } | null }
    return { status: r.init?.status ?? 200, data: r.data }
  } catch (error) {
    if (error instanceof Response) return { status: error.status }
    return { status: 500, error }
  }
}

function expect4xx(a: { status: number; error?: unknown }, label: string) {
  expect(a.status, `${label}: ${String(a.error ?? '')}`).toBeGreaterThanOrEqual(400)
  expect(a.status, `${label}: ${String(a.error ?? '')}`).toBeLessThan(500)
}

async function counts() {
  const n = async (table: 'reports' | 'report_events' | 'ratings') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return { reports: await n('reports'), events: await n('report_events'), ratings: await n('ratings') }
}

const validReport = (overrides: Record<string, string> = {}) => ({
  categoryId: String(ids.pju),
  areaId: String(ids.arjosari),
  description: 'Lampu jalan mati di depan gang lima sejak kemarin malam.',
  privacy: 'public',
  name: 'Budi',
  email: 'budi@example.com',
  idempotencyKey: `k-${Math.random().toString(36).slice(2)}`,
  // Past "Mungkin sudah dilaporkan" (ADR 022): these tests file many alike reports.
  confirmNew: '1',
  ...overrides,
})

async function fileReport() {
  const response = (await filingAction(args(post('/lapor', validReport())))) as Response
  expect(response.status).toBe(302)
  const code = response.headers.get('Location')!.replace('/laporan/', '')
  const flash = response.headers.get('Set-Cookie')!.split(';')[0]!
  const page = (await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}`, { headers: { Cookie: flash } }), { code }))) as any
  const token = new URL((page.data ?? page).privateLink).searchParams.get('t')!
  return { code, token }
}

async function version(code: string) {
  return String((await t.db.selectFrom('reports').select('version').where('code', '=', code).executeTakeFirstOrThrow()).version)
}

/** Every form action, with a request factory per action. */
function targets(code: string) {
  return [
    { name: '/lapor', path: '/lapor', call: (r: Request) => filingAction(args(r)) },
    { name: '/masuk', path: '/masuk', call: (r: Request) => loginAction(args(r)) },
    { name: '/keluar', path: '/keluar', call: (r: Request) => logoutAction(args(r)) },
    { name: 'rating', path: `/laporan/${code}`, call: (r: Request) => reportAction(args(r, { code })) },
    { name: 'staff action', path: `/petugas/laporan/${code}`, headers: { Cookie: staffCookie }, call: (r: Request) => staffAction(args(r, { code })) },
  ]
}

const BOUNDARY = '----melayani-test'
const part = (headers: string, body: string) => `--${BOUNDARY}\r\n${headers}\r\n\r\n${body}\r\n`

describe('wrong content types and malformed bodies', () => {
  it('JSON, text/plain, XML or no content type: 415/400 on every form action, nothing written', async () => {
    const { code } = await fileReport()
    const before = await counts()
    const bodies: [string | null, string][] = [
      ['application/json', JSON.stringify({ email: 'a@b.c', password: 'x', description: 'json json json json' })],
      ['text/plain', 'email=a@b.c&password=x'],
      ['application/xml', '<form><email>a@b.c</email></form>'],
      [null, 'email=a@b.c'],
      ['', ''],
    ]
    for (const target of targets(code)) {
      for (const [type, body] of bodies) {
        const a = await answer(() => target.call(raw(target.path, body, type, target.headers)))
        expect4xx(a, `${target.name} ${type}`)
      }
    }
    expect(await counts()).toEqual(before)
  })

  it('malformed, truncated, boundary-less multipart and parts without a name: 4xx, nothing written', async () => {
    const { code } = await fileReport()
    const before = await counts()
    const multipart = `multipart/form-data; boundary=${BOUNDARY}`
    const cases: [string, string, string][] = [
      ['garbage', multipart, 'this is not multipart at all'],
      [
        'truncated',
        multipart,
        `${part('Content-Disposition: form-data; name="description"', 'Lampu jalan mati sejak kemarin malam')}--${BOUNDARY}\r\nContent-Disposition: form-da`,
      ],
      ['part without a name', multipart, `${part('Content-Disposition: form-data', 'tanpa nama')}--${BOUNDARY}--\r\n`],
      [
        'file part without a name',
        multipart,
        `${part('Content-Disposition: form-data; filename="a.jpg"\r\nContent-Type: image/jpeg', 'xxxx')}--${BOUNDARY}--\r\n`,
      ],
      ['bad part header', multipart, `--${BOUNDARY}\r\nthis is no header\r\n\r\nx\r\n--${BOUNDARY}--\r\n`],
      ['no boundary', 'multipart/form-data', 'whatever'],
    ]
    for (const target of targets(code)) {
      for (const [label, type, body] of cases) {
        const a = await answer(() => target.call(raw(target.path, body, type, target.headers)))
        expect4xx(a, `${target.name} ${label}`)
      }
    }
    expect(await counts()).toEqual(before)
  })
})

describe('NUL characters in text fields', () => {
  it('/lapor: NUL in description, address, name, email and key never reaches PostgreSQL', async () => {
    for (const field of ['description', 'address', 'name', 'email', 'idempotencyKey', 'phone', 'privacy', 'categoryId']) {
      const value =
        field === 'email' ? 'budi\0@example.com' : field === 'categoryId' ? `${ids.pju}\0` : `${validReport()[field as 'description'] ?? 'Jalan Mawar 1'}\0x`
      const a = await answer(() => filingAction(args(post('/lapor', validReport({ [field]: value })))))
      expect(a.status, `${field}: ${String(a.error ?? '')}`).toBeLessThan(500)
    }
    const stored = await t.db.selectFrom('reports').select(['description', 'address']).execute()
    for (const r of stored) expect(`${r.description}${r.address ?? ''}`).not.toContain('\0')
  })

  it('/masuk: NUL in email or password is stripped or refused, never a database error', async () => {
    for (const fields of [
      { email: 'kepala\0@test.local', password: 'rahasia-sekali' },
      { email: '\0', password: '\0' },
      { email: 'x\0@test.local', password: 'a\0b' },
    ]) {
      const a = await answer(() => loginAction(args(post('/masuk', fields))))
      expect(a.status, `${JSON.stringify(fields)}: ${String(a.error ?? '')}`).toBeLessThan(500)
    }
  })

  it('rating: NUL in token and comment; staff: NUL in note and reason', async () => {
    const { code, token } = await fileReport()
    for (const [intent, body] of [
      ['start', 'Mulai\0 dikerjakan'],
      ['resolve', 'Selesai\0 diperbaiki.'],
    ]) {
      const a = await answer(() =>
        staffAction(args(post(`/petugas/laporan/${code}`, { intent: intent!, version: '0', body: body! }, { Cookie: staffCookie }), { code })),
      )
      expect(a.status).toBeLessThan(500)
      const ok = await answer(async () =>
        staffAction(args(post(`/petugas/laporan/${code}`, { intent: intent!, version: await version(code), body: body! }, { Cookie: staffCookie }), { code })),
      )
      expect(ok.status, String(ok.error ?? '')).toBe(302)
    }
    const note = await answer(async () =>
      staffAction(
        args(post(`/petugas/laporan/${code}`, { intent: 'internal_note', version: await version(code), body: 'catatan\0internal' }, { Cookie: staffCookie }), {
          code,
        }),
      ),
    )
    expect(note.status, String(note.error ?? '')).toBeLessThan(500)
    // NUL is stripped at the boundary: the token still matches and the comment is stored without it.
    const nulToken = `${token.slice(0, 5)}\0${token.slice(5)}`
    const rated = await answer(() =>
      reportAction(args(post(`/laporan/${code}`, { token: nulToken, score: '5', fixed: 'yes', comment: 'mantap\0 sekali' }), { code })),
    )
    expect(rated.status, String(rated.error ?? '')).toBe(302)
    const rating = await t.db
      .selectFrom('ratings')
      .innerJoin('reports', 'reports.id', 'ratings.report_id')
      .select('ratings.comment')
      .where('reports.code', '=', code)
      .executeTakeFirstOrThrow()
    expect(rating.comment).toBe('mantap sekali')
  })
})

/** A body of `total` bytes made on demand, counting how much of it was read. */
function endlessBody(total: number, prefix = '', chunk = 64 * 1024) {
  const state = { pulled: 0 }
  const head = new TextEncoder().encode(prefix)
  const filler = new Uint8Array(chunk).fill(0x61)
  let sent = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0 && head.byteLength) {
        sent += head.byteLength
        state.pulled += head.byteLength
        return controller.enqueue(head)
      }
      if (sent >= total) return controller.close()
      sent += filler.byteLength
      state.pulled += filler.byteLength
      controller.enqueue(filler)
    },
  })
  return { stream, state }
}

describe('body size counted on the stream', () => {
  it('a 100 MB urlencoded post without Content-Length to /masuk stops after 64 KB with 413', async () => {
    const { stream, state } = endlessBody(100 * 1024 * 1024, 'email=a%40b.c&password=')
    const a = await answer(() => loginAction(args(raw('/masuk', stream, 'application/x-www-form-urlencoded'))))
    expect(a.status).toBe(413)
    expect(state.pulled).toBeLessThan(1024 * 1024)
  })

  it('a 100 MB multipart text field to /lapor stops at the limit with 413, nothing written', async () => {
    const before = await counts()
    const prefix = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="description"\r\n\r\n`
    const { stream, state } = endlessBody(100 * 1024 * 1024, prefix)
    const a = await answer(() => filingAction(args(raw('/lapor', stream, `multipart/form-data; boundary=${BOUNDARY}`))))
    expect(a.status).toBe(413)
    expect(state.pulled).toBeLessThan(40 * 1024 * 1024)
    expect(await counts()).toEqual(before)
  })

  it('the fourth photo stops the read: "Maksimal 3 foto." with the values kept, the rest never read', async () => {
    const before = await counts()
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#c84' } })
      .jpeg()
      .toBuffer()
    const fields = validReport()
    let text = ''
    for (const [k, v] of Object.entries(fields)) text += part(`Content-Disposition: form-data; name="${k}"`, v)
    const encoder = new TextEncoder()
    const photoHead = (n: number) =>
      encoder.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="photos"; filename="${n}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`)
    const nineMb = new Uint8Array(9 * 1024 * 1024)
    let n = 0
    let pulled = 0
    // 60 photos of 9 MB (540 MB), made as they are read.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(text))
      },
      pull(controller) {
        if (n === 60) {
          controller.enqueue(encoder.encode(`--${BOUNDARY}--\r\n`))
          return controller.close()
        }
        n++
        const body = n <= 3 ? jpeg : nineMb
        controller.enqueue(photoHead(n))
        controller.enqueue(body)
        controller.enqueue(encoder.encode('\r\n'))
        pulled += body.byteLength
      },
    })
    const a = await answer(() => filingAction(args(raw('/lapor', stream, `multipart/form-data; boundary=${BOUNDARY}`))))
    expect(a.status).toBe(400)
    expect(a.data.result.error.photos).toEqual(['Maksimal 3 foto.'])
    expect(a.data.result.initialValue.description).toBe(fields.description)
    expect(pulled).toBeLessThan(20 * 1024 * 1024)
    expect(await counts()).toEqual(before)
  })
})

describe('image decode cost', () => {
  it('a 7000×7000 PNG is refused with a clear message before decoding, values kept', async () => {
    const before = await counts()
    const png = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer()
    const body = new FormData()
    for (const [k, v] of Object.entries(validReport())) body.append(k, v)
    body.append('photos', new File([png], 'big.png', { type: 'image/png' }))
    const started = performance.now()
    const a = await answer(() => filingAction(args(new Request(`${ORIGIN}/lapor`, { method: 'POST', body, headers: { Origin: ORIGIN } }))))
    const ms = performance.now() - started
    expect(a.status).toBe(400)
    expect(a.data.result.error.photos).toEqual(['Resolusi foto terlalu besar (maks. 25 megapiksel). Pilih foto lain atau perkecil ukurannya.'])
    expect(a.data.result.initialValue.name).toBe('Budi')
    expect(ms).toBeLessThan(500)
    expect(await counts()).toEqual(before)
  })

  it('a photo that waits too long for the decode queue gets "coba lagi" (503) with the values kept', async () => {
    const { configurePhotoQueue } = await import('~/utils/photos.server')
    const queue = configurePhotoQueue({ concurrency: 1, maxWaitMs: 50 })
    let release!: () => void
    const busy = queue.run(() => new Promise<void>((r) => (release = r)))
    try {
      const before = await counts()
      const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#c84' } })
        .jpeg()
        .toBuffer()
      const body = new FormData()
      for (const [k, v] of Object.entries(validReport())) body.append(k, v)
      body.append('photos', new File([jpeg], 'a.jpg', { type: 'image/jpeg' }))
      const a = await answer(() => filingAction(args(new Request(`${ORIGIN}/lapor`, { method: 'POST', body, headers: { Origin: ORIGIN } }))))
      expect(a.status).toBe(503)
      expect(a.data.result.error.photos[0]).toMatch(/coba lagi/)
      expect(a.data.result.initialValue.description).toMatch(/Lampu jalan mati/)
      expect(await counts()).toEqual(before)
    } finally {
      release()
      await busy
      configurePhotoQueue({ concurrency: 2, maxWaitMs: 15_000 })
    }
  })
})
