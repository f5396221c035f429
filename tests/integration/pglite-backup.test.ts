// npm run db:backup / db:restore for the embedded database: a backup restored into a
// fresh directory holds the same reports, events and photos; neither runs while the
// database is open.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '#db/connection'
import { DirectoryLockedError } from '#db/directory-lock'
import { migrateToLatest } from '#db/migrate'
import { backupPglite, BackupError, restorePglite } from '#db/pglite-backup'
import { seedReferenceData } from '#db/seed'
import { simulateReports } from '#db/simulator'

const NOW = new Date('2026-11-20T05:00:00Z')
let root: string
let original: { dataDir: string; uploadDir: string }
const photos = new Map<string, Buffer>()

async function snapshot(database: Database) {
  const reports = await database.db.selectFrom('reports').select(['code', 'status', 'description']).orderBy('code').execute()
  const events = await database.db
    .selectFrom('report_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const attachments = await database.db.selectFrom('attachments').select(['storage_key', 'size_bytes']).orderBy('storage_key').execute()
  return { reports, events: events.n, attachments }
}

let before: Awaited<ReturnType<typeof snapshot>>

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'melayani-backup-test-'))
  original = { dataDir: join(root, 'data', 'pglite'), uploadDir: join(root, 'data', 'uploads') }
  const database = await openDatabase(original.dataDir)
  try {
    await migrateToLatest(database.db)
    await seedReferenceData(database.db)
    await simulateReports(database.db, { count: 30, seed: 6, now: NOW, days: 30, batchSize: 30 })
    // Two reports with a photo each, stored like the app stores them (a random key in UPLOAD_DIR).
    mkdirSync(original.uploadDir, { recursive: true })
    const reports = await database.db.selectFrom('reports').select('id').orderBy('id').limit(2).execute()
    for (const { id } of reports) {
      const key = `${randomBytes(12).toString('hex')}.jpg`
      const bytes = randomBytes(2048)
      writeFileSync(join(original.uploadDir, key), bytes)
      photos.set(key, bytes)
      await database.db
        .insertInto('attachments')
        .values({ report_id: id, phase: 'before', storage_key: key, content_type: 'image/jpeg', size_bytes: bytes.length, width: 10, height: 10 })
        .execute()
    }
    before = await snapshot(database)

    // The database is open (this process holds the directory lock): no backup.
    await expect(backupPglite({ ...original, out: join(root, 'refused.tar.gz') })).rejects.toBeInstanceOf(DirectoryLockedError)
    expect(existsSync(join(root, 'refused.tar.gz'))).toBe(false)
  } finally {
    await database.close()
  }
}, 240_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('embedded database backup and restore', () => {
  it('restores into a fresh directory with the same reports, events and photos', async () => {
    expect(before.reports.length).toBe(30)
    const archive = join(root, 'backups', 'melayani.tar.gz')
    const manifest = await backupPglite({ ...original, out: archive, now: NOW })
    expect(manifest).toMatchObject({ photos: 2, createdAt: NOW.toISOString() })

    const restored = { dataDir: join(root, 'restored', 'pglite'), uploadDir: join(root, 'restored', 'uploads') }
    await restorePglite({ from: archive, ...restored })
    const database = await openDatabase(restored.dataDir)
    try {
      expect(await snapshot(database)).toEqual(before)
      // The restored database is a working one, not a read-only copy.
      await database.db.updateTable('reports').set({ description: 'ditulis setelah pemulihan' }).where('code', '=', before.reports[0]!.code).execute()
    } finally {
      await database.close()
    }
    for (const [key, bytes] of photos) expect(readFileSync(join(restored.uploadDir, key)).equals(bytes)).toBe(true)

    // Nor a restore over a database in use, even with --replace.
    const inUse = await openDatabase(restored.dataDir)
    try {
      await expect(restorePglite({ from: archive, ...restored, replace: true })).rejects.toBeInstanceOf(DirectoryLockedError)
    } finally {
      await inUse.close()
    }
    // A directory that already holds a database is not overwritten by accident…
    await expect(restorePglite({ from: archive, ...restored })).rejects.toBeInstanceOf(BackupError)
    // …and an archive that is not a backup is refused.
    writeFileSync(join(root, 'not-a-backup.tar.gz'), 'hello')
    await expect(
      restorePglite({ from: join(root, 'not-a-backup.tar.gz'), dataDir: join(root, 'other', 'pglite'), uploadDir: join(root, 'other', 'uploads') }),
    ).rejects.toThrow()
  }, 240_000)
})
