// /transparansi: the loader on simulated data (figures present, ranking rule applied,
// nothing personal), and the page as a browser without JavaScript receives it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { simulateReports } from '#db/simulator'
import { RANKING_MIN_REPORTS } from '~/domain/metric-figures'
import { refreshRollups } from '~/models/metric-rollup.server'
import { invalidateStatsCache } from '~/models/public-stats-cache.server'
import Home, { loader as homeLoader } from '~/routes/_index'
import Transparency, { loader } from '~/routes/transparansi'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { renderRoute } from '../support/render-route'

let t: TestDatabase
let body: any

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const now = new Date()
  await simulateReports(t.db, { count: 1500, seed: 3, now, days: 100 })
  await t.db.transaction().execute((trx) => refreshRollups(trx, j.id, now))
  invalidateStatsCache()
  // Through JSON, as the browser receives it.
  body = JSON.parse(JSON.stringify(await loader({ request: new Request('http://localhost/transparansi'), params: {}, context: {} })))
}, 180_000)
afterAll(() => t?.close())

describe('/transparansi', () => {
  it('has the city figures, the trust index with its components and a monthly trend', () => {
    expect(body.data.city.reports).toBeGreaterThan(500)
    expect(body.data.trust.index).toBeGreaterThan(0)
    expect(body.data.trust.index).toBeLessThanOrEqual(100)
    expect(Object.keys(body.data.trust.components).sort()).toEqual(['integrity', 'openness', 'reliability', 'responsiveness', 'satisfaction'])
    expect(body.data.trend.length).toBeGreaterThanOrEqual(3)
  })

  it('ranks only units with the minimum n; the Inspektorat shows counts only', () => {
    const units = body.data.units as { key: string; reports: number; rank: number | null; countsOnly: boolean; medianHoursToResolution: number | null }[]
    expect(units.length).toBeGreaterThan(3)
    for (const u of units) if (u.reports < RANKING_MIN_REPORTS) expect(u.rank).toBeNull()
    expect(units.some((u) => u.rank === 1)).toBe(true)
  })

  it('carries no officer names and no contact data', async () => {
    const text = JSON.stringify(body)
    const users = await t.db.selectFrom('users').select(['name', 'email']).execute()
    for (const u of users) {
      expect(text).not.toContain(u.email)
      if (u.name.length > 6) expect(text).not.toContain(u.name)
    }
    expect(text).not.toMatch(/@[a-z0-9-]+\.[a-z]/i)
  })

  it('renders without JavaScript: tables, the ranking rule, open-data links', () => {
    const html = renderRoute({ path: '/transparansi', Component: Transparency, loaderData: body })
    expect(html).toContain('Transparansi kinerja: ')
    expect(html).toContain('Indeks kepercayaan publik')
    expect(html).toContain(`sedikitnya ${RANKING_MIN_REPORTS} laporan`)
    expect(html).toContain('/data/kota-malang/stats/unit.csv?from=')
    // The nightly Open311 dump (issue 9 §3) and the API are linked from here.
    expect(html).toContain('href="/data/kota-malang/requests.ndjson.gz"')
    expect(html).toContain('href="/open311/v2/discovery.json?jurisdiction_id=kota-malang"')
    expect((html.match(/<table/g) ?? []).length).toBeGreaterThanOrEqual(6)
    const en = renderRoute({ path: '/transparansi', Component: Transparency, loaderData: body, locale: 'en' })
    expect(en).toContain('Public-trust index')
  })

  it('the home page reads its figures from the rollups and links here', async () => {
    const home = (await homeLoader({ request: new Request('http://localhost/'), params: {}, context: {} })) as {
      summary: { total: number; medianResponseHours: number | null }
    }
    expect(home.summary.total).toBeGreaterThan(100)
    expect(home.summary.medianResponseHours).not.toBeNull()
    const html = renderRoute({ path: '/', Component: Home, loaderData: home })
    expect(html).toContain('href="/transparansi"')
  })
})
