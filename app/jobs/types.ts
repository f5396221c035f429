// The jobs contract (issue 6, shared by the JOBS, CLOCKS and NOTIFY branches).
import type { Kysely } from 'kysely'
import type { DB } from '#db/types'

export interface JobContext {
  db: Kysely<DB>
  now: () => Date
  log: (msg: string, extra?: object) => void
}

export interface JobDefinition<Data extends object = object> {
  name: string // e.g. 'notification.deliver', 'sla.escalate'
  handler: (data: Data, ctx: JobContext) => Promise<void>
  cron?: string // recurring (pg-boss schedule; once per tick across processes)
  options?: { retryLimit?: number; retryDelay?: number; retryBackoff?: boolean; expireInSeconds?: number }
}
