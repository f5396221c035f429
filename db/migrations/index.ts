// Migrations are registered in code (not read from a folder) so that the bundled
// server build carries them. Add new ones at the end; never edit a shipped one.
import type { Migration } from 'kysely/migration'
import * as initialSchema from './0001-initial-schema'
import * as abuseLimits from './0003-abuse-limits'

export const migrations: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0003-abuse-limits': abuseLimits,
}
