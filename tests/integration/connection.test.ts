import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '#db/connection'
import { DirectoryLockedError } from '#db/directory-lock'
import { migrateToLatest } from '#db/migrate'
import { createTestDatabase } from '../setup/test-db'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('embedded PGlite directory', () => {
  it('creates missing parent folders, locks the directory, and frees it on close', async () => {
    const root = mkdtempSync(join(tmpdir(), 'melayani-lock-'))
    dirs.push(root)
    const dir = join(root, 'nested', 'deeper', 'pglite')
    const first = await openDatabase(dir)
    await expect(openDatabase(dir)).rejects.toBeInstanceOf(DirectoryLockedError)
    await expect(openDatabase(dir)).rejects.toThrow(/in use by another process/)
    await first.close()
    expect(existsSync(`${dir}.lock`)).toBe(false)
    const again = await openDatabase(dir)
    await again.close()
  })

  it('takes over a stale lock left by a dead process', async () => {
    const root = mkdtempSync(join(tmpdir(), 'melayani-lock-'))
    dirs.push(root)
    const dir = join(root, 'pglite')
    writeFileSync(`${dir}.lock`, '2147483646') // no such pid
    const db = await openDatabase(dir)
    await db.close()
  })
})

describe('driver normalisation', () => {
  it('returns counts and numerics as numbers and dates as strings, on this engine', async () => {
    const t = await createTestDatabase({ seed: false })
    try {
      const r = await sql<{
        c: unknown
        n: unknown
        d: unknown
        big: unknown
      }>`SELECT count(*) AS c, 2.5::numeric AS n, DATE '2026-01-02' AS d, 9007199254740::int8 AS big`.execute(t.db)
      expect(r.rows[0]).toEqual({ c: 1, n: 2.5, d: '2026-01-02', big: 9007199254740 })
      // Migrating twice is a no-op.
      expect(await migrateToLatest(t.db)).toEqual([])
    } finally {
      await t.close()
    }
  })

  it('serialises PGlite callers so a transaction never sees another request’s query', async () => {
    const t = await openDatabase('memory://')
    try {
      await migrateToLatest(t.db)
      const inside = t.db.transaction().execute(async (trx) => {
        await sql`CREATE TEMP TABLE probe (x int) ON COMMIT DROP`.execute(trx)
        await sql`SELECT pg_sleep(0.1)`.execute(trx)
        return (await sql<{ n: number }>`SELECT count(*) AS n FROM probe`.execute(trx)).rows[0]!.n
      })
      // Started while the transaction is open: must run after it, outside it.
      const outside = sql<{ n: number }>`SELECT count(*) AS n FROM pg_class WHERE relname = 'probe'`.execute(t.db)
      expect(await inside).toBe(0)
      expect((await outside).rows[0]!.n).toBe(0)
    } finally {
      await t.close()
    }
  })
})
