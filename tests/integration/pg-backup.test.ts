// The PostgreSQL backup documented in ADR 014: pg_dump -Fc, then pg_restore into an
// empty database, gives the same rows, and the restored database keeps working (its
// identity sequences continue after the restored rows). Runs in the PostgreSQL pass
// (TEST_DATABASE_URL); skipped if pg_dump is not installed, except in CI, where that fails.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '#db/connection'
import { migrateToLatest } from '#db/migrate'
import { createScratchDatabase, type ScratchDatabase } from '#db/scratch-database'
import { seedReferenceData } from '#db/seed'
import { simulateReports } from '#db/simulator'

const serverUrl = process.env.TEST_DATABASE_URL
const hasTool = (tool: string) => spawnSync(tool, ['--version']).status === 0
const toolsPresent = hasTool('pg_dump') && hasTool('pg_restore')
if (serverUrl && !toolsPresent && process.env.CI) throw new Error('pg_dump/pg_restore are missing: CI must test the PostgreSQL backup.')

const NOW = new Date('2026-11-20T05:00:00Z')
const scratch: ScratchDatabase[] = []
let dir: string

async function tableCounts(database: Database) {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
  `.execute(database.db)
  const counts: Record<string, number> = {}
  for (const { table_name } of tables.rows) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)}`.execute(database.db)
    counts[table_name] = rows[0]!.n
  }
  return counts
}

describe.skipIf(!serverUrl || !toolsPresent)('PostgreSQL pg_dump / pg_restore round trip', () => {
  let source: ScratchDatabase
  let target: ScratchDatabase
  let before: Record<string, number>
  let codes: string[]

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'melayani-pgdump-'))
    source = await createScratchDatabase(serverUrl!, 'melayani_bk')
    scratch.push(source)
    target = await createScratchDatabase(serverUrl!, 'melayani_rs')
    scratch.push(target)
    const database = await openDatabase(source.url, { poolSize: 2 })
    try {
      await migrateToLatest(database.db)
      await seedReferenceData(database.db)
      await simulateReports(database.db, { count: 40, seed: 14, now: NOW, days: 30, batchSize: 40 })
      before = await tableCounts(database)
      codes = (await database.db.selectFrom('reports').select('code').orderBy('code').execute()).map((r) => r.code)
    } finally {
      await database.close()
    }
  }, 120_000)

  afterAll(async () => {
    for (const s of scratch) await s.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('restores the same rows into an empty database, which keeps working', async () => {
    const file = join(dir, 'melayani.dump')
    execFileSync('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', source.url], { stdio: 'pipe' })
    expect(statSync(file).size).toBeGreaterThan(0)
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', target.url, file], { stdio: 'pipe' })

    const database = await openDatabase(target.url, { poolSize: 2 })
    try {
      expect(before.reports).toBe(40)
      expect(await tableCounts(database)).toEqual(before)
      expect((await database.db.selectFrom('reports').select('code').orderBy('code').execute()).map((r) => r.code)).toEqual(codes)
      // Identity sequences came along: a new row gets a fresh id, not a duplicate key.
      await database.db.insertInto('notification_outbox').values({ channel: 'email', recipient: 'x@example.test', template: 't' }).execute()
      // The migrations table came along: migrating the restored database is a no-op.
      await migrateToLatest(database.db)
    } finally {
      await database.close()
    }
  }, 120_000)
})
