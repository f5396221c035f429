// Shared by the db:* scripts: open DATABASE_URL (default: the embedded PGlite
// database under ./data) and bring its schema up to date.
import { openDatabase } from '../connection'
import { migrateToLatest } from '../migrate'

export const DEFAULT_DATABASE_URL = './data/pglite'

export async function openFromEnv() {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL
  const database = await openDatabase(url)
  await migrateToLatest(database.db)
  return database
}

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}
