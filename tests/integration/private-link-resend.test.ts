// A lost private link (issue 8 §3): /lacak's second form sends a new private link
// through the outbox when the code and the contact given at filing match; the answer is
// the same whether or not they do, nothing is written when they don't, and it is limited.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NewReportInput } from '~/models/report.server'
import { WHATSAPP_API_URL, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_TOKEN } from '../mocks/whatsapp'
import { ORIGIN, thrown, unwrap } from '../support/routes'

// Small limit and a WhatsApp channel, read when the app first asks for its configuration.
process.env.RATE_LIMIT_PRIVATE_LINK = '3/600'
process.env.WHATSAPP_API_URL = WHATSAPP_API_URL
process.env.WHATSAPP_PHONE_NUMBER_ID = WHATSAPP_PHONE_NUMBER_ID
process.env.WHATSAPP_TOKEN = WHATSAPP_TOKEN

const { fileReport, getPublicReport } = await import('~/models/report.server')
const { createEmailChannel, mailFileName } = await import('~/notify/email.server')
const { deliverNotification } = await import('~/notify/deliver.server')
const { DELIVER_JOB } = await import('~/models/notification.server')
const { JOB_QUEUE_SCHEMA } = await import('#db/migrations/0005-job-queue')
const { useDatabaseForTests } = await import('~/utils/db.server')
const { action } = await import('~/routes/lacak')
const { createTestDatabase } = await import('../setup/test-db')

let t: Awaited<ReturnType<typeof createTestDatabase>>
let jurisdiction: { id: number; time_zone: string; code_prefix: string }
let categoryId: number
let areaId: number
const BASE = 'https://lapor.test'
const clock = new Date('2026-11-24T03:00:00Z')

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  jurisdiction = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  categoryId = (await t.db.selectFrom('categories').select('id').where('code', '=', 'pju').executeTakeFirstOrThrow()).id
  areaId = (await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1001').executeTakeFirstOrThrow()).id
})
afterAll(() => t?.close())

let counter = 0
async function file(contact: { email: string | null; phone: string | null }, privacy: NewReportInput['privacy'] = 'public') {
  counter++
  const input: NewReportInput = {
    jurisdiction,
    categoryId,
    areaId,
    description: `Lampu PJU di depan masjid mati sejak tiga hari (${counter}).`,
    address: null,
    lat: null,
    lng: null,
    privacy,
    contact: { name: null, ...contact },
    idempotencyKey: `resend-key-${counter}`,
    browserId: `resend-browser-${counter}`,
    now: clock,
  }
  const filed = await t.db.transaction().execute((trx) => fileReport(trx, input))
  return { code: filed.code, token: filed.token! }
}

function resend(fields: Record<string, string>, ip?: string, origin = ORIGIN) {
  const request = new Request(`${ORIGIN}/lacak`, { method: 'POST', body: new URLSearchParams({ intent: 'resend', ...fields }), headers: { Origin: origin } })
  return action({ request, params: {}, context: ip ? { clientIp: ip } : {} }).then(unwrap)
}

/** Everything a resend could write: token hashes, outbox rows, delivery jobs. */
async function snapshot() {
  const hashes = await t.db.selectFrom('reports').select(['id', 'reporter_token_hash']).orderBy('id').execute()
  const outbox = await t.db.selectFrom('notification_outbox').select('id').orderBy('id').execute()
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(`${JOB_QUEUE_SCHEMA}.job`)} WHERE name = ${DELIVER_JOB}`.execute(t.db)
  return { hashes, outbox, jobs: rows[0]!.n }
}

/** The neutral answer, without what the person typed. */
const answer = (r: Awaited<ReturnType<typeof resend>>) => ({ status: r.status, sent: r.data.sent, error: r.data.result.error ?? null })

const resentRows = (code: string) =>
  t.db
    .selectFrom('notification_outbox as n')
    .innerJoin('reports as r', 'r.id', 'n.report_id')
    .selectAll('n')
    .where('r.code', '=', code)
    .where('n.template', '=', 'private_link_resent')
    .execute()

describe('/lacak: re-sending a lost private link', () => {
  it('code + email (any case) match: a new token hash, one outbox row with the sealed token and its delivery job; the mail opens the report as reporter', async () => {
    const filed = await file({ email: 'Siti.Resend@example.com', phone: null }, 'confidential')
    const before = await snapshot()
    const hashBefore = before.hashes.find((h) => h.reporter_token_hash !== null && h.id === before.hashes.at(-1)!.id)!.reporter_token_hash

    const result = await resend({ code: filed.code.toLowerCase(), contact: '  siti.resend@EXAMPLE.com ' })
    expect(answer(result)).toEqual({ status: 200, sent: true, error: null })
    // The contact is not echoed back.
    expect(JSON.stringify(result.data)).not.toContain('siti.resend')

    const after = await snapshot()
    const hashAfter = after.hashes.at(-1)!.reporter_token_hash
    expect(hashAfter).toMatch(/^[0-9a-f]{64}$/)
    expect(hashAfter).not.toBe(hashBefore)
    expect(after.outbox.length).toBe(before.outbox.length + 1)
    expect(after.jobs).toBe(before.jobs + 1)
    const [row] = await resentRows(filed.code)
    expect(row).toMatchObject({ channel: 'email', recipient: 'Siti.Resend@example.com', status: 'pending' })
    expect(row!.secret_ciphertext).toBeTruthy()

    const mailDir = mkdtempSync(join(tmpdir(), 'melayani-resend-'))
    const email = createEmailChannel({ from: 'Melayani <no-reply@lapor.test>', mailDir })
    expect(await deliverNotification(t.db, row!.id, { channels: { email }, now: () => clock, baseUrl: BASE, random: () => 1 })).toBe('sent')
    const eml = readFileSync(join(mailDir, mailFileName(row!.id)), 'utf8')
      // Quoted-printable undone (soft line breaks, =XX escapes).
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    const token = eml.match(new RegExp(`${BASE}/laporan/${filed.code}\\?t=([A-Za-z0-9_-]+)`))?.[1]
    expect(token).toBeTruthy()
    expect(token).not.toBe(filed.token)
    // The new link opens the (confidential) report as its reporter; the old one no longer does.
    expect((await getPublicReport(t.db, filed.code, token!))?.isReporter).toBe(true)
    expect(await getPublicReport(t.db, filed.code, filed.token)).toBeNull()
    expect(
      (await t.db.selectFrom('notification_outbox').select('secret_ciphertext').where('id', '=', row!.id).executeTakeFirstOrThrow()).secret_ciphertext,
    ).toBeNull()
  })

  it('a phone given in another notation matches in E.164: the new link goes to that phone by WhatsApp', async () => {
    const filed = await file({ email: 'ani@example.com', phone: '+6281234567890' })
    const before = await snapshot()
    expect(answer(await resend({ code: filed.code, contact: '0812-3456-7890' }))).toEqual({ status: 200, sent: true, error: null })
    const after = await snapshot()
    expect(after.hashes.at(-1)!.reporter_token_hash).not.toBe(before.hashes.at(-1)!.reporter_token_hash)
    expect(after.jobs).toBe(before.jobs + 1)
    const rows = await resentRows(filed.code)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ channel: 'whatsapp', recipient: '+6281234567890', status: 'pending' })
    expect(rows[0]!.secret_ciphertext).toBeTruthy()
  })

  it('wrong contact, or unknown code: the identical answer, and nothing written', async () => {
    const filed = await file({ email: 'budi@example.com', phone: null })
    const matched = answer(await resend({ code: filed.code, contact: 'budi@example.com' }))
    const before = await snapshot()
    const wrongEmail = answer(await resend({ code: filed.code, contact: 'orang.lain@example.com' }))
    const wrongPhone = answer(await resend({ code: filed.code, contact: '081298765432' }))
    const unknownCode = answer(await resend({ code: `${jurisdiction.code_prefix}-222222`, contact: 'budi@example.com' }))
    expect(wrongEmail).toEqual(matched)
    expect(wrongPhone).toEqual(matched)
    expect(unknownCode).toEqual(matched)
    expect(await snapshot()).toEqual(before)
  })

  it('a cross-site post is refused with 403, nothing written', async () => {
    const filed = await file({ email: 'dodi@example.com', phone: null })
    const before = await snapshot()
    const refused = await thrown(() => resend({ code: filed.code, contact: 'dodi@example.com' }, undefined, 'https://evil.example'))
    expect(refused.status).toBe(403)
    expect(await snapshot()).toEqual(before)
  })

  it('bad input: a message in Bahasa Indonesia, the code kept, nothing written', async () => {
    const before = await snapshot()
    const bad = await resend({ code: 'bukan kode', contact: 'bukan-email@' })
    expect(bad.status).toBe(400)
    expect(bad.data.sent).toBe(false)
    expect(bad.data.result.error.code).toEqual(['Kode laporan tidak valid. Periksa kembali, contohnya MLG-7K3Q9P.'])
    expect(bad.data.result.error.contact).toEqual(['Alamat email tidak valid.'])
    expect(bad.data.result.initialValue.code).toBe('bukan kode')
    expect(await snapshot()).toEqual(before)
  })

  it('is rate-limited per IP with the private-link limiter: the 4th post is 429 with Retry-After, nothing written', async () => {
    const filed = await file({ email: 'cici@example.com', phone: null })
    const ip = '203.0.113.77'
    for (let i = 0; i < 3; i++) expect((await resend({ code: filed.code, contact: 'salah@example.com' }, ip)).status).toBe(200)
    const before = await snapshot()
    const limited = await resend({ code: filed.code, contact: 'cici@example.com' }, ip)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(limited.data.result.error[''][0]).toMatch(/Terlalu banyak permintaan/)
    expect(await snapshot()).toEqual(before)
    // Another network is not affected.
    expect((await resend({ code: filed.code, contact: 'cici@example.com' }, '203.0.113.78')).status).toBe(200)
  })
})
