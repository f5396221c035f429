// Start-up for the HTTP server (exported through entry.server so that the bundled
// build carries it): validate env, open and migrate the database, seed reference
// data, and on an empty non-production database add demo staff and demo reports.
import { migrateToLatest } from '#db/migrate'
import { isDatabaseEmpty, seedDemoStaff, seedReferenceData } from '#db/seed'
import { DEMO_PASSWORD, DEMO_STAFF } from '#db/seed-data/demo-staff'
import { simulateReports } from '#db/simulate'
import { connect, disconnect } from './db.server'
import { getEnv } from './env.server'

export interface BootstrapResult {
  port: number
  databaseKind: 'pglite' | 'postgres'
  seededDemo: boolean
  demoAccounts: { email: string; role: string }[]
  demoPassword: string | null
}

export async function bootstrap(): Promise<BootstrapResult> {
  const env = getEnv()
  const database = await connect(env.DATABASE_URL)
  await migrateToLatest(database.db)
  const empty = await isDatabaseEmpty(database.db)
  await database.db.transaction().execute((trx) => seedReferenceData(trx))
  const demo = env.NODE_ENV !== 'production'
  let seededDemo = false
  if (empty && demo) {
    await database.db.transaction().execute((trx) => seedDemoStaff(trx))
    if (env.DEMO_REPORTS > 0) {
      await simulateReports(database.db, { count: env.DEMO_REPORTS, jurisdictionSlug: env.DEFAULT_JURISDICTION })
    }
    seededDemo = true
  }
  return {
    port: env.PORT,
    databaseKind: database.kind,
    seededDemo,
    demoAccounts: demo ? DEMO_STAFF.map((s) => ({ email: s.email, role: s.role })) : [],
    demoPassword: demo ? DEMO_PASSWORD : null,
  }
}

export async function shutdown() {
  await disconnect()
}
