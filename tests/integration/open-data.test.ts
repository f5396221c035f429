// GET /data/{slug}/stats/{dimension}.{csv,json}: the open-data contract end to end through
// the route's loader — columns, formats, ETag/304, caching, 400s and 404s (never a 5xx).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { simulateReports } from '#db/simulator'
import { OPEN_DATA_COLUMNS } from '~/domain/open-data'
import { refreshRollups } from '~/models/metric-rollup.server'
import { invalidateStatsCache } from '~/models/public-stats-cache.server'
import { loader } from '~/routes/data.$slug.stats.$file'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

const NOW = new Date('2026-11-20T05:00:00Z')
let t: TestDatabase

async function get(path: string, headers: Record<string, string> = {}) {
  const url = new URL(path, 'http://localhost')
  const m = /^\/data\/([^/]*)\/stats\/([^/]*)$/.exec(url.pathname)!
  const params = { slug: decodeURIComponent(m[1]!), file: decodeURIComponent(m[2]!) }
  return (await loader({ request: new Request(url, { headers }), params, context: {} })) as Response
}

/** RFC 4180 fields of one line (quoted fields may hold commas and doubled quotes). */
function parseCsvLine(line: string): string[] {
  const out: string[] = []
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g
  let m: RegExpExecArray | null
  while ((m = re.exec(line))) {
    const f = m[1]!
    out.push(f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f)
    if (m[2] === '') break
  }
  return out
}

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  await simulateReports(t.db, { count: 800, seed: 7, now: NOW, days: 60 })
  await t.db.transaction().execute((trx) => refreshRollups(trx, j.id, NOW))
  invalidateStatsCache()
}, 120_000)
afterAll(() => t?.close())

describe('open-data statistics API', () => {
  it('CSV: the header of the contract, one row per unit, numbers in their formats', async () => {
    const res = await get('/data/kota-malang/stats/unit.csv?from=2026-10-01&to=2026-11-20')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=60')
    expect(res.headers.get('ETag')).toMatch(/^"[\w-]{27}"$/)
    const lines = (await res.text()).trimEnd().split('\r\n')
    expect(lines[0]).toBe(OPEN_DATA_COLUMNS.join(','))
    expect(lines.length).toBeGreaterThan(3)
    for (const line of lines.slice(1)) {
      const cells = parseCsvLine(line)
      expect(cells).toHaveLength(OPEN_DATA_COLUMNS.length)
      expect(cells[2]).toMatch(/^\d+$/)
      for (const i of [5, 6, 7, 8]) expect(cells[i]).toMatch(/^(\d+\.\d{2})?$/)
      for (const i of [9, 10, 11]) expect(cells[i]).toMatch(/^([01]\.\d{4})?$/)
    }
  })

  it('JSON: the same columns as keys, numbers or null; kelurahan, kecamatan, category and week too', async () => {
    for (const dimension of ['unit', 'category', 'kecamatan', 'kelurahan', 'week']) {
      const res = await get(`/data/kota-malang/stats/${dimension}.json?from=2026-10-01&to=2026-11-20`)
      expect(res.status).toBe(200)
      const body = (await res.json()) as { dimension: string; rows: Record<string, unknown>[] }
      expect(body).toMatchObject({ jurisdiction: 'kota-malang', dimension, from: '2026-10-01', to: '2026-11-20' })
      expect(body.rows.length).toBeGreaterThan(0)
      for (const row of body.rows) {
        expect(Object.keys(row)).toEqual([...OPEN_DATA_COLUMNS])
        expect(typeof row.reports).toBe('number')
        expect(row.median_hours_to_resolution === null || typeof row.median_hours_to_resolution === 'number').toBe(true)
      }
    }
  })

  it('the category key is the category code; misconduct rows show counts only', async () => {
    const res = await get('/data/kota-malang/stats/category.json?from=2026-09-01&to=2026-11-20')
    const body = (await res.json()) as { rows: Record<string, unknown>[] }
    const codes = (await t.db.selectFrom('categories').select(['code', 'is_misconduct']).execute()).map((c) => [c.code, c.is_misconduct] as const)
    const misconduct = new Set(codes.filter(([, m]) => m).map(([c]) => c))
    for (const row of body.rows) {
      expect(codes.map(([c]) => c)).toContain(row.key)
      if (misconduct.has(String(row.key))) expect(row).toMatchObject({ median_hours_to_resolution: null, on_time_resolution_share: null, ratings: null })
    }
  })

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/data/kota-malang/stats/week.csv?from=2026-10-01&to=2026-11-20')
    const etag = first.headers.get('ETag')!
    const again = await get('/data/kota-malang/stats/week.csv?from=2026-10-01&to=2026-11-20', { 'If-None-Match': `W/${etag}, "other"` })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('serves a burst from the cache (the database is read once per URL and minute)', async () => {
    const path = '/data/kota-malang/stats/category.csv?from=2026-10-02&to=2026-11-20'
    const first = await (await get(path)).text()
    // Rewrite the rollups under the cache: the cached answer stands until the TTL or the job clears it.
    await t.db.deleteFrom('metric_rollups').execute()
    expect(await (await get(path)).text()).toBe(first)
    invalidateStatsCache()
    expect((await (await get(path)).text()).split('\r\n').filter(Boolean)).toHaveLength(1) // header only
  })

  it('400 for bad dates, 404 for unknown slugs, dimensions and formats — never a 5xx', async () => {
    for (const q of ['from=2026-02-30&to=2026-03-01', 'from=x', 'from=2026-03-02&to=2026-03-01', 'from=1990-01-01&to=2026-01-01', 'to=2026-13-01']) {
      const res = await get(`/data/kota-malang/stats/unit.json?${q}`)
      expect(res.status, q).toBe(400)
      expect(((await res.json()) as { error: string }).error).toBeTruthy()
    }
    expect((await get('/data/kota-malang/stats/unit.csv?from=bad')).status).toBe(400)
    for (const path of [
      '/data/tidak-ada/stats/unit.csv',
      '/data/kota-malang/stats/units.csv',
      '/data/kota-malang/stats/unit.xml',
      '/data/KOTA/stats/unit.csv',
      `/data/${'a'.repeat(100)}/stats/unit.csv`,
    ]) {
      expect((await get(path)).status, path).toBe(404)
    }
  })

  it('with no from/to, the last 90 days through today', async () => {
    const res = await get('/data/kota-malang/stats/week.json')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { from: string; to: string }
    expect((Date.parse(body.to) - Date.parse(body.from)) / 86_400_000).toBe(89)
  })
})
