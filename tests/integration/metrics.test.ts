// /metrics's database gauges: the notification outbox (backlog, failures, oldest due
// message) and connection use, read at scrape time with a timeout.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderMetrics } from '~/utils/metrics-collect.server'
import { resetMetricsForTests } from '~/utils/metrics.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let t: TestDatabase
const NOW = new Date('2026-11-20T05:00:00Z')
const MIN = 60_000

beforeAll(async () => {
  t = await createTestDatabase({ seed: false })
  resetMetricsForTests()
  const row = (status: 'pending' | 'sending' | 'sent' | 'failed', dueAgoMs: number) => ({
    channel: 'email' as const,
    recipient: 'warga@example.test',
    template: 'filed',
    status,
    next_attempt_at: new Date(NOW.getTime() - dueAgoMs),
  })
  await t.db
    .insertInto('notification_outbox')
    .values([row('pending', 7 * MIN), row('pending', 1 * MIN), row('pending', -10 * MIN), row('sending', 0), row('failed', 60 * MIN), row('sent', 90 * MIN)])
    .execute()
})
afterAll(() => t.close())

function value(text: string, series: string) {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('metrics from the database', () => {
  it('reports the outbox backlog, failures and the wait of the oldest due message', async () => {
    const { body, contentType } = await renderMetrics({ database: t, now: NOW })
    expect(contentType).toContain('text/plain')
    expect(value(body, 'melayani_outbox_messages{status="pending"}')).toBe(3)
    expect(value(body, 'melayani_outbox_messages{status="sending"}')).toBe(1)
    expect(value(body, 'melayani_outbox_messages{status="failed"}')).toBe(1)
    expect(value(body, 'melayani_outbox_oldest_due_seconds')).toBe(420)
    expect(value(body, 'melayani_metrics_collect_ok')).toBe(1)
    // The contact address is data, never a label.
    expect(body).not.toContain('warga@example.test')
  })

  it('reports connection use', async () => {
    const { body } = await renderMetrics({ database: t, now: NOW })
    expect(value(body, 'melayani_db_connections{state="total"}')).toBeGreaterThanOrEqual(1)
    expect(value(body, 'melayani_db_connections{state="idle"}')).toBeGreaterThanOrEqual(0)
    expect(value(body, 'melayani_db_connections{state="waiting"}')).toBe(0)
  })

  it('counts callers waiting for a connection', async () => {
    // Occupy every connection (PGlite has one; the test pool has four), then queue two more queries.
    const size = t.kind === 'pglite' ? 1 : 4
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let started = 0
    let allHeld!: () => void
    const holding = new Promise<void>((r) => (allHeld = r))
    const holders = Array.from({ length: size }, () =>
      t.db.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx)
        if (++started === size) allHeld()
        await held
      }),
    )
    await holding
    const queued = [sql`SELECT 1`.execute(t.db), sql`SELECT 1`.execute(t.db)]
    try {
      await new Promise((r) => setTimeout(r, 50))
      expect(t.poolStats!()).toMatchObject({ total: size, idle: 0, waiting: 2 })
    } finally {
      release()
      await Promise.all([...holders, ...queued])
    }
    expect(t.poolStats!()).toMatchObject({ waiting: 0 })
  })

  it('answers within its timeout when the outbox cannot be read, saying so', async () => {
    let unlock!: () => void
    const held = new Promise<void>((r) => (unlock = r))
    let locked!: () => void
    const isLocked = new Promise<void>((r) => (locked = r))
    // A transaction holding an exclusive lock on the table blocks the scrape's query
    // (on PGlite the single connection is busy, which has the same effect).
    const blocker = t.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE notification_outbox IN ACCESS EXCLUSIVE MODE`.execute(trx)
      locked()
      await held
    })
    await isLocked
    const started = Date.now()
    const { body } = await renderMetrics({ database: t, now: NOW, timeoutMs: 200 })
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(value(body, 'melayani_metrics_collect_ok')).toBe(0)
    unlock()
    await blocker
    const after = await renderMetrics({ database: t, now: NOW })
    expect(value(after.body, 'melayani_metrics_collect_ok')).toBe(1)
  })
})
