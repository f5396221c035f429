// /transparansi and the open-data API on a fresh `npm start`-style server (demo history,
// first rollup queued at start-up), in headless Chromium at 360 px: without JavaScript,
// no sideways scrolling, axe finds nothing serious; the home page links to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

  it('fits 360 px and passes axe without JavaScript; the home page links to it', async () => {
    const page = await browser.context.newPage()
    await page.goto(`${server.baseUrl}/`)
    expect(await page.locator('a[href="/transparansi"]').count()).toBe(1)
    await page.goto(`${server.baseUrl}/transparansi`)
    expect(await page.locator('h1').textContent()).toContain('Transparansi kinerja')
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360)
    // axe itself needs JavaScript: check the same page in a context that has it.
    const withJs = await (await browser.newContext({ javaScriptEnabled: true })).newPage()
    await withJs.goto(`${server.baseUrl}/transparansi`)
    const violations = await checkA11y(withJs)
    expect(violations, formatViolations(violations)).toEqual([])
  }, 120_000)

  it('has city figures soon after a fresh start (the start-up rollup job)', async () => {
    const page = await browser.context.newPage()
    await expect
      .poll(
        async () => {
          await page.goto(`${server.baseUrl}/transparansi`)
          return page.locator('.figure').count()
        },
        { timeout: 90_000, interval: 3_000 },
      )
      .toBeGreaterThan(5)
  }, 120_000)

  it('serves the open-data CSV', async () => {
    const res = await fetch(`${server.baseUrl}/data/kota-malang/stats/unit.csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBeTruthy()
    expect((await res.text()).split('\r\n')[0]).toMatch(/^key,name,reports,/)
  })
})
