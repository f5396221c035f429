// The reference administration in a 360 px phone browser (issue 7 §2): the demo admin
// creates a unit, a category and a rule that sends the category to the new unit, and
// previews the route; axe on every admin page; a refused holiday form without JavaScript
// comes back with its message and values.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import { fill } from '~/i18n'
import { id as t } from '~/i18n/id'
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

const a = t.adminRef
const hasBrowser = browserAvailable()
const stamp = Date.now().toString(36)
const UNIT = `UPT Taman Kota ${stamp}`
const CATEGORY = `Lampu taman ${stamp}`

let server: RunningServer
let browser: LaunchedBrowser
const contexts: BrowserContext[] = []
let currentPage: Page | undefined

async function newPage(javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled })
  contexts.push(context)
  currentPage = await context.newPage()
  return currentPage
}

const url = (path: string) => `${server.baseUrl}${path}`

async function login(page: Page) {
  await page.goto(url('/masuk'))
  await page.getByLabel(t.login.email, { exact: true }).fill('admin@malang.demo')
  await page.getByLabel(t.login.password, { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: t.login.submit, exact: true }).click()
  await page.waitForURL((u) => u.pathname !== '/masuk')
}

async function expectGood(page: Page, what: string) {
  const violations = await checkA11y(page)
  expect(violations, `axe serious/critical on ${what}:\n${formatViolations(violations)}`).toEqual([])
  expect(await scrollWidth(page), `document wider than 360 px on ${what}`).toBeLessThanOrEqual(360)
}

describe.skipIf(!hasBrowser)('reference administration at 360 px', () => {
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer({ env: { DEMO_REPORTS: '0' } }), launchBrowser({ javaScriptEnabled: true })])
  })

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await saveArtifacts(currentPage, `admin-reference-${context.task.name}`)
      saveServerOutput(server, 'admin-reference-server')
    }
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('an admin creates a unit, a category routed to it, and previews the route', async () => {
    const page = await newPage()
    await login(page)
    for (const path of ['/admin', '/admin/unit', '/admin/kategori', '/admin/rute', '/admin/libur', '/admin/surat', '/admin/notifikasi']) {
      await page.goto(url(path))
      await page.getByRole('navigation', { name: a.navLabel }).waitFor()
      await expectGood(page, path)
    }

    await page.goto(url('/admin/unit'))
    await page.getByLabel(a.unitName, { exact: true }).fill(UNIT)
    await page.getByLabel(a.unitShortName, { exact: true }).fill(`Taman ${stamp}`)
    await page.getByLabel(a.unitKind, { exact: true }).selectOption('upt')
    await page.getByRole('button', { name: a.create, exact: true }).click()
    await page.waitForURL(/\/admin\/unit\/\d+/)
    // The URL can change a moment before the new page renders: wait for its heading.
    await page.getByRole('heading', { level: 1, name: UNIT }).waitFor()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(UNIT)
    await expectGood(page, 'the new unit')

    await page.goto(url('/admin/kategori/baru'))
    await page.getByLabel(a.categoryCode, { exact: true }).fill(`taman_${stamp}`)
    await page.getByLabel(a.nameId, { exact: true }).fill(CATEGORY)
    await page.getByLabel(a.nameEn, { exact: true }).fill(`Park light ${stamp}`)
    await page.getByLabel(a.descriptionId, { exact: true }).fill('Lampu di taman kota mati.')
    await page.getByLabel(a.descriptionEn, { exact: true }).fill('A park light is out.')
    await page.getByLabel(a.groupCode, { exact: true }).fill('infrastruktur')
    await page.getByLabel(a.responseTarget, { exact: true }).fill('24')
    await page.getByLabel(a.resolutionTarget, { exact: true }).fill('5')
    await page.getByText(a.targetsNewOnly).waitFor()
    await expectGood(page, 'the new category form')
    await page.getByRole('button', { name: a.create, exact: true }).click()
    await page.waitForURL(/\/admin\/kategori\/\d+/)

    await page.goto(url('/admin/rute'))
    await page.locator('.notice.warning li', { hasText: CATEGORY }).waitFor() // the fall-through warning
    const form = page.locator('#form-rule-new')
    await form.locator('select[name=categoryId]').selectOption({ label: CATEGORY })
    await form.locator('select[name=scope]').selectOption('jurisdiction')
    await form.locator('select[name=unitId]').selectOption({ label: UNIT })
    await form.getByRole('button', { name: a.save, exact: true }).click()
    await page.getByRole('status').filter({ hasText: a.saved }).waitFor()

    await page.locator('#preview-category').selectOption({ label: CATEGORY })
    await page.locator('#preview-kelurahan').selectOption({ label: 'Arjosari' })
    await page.getByRole('button', { name: a.preview, exact: true }).click()
    await page.waitForURL(/kategori=/)
    const preview = (await page.locator('#routing-preview').textContent()) ?? ''
    expect(preview).toContain(UNIT)
    expect(preview).toContain(a.reasons.jurisdiction_rule)
    await expectGood(page, 'the routing page with a preview')
  })

  it('without JavaScript, a refused holiday keeps its values and says what is wrong', async () => {
    const page = await newPage(false)
    await login(page)
    await page.goto(url('/admin/libur?tahun=2031'))
    await page.getByLabel(a.date, { exact: true }).fill('2031-08-17')
    await page.getByLabel(a.holidayName, { exact: true }).fill('')
    await page.getByRole('button', { name: a.save, exact: true }).click()
    await page.getByText(t.validation.required).first().waitFor()
    expect(await page.getByLabel(a.date, { exact: true }).inputValue()).toBe('2031-08-17')
    await page.getByLabel(a.holidayName, { exact: true }).fill('Libur uji')
    await page.getByRole('button', { name: a.save, exact: true }).click()
    await page.getByRole('cell', { name: 'Libur uji' }).waitFor()
    await page.getByRole('heading', { name: fill(a.holidaysHeading, { year: 2031 }) }).waitFor()
    // No axe here: it is evaluated as page script, which this context disables (axe ran on /admin/libur above).
  })
})
