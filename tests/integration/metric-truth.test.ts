// Metric truth on real data (issue 10 §4): a slice of Boston's Open311 file (1,500 requests,
// February 2018) imported into a fresh jurisdiction; the `category` statistics — from the
// rollups through the open-data API — must match medians and p90s computed here
// independently from the file (plain sorting, percentile_cont interpolation) within 0.01 h.
// The slice goes in through the real importer (importOpen311Records, issue 9); the
// expected figures are computed here from the raw records, without the app's metric code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { refreshRollups } from '~/models/metric-rollup.server'
import { invalidateStatsCache } from '~/models/public-stats-cache.server'
import { loader } from '~/routes/data.$slug.stats.$file'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { importOpen311Records } from '~/services/open311-import.server'
import { importable, readNdjsonGz, type Open311Record } from '../support/open311-records'

const FIXTURE = new URL('../fixtures/boston-open311-slice.ndjson.gz', import.meta.url).pathname
let t: TestDatabase
let records: Open311Record[]

/** percentile_cont by hand: sort, rank p·(n−1), interpolate linearly. */
function percentileByHand(values: number[], p: number) {
  const v = [...values].sort((a, b) => a - b)
  const rank = p * (v.length - 1)
  const lo = Math.floor(rank)
  return v[lo]! + (rank - lo) * (v[Math.ceil(rank)]! - v[lo]!)
}

/** The local date (YYYY-MM-DD) in Boston. */
const bostonDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(iso))

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  records = readNdjsonGz(FIXTURE)
  await importOpen311Records(t.db, records, { jurisdictionSlug: 'boston', create: { name: 'City of Boston', timeZone: 'America/New_York' } })
  const { id: jurisdictionId } = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'boston').executeTakeFirstOrThrow()
  await t.db.transaction().execute((trx) => refreshRollups(trx, jurisdictionId, new Date('2018-03-01T00:00:00Z')))
  invalidateStatsCache()
}, 120_000)
afterAll(() => t?.close())

describe('metric truth on Boston Open311 data', () => {
  it('category stats equal independent medians and p90s within 0.01 h', async () => {
    const days = records.map((r) => bostonDay(r.requested_datetime)).sort()
    const from = days[0]!
    const to = days.at(-1)!
    const res = (await loader({
      request: new Request(`http://localhost/data/boston/stats/category.json?from=${from}&to=${to}`),
      params: { slug: 'boston', file: 'category.json' },
      context: {},
    })) as Response
    expect(res.status).toBe(200)
    const body = (await res.json()) as { rows: Record<string, number | string | null>[] }

    const byCode = new Map<string, Open311Record[]>()
    for (const r of records.filter(importable)) byCode.set(r.service_code, [...(byCode.get(r.service_code) ?? []), r])
    expect(body.rows.map((r) => r.key).sort()).toEqual([...byCode.keys()].sort())
    for (const row of body.rows) {
      const rs = byCode.get(String(row.key))!
      const hours = rs.filter((r) => r.status === 'closed').map((r) => (Date.parse(r.updated_datetime!) - Date.parse(r.requested_datetime)) / 3600_000)
      expect(row.reports).toBe(rs.length)
      expect(row.resolved).toBe(hours.length)
      expect(Math.abs(Number(row.median_hours_to_resolution) - percentileByHand(hours, 0.5)), `${row.key} median`).toBeLessThanOrEqual(0.01)
      expect(Math.abs(Number(row.p90_hours_to_resolution) - percentileByHand(hours, 0.9)), `${row.key} p90`).toBeLessThanOrEqual(0.01)
      // No first response in Open311 data: an empty cell, not 0.
      expect(row.median_hours_to_first_response).toBeNull()
    }
  })
})
