// The notification pipeline end to end (issue 6, ADR 011 and 013): a report filed over
// plain HTTP on the production server, its outbox row, the in-process job runtime, and
// the demo mail channel writing <DATA_DIR>/mail/*.eml. No browser: the form is posted as
// a browser without JavaScript would.
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '#db/types'
import { openDatabase, type Database } from '#db/connection'
import { parseEml } from '~/notify/mailbox.server'
import { createPostgresDatabase, postgresAvailable, removeDir, saveServerOutput, startServer, type FreshPostgresDatabase, type RunningServer } from './support'

const MAIL_WAIT_MS = 20_000
const REPORTS = 20
const OUTBOX_WAIT_MS = 20_000

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Mail {
  file: string
  to: string
  subject: string
  text: string
}

function firstOptionValue(html: string, name: string): string {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? ''
  const value = /<option value="(\d+)"/.exec(select)?.[1]
  if (!value) throw new Error(`No option for ${name} on /lapor`)
  return value
}

/** Files a confidential report with `email` as /lapor without JavaScript would; returns its code. */
async function fileReport(baseUrl: string, email: string): Promise<string> {
  const form = await (await fetch(`${baseUrl}/lapor`)).text()
  const idempotencyKey = /name="idempotencyKey"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="idempotencyKey"/.exec(form)
  const key = idempotencyKey?.[1] ?? idempotencyKey?.[2]
  if (!key) throw new Error('No idempotencyKey on /lapor')
  const response = await fetch(`${baseUrl}/lapor`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      categoryId: firstOptionValue(form, 'categoryId'),
      areaId: firstOptionValue(form, 'areaId'),
      description: `Saluran air di depan rumah tersumbat dan meluap setiap hujan. [notify ${randomUUID()}]`,
      email,
      // Confidential: the report is found only through the private link, so a 200 on the
      // mailed link proves the token in the mail is the reporter's.
      privacy: 'confidential',
      idempotencyKey: key,
    }),
  })
  const location = response.headers.get('location') ?? ''
  const code = /^\/laporan\/([^/?#]+)$/.exec(location)?.[1]
  if (![302, 303].includes(response.status) || !code)
    throw new Error(`POST /lapor: HTTP ${response.status} ${location}\n${(await response.text()).slice(0, 500)}`)
  return code
}

function readMails(dataDir: string): Mail[] {
  const dir = join(dataDir, 'mail')
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.eml'))
  } catch {
    return []
  }
  return names.map((file) => ({ file: join(dir, file), ...parseEml(readFileSync(join(dir, file), 'utf8')) }))
}

/**
 * Filing mails whose delivery job was not sent by the filing's own transaction: no
 * notification.deliver job for the row created within a second of it. (The minute
 * sweeper would also deliver a row nobody enqueued, just later; this tells them apart.)
 */
async function notEnqueuedWithFiling(db: Kysely<DB>): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT o.id FROM notification_outbox o
    WHERE o.template = 'report_received' AND o.user_id IS NULL AND NOT EXISTS (
      SELECT 1 FROM pgboss.job j
      WHERE j.name = 'notification.deliver' AND j.data->>'outboxId' = o.id::text
        AND j.created_on <= o.created_at + interval '1 second')`.execute(db)
  return rows.map((r) => r.id)
}

const addressOf = (to: string) => (/<([^>]+)>/.exec(to)?.[1] ?? to).trim().toLowerCase()

describe('npm start on PGlite', () => {
  let server: RunningServer

  beforeAll(async () => {
    server = await startServer({ env: { DEMO_REPORTS: '0', RATE_LIMIT_FILING: 'off' } })
  })

  afterAll(async () => {
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('a report filed with an e-mail gets its mail in DATA_DIR/mail within seconds', async () => {
    const email = `pelapor-${randomUUID().slice(0, 8)}@contoh.test`
    try {
      const code = await fileReport(server.baseUrl, email)
      const filedAt = performance.now()
      let mail: Mail | undefined
      while (!mail && performance.now() - filedAt < MAIL_WAIT_MS) {
        mail = readMails(server.dataDir).find((m) => addressOf(m.to) === email)
        if (!mail) await sleep(100)
      }
      const seconds = (performance.now() - filedAt) / 1000
      expect(mail, `no mail to ${email} in ${server.dataDir}/mail within ${MAIL_WAIT_MS / 1000} s`).toBeDefined()
      console.log(`notifications e2e (PGlite): filing → ${mail!.file.split('/').pop()} in ${seconds.toFixed(2)} s`)

      expect(mail!.subject).toContain(code)
      expect(mail!.text).toContain(code)
      const link = new RegExp(`https?://[^\\s]+/laporan/${code}\\?t=([^\\s.]+)`).exec(mail!.text)
      expect(link, `no private link in:\n${mail!.text}`).not.toBeNull()
      const token = decodeURIComponent(link![1]!)

      // The mailed token opens the reporter's view; without it (or with another) the confidential report does not exist.
      const page = await fetch(`${server.baseUrl}/laporan/${code}?t=${encodeURIComponent(token)}`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain(code)
      expect((await fetch(`${server.baseUrl}/laporan/${code}`)).status).toBe(404)
      expect((await fetch(`${server.baseUrl}/laporan/${code}?t=${token.slice(0, -2)}xx`)).status).toBe(404)

      // The delivery job was enqueued by the filing itself (the PGlite directory is free once the server stopped).
      await server.stop()
      const database = await openDatabase(join(server.dataDir, 'pglite'))
      try {
        expect(await notEnqueuedWithFiling(database.db)).toEqual([])
      } finally {
        await database.close()
      }
    } catch (error) {
      saveServerOutput(server, 'notifications-pglite')
      throw error
    }
  })
})

describe.runIf(postgresAvailable())('two npm start processes over one PostgreSQL', () => {
  let scratch: FreshPostgresDatabase
  let database: Database
  const servers: RunningServer[] = []

  beforeAll(async () => {
    scratch = await createPostgresDatabase()
    database = await openDatabase(scratch.url, { poolSize: 2 })
    // One SESSION_SECRET for both, as in any multi-process deployment: without it each
    // process generates its own under its DATA_DIR and cannot open the private links the
    // other sealed (the mail then falls back to the plain report link).
    const env = { DEMO_REPORTS: '0', RATE_LIMIT_FILING: 'off', SESSION_SECRET: `e2e-notify-${randomUUID()}` }
    // One after the other: the second finds the schema migrated and the reference data seeded.
    servers.push(await startServer({ databaseUrl: scratch.url, env }))
    servers.push(await startServer({ databaseUrl: scratch.url, env }))
  }, 240_000)

  afterAll(async () => {
    for (const s of servers) await s.stop(3000)
    for (const s of servers) removeDir(s.dataDir)
    await database?.close()
    await scratch?.drop()
  })

  it(`${REPORTS} reports filed on both servers: each address gets exactly one filing mail`, async () => {
    try {
      expect(servers[0]!.dataDir).not.toBe(servers[1]!.dataDir)
      const run = randomUUID().slice(0, 8)
      const filed: { code: string; email: string }[] = []
      for (let n = 0; n < REPORTS; n++) {
        const email = `warga-${run}-${n}@contoh.test`
        filed.push({ code: await fileReport(servers[n % 2]!.baseUrl, email), email })
        // Spread over a few seconds, so that both workers' polls (every 2 s) find jobs to take.
        await sleep(150)
      }
      const filedAt = performance.now()

      const outbox = () =>
        database.db
          .selectFrom('notification_outbox')
          .innerJoin('reports', 'reports.id', 'notification_outbox.report_id')
          .select(['reports.code', 'notification_outbox.recipient', 'notification_outbox.status', 'notification_outbox.attempts'])
          .where('notification_outbox.template', '=', 'report_received')
          .where('notification_outbox.user_id', 'is', null)
          .execute()
      let rows = await outbox()
      while (performance.now() - filedAt < OUTBOX_WAIT_MS) {
        rows = await outbox()
        if (rows.length >= REPORTS && rows.every((r) => r.status === 'sent')) break
        await sleep(250)
      }
      const seconds = (performance.now() - filedAt) / 1000
      await sleep(3000) // a duplicate delivery would show up now

      // The outbox: exactly one sent report_received row per report.
      rows = await outbox()
      expect(
        rows.filter((r) => r.status !== 'sent'),
        `not all sent within ${OUTBOX_WAIT_MS / 1000} s`,
      ).toEqual([])
      // Claimed once each: a second claim (a second send) would count a second attempt. The
      // .eml file is named after the row, so a repeat in the same process would overwrite it.
      expect(rows.filter((r) => r.attempts !== 1)).toEqual([])
      expect(await notEnqueuedWithFiling(database.db)).toEqual([])
      expect(rows.map((r) => `${r.code} ${r.recipient}`).sort()).toEqual(filed.map((f) => `${f.code} ${f.email}`).sort())

      // The mail: both folders together hold exactly one filing mail per address, with its code.
      const folders = servers.map((s) => readMails(s.dataDir).filter((m) => addressOf(m.to).startsWith(`warga-${run}-`)))
      const all = folders.flat()
      expect(all.map((m) => addressOf(m.to)).sort()).toEqual(filed.map((f) => f.email).sort())
      for (const { code, email } of filed) {
        const mail = all.find((m) => addressOf(m.to) === email)!
        expect(mail.subject).toContain(code)
        const token = new RegExp(`/laporan/${code}\\?t=([^\\s.]+)`).exec(mail.text)?.[1]
        expect(token, `no private link for ${code} in:\n${mail.text}`).toBeDefined()
        // Whichever process delivered it, the link opens the reporter's view on either.
        expect((await fetch(`${servers[0]!.baseUrl}/laporan/${code}?t=${token}`)).status).toBe(200)
      }
      console.log(
        `notifications e2e (PostgreSQL, 2 processes): ${REPORTS} filing mails all sent ${seconds.toFixed(2)} s after the last filing; ` +
          `delivered by process A: ${folders[0]!.length}, by process B: ${folders[1]!.length}`,
      )
    } catch (error) {
      servers.forEach((s, i) => saveServerOutput(s, `notifications-postgres-${i}`))
      throw error
    }
  }, 120_000)
})
