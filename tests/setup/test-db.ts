// Each test file gets its own fresh database: in-memory PGlite by default, or a new
// database on the PostgreSQL server named by TEST_DATABASE_URL (dropped afterwards).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database } from '#db/connection'
import { migrateToLatest } from '#db/migrate'
import { seedReferenceData } from '#db/seed'

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
    const name = `melayani_t_${randomBytes(6).toString('hex')}`
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`)
    const u = new URL(serverUrl)
    u.pathname = `/${name}`
    url = u.toString()
    dropDatabase = () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
  const database = await openDatabase(url, { poolSize: 4 })
  await migrateToLatest(database.db)
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

async function adminQuery(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
