// The jobs contract (issue 6, ADR 011). A job is a plain function of its data and a
// context; the runtime (pg-boss) only decides when and where it runs.
import type { Kysely } from 'kysely'
import type { DB } from '#db/types'

export interface JobContext {
  db: Kysely<DB>
  now: () => Date
  log: (msg: string, extra?: object) => void
}

export interface JobDefinition<Data extends object = object> {
  /** The queue's name, e.g. 'notification.deliver', 'sla.escalate'. */
  name: string
  /** Must be idempotent: after a crash a job may run twice. */
  handler: (data: Data, ctx: JobContext) => Promise<void>
  /** Recurring (pg-boss schedule; once per tick across processes). */
  cron?: string
  options?: { retryLimit?: number; retryDelay?: number; retryBackoff?: boolean; expireInSeconds?: number }
}
