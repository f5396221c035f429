// The app's one database handle. Kept on globalThis so that the dev server's
// module reloads do not open a second PGlite on the same (locked) directory.
import type { Kysely } from 'kysely'
import { openDatabase, type Database } from '#db/connection'
import type { DB } from '#db/types'

const g = globalThis as unknown as { __melayaniDb?: Promise<Database> }

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

export async function disconnect() {
  const pending = g.__melayaniDb
  g.__melayaniDb = undefined
  if (pending) await (await pending).close()
}

/** Tests hand the app an already opened (fresh) database. */
export function useDatabaseForTests(database: Database) {
  g.__melayaniDb = Promise.resolve(database)
}
