// Double submits and idempotency keys (issue 5, section 4). A key only ever replays the
// same submission from the same browser; anything else files normally and never
// reveals, or takes over, another report. Without JavaScript, Back + submit again of
// the same content from the same browser lands on the report already filed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileReport, getPublicReport, type NewReportInput } from '~/models/report.server'
import { action as filingAction, headers as filingHeaders, loader as filingLoader } from '~/routes/lapor'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { ORIGIN } from '../support/routes'

let t: TestDatabase
let jurisdiction: { id: number; time_zone: string; code_prefix: string }
let pju: number
let perilaku: number
let arjosari: number

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  jurisdiction = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const cat = async (code: string) =>
    (await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', jurisdiction.id).where('code', '=', code).executeTakeFirstOrThrow()).id
  pju = await cat('pju')
  perilaku = await cat('perilaku_asn')
  arjosari = (await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1002').executeTakeFirstOrThrow()).id
})
afterAll(() => t?.close())

const NOW = new Date('2026-11-24T03:00:00Z')
let n = 0

function input(overrides: Partial<NewReportInput> = {}): NewReportInput {
  n++
  return {
    jurisdiction,
    categoryId: pju,
    areaId: arjosari,
    description: `Lampu jalan mati di depan gang ${n}, sudah tiga malam gelap.`,
    address: null,
    lat: null,
    lng: null,
    privacy: 'public',
    contact: { name: 'Siti', email: 'siti@example.com', phone: null },
    idempotencyKey: `idem-key-${n}-${Date.now()}`,
    browserId: `browser-${n}-aaaaaaaaaaaaaa`,
    now: NOW,
    ...overrides,
  }
}

const file = (i: NewReportInput) => t.db.transaction().execute((trx) => fileReport(trx, i))
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)
async function reportCount() {
  const { c } = await t.db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number>().as('c'))
    .executeTakeFirstOrThrow()
  return Number(c)
}

describe('an idempotency key is bound to the content and the browser', () => {
  it('another submission with the same key files its own report; the first stays private and its link keeps working', async () => {
    const first = input({ privacy: 'confidential' })
    const filed = await file(first)
    // Someone else (another browser) reuses the key with their own content.
    const other = await file(input({ idempotencyKey: first.idempotencyKey, description: 'Isi laporan yang lain sama sekali, dari orang lain.' }))
    expect(other.code).not.toBe(filed.code)
    expect(other.replayed).toBe(false)
    // Never the first report's link, never a change to it.
    expect(await getPublicReport(t.db, filed.code, other.token!)).toBeNull()
    expect((await getPublicReport(t.db, filed.code, filed.token!))?.isReporter).toBe(true)
  })

  it('the same key and content from another browser files separately and reveals nothing', async () => {
    const first = input({ categoryId: perilaku })
    const filed = await file(first)
    const copy = await file({ ...first, browserId: 'another-browser-bbbbbbbbbb', now: later(1) })
    expect(copy.code).not.toBe(filed.code)
    expect(copy.replayed).toBe(false)
    expect((await getPublicReport(t.db, filed.code, filed.token!))?.isReporter).toBe(true)
  })

  it('the same key with different content from the same browser files a second report', async () => {
    const first = input()
    const filed = await file(first)
    const edited = await file({ ...first, description: `${first.description} Tambahan: di dekat masjid.`, now: later(1) })
    expect(edited.code).not.toBe(filed.code)
    expect((await getPublicReport(t.db, filed.code, filed.token!))?.isReporter).toBe(true)
  })

  it('a double submit (same key, content and browser) files one report, even concurrently', async () => {
    const same = input()
    const before = await reportCount()
    const [x, y] = await Promise.all([file(same), file(same)])
    const z = await file(same)
    expect(new Set([x.code, y.code, z.code]).size).toBe(1)
    expect([x, y, z].filter((f) => !f.replayed)).toHaveLength(1)
    expect(await reportCount()).toBe(before + 1)
    // The browser shows the last response: its link is the one that works.
    expect((await getPublicReport(t.db, z.code, z.token!))?.isReporter).toBe(true)
  })
})

describe('Back and submit again without JavaScript (a new key, the same content)', () => {
  it('lands on the report already filed within the window', async () => {
    const first = input()
    const filed = await file(first)
    const again = await file({ ...first, idempotencyKey: 'a-new-key-from-the-reloaded-page', now: later(5) })
    expect(again.code).toBe(filed.code)
    expect(again.replayed).toBe(true)
    expect((await getPublicReport(t.db, again.code, again.token!))?.isReporter).toBe(true)
    // Whitespace and line-ending differences from the browser are the same content.
    const crlf = await file({ ...first, description: `  ${first.description.replace(/ /g, ' \r\n')}  `, idempotencyKey: 'a-third-key-xxxxxxxx', now: later(6) })
    expect(crlf.code).toBe(filed.code)
  })

  it('files a new report after the window, from another browser, or with other content', async () => {
    const first = input()
    const filed = await file(first)
    const late = await file({ ...first, idempotencyKey: 'new-key-late-xxxxxxxx', now: later(16) })
    const elsewhere = await file({ ...first, idempotencyKey: 'new-key-elsewhere-xxxx', browserId: 'other-browser-cccccccccc', now: later(2) })
    const otherContact = await file({ ...first, idempotencyKey: 'new-key-contact-xxxxxx', contact: { name: 'Budi', email: null, phone: null }, now: later(3) })
    for (const f of [late, elsewhere, otherContact]) {
      expect(f.code).not.toBe(filed.code)
      expect(f.replayed).toBe(false)
    }
  })
})

const args = (request: Request) => ({ request, params: {}, context: {} })
const validFields = (description: string, key: string) => ({
  categoryId: String(pju),
  areaId: String(arjosari),
  description,
  privacy: 'confidential',
  name: 'Budi',
  idempotencyKey: key,
  // Past "Mungkin sudah dilaporkan" (ADR 022): this file files many alike reports.
  confirmNew: '1',
})
function post(fields: Record<string, string>, cookie?: string) {
  return new Request(`${ORIGIN}/lapor`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}) },
  })
}
const setCookies = (response: Response) => response.headers.getSetCookie()
const browserCookieOf = (response: Response) => setCookies(response).find((c) => !c.startsWith('filed_'))

describe('/lapor', () => {
  it('is never cached, and gives the browser an httpOnly SameSite cookie when it has none', async () => {
    expect(new Headers(filingHeaders({} as never) as HeadersInit).get('Cache-Control')).toMatch(/no-store/)
    const result = (await filingLoader(args(new Request(`${ORIGIN}/lapor`)))) as { init?: { headers?: HeadersInit } }
    const cookie = new Headers(result.init?.headers).get('Set-Cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    // Known browsers keep their cookie: nothing new to set.
    const again = (await filingLoader(args(new Request(`${ORIGIN}/lapor`, { headers: { Cookie: cookie.split(';')[0]! } })))) as {
      init?: { headers?: HeadersInit }
    }
    expect(new Headers(again.init?.headers).get('Set-Cookie')).toBeNull()
  })

  it('an attacker reusing a confidential report’s key gets their own report, not the reporter’s link', async () => {
    const page = (await filingLoader(args(new Request(`${ORIGIN}/lapor`)))) as { data: { idempotencyKey: string }; init?: { headers?: HeadersInit } }
    const victimCookie = new Headers(page.init?.headers).get('Set-Cookie')!.split(';')[0]!
    const key = page.data.idempotencyKey
    const victim = (await filingAction(args(post(validFields('Pungutan liar di loket pelayanan kelurahan kemarin.', key), victimCookie)))) as Response
    expect(victim.status).toBe(302)
    const attacker = (await filingAction(args(post(validFields('Apa saja, hanya ingin tahu laporan orang lain.', key))))) as Response
    expect(attacker.status).toBe(302)
    expect(attacker.headers.get('Location')).not.toBe(victim.headers.get('Location'))
    // The attacker's browser had no cookie: it gets one now, httpOnly.
    expect(browserCookieOf(attacker)).toMatch(/HttpOnly/i)
  })

  it('Back + submit again (a new key) from the same browser lands on the same report', async () => {
    const description = 'Lampu jalan di gang Arjosari berkedip terus tiap malam.'
    const first = (await filingAction(args(post(validFields(description, 'no-js-key-one-xxxxxxx'))))) as Response
    expect(first.status).toBe(302)
    const cookie = browserCookieOf(first)!.split(';')[0]!
    const second = (await filingAction(args(post(validFields(description, 'no-js-key-two-xxxxxxx'), cookie)))) as Response
    expect(second.status).toBe(302)
    expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
  })
})
