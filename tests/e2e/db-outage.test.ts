// The app on its own PostgreSQL cluster, under steady /lapor submissions, while the
// database goes away twice: first its backends are terminated (pg_terminate_backend,
// 57P01), later the cluster is stopped and started again. The process must stay up,
// answer 503 pages (never a blank 5xx) while the database is away, recover by itself
// within seconds, and keep every report it acknowledged. (ADR 005)
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { en } from '~/i18n/en'
import { id as t } from '~/i18n/id'
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from '../setup/private-postgres'
import { browserAvailable, launchBrowser, saveArtifacts, saveServerOutput, startServer, type RunningServer } from './support'

const CLIENTS = 4
const TERMINATE_AT_MS = 5_000
const TERMINATE_FOR_MS = 3_000
const STOP_AT_MS = 12_000
const DOWN_FOR_MS = 5_000
const RUN_MS = 27_000
const REQUEST_TIMEOUT_MS = 15_000
const RECOVERY_LIMIT_MS = 10_000
const LOCKER = 'outage-test-locker'

interface Submission {
  at: number
  status: number | 'network-error'
  code: string | null
  body: string
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function firstOptionValue(html: string, name: string): string {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? ''
  const value = /<option value="(\d+)"/.exec(select)?.[1]
  if (!value) throw new Error(`No option for ${name} on /lapor`)
  return value
}

const enabled = privatePostgresAvailable()
const hasBrowser = enabled && browserAvailable()

describe.skipIf(!enabled)('database outage under load (private PostgreSQL cluster)', () => {
  let cluster: PrivatePostgres
  let server: RunningServer
  const submissions: Submission[] = []
  const health: { at: number; answeredAt?: number; status: number | 'timeout' }[] = []
  const outagePages: { lang: string; status: number; body: string; retryAfter: string | null }[] = []
  let stoppedAt = 0
  let startedAgainAt = 0
  let terminated = 0
  let blockedWhenTerminated = 0

  beforeAll(async () => {
    cluster = await startPrivatePostgres()
    await cluster.query('CREATE DATABASE melayani')
    server = await startServer({ databaseUrl: cluster.url('melayani'), env: { DEMO_REPORTS: '20', RATE_LIMIT_FILING: 'off' } })
  })

  afterAll(async () => {
    saveServerOutput(server, 'db-outage-server')
    await server?.stop()
    cluster?.destroy()
  })

  it('stays up, answers 503 while away, recovers by itself and loses no acknowledged report', async () => {
    const form = await (await fetch(`${server.baseUrl}/lapor`)).text()
    const categoryId = firstOptionValue(form, 'categoryId')
    const areaId = firstOptionValue(form, 'areaId')
    const t0 = performance.now()
    const elapsed = () => performance.now() - t0
    let running = true

    const submitter = async (client: number) => {
      for (let n = 0; running; n++) {
        const description = `Uji gangguan basis data: klien ${client}, kiriman ${n}, ${randomUUID()}`
        const at = elapsed()
        try {
          const response = await fetch(`${server.baseUrl}/lapor`, {
            method: 'POST',
            redirect: 'manual',
            headers: { Origin: server.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
            // confirmNew: past "Mungkin sudah dilaporkan" (ADR 022); this test files many alike reports.
            body: new URLSearchParams({ categoryId, areaId, description, privacy: 'public', idempotencyKey: randomUUID(), confirmNew: '1' }),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          })
          const location = response.headers.get('location') ?? ''
          const code = [302, 303].includes(response.status) ? (/^\/laporan\/([^/?#]+)$/.exec(location)?.[1] ?? null) : null
          const body = await response.text()
          submissions.push({ at, status: response.status, code, body: response.status >= 500 ? body : '' })
          if (response.status === 503) {
            // The form came back filled: the description is still in it.
            expect(body, "a 503 /lapor answer keeps the citizen's text").toContain(description)
          }
        } catch (error) {
          submissions.push({ at, status: 'network-error', code: null, body: String(error) })
          await sleep(200) // a dead server must not turn this loop into a flood
        }
        // Steady, not flooding: a few submissions per second per client.
        await sleep(20)
      }
    }

    const healthPoller = async () => {
      while (running) {
        const at = elapsed()
        try {
          const response = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(4_000) })
          await response.text()
          health.push({ at, status: response.status, answeredAt: elapsed() })
        } catch {
          health.push({ at, status: 'timeout' })
        }
        await sleep(200)
      }
    }

    const scenario = async () => {
      await sleep(TERMINATE_AT_MS)
      // First, catch filings inside their transaction: a lock held by the test blocks
      // their INSERT INTO reports, so the app's clients are checked out and mid-query
      // when their backends are terminated (the case that used to end the process).
      const locker = new pg.Client({ connectionString: cluster.url('melayani'), application_name: LOCKER })
      await locker.connect()
      await locker.query('BEGIN')
      await locker.query('LOCK TABLE reports IN SHARE ROW EXCLUSIVE MODE')
      await sleep(1_000)
      blockedWhenTerminated = (
        await cluster.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'melayani' AND wait_event_type = 'Lock' AND application_name <> '${LOCKER}'`,
        )
      ).rows[0]!.n
      terminated += await cluster.terminateBackends({ database: 'melayani', exceptApplicationName: LOCKER })
      await locker.query('ROLLBACK')
      await locker.end()
      // Cut the app's connections again and again for a few seconds, so that some are
      // cut while a query or transaction is in flight (57P01 on a checked-out client).
      while (elapsed() < TERMINATE_AT_MS + TERMINATE_FOR_MS) {
        terminated += await cluster.terminateBackends({ database: 'melayani' })
        await sleep(50)
      }
      await sleep(STOP_AT_MS - elapsed())
      await cluster.stop('fast')
      stoppedAt = elapsed()
      await sleep(1_500)
      // Pages during the outage: the 503 page in the user's language.
      for (const lang of ['id', 'en']) {
        const response = await fetch(`${server.baseUrl}/?lang=${lang}`, { signal: AbortSignal.timeout(10_000) }).catch(() => null)
        if (response) outagePages.push({ lang, status: response.status, body: await response.text(), retryAfter: response.headers.get('retry-after') })
      }
      await sleep(Math.max(0, stoppedAt + DOWN_FOR_MS - elapsed()))
      await cluster.start()
      startedAgainAt = elapsed()
      await sleep(Math.max(0, RUN_MS - elapsed()))
      running = false
    }

    await Promise.all([scenario(), healthPoller(), ...Array.from({ length: CLIENTS }, (_, i) => submitter(i))])

    const byStatus = new Map<string, number>()
    for (const s of submissions) byStatus.set(String(s.status), (byStatus.get(String(s.status)) ?? 0) + 1)
    console.log(`db-outage: submissions by status ${JSON.stringify(Object.fromEntries(byStatus))}`)
    expect(blockedWhenTerminated, 'some filings were inside their transaction when terminated').toBeGreaterThan(0)

    // 1. The process is alive and never saw an unhandled 'error'.
    expect(server.process.exitCode, `server output:\n${server.output().slice(-3000)}`).toBeNull()
    expect(server.process.signalCode).toBeNull()
    expect(server.output()).not.toMatch(/Unhandled 'error' event|uncaughtException/)
    expect((await fetch(`${server.baseUrl}/`)).status).toBe(200)

    // 2. /healthz said 503 while the cluster was down and 200 again within seconds.
    const whileDown = health.filter((h) => h.at > stoppedAt + 500 && h.at < startedAgainAt - 200)
    expect(whileDown.length).toBeGreaterThan(0)
    expect(
      whileDown.every((h) => h.status === 503),
      JSON.stringify(whileDown),
    ).toBe(true)
    const recovered = health.find((h) => h.at >= startedAgainAt && h.status === 200)
    expect(recovered, 'a 200 from /healthz after the restart').toBeDefined()
    // From "the cluster accepts connections" (pg_ctl start -w returned) to a 200 answered.
    const recoveryMs = recovered!.answeredAt! - startedAgainAt
    const firstFiledAgain = submissions.find((s) => s.code && s.at >= startedAgainAt)
    expect(recoveryMs).toBeLessThan(RECOVERY_LIMIT_MS)

    // 3. Pages during the outage: 503 in the user's language, with Retry-After.
    expect(outagePages.map((p) => [p.lang, p.status])).toEqual([
      ['id', 503],
      ['en', 503],
    ])
    expect(outagePages[0]!.body).toContain(t.errors.unavailableHeading)
    expect(outagePages[1]!.body).toContain(en.errors.unavailableHeading)
    expect(outagePages[0]!.retryAfter).toBe('5')

    // 4. No blank 5xx, no dropped connection: every answer is a redirect to the report, or the 503 form.
    const unexpected = submissions.filter((s) => !(s.code !== null || s.status === 503))
    expect(unexpected.map((s) => `${Math.round(s.at)} ms: ${s.status} ${s.body.slice(0, 300)}`)).toEqual([])
    for (const s of submissions.filter((x) => x.status === 503)) expect(s.body).toContain(t.errors.unavailableForm)
    expect(byStatus.get('503') ?? 0, 'the outage was noticed by some submissions').toBeGreaterThan(0)
    expect(
      submissions.some((s) => s.code && s.at > startedAgainAt),
      'filing works again after the restart',
    ).toBe(true)

    // 5. Every acknowledged tracking code is in the database.
    const acknowledged = submissions.map((s) => s.code).filter((c): c is string => c !== null)
    const found = await cluster.query<{ code: string }>('SELECT code FROM reports WHERE code = ANY($1)', [acknowledged], 'melayani')
    const missing = acknowledged.filter((c) => !found.rows.some((r) => r.code === c))
    console.log(
      `db-outage: ${submissions.length} submissions (${JSON.stringify(Object.fromEntries(byStatus))}), ` +
        `${terminated} backends terminated (${blockedWhenTerminated} of them mid-transaction), acknowledged ${acknowledged.length}, found ${found.rows.length}, ` +
        `healthz 200 again ${Math.round(recoveryMs)} ms after the cluster was back, first filing acknowledged again after ${Math.round((firstFiledAgain?.at ?? NaN) - startedAgainAt)} ms (request start)`,
    )
    expect(missing).toEqual([])
    expect(found.rows.length).toBe(acknowledged.length)
  })

  it.skipIf(!hasBrowser)(
    'in the browser: a report sent during the outage comes back filled with "coba lagi"; sent again after recovery, it is filed once',
    async () => {
      const browser = await launchBrowser({ javaScriptEnabled: true })
      const page = await browser.context.newPage()
      const description = `Lampu jalan mati, dikirim saat gangguan ${randomUUID()}`
      try {
        await page.goto(`${server.baseUrl}/lapor`, { waitUntil: 'networkidle' })
        await page.getByLabel(t.reportForm.category, { exact: true }).selectOption({ index: 1 })
        await page.getByLabel(t.reportForm.kelurahan, { exact: true }).selectOption({ index: 1 })
        await page.getByLabel(t.reportForm.description, { exact: true }).fill(description)
        await page.getByLabel(t.reportForm.name, { exact: true }).fill('Siti')
        const submit = page.getByRole('button', { name: t.reportForm.submit, exact: true })

        await cluster.stop('fast')
        await submit.click()
        await page.locator('#form-errors', { hasText: t.errors.unavailableForm }).waitFor()
        expect(await page.getByLabel(t.reportForm.description, { exact: true }).inputValue()).toBe(description)
        expect(await page.getByLabel(t.reportForm.name, { exact: true }).inputValue()).toBe('Siti')
        expect(new URL(page.url()).pathname).toBe('/lapor')

        await cluster.start()
        await submit.click()
        await page.waitForURL(/\/laporan\/[A-Z]+-[A-Z0-9]+/, { timeout: 15_000 })
        const filed = await cluster.query<{ n: number }>('SELECT count(*)::int AS n FROM reports WHERE description = $1', [description], 'melayani')
        expect(filed.rows[0]!.n).toBe(1)
      } catch (error) {
        await saveArtifacts(page, 'db-outage-browser')
        throw error
      } finally {
        if (!cluster.isRunning()) await cluster.start()
        await browser.close()
      }
    },
  )
})
