// /dasbor in headless Chromium at 360 px without JavaScript, on a server with demo
// history: the filter form works as a plain GET, nothing scrolls sideways, axe finds
// nothing serious; the CSV downloads with the page's filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import {
  browserAvailable,
  checkA11y,
  scrollWidth,
  formatViolations,
  launchBrowser,
  loginOverHttp,
  startServer,
  type LaunchedBrowser,
  type RunningServer,
} from './support'

const hasBrowser = browserAvailable()
let server: RunningServer
let browser: LaunchedBrowser
let cookie: string

describe.skipIf(!hasBrowser)('/dasbor in a browser', () => {
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer({ env: { DEMO_REPORTS: '600' } }), launchBrowser({ javaScriptEnabled: false })])
    cookie = (await loginOverHttp(server.baseUrl, 'walikota@malang.demo', DEMO_PASSWORD)).cookie
    const [name, value] = cookie.split('=') as [string, string]
    await browser.context.addCookies([{ name, value, url: server.baseUrl }])
  }, 600_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop(5000)
  })

  // axe runs as page script, so this page has JavaScript (the no-JS context would hang it).
  it('passes axe and fits 360 px with its filters applied', async () => {
    const context = await browser.newContext({ javaScriptEnabled: true })
    const [name, value] = cookie.split('=') as [string, string]
    await context.addCookies([{ name, value, url: server.baseUrl }])
    const page = await context.newPage()
    // The start-up rollup runs as a job: reload until the league table has rows.
    await expect
      .poll(
        async () => {
          await page.goto(`${server.baseUrl}/dasbor`)
          return page.locator('#units-heading ~ .table-scroll tbody tr').count()
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toBeGreaterThan(0)
    await page.locator('#dari').fill('2026-01-01')
    await page.locator('form.inline-form button[type=submit]').click()
    await expect.poll(() => page.url()).toContain('dari=2026-01-01')
    const violations = await checkA11y(page)
    expect(violations, formatViolations(violations)).toEqual([])
    // The KPI cards once made it 371 px wide (a grid item is as wide as its longest word).
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360)
    await context.close()
  }, 180_000)

  it('serves a table as CSV with the same filters', async () => {
    const res = await fetch(`${server.baseUrl}/dasbor.csv?tabel=kategori&dari=2026-01-01`, { headers: { Cookie: cookie } })
    expect(res.status).toBe(200)
    expect((await res.text()).split('\r\n')[0]).toMatch(/^key,name,reports,/)
  })
})
