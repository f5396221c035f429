// The public list and map (/laporan) and several cities in one install (issue 8 §4–5),
// in headless Chromium at 360 px, with and without JavaScript.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { fill } from '~/i18n'
import { id as t } from '~/i18n/id'
import { STATUS_LABELS } from '~/domain/report-status'
import {
  browserAvailable,
  checkA11y,
  formatViolations,
  launchBrowser,
  removeDir,
  saveArtifacts,
  saveServerOutput,
  scrollWidth,
  startServer,
  type LaunchedBrowser,
  type RunningServer,
} from './support'

let server: RunningServer
let browser: LaunchedBrowser
const contexts: BrowserContext[] = []
let currentPage: Page | undefined
const cspViolations: string[] = []

async function newPage(options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options)
  contexts.push(context)
  currentPage = await context.newPage()
  currentPage.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
  })
  return currentPage
}

const url = (path: string) => `${server.baseUrl}${path}`
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 })

async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const main = document.querySelector('main')
    return main !== null && Object.keys(main).some((key) => key.startsWith('__reactFiber$'))
  })
}

async function expectAccessible(page: Page, what: string) {
  const violations = await checkA11y(page)
  expect(violations, `axe serious/critical on ${what}:\n${formatViolations(violations)}`).toEqual([])
  expect(await scrollWidth(page), `wider than 360 px: ${what}`).toBeLessThanOrEqual(360)
}

const total = async (page: Page) => Number(((await page.getByTestId('total').textContent()) ?? '').replace(/\D/g, ''))

describe.skipIf(!browserAvailable())('public list, map and cities', () => {
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchBrowser({ javaScriptEnabled: true })])
  })

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await saveArtifacts(currentPage, `public-list-${context.task.name}`)
      saveServerOutput(server, 'public-list-server')
    }
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('without JavaScript: the list as cards, a status filter, paging and the CSV download', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await page.goto(url('/laporan'))
    await poll(async () => ((await page.locator('h1').textContent()) ?? '').trim()).toBe(t.publicList.heading)
    const all = await total(page)
    expect(all).toBeGreaterThan(0)
    expect(await page.locator('.report-card').count()).toBeGreaterThan(0)
    // (axe needs JavaScript in the page: it runs on these pages in the tests below.)

    await page.getByLabel(t.publicList.status, { exact: true }).selectOption({ label: STATUS_LABELS.closed.id })
    await page.getByRole('button', { name: t.publicList.apply, exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('status') === 'closed')
    const closed = await total(page)
    expect(closed).toBeLessThan(all)
    for (const badge of await page.locator('.report-card .status').allTextContents()) expect(badge).toBe(STATUS_LABELS.closed.id)

    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: t.publicList.csv }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^laporan-kota-malang-\d{4}-\d{2}-\d{2}\.csv$/)
    const text = await (await fetch(url('/laporan.csv?status=closed'))).text()
    expect(text.trim().split('\r\n')).toHaveLength(1 + closed)

    // The map needs JavaScript: opened without it, it says so.
    await page.getByText(t.publicList.mapSummary, { exact: true }).click()
    await poll(() => page.getByText(t.publicList.mapNeedsJs).isVisible()).toBe(true)
  })

  it('with JavaScript: filtering navigates in place and "Peta" loads the clustered map only when opened', async () => {
    const page = await newPage()
    const mapRequests: string[] = []
    page.on('request', (request) => {
      if (/peta\.json|public-map\.client/.test(request.url())) mapRequests.push(request.url())
    })
    await page.goto(url('/laporan'))
    await waitForHydration(page)
    await expectAccessible(page, '/laporan')
    await page.getByLabel(t.publicList.sort, { exact: true }).selectOption({ label: t.publicList.sortSupported })
    await page.getByRole('button', { name: t.publicList.apply, exact: true }).click()
    await page.waitForURL((u) => u.searchParams.get('urut') === 'supported')
    expect(mapRequests).toEqual([])
    await page.getByText(t.publicList.mapSummary, { exact: true }).click()
    await poll(() => page.locator('.public-map.leaflet-container').count()).toBe(1)
    await poll(() => page.locator('.public-map .map-cluster, .public-map path.leaflet-interactive').count()).toBeGreaterThan(0)
    expect(mapRequests.some((u) => u.includes('peta.json') && u.includes('urut=supported'))).toBe(true)
    await expectAccessible(page, '/laporan with the map open')
    expect(cspViolations).toEqual([])
  })

  it('/ offers the other city (axe), and /kota-madiun/lapor files into Madiun without JavaScript', async () => {
    const withJs = await newPage()
    await withJs.goto(url('/'))
    await poll(() => withJs.getByTestId('city-chooser').isVisible()).toBe(true)
    await expectAccessible(withJs, '/ with the city chooser')
    // With JavaScript the chooser navigates in the browser: the header (root loader) must follow.
    await waitForHydration(withJs)
    await withJs.getByTestId('city-chooser').getByRole('link', { name: 'Kota Madiun' }).click()
    await withJs.waitForURL((u) => u.pathname === '/kota-madiun')
    await poll(async () => ((await withJs.locator('.brand-place').textContent()) ?? '').trim()).toBe('Kota Madiun')
    await poll(() => withJs.locator('header').getByRole('link', { name: t.nav.report, exact: true }).getAttribute('href')).toBe('/kota-madiun/lapor')

    const page = await newPage({ javaScriptEnabled: false })
    await page.goto(url('/'))
    await page.getByTestId('city-chooser').getByRole('link', { name: 'Kota Madiun' }).click()
    await page.waitForURL((u) => u.pathname === '/kota-madiun')
    await poll(async () => ((await page.locator('.brand-place').textContent()) ?? '').trim()).toBe('Kota Madiun')
    await poll(() => page.getByTestId('city-chooser').count()).toBe(0)

    await page.getByRole('link', { name: t.home.reportButton }).click()
    await page.waitForURL((u) => u.pathname === '/kota-madiun/lapor')
    const category = page.getByLabel(t.reportForm.category, { exact: true })
    const options = await category.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value).filter(Boolean))
    await category.selectOption(options[0]!)
    await page.getByLabel(t.reportForm.description, { exact: true }).fill('Lampu jalan mati di depan pasar besar Madiun sejak kemarin.')
    await page.getByLabel(t.reportForm.kelurahan, { exact: true }).selectOption({ index: 1 })
    await page.getByRole('button', { name: t.reportForm.submit, exact: true }).click()
    await page.waitForURL((u) => /^\/kota-madiun\/laporan\/MDN-[A-Z0-9]{6}$/.test(u.pathname))
    await poll(async () => ((await page.locator('.brand-place').textContent()) ?? '').trim()).toBe('Kota Madiun')
    const code = new URL(page.url()).pathname.split('/').pop()!
    await poll(() => page.locator('h1').textContent()).toContain(fill(t.report.heading, { code }))

    // Madiun's list holds it; Malang's does not.
    await page.goto(url('/kota-madiun/laporan'))
    await poll(() => page.locator('.report-card', { hasText: code }).count()).toBe(1)
    await page.goto(url('/laporan'))
    await poll(() => page.locator('.report-card', { hasText: code }).count()).toBe(0)
    expect((await fetch(url('/kota-atlantis/laporan'))).status).toBe(404)
  })
})
