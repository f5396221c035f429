// The officer workflow (issue 7 §3, ADR 018) in headless Chromium at 360 px, with
// JavaScript on and off: a citizen files a street-light report; the PJU officer filters
// the queue down to it, claims it, starts it, inserts the unit's response template into
// a public update (edited before sending) and resolves it with an "after" photo taken
// with the camera input. axe on the queue and report pages; no horizontal scroll.
import type { BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SEED_CATEGORIES } from '#db/seed-data/categories'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import { STATUS_LABELS } from '~/domain/report-status'
import { id as t } from '~/i18n/id'
import {
  browserAvailable,
  checkA11y,
  formatViolations,
  launchBrowser,
  loginOverHttp,
  removeDir,
  saveArtifacts,
  saveServerOutput,
  scrollWidth,
  startServer,
  type LaunchedBrowser,
  type RunningServer,
} from './support'

const PJU = SEED_CATEGORIES.find((c) => c.code === 'pju')!
const KELURAHAN = 'Arjosari'
const VIEWPORT_WIDTH = 360
const TEMPLATE = { title: 'Jadwal perbaikan PJU', body: 'Tim PJU akan memeriksa lampu dalam 2 hari kerja.' }
const hasBrowser = browserAvailable()

let server: RunningServer
let browser: LaunchedBrowser
const contexts: BrowserContext[] = []
let currentPage: Page | undefined
let photoPath = ''

const url = (path: string) => `${server.baseUrl}${path}`
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 })

async function newPage(javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled })
  contexts.push(context)
  currentPage = await context.newPage()
  return currentPage
}

/** axe needs the page's JavaScript (it runs async in the page), so it runs on the JS pass; the markup is the same. */
async function expectGood(page: Page, what: string, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) {
    const violations = await checkA11y(page)
    expect(violations, `axe serious/critical on ${what}:\n${formatViolations(violations)}`).toEqual([])
  }
  expect(await scrollWidth(page), `wider than ${VIEWPORT_WIDTH} px: ${what}`).toBeLessThanOrEqual(VIEWPORT_WIDTH)
}

async function fileReport(description: string): Promise<string> {
  const page = await newPage(true)
  await page.goto(url('/lapor'))
  await page.getByLabel(t.reportForm.category, { exact: true }).selectOption({ label: PJU.nameId })
  await page.getByLabel(t.reportForm.description, { exact: true }).fill(description)
  await page.getByLabel(t.reportForm.kelurahan, { exact: true }).selectOption({ label: KELURAHAN })
  await page.getByRole('button', { name: t.reportForm.submit, exact: true }).click()
  await page.waitForURL(/\/laporan\/MLG-/)
  return /\/laporan\/(MLG-[A-Z0-9]+)/.exec(page.url())![1]!
}

describe.skipIf(!hasBrowser)('officer workflow at 360 px', () => {
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer({ env: { DEMO_REPORTS: '0' } }), launchBrowser({ javaScriptEnabled: true })])
    // The unit's supervisor keeps one template (over HTTP: the page itself is not under test here).
    const { cookie } = await loginOverHttp(server.baseUrl, 'kepala.dpuprpkp@malang.demo', DEMO_PASSWORD)
    const created = await fetch(url('/petugas/templat'), {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: cookie, Origin: server.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent: 'create', ...TEMPLATE }),
    })
    expect(created.status).toBe(200)
    photoPath = `${server.dataDir}/after.jpg`
    await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 250, g: 220, b: 90 } } })
      .jpeg()
      .toFile(photoPath)
  }, 300_000)

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await saveArtifacts(currentPage, `officer-${context.task.name}`)
      saveServerOutput(server, 'officer-server')
    }
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  for (const javaScriptEnabled of [true, false]) {
    it(`filters, claims, uses a template and resolves with an after photo (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const stamp = `${Date.now().toString(36)}${javaScriptEnabled ? 'js' : 'nojs'}`
      const code = await fileReport(`Lampu PJU di gang ${stamp} mati total sejak kemarin malam.`)
      const page = await newPage(javaScriptEnabled)
      await page.goto(url('/masuk'))
      await page.getByLabel(t.login.email, { exact: true }).fill('pju@malang.demo')
      await page.getByLabel(t.login.password, { exact: true }).fill(DEMO_PASSWORD)
      await page.getByRole('button', { name: t.login.submit, exact: true }).click()
      await page.waitForURL((u) => u.pathname === '/petugas')
      await expectGood(page, '/petugas', javaScriptEnabled)

      // The queue's filters are a GET form: the URL carries them.
      await page.locator('.queue-filters summary').click()
      await page.getByLabel(t.officer.filterSearch, { exact: true }).fill(stamp)
      await page.getByLabel(t.officer.colAssignee, { exact: true }).selectOption({ label: t.officer.filterUnassigned })
      await page.getByRole('button', { name: t.officer.filterApply, exact: true }).click()
      await page.waitForURL((u) => u.searchParams.get('q') === stamp && u.searchParams.get('tugas') === 'kosong')
      await poll(() => page.locator('table.queue tbody tr').count()).toBe(1)
      await expectGood(page, '/petugas with filters', javaScriptEnabled)
      await page.getByRole('link', { name: code, exact: true }).click()
      await page.waitForURL((u) => u.pathname === `/petugas/laporan/${code}`)
      await expectGood(page, '/petugas/laporan', javaScriptEnabled)

      await page.getByRole('button', { name: t.officer.claim, exact: true }).click()
      await poll(() => page.getByText(t.staff.done).count()).toBe(1)
      await poll(() => page.locator('dl.details').textContent()).toContain('Petugas PJU')
      await page.getByRole('button', { name: t.staff.start, exact: true }).click()
      await poll(() => page.locator('dl.details .status').first().textContent()).toBe(STATUS_LABELS.in_progress.id)

      // The template: with JS the select fills the textarea; without, "Sisipkan templat" reloads it filled.
      await page.getByLabel(t.officer.templatePick, { exact: true }).selectOption({ label: TEMPLATE.title })
      if (!javaScriptEnabled) await page.getByRole('button', { name: t.officer.templateInsert, exact: true }).click()
      const update = page.getByLabel(t.staff.publicUpdateLabel, { exact: true })
      await poll(() => update.inputValue()).toBe(TEMPLATE.body)
      await update.fill(`${TEMPLATE.body} Mohon maaf atas ketidaknyamanannya.`)
      await page.getByRole('button', { name: t.staff.publicUpdate, exact: true }).click()
      await poll(() => page.locator('ol.timeline').textContent()).toContain('Mohon maaf atas ketidaknyamanannya.')

      await page.getByLabel(t.staff.resolveNote, { exact: true }).fill('Lampu sudah diganti dan menyala.')
      const camera = page.getByLabel(t.officer.afterPhotos, { exact: true })
      expect(await camera.getAttribute('capture')).toBe('environment')
      await camera.setInputFiles(photoPath)
      await page.getByRole('button', { name: t.staff.resolve, exact: true }).click()
      await poll(() => page.locator('dl.details .status').first().textContent()).toBe(STATUS_LABELS.resolved.id)
      await poll(() => page.getByRole('heading', { name: t.officer.afterPhotosHeading }).count()).toBe(1)
      await expectGood(page, '/petugas/laporan resolved', javaScriptEnabled)

      // The public page shows the after photo too.
      await page.goto(url(`/laporan/${code}`))
      await poll(() => page.getByRole('heading', { name: t.officer.afterPhotosHeading }).count()).toBe(1)
    }, 240_000)
  }
})
