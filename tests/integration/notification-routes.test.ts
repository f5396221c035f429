// The notification routes as Remix calls them: filing → the .eml with the private link,
// the landline message on the form, the admin pages (role, scope, masking, CSRF) and
// the one-click unsubscribe.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hash } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ORIGIN, unwrap } from '../support/routes'

const dataDir = mkdtempSync(join(tmpdir(), 'melayani-notify-routes-'))
process.env.DATA_DIR = dataDir
delete process.env.SMTP_URL

const { ARGON2_OPTIONS } = await import('#db/seed')
const { action: filingAction } = await import('~/routes/lapor')
const { action: loginAction } = await import('~/routes/masuk')
const { action: failedAction, loader: failedLoader } = await import('~/routes/admin.notifikasi')
const { loader: mailLoader } = await import('~/routes/admin.surat')
const { loader: unsubscribeLoader } = await import('~/routes/berhenti')
const { action: prefAction, loader: prefLoader } = await import('~/routes/petugas.pemberitahuan')
const { getChannels, mailDirectory } = await import('~/notify/channels.server')
const { deliverNotification } = await import('~/notify/deliver.server')
const { unsubscribeToken } = await import('~/notify/keys.server')
const { isOptedOut } = await import('~/models/notification.server')
const { sha256 } = await import('~/utils/crypto.server')
const { useDatabaseForTests } = await import('~/utils/db.server')
const { createTestDatabase } = await import('../setup/test-db')

let t: Awaited<ReturnType<typeof createTestDatabase>>
let ids: { pju: number; arjosari: number }

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const pju = await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', j.id).where('code', '=', 'pju').executeTakeFirstOrThrow()
  const arjosari = await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1002').executeTakeFirstOrThrow()
  ids = { pju: pju.id, arjosari: arjosari.id }
  const passwordHash = await hash('rahasia-sekali', ARGON2_OPTIONS)
  const unit = await t.db.selectFrom('units').select('id').where('key', '=', 'dpuprpkp').executeTakeFirstOrThrow()
  await t.db
    .insertInto('users')
    .values([
      { jurisdiction_id: j.id, email: 'admin@test.local', name: 'Admin', password_hash: passwordHash, role: 'admin', unit_id: null },
      { jurisdiction_id: j.id, email: 'pju@test.local', name: 'Petugas', password_hash: passwordHash, role: 'officer', unit_id: unit.id },
    ])
    .execute()
})
afterAll(() => t?.close())

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, ...headers } })
const get = (path: string, cookie?: string) => new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} })

const report = (overrides: Record<string, string> = {}) => ({
  categoryId: String(ids.pju),
  areaId: String(ids.arjosari),
  description: 'Lampu jalan mati di depan gang lima sejak kemarin malam.',
  privacy: 'anonymous',
  email: 'budi@example.com',
  idempotencyKey: `k-${Math.random().toString(36).slice(2)}`,
  // Past "Mungkin sudah dilaporkan" (ADR 022): these tests file many alike reports.
  confirmNew: '1',
  ...overrides,
})

async function login(email: string) {
  const response = (await loginAction(args(post('/masuk', { email, password: 'rahasia-sekali' })))) as Response
  expect(response.status).toBe(302)
  return response.headers.get('Set-Cookie')!.split(';')[0]!
}

async function thrown(fn: () => Promise<unknown>): Promise<Response> {
  try {
    await fn()
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
  throw new Error('expected a thrown Response')
}

const deps = { channels: getChannels(), now: () => new Date(), baseUrl: 'https://lapor.test' }

describe('filing with an email (no SMTP_URL)', () => {
  it('running the delivery handler writes the .eml with the code and a working private link', async () => {
    const response = (await filingAction(args(post('/lapor', report())))) as Response
    expect(response.status).toBe(302)
    const code = response.headers.get('Location')!.replace('/laporan/', '')
    const row = await t.db
      .selectFrom('notification_outbox as n')
      .innerJoin('reports as r', 'r.id', 'n.report_id')
      .select(['n.id', 'r.reporter_token_hash'])
      .where('r.code', '=', code)
      .where('n.user_id', 'is', null)
      .executeTakeFirstOrThrow()
    expect(await deliverNotification(t.db, row.id, deps)).toBe('sent')
    const eml = readFileSync(join(mailDirectory(), `outbox-${String(row.id).padStart(9, '0')}.eml`), 'utf8')
      .replace(/=\r?\n/g, '')
      .replace(/=3D/g, '=')
    expect(eml).toContain(code)
    const token = new RegExp(`/laporan/${code}\\?t=([A-Za-z0-9_-]+)`).exec(eml)?.[1]
    expect(token).toBeDefined()
    // The link carries the reporter's real token (only its hash is stored on the report).
    expect(sha256(token!)).toBe(row.reporter_token_hash)
  })
})

describe('phone numbers on the form', () => {
  it('a landline gets its own message: it cannot receive messages; nothing is written', async () => {
    const before = await t.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const result = unwrap(await filingAction(args(post('/lapor', report({ phone: '(0341) 551234' })))))
    expect(result.status).toBe(400)
    expect(result.data.result.error.phone).toEqual([expect.stringMatching(/tidak bisa menerima pesan WhatsApp atau SMS/)])
    expect(result.data.result.initialValue.phone).toBe('(0341) 551234')
    const after = await t.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })
})

describe('admin pages', () => {
  it('are refused to an officer', async () => {
    const officer = await login('pju@test.local')
    expect((await thrown(() => failedLoader(args(get('/admin/notifikasi', officer))))).status).toBe(403)
    expect((await thrown(() => mailLoader(args(get('/admin/surat', officer))))).status).toBe(403)
    expect((await thrown(() => failedAction(args(post('/admin/notifikasi', { intent: 'retry', id: '1' }, { Cookie: officer }))))).status).toBe(403)
  })

  it('the mail outbox shows what citizens get, with the address masked and the private token hidden', async () => {
    const admin = await login('admin@test.local')
    const { mails } = unwrap(await mailLoader(args(get('/admin/surat', admin)))).data
    expect(mails.length).toBeGreaterThanOrEqual(1)
    expect(mails[0].to).toBe('b***@example.com')
    expect(mails[0].text).toMatch(/\?t=…/)
    expect(JSON.stringify(mails)).not.toContain('budi@example.com')
  })

  it('lists failed deliveries masked, and retries one only from our own origin', async () => {
    const admin = await login('admin@test.local')
    const row = await t.db.selectFrom('notification_outbox').select('id').where('user_id', 'is', null).orderBy('id').executeTakeFirstOrThrow()
    await t.db.updateTable('notification_outbox').set({ status: 'failed', last_error: 'EENVELOPE 550: no such user' }).where('id', '=', row.id).execute()
    const { failed } = unwrap(await failedLoader(args(get('/admin/notifikasi', admin)))).data
    expect(failed).toEqual([expect.objectContaining({ id: row.id, recipient: 'b***@example.com', lastError: 'EENVELOPE 550: no such user' })])

    const crossSite = await thrown(() =>
      failedAction(args(post('/admin/notifikasi', { intent: 'retry', id: String(row.id) }, { Cookie: admin, Origin: 'https://evil.test' }))),
    )
    expect(crossSite.status).toBe(403)
    const result = unwrap(await failedAction(args(post('/admin/notifikasi', { intent: 'retry', id: String(row.id) }, { Cookie: admin }))))
    expect(result.data).toEqual({ retried: row.id, gone: false })
    expect((await t.db.selectFrom('notification_outbox').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status).toBe('pending')
    // Twice: it is no longer failed.
    expect(unwrap(await failedAction(args(post('/admin/notifikasi', { intent: 'retry', id: String(row.id) }, { Cookie: admin })))).status).toBe(409)
    expect(unwrap(await failedAction(args(post('/admin/notifikasi', { intent: 'retry', id: 'abc' }, { Cookie: admin })))).status).toBe(400)
  })
})

describe('officer preference (/petugas/pemberitahuan)', () => {
  it('an officer chooses the hourly digest for themselves; bad input and other origins change nothing', async () => {
    const officer = await login('pju@test.local')
    expect(unwrap(await prefLoader(args(get('/petugas/pemberitahuan', officer)))).data).toMatchObject({ mode: 'immediate' })
    expect(unwrap(await prefAction(args(post('/petugas/pemberitahuan', { intent: 'notify_mode', mode: 'weekly' }, { Cookie: officer })))).status).toBe(400)
    const crossSite = await thrown(() =>
      prefAction(args(post('/petugas/pemberitahuan', { intent: 'notify_mode', mode: 'hourly_digest' }, { Cookie: officer, Origin: 'https://evil.test' }))),
    )
    expect(crossSite.status).toBe(403)
    expect(unwrap(await prefLoader(args(get('/petugas/pemberitahuan', officer)))).data).toMatchObject({ mode: 'immediate' })
    expect(
      unwrap(await prefAction(args(post('/petugas/pemberitahuan', { intent: 'notify_mode', mode: 'hourly_digest' }, { Cookie: officer })))).data.saved,
    ).toBe(true)
    expect(unwrap(await prefLoader(args(get('/petugas/pemberitahuan', officer)))).data).toMatchObject({ mode: 'hourly_digest' })
  })
})

describe('unsubscribe (/berhenti)', () => {
  it('one click with a signed token opts the address out; a forged token changes nothing', async () => {
    const forged = unwrap(await unsubscribeLoader(args(get('/berhenti?t=email.YnVkaUBleGFtcGxlLmNvbQ.AAAA')))).data
    expect(forged.address).toBeNull()
    expect(await isOptedOut(t.db, 'email', 'budi@example.com')).toBe(false)
    const ok = unwrap(await unsubscribeLoader(args(get(`/berhenti?t=${unsubscribeToken('email', 'budi@example.com')}`)))).data
    expect(ok.address).toBe('b***@example.com')
    expect(await isOptedOut(t.db, 'email', 'budi@example.com')).toBe(true)
  })
})
