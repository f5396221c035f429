// `npm run worker`: the background jobs without the web server, for PostgreSQL
// deployments that run the web process with JOBS_IN_PROCESS=false (ADR 011).
import { isPostgresUrl } from '#db/connection'
import { migrateToLatest } from '#db/migrate'
import { serveJobs } from '~/jobs/serve.server'
import { connect, disconnect } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'

const env = getEnv()
if (!isPostgresUrl(env.DATABASE_URL)) {
  console.error(
    `npm run worker needs PostgreSQL (DATABASE_URL=postgres://…), but DATABASE_URL is the embedded database at ${env.DATABASE_URL}.\n` +
      'Only one process may open an embedded database, so `npm start` runs the background jobs itself: no worker is needed.',
  )
  process.exit(2)
}

const database = await connect(env.DATABASE_URL)
await migrateToLatest(database.db)
const runtime = await serveJobs(database, env, true)
console.log('Melayani worker is running the background jobs (no HTTP).')

let stopping = false
async function stop(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`${signal}: finishing running jobs…`)
  setTimeout(() => process.exit(1), 5000).unref()
  try {
    await runtime?.stop()
    await disconnect()
    process.exit(0)
  } catch (error) {
    console.error(error)
    process.exit(1)
  }
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
