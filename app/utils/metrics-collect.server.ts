// Gauges read at scrape time: the notification outbox (backlog, failures, age of the
// oldest due message) and database connection use. The outbox query runs with a short
// timeout so a slow or unavailable database never hangs /metrics: the scrape then
// reports melayani_metrics_collect_ok 0 instead of stale numbers.
import { Gauge } from 'prom-client'
import type { Database } from '#db/connection'
import { getDatabase } from './db.server'
import { metrics } from './metrics.server'

export const OUTBOX_QUERY_TIMEOUT_MS = 1_000
const OUTBOX_STATUSES = ['pending', 'sending', 'failed'] as const

interface CollectGauges {
  outbox: Gauge<'status'>
  oldestDue: Gauge
  pool: Gauge<'state'>
  ok: Gauge
}

const KEY = Symbol.for('melayani.metricsCollect')
const g = globalThis as unknown as { [KEY]?: { registry: unknown; gauges: CollectGauges } }

function gauges(): CollectGauges {
  const { registry } = metrics()
  if (g[KEY]?.registry === registry) return g[KEY].gauges
  const registers = [registry]
  const created: CollectGauges = {
    outbox: new Gauge({ name: 'melayani_outbox_messages', help: 'Notification outbox rows by status (pending = backlog).', labelNames: ['status'], registers }),
    oldestDue: new Gauge({ name: 'melayani_outbox_oldest_due_seconds', help: 'How long the oldest due pending notification has waited.', registers }),
    pool: new Gauge({
      name: 'melayani_db_connections',
      help: 'Database connections: total, idle and waiting callers (pg pool; PGlite: its one connection and its queue).',
      labelNames: ['state'],
      registers,
    }),
    ok: new Gauge({ name: 'melayani_metrics_collect_ok', help: '1 if the database gauges were read at this scrape, else 0.', registers }),
  }
  g[KEY] = { registry, gauges: created }
  return created
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

async function readOutbox(database: Database, now: Date) {
  const rows = await database.db
    .selectFrom('notification_outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', 'in', OUTBOX_STATUSES)
    .groupBy('status')
    .execute()
  const oldest = await database.db
    .selectFrom('notification_outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('due'))
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst()
  return { rows, oldestDue: oldest?.due ? new Date(oldest.due as unknown as string) : null }
}

/** Fills the scrape-time gauges, then renders the whole registry in Prometheus text format. */
export async function renderMetrics(options: { database?: Database; now?: Date; timeoutMs?: number } = {}): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics()
  const gauge = gauges()
  const now = options.now ?? new Date()
  try {
    const database = options.database ?? (await getDatabase())
    const pool = database.poolStats?.()
    if (pool) for (const state of ['total', 'idle', 'waiting'] as const) gauge.pool.set({ state }, pool[state])
    const { rows, oldestDue } = await withTimeout(readOutbox(database, now), options.timeoutMs ?? OUTBOX_QUERY_TIMEOUT_MS)
    for (const status of OUTBOX_STATUSES) gauge.outbox.set({ status }, rows.find((r) => r.status === status)?.count ?? 0)
    gauge.oldestDue.set(oldestDue ? Math.max(0, (now.getTime() - oldestDue.getTime()) / 1000) : 0)
    gauge.ok.set(1)
  } catch {
    gauge.ok.set(0)
  }
  return { contentType: registry.contentType, body: await registry.metrics() }
}
