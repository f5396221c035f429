// /transparansi and the open-data API on a fresh `npm start`-style server (demo history,
// first rollup queued at start-up), in headless Chromium at 360 px: without JavaScript,
// no sideways scrolling, axe finds nothing serious; the home page links to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { id as t } from '~/i18n/id'
import { browserAvailable, checkA11y, formatViolations, launchBrowser, scrollWidth, startServer, type LaunchedBrowser, type RunningServer } from './support'

const hasBrowser = browserAvailable()
let server: RunningServer
let browser: LaunchedBrowser

describe.skipIf(!hasBrowser)('/transparansi in a browser', () => {
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer({ env: { DEMO_REPORTS: '600' } }), launchBrowser({ javaScriptEnabled: false })])
  }, 600_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop(5000)
  })

  it('has figures within a minute of a fresh start, fits 360 px and passes axe (no JavaScript)', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${server.baseUrl}/`)
    await page.getByRole('link', { name: t.transparency.homeLink }).click()
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('/transparansi')
    // The start-up rollup runs as a job: reload until the city figures are there.
    await expect
      .poll(
        async () => {
          await page.reload()
          return page.locator('.figure').count()
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toBeGreaterThan(5)
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360)
    const violations = await checkA11y(page)
    expect(violations, formatViolations(violations)).toEqual([])
  }, 180_000)

  it('serves the open-data CSV', async () => {
    const res = await fetch(`${server.baseUrl}/data/kota-malang/stats/unit.csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBeTruthy()
    expect((await res.text()).split('\r\n')[0]).toMatch(/^key,name,reports,/)
  })
})
