// The filing path's reference cache (ADR 025): reused while reference_version is unchanged,
// never stale after a committed change to any reference table, whichever process made it.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileReport, type NewReportInput } from '~/models/report.server'
import { getReferenceVersion, referenceReader } from '~/models/reference-cache.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let t: TestDatabase
let jurisdiction: NewReportInput['jurisdiction']
let pju: { id: number }
let kelurahan: { id: number }

beforeAll(async () => {
  t = await createTestDatabase()
  jurisdiction = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  pju = await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', jurisdiction.id).where('code', '=', 'pju').executeTakeFirstOrThrow()
  kelurahan = await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1001').executeTakeFirstOrThrow()
})
afterAll(() => t?.close())

let n = 0
async function file(now = new Date('2026-11-24T03:00:00Z')) {
  n++
  const filed = await t.db.transaction().execute((trx) =>
    fileReport(trx, {
      jurisdiction,
      categoryId: pju.id,
      areaId: kelurahan.id,
      description: `Lampu jalan mati di gang ${n}, mohon diperbaiki.`,
      address: null,
      lat: null,
      lng: null,
      privacy: 'public',
      contact: null,
      idempotencyKey: `cache-key-${n}`,
      browserId: `cache-browser-${n}`,
      now,
    }),
  )
  return t.db.selectFrom('reports').select(['current_unit_id', 'resolution_due_at']).where('code', '=', filed.code).executeTakeFirstOrThrow()
}

describe('reference_version', () => {
  it('is bumped by any statement on each reference table, even one that changes no row', async () => {
    for (const table of ['jurisdictions', 'areas', 'units', 'categories', 'routing_rules', 'holidays']) {
      const before = await getReferenceVersion(t.db)
      await sql.raw(`DELETE FROM ${table} WHERE false`).execute(t.db)
      expect((await getReferenceVersion(t.db)).version, table).toBe(before.version + 1)
    }
  })

  it('is not bumped by filing', async () => {
    const before = await getReferenceVersion(t.db)
    await file()
    expect(await getReferenceVersion(t.db)).toEqual(before)
  })
})

describe('referenceReader', () => {
  it('loads a key once per version, and again after a change', async () => {
    let loads = 0
    const load = async () => ++loads
    expect(await (await referenceReader(t.db))('k', load)).toBe(1)
    expect(await (await referenceReader(t.db))('k', load)).toBe(1)
    await sql`UPDATE categories SET sort_order = sort_order WHERE false`.execute(t.db)
    expect(await (await referenceReader(t.db))('k', load)).toBe(2)
  })

  it('forgets a failed load', async () => {
    const read = await referenceReader(t.db)
    await expect(read('bad', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await read('bad', async () => 'fine')).toBe('fine')
  })
})

describe('filing with the cache', () => {
  it('follows a routing change made in SQL at once', async () => {
    const first = await file()
    const other = await t.db
      .selectFrom('units')
      .select('id')
      .where('jurisdiction_id', '=', jurisdiction.id)
      .where('id', '!=', first.current_unit_id)
      .where('kind', '=', 'dinas')
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('routing_rules')
      .values({ jurisdiction_id: jurisdiction.id, category_id: pju.id, scope: 'kelurahan', area_id: kelurahan.id, unit_id: other.id, precedence: 1000 })
      .execute()
    expect((await file()).current_unit_id).toBe(other.id)
  })

  it('follows a new holiday at once (due times skip it)', async () => {
    const now = new Date('2026-12-01T01:00:00Z') // a Tuesday morning in Malang
    const before = await file(now)
    await t.db.insertInto('holidays').values({ jurisdiction_id: jurisdiction.id, date: '2026-12-02', name: 'Libur uji', kind: 'local' }).execute()
    const after = await file(now)
    expect(after.resolution_due_at.getTime()).toBeGreaterThan(before.resolution_due_at.getTime())
  })
})
