// The equity map (issue 10 §1/§3/§4) in headless Chromium at 360 px: with JavaScript the
// kelurahan outlines are drawn, filled with the classes of the table beside them, and
// axe finds nothing serious; without JavaScript the legend and the table (with each
// row's colour class) are there and nothing scrolls sideways. /transparansi (public)
// and /dasbor (an executive).
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import {
  browserAvailable,
  checkA11y,
  formatViolations,
  launchBrowser,
  loginOverHttp,
  scrollWidth,
  startServer,
  type LaunchedBrowser,
  type RunningServer,
} from './support'

const hasBrowser = browserAvailable()
let server: RunningServer
let browser: LaunchedBrowser
let cookie: string

describe.skipIf(!hasBrowser)('equity map (choropleth)', () => {
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer({ env: { DEMO_REPORTS: '600' } }), launchBrowser({ javaScriptEnabled: false })])
    cookie = (await loginOverHttp(server.baseUrl, 'walikota@malang.demo', DEMO_PASSWORD)).cookie
  }, 600_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop(5000)
  })

  async function context(javaScriptEnabled: boolean, signedIn: boolean) {
    const c = await browser.newContext({ javaScriptEnabled })
    if (signedIn) {
      const [name, value] = cookie.split('=') as [string, string]
      await c.addCookies([{ name, value, url: server.baseUrl }])
    }
    return c
  }

  /** Waits for the start-up rollup: the map's table has a row with a colour class. */
  async function openWithData(page: Page, path: string) {
    await expect
      .poll(
        async () => {
          await page.goto(`${server.baseUrl}${path}`)
          return page.locator('#equity-map-heading ~ .table-scroll tbody tr[data-class]:not([data-class=""])').count()
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toBeGreaterThan(0)
  }

  for (const [path, signedIn] of [
    ['/transparansi', false],
    ['/dasbor', true],
  ] as const) {
    it(`${path}: draws the kelurahan in their classes with JavaScript; axe clean at 360 px`, async () => {
      const c = await context(true, signedIn)
      const page = await c.newPage()
      await openWithData(page, path)
      const map = page.locator('[data-testid=choropleth-map]')
      await expect.poll(() => map.getAttribute('data-state'), { timeout: 20_000 }).toBe('ready')
      expect(Number(await map.getAttribute('data-areas'))).toBeGreaterThan(0)
      // Every outline is a filled path; the fills are the scale's colours (or white: no data).
      const fills = await page
        .locator('[data-testid=choropleth-map] path.leaflet-interactive, [data-testid=choropleth-map] path')
        .evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')))
      expect(fills.length).toBe(Number(await map.getAttribute('data-areas')))
      expect(fills.some((f) => ['#fee838', '#bcaf6f', '#7c7b78', '#414d6b', '#00224e'].includes(f ?? ''))).toBe(true)
      const violations = await checkA11y(page)
      expect(violations, formatViolations(violations)).toEqual([])
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360)
      // The other metric is a plain link and keeps the map.
      await page
        .locator('.choropleth a', { hasText: /tepat waktu/ })
        .first()
        .click()
      // A client-side navigation runs the page's loader again: slow on a busy 2-core machine.
      await expect.poll(() => page.url(), { timeout: 30_000 }).toContain('warna=tepat')
      await c.close()
    }, 180_000)

    it(`${path}: without JavaScript, the legend and the coloured table stand in for the map at 360 px`, async () => {
      const c = await context(false, signedIn)
      const page = await c.newPage()
      await openWithData(page, `${path}?peta=kecamatan`)
      expect(await page.locator('.choropleth [role=status]').textContent()).toContain('JavaScript')
      expect(await page.locator('.choropleth-legend li').count()).toBe(6)
      expect(await page.locator('[data-testid=choropleth-map] path').count()).toBe(0)
      expect(await page.locator('.choropleth a[aria-current=true]', { hasText: 'Kecamatan' }).count()).toBe(1)
      expect(await scrollWidth(page)).toBeLessThanOrEqual(360)
      await c.close()
    }, 180_000)
  }
})
