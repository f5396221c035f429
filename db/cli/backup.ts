// npm run db:backup -- --out FILE [--data-dir DIR] [--uploads-dir DIR]
// Archives the embedded PGlite database and the report photos into one .tar.gz.
// Stop the server first: the database directory must not be in use.
// (For PostgreSQL use pg_dump; see docs/decisions/014-operations.md.)
import { isPostgresUrl } from '../connection'
import { DirectoryLockedError } from '../directory-lock'
import { backupPglite, BackupError } from '../pglite-backup'
import { argValue } from './open'
import { defaultDataDir, defaultUploadDir } from './paths'

const USAGE = 'Usage: npm run db:backup -- --out FILE [--data-dir DIR] [--uploads-dir DIR]'

const out = argValue('out')
if (!out) {
  console.error(USAGE)
  process.exit(2)
}
if (!argValue('data-dir') && isPostgresUrl(process.env.DATABASE_URL ?? '')) {
  console.error('DATABASE_URL names a PostgreSQL server: back it up with pg_dump -Fc (docs/decisions/014-operations.md).')
  process.exit(2)
}
const dataDir = argValue('data-dir') ?? defaultDataDir()
try {
  const started = performance.now()
  const manifest = await backupPglite({ dataDir, uploadDir: argValue('uploads-dir') ?? defaultUploadDir(), out })
  console.log(`Backup written to ${out}: database ${dataDir} and ${manifest.photos} photos in ${((performance.now() - started) / 1000).toFixed(1)} s.`)
} catch (error) {
  if (error instanceof DirectoryLockedError || error instanceof BackupError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
