// Abuse limits (ADR 006): per-IP rate limits with 429 + Retry-After, the /lapor
// honeypot, login throttling per (account, IP) with growing delays and an atomic
// counter, and same-site redirects on /masuk and /bahasa.
import { hash } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '#db/connection'
import { ARGON2_OPTIONS } from '#db/seed'
import { loader as kelurahanApi } from '~/routes/api.kelurahan'
import { loader as languageLoader } from '~/routes/bahasa'
import { loader as trackLoader } from '~/routes/lacak'
import { action as filingAction } from '~/routes/lapor'
import { action as reportAction } from '~/routes/laporan.$code'
import { action as loginAction } from '~/routes/masuk'
import { verifyLogin } from '~/utils/auth.server'
import { useDatabaseForTests } from '~/utils/db.server'
import { createRateLimiter } from '~/utils/rate-limit.server'
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../setup/test-db'
import { countReports, ORIGIN, thrown, unwrap } from '../support/routes'

// Small limits, read when the app first asks for its configuration (after these lines).
process.env.RATE_LIMIT_FILING = '3/600'
process.env.RATE_LIMIT_LOGIN = '1000/600'
process.env.RATE_LIMIT_PRIVATE_LINK = '2/600'
process.env.RATE_LIMIT_LOOKUP = '4/60'
process.env.RATE_LIMIT_KELURAHAN = '3/60'
process.env.LOGIN_FREE_ATTEMPTS = '5'
process.env.LOGIN_DELAY_SECONDS = '30'
process.env.LOGIN_MAX_DELAY_SECONDS = '3600'

const PASSWORD = 'rahasia-sekali'
let t: TestDatabase
let ids: { pju: number; arjosari: number }

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const pju = await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', j.id).where('code', '=', 'pju').executeTakeFirstOrThrow()
  const unit = await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', j.id).where('key', '=', 'dpuprpkp').executeTakeFirstOrThrow()
  const arjosari = await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1002').executeTakeFirstOrThrow()
  ids = { pju: pju.id, arjosari: arjosari.id }
  const passwordHash = await hash(PASSWORD, ARGON2_OPTIONS)
  for (const email of ['petugas@test.local', 'target@test.local', 'paralel@test.local', 'lambat@test.local']) {
    await t.db
      .insertInto('users')
      .values({ jurisdiction_id: j.id, email, name: email, password_hash: passwordHash, role: 'officer', unit_id: unit.id })
      .execute()
  }
})
afterAll(() => t?.close())

const from = (ip: string) => ({ clientIp: ip })
const args = (request: Request, context: { clientIp?: string } = {}, params: Record<string, string> = {}) => ({ request, params, context })

function post(path: string, fields: Record<string, string>) {
  return new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN } })
}

const validReport = (extra: Record<string, string> = {}) => ({
  categoryId: String(ids.pju),
  areaId: String(ids.arjosari),
  description: 'Lampu jalan mati di depan gang lima sejak kemarin malam.',
  privacy: 'public',
  idempotencyKey: `k-${Math.random().toString(36).slice(2)}`,
  // Past "Mungkin sudah dilaporkan" (ADR 022): these tests file many alike reports.
  confirmNew: '1',
  ...extra,
})

describe('rate limits per client IP', () => {
  it('/lapor: the 4th post within the window is 429 with Retry-After, a message, the values kept and nothing written', async () => {
    for (let i = 0; i < 3; i++) {
      const response = (await filingAction(args(post('/lapor', validReport()), from('203.0.113.7')))) as Response
      expect(response.status).toBe(302)
    }
    const before = await countReports(t.db)
    const limited = unwrap(
      await filingAction(args(post('/lapor', validReport({ description: 'Pohon tumbang menutup jalan di depan pasar.' })), from('203.0.113.7'))),
    )
    expect(limited.status).toBe(429)
    const retryAfter = Number(limited.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThan(500)
    expect(retryAfter).toBeLessThanOrEqual(600)
    expect(limited.data.result.error[''][0]).toMatch(/^Terlalu banyak permintaan dari jaringan Anda\. Tunggu 10 menit/)
    expect(limited.data.result.initialValue.description).toBe('Pohon tumbang menutup jalan di depan pasar.')
    expect(await countReports(t.db)).toBe(before)
    // Another client is not affected.
    const other = (await filingAction(args(post('/lapor', validReport()), from('198.51.100.20')))) as Response
    expect(other.status).toBe(302)
  })

  it('the limit is in English for English users', async () => {
    for (let i = 0; i < 3; i++) await filingAction(args(post('/lapor', { description: 'x' }), from('203.0.113.8')))
    const request = post('/lapor', validReport())
    request.headers.set('Cookie', 'lang=ImVuIg%3D%3D')
    const limited = unwrap(await filingAction(args(request, from('203.0.113.8'))))
    expect(limited.status).toBe(429)
    expect(limited.data.result.error[''][0]).toMatch(/^Too many requests from your network\. Wait 10 minutes/)
  })

  it('/lapor honeypot: a filled hidden field is refused and nothing is written', async () => {
    const before = await countReports(t.db)
    const result = unwrap(await filingAction(args(post('/lapor', validReport({ website: 'http://spam.example' })), from('192.0.2.50'))))
    expect(result.status).toBe(400)
    expect(result.data.result.error[''][0]).toMatch(/Laporan tidak dapat diterima/)
    expect(await countReports(t.db)).toBe(before)
  })

  it('private-link actions (rating) are limited', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      const result = await reportAction(
        args(post('/laporan/MLG-XXXX', { token: 'x'.repeat(30), score: '5', fixed: 'yes' }), from('192.0.2.60'), { code: 'MLG-XXXX' }),
      )
      statuses.push(result instanceof Response ? result.status : unwrap(result).status)
    }
    expect(statuses[0]).not.toBe(429)
    expect(statuses[1]).not.toBe(429)
    expect(statuses[2]).toBe(429)
  })

  it('/lacak is limited (guessing codes)', async () => {
    const look = () => trackLoader(args(new Request(`${ORIGIN}/lacak?kode=MLG-ZZZZZZ`), from('192.0.2.70')))
    for (let i = 0; i < 4; i++) expect(((await look()) as { error: string }).error).toBe('not_found')
    const limited = unwrap(await look())
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
  })

  it('/api/kelurahan is limited with a JSON 429', async () => {
    const at = () => kelurahanApi(args(new Request(`${ORIGIN}/api/kelurahan?lat=-7.9826&lng=112.6308`), from('192.0.2.80')))
    for (let i = 0; i < 3; i++) expect((await at()).status).toBe(200)
    const limited = await at()
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' })
  })

  it.runIf(testDatabaseKind() === 'postgres')('holds across processes: two database handles share one count', async () => {
    const other = await openDatabase(t.url, { poolSize: 2 })
    try {
      const a = createRateLimiter(t.db, 'shared-test', { points: 3, seconds: 60 })
      const b = createRateLimiter(other.db, 'shared-test', { points: 3, seconds: 60 })
      await a.consume('10.1.1.1')
      await b.consume('10.1.1.1')
      await a.consume('10.1.1.1')
      await expect(b.consume('10.1.1.1')).rejects.toMatchObject({ remainingPoints: 0 })
    } finally {
      await other.close()
    }
  })
})

describe('login throttling', () => {
  const tryLogin = async (email: string, password: string, ip: string) => {
    const result = await loginAction(args(post('/masuk', { email, password }), from(ip)))
    if (result instanceof Response) return { status: result.status, message: null, retryAfter: null }
    const r = unwrap(result)
    return { status: r.status, message: r.data.result.error[''][0] as string, retryAfter: r.headers.get('Retry-After') }
  }

  it('known and unknown accounts get the same answers, 401 ×5 then 429 with Retry-After', async () => {
    const known: Awaited<ReturnType<typeof tryLogin>>[] = []
    const unknown: Awaited<ReturnType<typeof tryLogin>>[] = []
    for (let i = 0; i < 6; i++) {
      known.push(await tryLogin('petugas@test.local', 'salah', '192.0.2.1'))
      unknown.push(await tryLogin('tidak-ada@test.local', 'salah', '192.0.2.1'))
    }
    expect(known.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429])
    expect(unknown).toEqual(known)
    expect(known[5]!.message).toBe('Terlalu banyak percobaan masuk dari jaringan Anda. Coba lagi dalam 30 detik.')
    expect(known[5]!.retryAfter).toBe('30')
  })

  it('the right password from another IP still works while an attacker hammers the account', async () => {
    for (let i = 0; i < 12; i++) await tryLogin('target@test.local', `tebak-${i}`, '198.51.100.66')
    expect((await tryLogin('target@test.local', PASSWORD, '198.51.100.66')).status).toBe(429)
    expect((await tryLogin('target@test.local', PASSWORD, '203.0.113.99')).status).toBe(302)
  })

  it('parallel wrong tries: at most the free attempts are checked', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => tryLogin('paralel@test.local', 'salah', '192.0.2.33')))
    const checked = results.filter((r) => r.status === 401).length
    expect(checked).toBe(5)
    expect(results.filter((r) => r.status === 429)).toHaveLength(15)
  })

  it('delays grow: 30 s after the 5th failure, then 60 s, 120 s …; a success resets them', async () => {
    const ctx = from('192.0.2.44')
    const t0 = Date.parse('2026-03-02T08:00:00Z')
    const at = (s: number) => new Date(t0 + s * 1000)
    const attempt = (s: number, password = 'salah') => verifyLogin('lambat@test.local', password, ctx, at(s))
    for (let i = 0; i < 5; i++) expect(await attempt(i)).toEqual({ ok: false, reason: 'invalid' })
    expect(await attempt(10)).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 24 }) // locked until 4 + 30 = 34
    expect(await attempt(34)).toEqual({ ok: false, reason: 'invalid' }) // 6th granted: locked until 34 + 60
    expect(await attempt(90)).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 4 })
    expect(await attempt(94)).toEqual({ ok: false, reason: 'invalid' }) // 7th: locked until 94 + 120
    expect(await attempt(200, PASSWORD)).toMatchObject({ ok: false, reason: 'throttled', retryAfterSeconds: 14 })
    expect(await attempt(214, PASSWORD)).toMatchObject({ ok: true })
    expect(await attempt(215)).toEqual({ ok: false, reason: 'invalid' }) // reset: free attempts again
    expect(await attempt(216)).toEqual({ ok: false, reason: 'invalid' })
  })
})

describe('redirect targets stay on this site', () => {
  it.each([
    '/%09/evil.example',
    '%2F%09%2Fevil.example',
    '/%0D%0A/evil.example',
    '/%5Cevil.example',
    '/%E4%B8%AD',
    '//evil.example',
    '/.//evil.example',
    '/%2e%2e//evil.example',
  ])('/bahasa?next=%s goes home', async (next) => {
    const response = await thrown(() => languageLoader(args(new Request(`${ORIGIN}/bahasa?lang=en&next=${next}`))))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/')
  })

  it('/masuk?redirectTo with a tab goes to the home page of the role, not off-site', async () => {
    const response = (await loginAction(
      args(post('/masuk', { email: 'petugas@test.local', password: PASSWORD, redirectTo: '/\t/evil.example' }), from('192.0.2.200')),
    )) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/petugas')
  })

  it('/masuk?redirectTo with a dot-segment that normalises to //host goes to the home page of the role', async () => {
    const response = (await loginAction(
      args(post('/masuk', { email: 'petugas@test.local', password: PASSWORD, redirectTo: '/.//evil.example' }), from('192.0.2.201')),
    )) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/petugas')
  })
})
