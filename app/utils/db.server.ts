// The app's one database handle. Kept on globalThis so that the dev server's
// module reloads do not open a second PGlite on the same (locked) directory.
import type { Kysely } from 'kysely'
import { openDatabase, type Database } from '#db/connection'
import type { DB } from '#db/types'

const g = globalThis as unknown as { __melayaniDb?: Promise<Database>; __melayaniReplica?: Promise<Database> }

export function connect(url: string): Promise<Database> {
  g.__melayaniDb ??= openDatabase(url)
  return g.__melayaniDb
}

export async function getDatabase(): Promise<Database> {
  if (!g.__melayaniDb) throw new Error('The database is not open yet (bootstrap() has not run).')
  return g.__melayaniDb
}

export async function getDb(): Promise<Kysely<DB>> {
  return (await getDatabase()).db
}

/** Opens the read replica (DATABASE_REPLICA_URL) that getReadDb() hands out. */
export function connectReplica(url: string): Promise<Database> {
  g.__melayaniReplica ??= openDatabase(url, { applicationName: 'melayani-replica' })
  return g.__melayaniReplica
}

/**
 * The handle for dashboard and public statistics reads: the replica when one is
 * configured, else the primary. Never write through it (a replica refuses writes).
 */
export async function getReadDb(): Promise<Kysely<DB>> {
  return g.__melayaniReplica ? (await g.__melayaniReplica).db : getDb()
}

export async function disconnect() {
  const pending = g.__melayaniDb
  const replica = g.__melayaniReplica
  g.__melayaniDb = undefined
  g.__melayaniReplica = undefined
  if (replica) await (await replica).close()
  if (pending) await (await pending).close()
}

/** Tests hand the app an already opened (fresh) database. */
export function useDatabaseForTests(database: Database) {
  g.__melayaniDb = Promise.resolve(database)
}
