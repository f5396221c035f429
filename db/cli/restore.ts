// npm run db:restore -- --from FILE [--data-dir DIR] [--uploads-dir DIR] [--replace]
// Restores an archive made by db:backup. The target directory must be new or empty,
// unless --replace (the old directory is then kept as <DIR>.before-restore-<time>).
// Stop the server first: the database directory must not be in use.
import { isPostgresUrl } from '../connection'
import { DirectoryLockedError } from '../directory-lock'
import { BackupError, restorePglite } from '../pglite-backup'
import { argValue } from './open'
import { defaultDataDir, defaultUploadDir } from './paths'

const USAGE = 'Usage: npm run db:restore -- --from FILE [--data-dir DIR] [--uploads-dir DIR] [--replace]'

const from = argValue('from')
if (!from) {
  console.error(USAGE)
  process.exit(2)
}
if (!argValue('data-dir') && isPostgresUrl(process.env.DATABASE_URL ?? '')) {
  console.error('DATABASE_URL names a PostgreSQL server: restore with pg_restore (docs/decisions/014-operations.md).')
  process.exit(2)
}
const dataDir = argValue('data-dir') ?? defaultDataDir()
const uploadDir = argValue('uploads-dir') ?? defaultUploadDir()
try {
  const manifest = await restorePglite({ from, dataDir, uploadDir, replace: process.argv.includes('--replace') })
  console.log(`Restored the backup of ${manifest.createdAt} into ${dataDir} (${manifest.photos} photos into ${uploadDir}).`)
} catch (error) {
  if (error instanceof DirectoryLockedError || error instanceof BackupError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
