// The jobs contract (issue 6, shared by every job file). Handlers are plain functions:
// tests call them with a test database and a fixed clock.
import type { Kysely } from 'kysely'
import type { DB } from '#db/types'

export interface JobContext {
  db: Kysely<DB>
  now: () => Date
  log: (msg: string, extra?: object) => void
}

export interface JobDefinition<Data extends object = object> {
  name: string
  handler: (data: Data, ctx: JobContext) => Promise<void>
  cron?: string
  options?: { retryLimit?: number; retryDelay?: number; retryBackoff?: boolean; expireInSeconds?: number }
}
