// Notifications end to end on a real database: outbox rows written with the change,
// delivered by the job's handler through real SMTP (an in-process smtp-server) or
// WhatsApp (msw), with retries, failures and the at-most-once rule. Time is a fixed clock.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import { SMTPServer } from 'smtp-server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { NewReportInput } from '~/models/report.server'
import { WHATSAPP_API_URL, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_TOKEN, whatsapp, whatsappHandlers } from '../mocks/whatsapp'

process.env.WHATSAPP_API_URL = WHATSAPP_API_URL
process.env.WHATSAPP_PHONE_NUMBER_ID = WHATSAPP_PHONE_NUMBER_ID
process.env.WHATSAPP_TOKEN = WHATSAPP_TOKEN

const { applyReportAction, addStaffNote, fileReport } = await import('~/models/report.server')
const { claimNotification, failStaleLeases, optOut, retryNotification } = await import('~/models/notification.server')
const { queueDigests } = await import('~/models/notification-digest.server')
const { createEmailChannel, mailFileName } = await import('~/notify/email.server')
const { cloudApiGateway, gatewayChannel } = await import('~/notify/whatsapp.server')
const { deliverNotification } = await import('~/notify/deliver.server')
const { readUnsubscribeToken } = await import('~/notify/keys.server')
const { createTestDatabase } = await import('../setup/test-db')

let t: Awaited<ReturnType<typeof createTestDatabase>>
let jurisdiction: { id: number; time_zone: string; code_prefix: string }
let categoryId: number
let areaId: number
let officerId: number

// ---- an in-process SMTP server that can be told to refuse or stall ----
interface Received {
  from: string
  to: string[]
  raw: string
}
const smtp = { received: [] as Received[], mode: 'accept' as 'accept' | 'tempfail' | 'reject' | 'stall' }
let smtpServer: SMTPServer
let smtpPort = 0

const msw = setupServer(...whatsappHandlers)
const BASE = 'https://lapor.test'
let clock = new Date('2026-11-24T03:00:00Z')
const now = () => clock

beforeAll(async () => {
  msw.listen({ onUnhandledRequest: 'bypass' })
  smtpServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (smtp.mode === 'tempfail') return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }))
      if (smtp.mode === 'reject') return callback(Object.assign(new Error('No such user'), { responseCode: 550 }))
      if (smtp.mode === 'stall') return // never answers: the client's timeout decides
      callback()
    },
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
      stream.on('end', () => {
        smtp.received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtpServer.listen(0, '127.0.0.1', resolve))
  smtpPort = (smtpServer.server.address() as { port: number }).port

  t = await createTestDatabase()
  jurisdiction = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  categoryId = (await t.db.selectFrom('categories').select('id').where('code', '=', 'pju').executeTakeFirstOrThrow()).id
  areaId = (await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1001').executeTakeFirstOrThrow()).id
  // An officer of the unit PJU reports go to (the reference seed has no staff).
  const unit = await t.db.selectFrom('units').select('id').where('key', '=', 'dpuprpkp-pju').executeTakeFirstOrThrow()
  officerId = (
    await t.db
      .insertInto('users')
      .values({
        jurisdiction_id: jurisdiction.id,
        email: 'petugas.pju@uji.test',
        name: 'Petugas PJU',
        password_hash: '$argon2id$test',
        role: 'officer',
        unit_id: unit.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
})
afterAll(async () => {
  msw.close()
  await new Promise<void>((resolve) => smtpServer.close(() => resolve()))
  await t?.close()
})
beforeEach(() => {
  smtp.received = []
  smtp.mode = 'accept'
  whatsapp.reset()
  clock = new Date('2026-11-24T03:00:00Z')
})
afterEach(() => msw.resetHandlers())

let counter = 0
function input(overrides: Partial<NewReportInput> = {}): NewReportInput {
  counter++
  return {
    jurisdiction,
    categoryId,
    areaId,
    description: `Lampu PJU di depan masjid mati sejak tiga hari (${counter}).`,
    address: 'Jl. Raya Balearjosari 12',
    lat: null,
    lng: null,
    privacy: 'public',
    contact: { name: 'Siti', email: `siti${counter}@example.com`, phone: null },
    idempotencyKey: `notify-key-${counter}`,
    browserId: `notify-browser-${counter}`,
    now: clock,
    ...overrides,
  }
}

const file = (i: NewReportInput) => t.db.transaction().execute((trx) => fileReport(trx, i))
const reportId = async (code: string) => (await t.db.selectFrom('reports').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id
const citizenRows = async (code: string) =>
  t.db
    .selectFrom('notification_outbox')
    .selectAll()
    .where('report_id', '=', await reportId(code))
    .where('user_id', 'is', null)
    .orderBy('id')
    .execute()
const row = (id: number) => t.db.selectFrom('notification_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

/** A message's text with quoted-printable undone (soft line breaks, =XX escapes). */
function decoded(raw: string) {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

const smtpChannel = (timeoutMs = 5_000) =>
  createEmailChannel({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'Melayani <no-reply@lapor.test>', mailDir: '/nonexistent', timeoutMs })
const whatsappChannel = () => gatewayChannel(cloudApiGateway({ apiUrl: WHATSAPP_API_URL, phoneNumberId: WHATSAPP_PHONE_NUMBER_ID, token: WHATSAPP_TOKEN }))
const deps = (channels: Parameters<typeof deliverNotification>[2]['channels']) => ({ channels, now, baseUrl: BASE, random: () => 1 })

describe('filing a report with an email', () => {
  it('writes the .eml with the tracking code and the private link, then wipes the sealed token', async () => {
    const mailDir = mkdtempSync(join(tmpdir(), 'melayani-mail-'))
    const filed = await file(input({ locale: 'en' }))
    const [received] = await citizenRows(filed.code)
    expect(received).toMatchObject({ template: 'report_received', channel: 'email', status: 'pending', locale: 'en' })
    // Sealed, not the token in clear.
    expect(received!.secret_ciphertext).toBeTruthy()
    expect(received!.secret_ciphertext).not.toContain(filed.token!)
    expect(JSON.stringify(received!.payload)).not.toContain(filed.token!)

    const email = createEmailChannel({ from: 'Melayani <no-reply@lapor.test>', mailDir })
    expect(await deliverNotification(t.db, received!.id, deps({ email }))).toBe('sent')

    expect(readdirSync(mailDir)).toEqual([mailFileName(received!.id)])
    const eml = decoded(readFileSync(join(mailDir, mailFileName(received!.id)), 'utf8'))
    expect(eml).toContain(filed.code)
    expect(eml).toContain(`${BASE}/laporan/${filed.code}?t=${filed.token}`)
    expect(eml).toMatch(/Content-Type: multipart\/alternative/)
    expect(eml).toMatch(/Content-Type: text\/html/)
    expect(eml).toContain('Your private link')
    expect(eml).toContain(`${BASE}/berhenti?t=`)

    const after = await row(received!.id)
    expect(after).toMatchObject({ status: 'sent', attempts: 1, secret_ciphertext: null, lease_until: null })
    expect(after.provider_message_id).toBe(`<melayani-outbox-${received!.id}@melayani.local>`)
  })

  it('enqueues nothing when the filing rolls back', async () => {
    const before = await t.db
      .selectFrom('notification_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    await expect(
      t.db.transaction().execute(async (trx) => {
        await fileReport(trx, input())
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    const after = await t.db
      .selectFrom('notification_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('notifies an anonymous reporter too', async () => {
    const filed = await file(input({ privacy: 'anonymous' }))
    expect((await citizenRows(filed.code)).map((r) => r.template)).toEqual(['report_received'])
  })
})

describe('email over SMTP', () => {
  it('arrives at the SMTP server as multipart text + HTML in the reporter language', async () => {
    const filed = await file(input({ locale: 'id' }))
    const [received] = await citizenRows(filed.code)
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel() }))).toBe('sent')
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0]!.to).toEqual([received!.recipient])
    expect(decoded(smtp.received[0]!.raw)).toContain('Tautan pribadi Anda')
    expect(smtp.received[0]!.raw).toMatch(/multipart\/alternative/)
  })

  it('a second run of the same job sends nothing more', async () => {
    const filed = await file(input())
    const [received] = await citizenRows(filed.code)
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel() }))).toBe('sent')
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel() }))).toBe('skipped')
    expect(smtp.received).toHaveLength(1)
  })

  it('SMTP 4xx: retried after a backoff, then delivered when time has moved on', async () => {
    const filed = await file(input())
    const [received] = await citizenRows(filed.code)
    smtp.mode = 'tempfail'
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel() }))).toBe('retry')
    const waiting = await row(received!.id)
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 })
    expect(waiting.last_error).toMatch(/451/)
    expect(waiting.next_attempt_at.getTime() - clock.getTime()).toBe(30_000)
    // Not due yet: nothing happens.
    smtp.mode = 'accept'
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel() }))).toBe('skipped')
    clock = new Date(clock.getTime() + 30_000)
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel() }))).toBe('sent')
    expect(smtp.received).toHaveLength(1)
    // The sealed token survived the failed attempt, so the link still went out.
    expect(decoded(smtp.received[0]!.raw)).toContain(`?t=${filed.token}`)
  })

  it('SMTP 5xx: failed at once with the error kept, and an admin retry sends it', async () => {
    const filed = await file(input())
    const [received] = await citizenRows(filed.code)
    smtp.mode = 'reject'
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel() }))).toBe('failed')
    const failed = await row(received!.id)
    expect(failed.status).toBe('failed')
    expect(failed.last_error).toMatch(/550/)
    smtp.mode = 'accept'
    expect(await t.db.transaction().execute((trx) => retryNotification(trx, received!.id, clock))).toBe(true)
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel() }))).toBe('sent')
    expect(smtp.received).toHaveLength(1)
  })

  it('a stalled SMTP server times out and is retried; after the limit the row is failed', async () => {
    const filed = await file(input())
    const [received] = await citizenRows(filed.code)
    smtp.mode = 'stall'
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel(300) }))).toBe('retry')
    expect((await row(received!.id)).last_error).toMatch(/timeout|ETIMEDOUT/i)
    // Jump to the last allowed attempt.
    await t.db.updateTable('notification_outbox').set({ attempts: 7 }).where('id', '=', received!.id).execute()
    clock = new Date(clock.getTime() + 3_600_000)
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel(300) }))).toBe('failed')
    expect(await row(received!.id)).toMatchObject({ status: 'failed', attempts: 8 })
  })

  it('at-most-once: a worker that died during the send leaves the row failed, never re-sent', async () => {
    const filed = await file(input())
    const [received] = await citizenRows(filed.code)
    // The crashed worker's claim: 'sending' with a lease, no outcome recorded.
    expect(await claimNotification(t.db, received!.id, clock)).toBeDefined()
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel() }))).toBe('skipped')
    clock = new Date(clock.getTime() + 6 * 60_000)
    expect(await failStaleLeases(t.db, clock)).toBeGreaterThanOrEqual(1)
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel() }))).toBe('skipped')
    expect(smtp.received).toHaveLength(0)
    expect((await row(received!.id)).last_error).toMatch(/outcome unknown/)
  })

  it('an unsubscribed address gets nothing more', async () => {
    const filed = await file(input())
    const [received] = await citizenRows(filed.code)
    await optOut(t.db, 'email', received!.recipient.toUpperCase(), clock)
    expect(await deliverNotification(t.db, received!.id, deps({ email: smtpChannel() }))).toBe('cancelled')
    expect(await row(received!.id)).toMatchObject({ status: 'cancelled', secret_ciphertext: null })
    expect(smtp.received).toHaveLength(0)
  })
})

describe('WhatsApp (Cloud API, mocked with msw)', () => {
  it('sends the template with the bearer token and records the wamid', async () => {
    const filed = await file(input({ contact: { name: null, email: null, phone: '+6281234567890' } }))
    const [received] = await citizenRows(filed.code)
    expect(received).toMatchObject({ channel: 'whatsapp', recipient: '+6281234567890' })
    expect(await deliverNotification(t.db, received!.id, deps({ whatsapp: whatsappChannel() }))).toBe('sent')
    expect(whatsapp.sent).toHaveLength(1)
    expect(whatsapp.sent[0]).toMatchObject({ to: '6281234567890', name: 'melayani_report_received', language: 'id', authorization: `Bearer ${WHATSAPP_TOKEN}` })
    expect(whatsapp.sent[0]!.params.join(' ')).toContain(`?t=${filed.token}`)
    expect((await row(received!.id)).provider_message_id).toMatch(/^wamid\./)
  })

  it.each([429, 500])('gateway %i: retried later', async (status) => {
    const filed = await file(input({ contact: { name: null, email: null, phone: '+6281234567890' } }))
    const [received] = await citizenRows(filed.code)
    whatsapp.failNext(status)
    expect(await deliverNotification(t.db, received!.id, deps({ whatsapp: whatsappChannel() }))).toBe('retry')
    expect((await row(received!.id)).last_error).toContain(String(status))
    clock = new Date(clock.getTime() + 60_000)
    expect(await deliverNotification(t.db, received!.id, deps({ whatsapp: whatsappChannel() }))).toBe('sent')
    expect(whatsapp.sent).toHaveLength(1)
  })

  it('gateway 400: failed without retrying', async () => {
    const filed = await file(input({ contact: { name: null, email: null, phone: '+6281234567890' } }))
    const [received] = await citizenRows(filed.code)
    whatsapp.failNext(400)
    expect(await deliverNotification(t.db, received!.id, deps({ whatsapp: whatsappChannel() }))).toBe('failed')
  })
})

describe('what is sent on staff actions', () => {
  const staffActor = async () => ({ kind: 'officer' as const, userId: officerId })

  it('verification, public update, resolution and rejection reach the reporter, with the reason', async () => {
    const filed = await file(input())
    const id = await reportId(filed.code)
    const actor = await staffActor()
    const version = async () => (await t.db.selectFrom('reports').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version
    // (The version is read before each transaction: PGlite has one connection.)
    let expectedVersion = await version()
    await t.db
      .transaction()
      .execute((trx) => applyReportAction(trx, { reportId: id, expectedVersion, action: { type: 'verify' }, actor, body: null, now: clock }))
    expectedVersion = await version()
    await t.db.transaction().execute((trx) =>
      addStaffNote(trx, {
        reportId: id,
        expectedVersion,
        userId: actor.userId!,
        actorKind: 'officer',
        visibility: 'public',
        body: 'Tim meluncur besok pagi.',
        now: clock,
      }),
    )
    expectedVersion = await version()
    await t.db.transaction().execute((trx) =>
      addStaffNote(trx, {
        reportId: id,
        expectedVersion,
        userId: actor.userId!,
        actorKind: 'officer',
        visibility: 'internal',
        body: 'Catatan internal.',
        now: clock,
      }),
    )
    for (const type of ['start', 'resolve'] as const) {
      expectedVersion = await version()
      await t.db.transaction().execute((trx) => applyReportAction(trx, { reportId: id, expectedVersion, action: { type }, actor, body: null, now: clock }))
    }
    expectedVersion = await version()
    await t.db.transaction().execute((trx) =>
      applyReportAction(trx, {
        reportId: id,
        expectedVersion,
        action: { type: 'reopen' },
        actor: { kind: 'supervisor', userId: officerId },
        body: null,
        now: clock,
      }),
    )
    const rows = await citizenRows(filed.code)
    // Starting work after the verification is no new "first response".
    expect(rows.map((r) => r.template)).toEqual(['report_received', 'report_verified', 'report_update', 'report_resolved', 'report_reopened'])
    const staffRows = await t.db
      .selectFrom('notification_outbox')
      .select('template')
      .where('report_id', '=', id)
      .where('user_id', '=', officerId)
      .orderBy('id')
      .execute()
    expect(staffRows.map((r) => r.template)).toEqual(['staff_new_report', 'staff_reopened'])
    expect(rows[2]!.payload).toMatchObject({ body: 'Tim meluncur besok pagi.' })
    // Later messages never carry the private token.
    expect(rows.slice(1).every((r) => r.secret_ciphertext === null)).toBe(true)

    const rejected = await file(input())
    const rejectedId = await reportId(rejected.code)
    expectedVersion = (await t.db.selectFrom('reports').select('version').where('id', '=', rejectedId).executeTakeFirstOrThrow()).version
    await t.db.transaction().execute((trx) =>
      applyReportAction(trx, {
        reportId: rejectedId,
        expectedVersion,
        action: { type: 'reject', reason: 'out_of_remit' },
        actor: { kind: 'supervisor', userId: officerId },
        body: null,
        now: clock,
      }),
    )
    const rejection = (await citizenRows(rejected.code)).at(-1)!
    expect(rejection).toMatchObject({ template: 'report_rejected', payload: { code: rejected.code, reason: 'out_of_remit' } })
    const email = smtpChannel()
    expect(await deliverNotification(t.db, rejection.id, deps({ email }))).toBe('sent')
    expect(decoded(smtp.received[0]!.raw)).toContain('Di luar kewenangan pemerintah kota')
  })

  it('the unit staff hear of a new report; digest officers get one hourly email', async () => {
    const unit = { id: officerId }
    const immediate = await file(input())
    const [message] = await t.db
      .selectFrom('notification_outbox')
      .selectAll()
      .where('user_id', '=', officerId)
      .where('report_id', '=', await reportId(immediate.code))
      .execute()
    expect(message).toMatchObject({ template: 'staff_new_report', recipient: 'petugas.pju@uji.test' })
    expect(await deliverNotification(t.db, message!.id, deps({ email: smtpChannel() }))).toBe('sent')
    // Staff mail has the staff page and no unsubscribe link.
    expect(decoded(smtp.received[0]!.raw)).toContain(`${BASE}/petugas/laporan/${immediate.code}`)
    expect(decoded(smtp.received[0]!.raw)).not.toContain('/berhenti')

    await t.db.updateTable('users').set({ notify_mode: 'hourly_digest' }).where('id', '=', unit.id).execute()
    const a = await file(input())
    const b = await file(input())
    const held = (
      await t.db.selectFrom('notification_outbox').selectAll().where('user_id', '=', unit.id).where('status', '=', 'pending').orderBy('id').execute()
    ).filter((r) => r.payload.digest)
    expect(held.map((r) => r.template)).toEqual(['staff_new_report', 'staff_new_report'])
    // Held rows are not delivered on their own.
    expect(await deliverNotification(t.db, held[0]!.id, deps({ email: smtpChannel() }))).toBe('skipped')
    expect(await t.db.transaction().execute((trx) => queueDigests(trx, clock))).toBeGreaterThanOrEqual(1)
    const digest = await t.db
      .selectFrom('notification_outbox')
      .selectAll()
      .where('user_id', '=', unit.id)
      .where('template', '=', 'staff_digest')
      .executeTakeFirstOrThrow()
    expect(digest.payload.codes).toEqual(expect.arrayContaining([a.code, b.code]))
    // A second run bundles nothing again.
    expect(await t.db.transaction().execute((trx) => queueDigests(trx, clock))).toBe(0)
  })
})

describe('unsubscribe tokens', () => {
  it('round-trip, and a forged one is refused', async () => {
    const { unsubscribeToken } = await import('~/notify/keys.server')
    expect(readUnsubscribeToken(unsubscribeToken('email', 'siti@example.com'))).toEqual({ channel: 'email', recipient: 'siti@example.com' })
    expect(readUnsubscribeToken('email.c2l0aUBleGFtcGxlLmNvbQ.forged')).toBeNull()
  })
})
