// Everything a start-up or `npm run db:seed` writes: reference data into a jurisdiction
// that has none yet (seeded once, never overwritten: ADR 015), and on an empty
// non-production database the demo staff and simulated demo history.
import type { Kysely } from 'kysely'
import { isDatabaseEmpty, seedDemoApiKey, seedDemoStaff, seedReferenceData } from './seed'
import { simulateReports } from './simulator'
import type { DB } from './types'

export interface SeedDatabaseOptions {
  /** Demo staff and demo reports are never written in production. */
  demo: boolean
  demoReports: number
  jurisdictionSlug: string
}

export async function seedDatabase(db: Kysely<DB>, options: SeedDatabaseOptions) {
  const empty = await isDatabaseEmpty(db)
  await db.transaction().execute((trx) => seedReferenceData(trx))
  // Also on an existing demo database, so `git pull && npm start` gets the README's key.
  if (options.demo) await db.transaction().execute((trx) => seedDemoApiKey(trx))
  if (!empty || !options.demo) return { seededDemo: false }
  await db.transaction().execute((trx) => seedDemoStaff(trx))
  if (options.demoReports > 0) await simulateReports(db, { count: options.demoReports, jurisdictionSlug: options.jurisdictionSlug })
  return { seededDemo: true }
}
