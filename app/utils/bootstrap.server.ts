// Start-up for the HTTP server (exported through entry.server so that the bundled
// build carries it): validate env, open and migrate the database, seed.
import { seedDatabase } from '#db/demo'
import { migrateToLatest } from '#db/migrate'
import { DEMO_PASSWORD, DEMO_STAFF } from '#db/seed-data/demo-staff'
import type { JobRuntime } from '~/jobs/runtime.server'
import { serveJobs } from '~/jobs/serve.server'
import { enqueue } from '~/jobs/queue.server'
import { metricsRollupJob } from '~/jobs/metrics-rollup'
import { connect, connectReplica, disconnect } from './db.server'
import { getEnv } from './env.server'
import { getPublicJurisdiction } from './jurisdiction.server'

// Kept on globalThis like the database handle (dev reloads must not start a second set of workers).
const g = globalThis as unknown as { __melayaniJobs?: JobRuntime | null }

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
  if (env.DATABASE_REPLICA_URL) await connectReplica(env.DATABASE_REPLICA_URL)
  await migrateToLatest(database.db)
  const demo = env.NODE_ENV !== 'production'
  const { seededDemo } = await seedDatabase(database.db, { demo, demoReports: env.DEMO_REPORTS, jurisdictionSlug: env.DEFAULT_JURISDICTION })
  // Remembered from now on, so pages and the /lapor form can render during a database outage (ADR 005).
  await getPublicJurisdiction()
  // Workers run in this process unless JOBS_IN_PROCESS=false hands them to `npm run worker`.
  // PGlite can be opened by one process only, so there they always run here (ADR 011).
  const inProcess = env.JOBS_IN_PROCESS || database.kind === 'pglite'
  if (!env.JOBS_IN_PROCESS && inProcess) console.warn('JOBS_IN_PROCESS=false is ignored on the embedded database: no other process can open it.')
  if (g.__melayaniJobs === undefined) g.__melayaniJobs = await serveJobs(database, env, inProcess)
  // Build the metric rollups now rather than at the next minute, so /transparansi and the
  // open-data API have figures right after a fresh start (ADR 021).
  // Best effort: the every-minute schedule builds them anyway.
  await enqueue(database.db, metricsRollupJob.name, {}, { singletonKey: 'startup' }).catch((error: unknown) =>
    console.warn(`Could not queue the first metrics rollup: ${String(error)}`),
  )
  return {
    port: env.PORT,
    databaseKind: database.kind,
    seededDemo,
    demoAccounts: demo ? DEMO_STAFF.map((s) => ({ email: s.email, role: s.role })) : [],
    demoPassword: demo ? DEMO_PASSWORD : null,
  }
}

/** SIGTERM: stop taking jobs, let running ones finish (bounded) or release them, then close the database. */
export async function shutdown() {
  const jobs = g.__melayaniJobs
  g.__melayaniJobs = undefined
  try {
    await jobs?.stop()
  } finally {
    await disconnect()
  }
}
