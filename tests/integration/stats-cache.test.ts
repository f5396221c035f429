// getStatsCached (ADR 030): one result per query until the rollup watermark moves, even
// when the rollup job runs in another process and cannot clear this one's cache.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { refreshRollups } from '~/models/metric-rollup.server'
import { getStatsCached } from '~/models/metric-stats.server'
import { invalidateStatsCache } from '~/models/public-stats-cache.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let t: TestDatabase
let jurisdictionId: number
beforeAll(async () => {
  t = await createTestDatabase()
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  jurisdictionId = j.id
  await t.db.transaction().execute((trx) => refreshRollups(trx, jurisdictionId, new Date()))
  invalidateStatsCache()
})
afterAll(() => t?.close())

describe('getStatsCached', () => {
  it('reuses a result until the rollup watermark changes', async () => {
    const q = { jurisdictionId, timeZone: 'Asia/Jakarta', dimension: 'city' as const, from: '2026-01-01', to: '2026-03-31' }
    const first = await getStatsCached(t.db, q)
    expect(await getStatsCached(t.db, q)).toBe(first)
    expect(await getStatsCached(t.db, { ...q, dimension: 'unit' })).not.toBe(first)
    await sql`UPDATE metric_rollup_state SET refreshed_at = refreshed_at + interval '1 minute'`.execute(t.db)
    const next = await getStatsCached(t.db, q)
    expect(next).not.toBe(first)
    expect(next).toEqual(first)
  })
})
