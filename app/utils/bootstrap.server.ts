// Start-up for the HTTP server (exported through entry.server so that the bundled
// build carries it): validate env, open and migrate the database, seed.
import { seedDatabase } from '#db/demo'
import { migrateToLatest } from '#db/migrate'
import { DEMO_PASSWORD, DEMO_STAFF } from '#db/seed-data/demo-staff'
import { connect, disconnect } from './db.server'
import { getEnv } from './env.server'
import { getPublicJurisdiction } from './jurisdiction.server'

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
  const demo = env.NODE_ENV !== 'production'
  const { seededDemo } = await seedDatabase(database.db, { demo, demoReports: env.DEMO_REPORTS, jurisdictionSlug: env.DEFAULT_JURISDICTION })
  // Remembered from now on, so pages and the /lapor form can render during a database outage (ADR 005).
  await getPublicJurisdiction()
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
