// Throw-away databases on a PostgreSQL server, for tests and benchmarks: created
// with a random name, dropped (with its connections) afterwards.
import { randomBytes } from 'node:crypto'
import pg from 'pg'

async function adminQuery(serverUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

export interface ScratchDatabase {
  name: string
  url: string
  drop(): Promise<void>
}

/**
 * `serverUrl` names any database on the server (used to connect for CREATE/DROP DATABASE).
 * `name` (a benchmark that keeps its database) replaces the random suffix.
 */
export async function createScratchDatabase(serverUrl: string, prefix: string, name = `${prefix}_${randomBytes(6).toString('hex')}`): Promise<ScratchDatabase> {
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}
