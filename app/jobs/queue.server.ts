// Sending jobs. `enqueue` writes the job inside the caller's transaction (or on the
// given handle): a change that rolls back enqueues nothing, one that commits cannot
// lose its job (ADR 011).
import { sql, type Kysely, type Transaction } from 'kysely'
import PgBoss from 'pg-boss'
import { JOB_QUEUE_SCHEMA } from '#db/migrations/0005-job-queue'
import type { DB } from '#db/types'
import { kyselyExecutor } from './sql-adapter.server'
import type { JobDefinition } from './types'

// Sending needs no started pg-boss: every send names the database handle to write on.
let sender: PgBoss | null = null
function getSender() {
  sender ??= new PgBoss({ db: { executeSql: () => Promise.reject(new Error('enqueue() always passes its own handle')) }, schema: JOB_QUEUE_SCHEMA })
  return sender
}

/**
 * `singletonKey`: at most one job of this name and key waits or runs at a time; a
 * second enqueue while one does is a no-op (pg-boss's own singleton keys only act on
 * special queue policies, so the rule is kept here, under a lock on the key).
 */
export async function enqueue(
  db: Kysely<DB> | Transaction<DB>,
  name: string,
  data: object,
  options?: { startAfter?: Date; singletonKey?: string },
): Promise<void> {
  const singletonKey = options?.singletonKey
  if (singletonKey && !db.isTransaction) {
    await db.transaction().execute((trx) => enqueue(trx, name, data, options))
    return
  }
  if (singletonKey) {
    // Held until the caller's transaction ends, so concurrent senders of one key queue up here.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`job:${name}:${singletonKey}`}))`.execute(db)
    const { rows } = await sql<{ found: number }>`
      SELECT 1 AS found FROM ${sql.table(`${JOB_QUEUE_SCHEMA}.job`)}
      WHERE name = ${name} AND singleton_key = ${singletonKey} AND state IN ('created', 'retry', 'active') LIMIT 1`.execute(db)
    if (rows.length > 0) return
  }
  const id = await getSender().send(name, data, {
    db: kyselyExecutor(db),
    ...(options?.startAfter ? { startAfter: options.startAfter } : {}),
    ...(singletonKey ? { singletonKey } : {}),
  })
  // pg-boss answers null when it wrote nothing: here only for a queue that does not
  // exist (a bug that would otherwise drop the job silently).
  if (id === null) throw new Error(`Job queue "${name}" does not exist (is the job in app/jobs/registry.ts?)`)
}

/**
 * pg-boss 10 needs a queue (a table partition) per job name before a job can be sent.
 * Idempotent; run after migrations by bootstrap, the worker and the test databases.
 */
export async function ensureJobQueues(db: Kysely<DB>, jobs: QueueSpec[]) {
  const boss = new PgBoss({ db: kyselyExecutor(db), schema: JOB_QUEUE_SCHEMA })
  const existing = new Set((await boss.getQueues()).map((q) => q.name))
  for (const job of jobs) {
    const options = { name: job.name, ...queueOptions(job) }
    if (existing.has(job.name)) await boss.updateQueue(job.name, options)
    else await boss.createQueue(job.name, options)
  }
}

type QueueSpec = Pick<JobDefinition, 'name' | 'options'>

export function queueOptions(job: QueueSpec) {
  const o = job.options ?? {}
  return {
    retryLimit: o.retryLimit ?? 5,
    retryDelay: o.retryDelay ?? 30,
    retryBackoff: o.retryBackoff ?? true,
    expireInSeconds: o.expireInSeconds ?? 15 * 60,
  }
}
