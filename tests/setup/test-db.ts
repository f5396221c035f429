// Each test file gets its own fresh database: in-memory PGlite by default, or a new
// database on the PostgreSQL server named by TEST_DATABASE_URL (dropped afterwards).
import { openDatabase, type Database } from '#db/connection'
import { migrateToLatest } from '#db/migrate'
import { createScratchDatabase } from '#db/scratch-database'
import { seedReferenceData } from '#db/seed'
import { ensureJobQueues } from '~/jobs/queue.server'
import { JOBS } from '~/jobs/registry'

export interface TestDatabase extends Database {
  url: string
}

export function testDatabaseKind() {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'
}

export async function createTestDatabase(options: { seed?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL
  let url = 'memory://'
  let dropDatabase = async () => {}
  if (serverUrl) {
    const scratch = await createScratchDatabase(serverUrl, 'melayani_t')
    url = scratch.url
    dropDatabase = scratch.drop
  }
  const database = await openDatabase(url, { poolSize: 4 })
  await migrateToLatest(database.db)
  // Every registered job can be enqueued from any test, as in the app after bootstrap.
  await ensureJobQueues(database.db, JOBS)
  if (options.seed !== false) await seedReferenceData(database.db)
  return {
    ...database,
    url,
    async close() {
      await database.close()
      await dropDatabase()
    },
  }
}
