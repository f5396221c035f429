import { openDatabase } from '../connection'
import { migrateToLatest } from '../migrate'
import { DEFAULT_DATABASE_URL } from './open'

const database = await openDatabase(process.env.DATABASE_URL || DEFAULT_DATABASE_URL)
try {
  const applied = await migrateToLatest(database.db)
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.')
} finally {
  await database.close()
}
