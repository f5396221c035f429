// Backup and restore of the embedded database (ADR 014): one .tar.gz archive holding
//   melayani-backup.json   what this is and when it was made
//   pgdata.tar.gz          PGlite's own dump of its data directory (dumpDataDir)
//   uploads/…              the report photos (UPLOAD_DIR)
// Both directions take the data directory's lock first, so they refuse to run while
// the server (or anything else) has the database open: a copy of a directory that is
// being written is not a backup.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import * as tar from 'tar'
import { PGLITE_START_PARAMS } from './connection'
import { acquireDirectoryLock } from './directory-lock'

export const BACKUP_FORMAT = 'melayani-pglite-backup/1'
const MANIFEST = 'melayani-backup.json'
const PGDATA = 'pgdata.tar.gz'
const UPLOADS = 'uploads'

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  createdAt: string
  photos: number
}

export class BackupError extends Error {
  override name = 'BackupError'
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Writes the archive `out` from the PGlite directory `dataDir` and the photos in `uploadDir`. */
export async function backupPglite(options: { dataDir: string; uploadDir: string; out: string; now?: Date }): Promise<BackupManifest> {
  const dataDir = resolve(options.dataDir)
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new BackupError(`No PGlite database in ${dataDir}.`)
  const lock = acquireDirectoryLock(dataDir)
  const staging = mkdtempSync(join(tmpdir(), 'melayani-backup-'))
  try {
    const pglite = await PGlite.create(dataDir, { startParams: PGLITE_START_PARAMS })
    let dump: Blob
    try {
      dump = await pglite.dumpDataDir('gzip')
    } finally {
      await pglite.close()
    }
    writeFileSync(join(staging, PGDATA), Buffer.from(await dump.arrayBuffer()))
    const uploadDir = resolve(options.uploadDir)
    if (existsSync(uploadDir)) cpSync(uploadDir, join(staging, UPLOADS), { recursive: true })
    else mkdirSync(join(staging, UPLOADS))
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: (options.now ?? new Date()).toISOString(),
      photos: listFiles(join(staging, UPLOADS)).length,
    }
    writeFileSync(join(staging, MANIFEST), JSON.stringify(manifest, null, 2))
    const out = resolve(options.out)
    mkdirSync(dirname(out), { recursive: true })
    // Written beside the target and renamed: a failed backup never leaves a half archive under the name.
    const partial = `${out}.partial`
    await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, [MANIFEST, PGDATA, UPLOADS])
    renameSync(partial, out)
    return manifest
  } finally {
    rmSync(staging, { recursive: true, force: true })
    lock.release()
  }
}

/**
 * Restores the archive `from` into `dataDir` (which must not hold a database yet, unless
 * `replace`: then the old one is kept beside it as `<dataDir>.before-restore-<time>`)
 * and copies its photos into `uploadDir`.
 */
export async function restorePglite(options: { from: string; dataDir: string; uploadDir: string; replace?: boolean; now?: Date }): Promise<BackupManifest> {
  const from = resolve(options.from)
  if (!existsSync(from)) throw new BackupError(`No backup file ${from}.`)
  const dataDir = resolve(options.dataDir)
  mkdirSync(dirname(dataDir), { recursive: true })
  const lock = acquireDirectoryLock(dataDir)
  const staging = mkdtempSync(join(tmpdir(), 'melayani-restore-'))
  try {
    await tar.extract({ file: from, cwd: staging, strict: true })
    const manifestPath = join(staging, MANIFEST)
    const manifest = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest) : null
    if (manifest?.format !== BACKUP_FORMAT || !existsSync(join(staging, PGDATA))) {
      throw new BackupError(`${from} is not a Melayani embedded-database backup (made by npm run db:backup).`)
    }
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      if (!options.replace) throw new BackupError(`${dataDir} already holds data. Restore into a new directory, or pass --replace to keep the old one aside.`)
      const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')
      renameSync(dataDir, `${dataDir}.before-restore-${stamp}`)
    }
    const dump = new Blob([readFileSync(join(staging, PGDATA))])
    const pglite = await PGlite.create(dataDir, { loadDataDir: dump, startParams: PGLITE_START_PARAMS })
    try {
      await pglite.query('SELECT 1') // the restored cluster starts and answers
    } finally {
      await pglite.close()
    }
    const uploads = join(staging, UPLOADS)
    if (existsSync(uploads)) cpSync(uploads, resolve(options.uploadDir), { recursive: true })
    return manifest
  } finally {
    rmSync(staging, { recursive: true, force: true })
    lock.release()
  }
}
