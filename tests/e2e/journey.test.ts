// Browser journeys against the built production server, in headless Chromium at a
// 360 px wide phone viewport:
//  (a) with JavaScript: a citizen files a street-light report, the PJU officer works it
//      through to resolved, the public page shows the public update only, the reporter
//      rates it through the private link, and the mayor's dashboard counts it;
//  (b) without JavaScript: the same citizen flow with plain HTML forms;
//  (c) the language switch.
// UI strings come from the dictionaries, category names from the seed data.
import type { BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SEED_CATEGORIES } from '#db/seed-data/categories'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import { STATUS_LABELS } from '~/domain/report-status'
import { en } from '~/i18n/en'
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
  staffActionOverHttp,
  startServer,
  type LaunchedBrowser,
  type RunningServer,
} from './support'

const PJU = SEED_CATEGORIES.find((c) => c.code === 'pju')!
const KELURAHAN = 'Arjosari' // Kec. Blimbing: routed to the PJU sub-unit of DPUPRPKP
const VIEWPORT_WIDTH = 360
const CODE_IN_URL = /\/laporan\/(MLG-[A-Z0-9]+)(?:$|\?)/
const status = (s: keyof typeof STATUS_LABELS) => STATUS_LABELS[s].id

const hasBrowser = browserAvailable()

let server: RunningServer
let browser: LaunchedBrowser
const contexts: BrowserContext[] = []
let currentPage: Page | undefined

/** Content-Security-Policy violations the browser reported on any journey page. */
const cspViolations: string[] = []

async function newPage(options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options)
  contexts.push(context)
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
    )
  })
  currentPage = await context.newPage()
  const page = currentPage
  page.on('console', (message) => {
    if (/CSP violation|Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`)
  })
  return currentPage
}

function url(path: string) {
  return `${server.baseUrl}${path}`
}

async function expectAccessible(page: Page, what: string) {
  const violations = await checkA11y(page)
  expect(violations, `axe (WCAG 2 A/AA) serious/critical on ${what}:\n${formatViolations(violations)}`).toEqual([])
}

async function expectNoHorizontalScroll(page: Page, what: string) {
  expect(await scrollWidth(page), `document wider than ${VIEWPORT_WIDTH} px on ${what}`).toBeLessThanOrEqual(VIEWPORT_WIDTH)
}

async function login(page: Page, email: string) {
  await page.goto(url('/masuk'))
  await page.getByLabel(t.login.email, { exact: true }).fill(email)
  await page.getByLabel(t.login.password, { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: t.login.submit, exact: true }).click()
  await page.waitForURL((u) => u.pathname !== '/masuk')
}

/** expect.poll with a patience fit for a loaded 2-core machine (the default is 1 s). */
function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 20_000, interval: 100 })
}

/** Waits until React has hydrated the page (so clicks go through Remix, not plain HTML). */
async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const main = document.querySelector('main')
    return main !== null && Object.keys(main).some((key) => key.startsWith('__reactFiber$'))
  })
}

function digits(text: string | null) {
  return Number((text ?? '').replace(/\D/g, ''))
}

interface DashboardFigures {
  closed: number
  ratings: number
  meanRating: string
}

async function readDashboard(page: Page): Promise<DashboardFigures> {
  await page.goto(url('/dasbor'))
  await poll(() => page.locator('h1').textContent()).toContain(t.dashboard.heading)
  // /dasbor reads the rollups (ADR 021, 026): "resolved" counts closed reports too.
  const closed = digits(await page.locator('[data-kpi=resolved] dd').first().textContent())
  const ratingFigure = page.locator('[data-kpi=rating]')
  const ratings = digits(await ratingFigure.locator('dd').nth(1).textContent())
  const meanRating = ((await ratingFigure.locator('dd').first().textContent()) ?? '').trim()
  return { closed, ratings, meanRating }
}

/** Fills the report form with valid PJU values (JS on or off). */
async function fillValidReport(page: Page, description: string, extra: { email?: string; name?: string; address?: string } = {}) {
  await page.getByLabel(t.reportForm.category, { exact: true }).selectOption({ label: PJU.nameId })
  await page.getByLabel(t.reportForm.description, { exact: true }).fill(description)
  await page.getByLabel(t.reportForm.kelurahan, { exact: true }).selectOption({ label: KELURAHAN })
  if (extra.address) await page.getByLabel(t.reportForm.address, { exact: true }).fill(extra.address)
  if (extra.name) await page.getByLabel(t.reportForm.name, { exact: true }).fill(extra.name)
  if (extra.email) await page.getByLabel(t.reportForm.email, { exact: true }).fill(extra.email)
}

const submitReport = (page: Page) => page.getByRole('button', { name: t.reportForm.submit, exact: true })
const statusBadge = (page: Page) => page.locator('dl.details .status')
const timeline = (page: Page) => page.locator('ol.timeline')

describe.skipIf(!hasBrowser)('browser journeys at 360 px', () => {
  beforeAll(async () => {
    // No simulated demo history: the dashboard figures then have exact expected values.
    ;[server, browser] = await Promise.all([startServer({ env: { DEMO_REPORTS: '0' } }), launchBrowser({ javaScriptEnabled: true })])
    console.log(`journey: server ready in ${(server.readyMs / 1000).toFixed(1)} s at ${server.baseUrl}`)
  })

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await saveArtifacts(currentPage, `journey-${context.task.name}`)
      saveServerOutput(server, 'journey-server')
    }
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  describe('(a) with JavaScript: citizen, officer, reporter, executive', () => {
    const stamp = Date.now().toString(36)
    const description = `Lampu PJU di depan Terminal Arjosari mati sejak tiga malam, jalan gelap sekali. [e2e ${stamp}]`
    const reporterEmail = `warga.${stamp}@contoh.id`
    const publicUpdate = `Tim PJU dijadwalkan memeriksa tiang lampu besok pagi. [pub ${stamp}]`
    const internalNote = `Catatan internal: stok lampu LED 100W tinggal dua. [int ${stamp}]`
    const resolveNote = `Lampu sudah diganti dengan LED baru dan menyala normal. [done ${stamp}]`
    let before: DashboardFigures
    let citizen: Page
    let officer: Page
    let code = ''
    let privateLink = ''

    it('reads the executive dashboard before the journey', async () => {
      const page = await newPage()
      await login(page, 'walikota@malang.demo')
      expect(new URL(page.url()).pathname).toBe('/dasbor')
      before = await readDashboard(page)
      // A fresh database without demo history: nothing closed, nothing rated yet.
      expect(before).toEqual({ closed: 0, ratings: 0, meanRating: '– / 5' })
    })

    it('home page: accessible, no horizontal scroll, leads to the report form', async () => {
      citizen = await newPage()
      await citizen.goto(url('/'))
      await poll(() => citizen.locator('h1').textContent()).toBe(t.home.heading)
      await waitForHydration(citizen)
      await expectAccessible(citizen, '/')
      await expectNoHorizontalScroll(citizen, '/')
      await citizen.getByRole('link', { name: t.home.reportButton, exact: true }).click()
      await citizen.waitForURL((u) => u.pathname === '/lapor')
      await poll(() => citizen.locator('h1').textContent()).toBe(t.reportForm.heading)
    })

    it('report form: accessible, also after a failed submit that shows errors', async () => {
      await expectAccessible(citizen, '/lapor')
      await expectNoHorizontalScroll(citizen, '/lapor')
      await submitReport(citizen).click()
      await citizen.getByText(t.validation.categoryRequired).waitFor()
      await citizen.getByText(t.validation.kelurahanRequired).waitFor()
      await citizen.getByText(t.validation.required).or(citizen.getByText(t.validation.descriptionTooShort)).first().waitFor()
      expect(await citizen.getByLabel(t.reportForm.category, { exact: true }).getAttribute('aria-invalid')).toBe('true')
      expect(new URL(citizen.url()).pathname).toBe('/lapor')
      await expectAccessible(citizen, '/lapor with errors')
      await expectNoHorizontalScroll(citizen, '/lapor with errors')
    })

    it('files a public PJU report in Arjosari and sees its code and the private link once', async () => {
      await fillValidReport(citizen, description, { email: reporterEmail, address: 'Jl. Raden Intan depan terminal' })
      await citizen.locator('#privacy-public').check()
      await submitReport(citizen).click()
      await citizen.waitForURL(CODE_IN_URL)
      code = CODE_IN_URL.exec(citizen.url())![1]!
      await poll(() => citizen.locator('h1').textContent()).toBe(t.report.heading.replace('{code}', code))
      await poll(() => statusBadge(citizen).textContent()).toBe(status('submitted'))
      const main = (await citizen.locator('main').textContent()) ?? ''
      expect(main).toContain(description)
      expect(main).toContain(PJU.nameId)
      expect(main).toContain(KELURAHAN)
      expect(main).toContain('Penerangan Jalan Umum') // routed to DPUPRPKP's PJU sub-unit
      expect(main).not.toContain(reporterEmail)

      // Shown right after the JavaScript redirect: the flash cookie reaches the data request too.
      const notice = citizen.getByRole('status').filter({ hasText: t.report.createdHeading })
      await notice.waitFor()
      expect(await notice.textContent()).toContain(code)
      const link = citizen.locator('a[data-testid=private-link]')
      privateLink = (await link.getAttribute('href')) ?? ''
      expect(privateLink).toMatch(new RegExp(`/laporan/${code}\\?t=[\\w-]{10,}`))
      await expectAccessible(citizen, `/laporan/${code} (just filed)`)
      await expectNoHorizontalScroll(citizen, `/laporan/${code} (just filed)`)

      // The page with the secret carries Referrer-Policy: no-referrer (checked on document requests).
      const response = await fetch(privateLink.startsWith('http') ? privateLink : url(privateLink))
      expect(response.status).toBe(200)
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      const plain = await fetch(url(`/laporan/${code}`))
      expect(plain.headers.get('referrer-policy')).toBe('no-referrer')

      // Shown once: a reload no longer shows the notice nor the link.
      await citizen.reload()
      await citizen.locator('h1').waitFor()
      expect(await citizen.locator('a[data-testid=private-link]').count()).toBe(0)
      expect(await citizen.getByText(t.report.createdHeading).count()).toBe(0)
    })

    it('the PJU officer finds the report in the queue and works it through to resolved', async () => {
      officer = await newPage()
      await officer.goto(url('/masuk'))
      await expectAccessible(officer, '/masuk')
      await login(officer, 'pju@malang.demo')
      expect(new URL(officer.url()).pathname).toBe('/petugas')
      await expectAccessible(officer, '/petugas')
      await waitForHydration(officer)
      await officer.getByRole('link', { name: code, exact: true }).click()
      await officer.waitForURL((u) => u.pathname === `/petugas/laporan/${code}`)
      await poll(() => statusBadge(officer).textContent()).toBe(status('submitted'))
      await expectAccessible(officer, `/petugas/laporan/${code}`)
      // Staff see the reporter's contact of a public report.
      expect(await officer.locator('dl.details').textContent()).toContain(reporterEmail)
      // Officers cannot reject (supervisor only).
      expect(await officer.getByRole('button', { name: t.staff.reject, exact: true }).count()).toBe(0)

      await officer.getByRole('button', { name: t.staff.verify, exact: true }).click()
      await poll(() => statusBadge(officer).textContent()).toBe(status('verified'))

      await officer.getByRole('button', { name: t.staff.start, exact: true }).click()
      await poll(() => statusBadge(officer).textContent()).toBe(status('in_progress'))

      await officer.getByLabel(t.staff.publicUpdateLabel, { exact: true }).fill(publicUpdate)
      await officer.getByRole('button', { name: t.staff.publicUpdate, exact: true }).click()
      await poll(() => timeline(officer).textContent()).toContain(publicUpdate)

      await officer.getByLabel(t.staff.internalNoteLabel, { exact: true }).fill(internalNote)
      await officer.getByRole('button', { name: t.staff.internalNote, exact: true }).click()
      await poll(() => timeline(officer).textContent()).toContain(internalNote)

      await officer.getByLabel(t.staff.resolveNote, { exact: true }).fill(resolveNote)
      await officer.getByRole('button', { name: t.staff.resolve, exact: true }).click()
      await poll(() => statusBadge(officer).textContent()).toBe(status('resolved'))
      expect(await timeline(officer).textContent()).toContain(resolveNote)
    })

    it('another unit (DLH) gets 404 on the report’s staff page', async () => {
      const page = await newPage()
      await login(page, 'dlh@malang.demo')
      const response = await page.goto(url(`/petugas/laporan/${code}`))
      expect(response?.status()).toBe(404)
      expect(await page.locator('h1').textContent()).toBe(t.errors.notFoundHeading)
      expect(await page.locator('main').textContent()).not.toContain(description)
    })

    it('the public page (no login) shows the public update but not the internal note nor the e-mail', async () => {
      const page = await newPage()
      const response = await page.goto(url(`/laporan/${code}`))
      expect(response?.status()).toBe(200)
      await poll(() => statusBadge(page).textContent()).toBe(status('resolved'))
      const html = await page.content()
      expect(html).toContain(publicUpdate)
      expect(html).toContain(resolveNote)
      expect(html).not.toContain(internalNote)
      expect(html).not.toContain(reporterEmail)
      // Without the private link there is no rating form.
      expect(await page.getByRole('button', { name: t.report.rateSubmit }).count()).toBe(0)
      await expectAccessible(page, `/laporan/${code} (public, resolved)`)
      await expectNoHorizontalScroll(page, `/laporan/${code} (public, resolved)`)
    })

    it('the reporter rates 4, "fixed", through the private link: the report is closed', async () => {
      await citizen.goto(privateLink.startsWith('http') ? privateLink : url(privateLink))
      await citizen.getByRole('heading', { name: t.report.rateHeading }).waitFor()
      expect(await citizen.content()).not.toContain(internalNote)
      await expectAccessible(citizen, `/laporan/${code}?t=… (rating form)`)
      await expectNoHorizontalScroll(citizen, `/laporan/${code}?t=… (rating form)`)
      await citizen.locator('#score-4').check()
      await citizen.getByLabel(t.report.fixedYes, { exact: true }).check()
      await citizen.getByLabel(t.report.comment, { exact: true }).fill('Terima kasih, cepat sekali.')
      await citizen.getByRole('button', { name: t.report.rateSubmit, exact: true }).click()
      await citizen.waitForURL((u) => u.searchParams.has('dinilai'))
      await poll(() => statusBadge(citizen).textContent()).toBe(status('closed'))
      await citizen.getByText(t.report.rated).waitFor()
      await citizen.getByText(t.report.yourRating.replace('{score}', '4')).waitFor()
      expect(await citizen.getByRole('button', { name: t.report.rateSubmit }).count()).toBe(0)
    })

    it('the executive dashboard counts one more closed report and one more rating', async () => {
      const page = await newPage()
      await login(page, 'walikota@malang.demo')
      // The rollup job runs every minute: reload until the closed report is counted.
      let after = await readDashboard(page)
      for (let i = 0; i < 60 && (after.closed < 1 || after.ratings < 1); i++) {
        await page.waitForTimeout(2000)
        after = await readDashboard(page)
      }
      expect(after.closed).toBe(1)
      expect(after.ratings).toBe(1)
      // The one rating is 4 (formatted with two decimals in Indonesian).
      expect(after.meanRating).toBe('4,00 / 5')
      await expectAccessible(page, '/dasbor')
      await expectNoHorizontalScroll(page, '/dasbor')
    })

    it('the whole journey with JavaScript ran without a Content-Security-Policy violation', () => {
      expect(cspViolations).toEqual([])
    })
  })

  describe('(b) without JavaScript: plain HTML forms', () => {
    const stamp = Date.now().toString(36)
    const description = `Lampu jalan di gang Arjosari berkedip terus tiap malam. [nojs ${stamp}]`
    const reporterName = `Pelapor Anonim ${stamp}`
    let page: Page
    let code = ''
    let privateLink = ''

    it('an invalid submit answers 400 with messages and keeps the typed values', async () => {
      page = await newPage({ javaScriptEnabled: false })
      await page.goto(url('/lapor'))
      expect(await page.evaluate(() => document.querySelector('script[type=module]') !== null)).toBe(true) // scripts are in the page, but do not run
      await page.getByLabel(t.reportForm.description, { exact: true }).fill('Lampu') // too short
      await page.getByLabel(t.reportForm.kelurahan, { exact: true }).selectOption({ label: KELURAHAN })
      await page.getByLabel(t.reportForm.address, { exact: true }).fill('Gang 3, Arjosari')
      await page.locator('#privacy-anonymous').check()
      await page.getByLabel(t.reportForm.name, { exact: true }).fill(reporterName)
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/lapor' && r.request().method() === 'POST'),
        submitReport(page).click(),
      ])
      expect(response.status()).toBe(400)
      await page.waitForLoadState('domcontentloaded')
      await page.getByText(t.reportForm.errorSummary).waitFor()
      await page.getByText(t.validation.categoryRequired).waitFor()
      await page.getByText(t.validation.descriptionTooShort).waitFor()
      expect(await page.getByLabel(t.reportForm.category, { exact: true }).getAttribute('aria-invalid')).toBe('true')
      expect(await page.getByLabel(t.reportForm.description, { exact: true }).getAttribute('aria-invalid')).toBe('true')
      // Typed values are kept.
      expect(await page.getByLabel(t.reportForm.description, { exact: true }).inputValue()).toBe('Lampu')
      expect(await page.getByLabel(t.reportForm.address, { exact: true }).inputValue()).toBe('Gang 3, Arjosari')
      expect(await page.getByLabel(t.reportForm.name, { exact: true }).inputValue()).toBe(reporterName)
      expect(await page.locator(`select[name=areaId] option:checked`).textContent()).toBe(KELURAHAN)
      expect(await page.locator('#privacy-anonymous').isChecked()).toBe(true)
      await expectNoHorizontalScroll(page, '/lapor with errors (no JS)')
    })

    it('a valid submit lands on the report page with the private link', async () => {
      await page.getByLabel(t.reportForm.category, { exact: true }).selectOption({ label: PJU.nameId })
      await page.getByLabel(t.reportForm.description, { exact: true }).fill(description)
      // A photo with EXIF, sent as a plain multipart form post.
      const photo = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#2a6' } })
        .jpeg()
        .withExif({ IFD0: { Artist: 'Pelapor' } })
        .toBuffer()
      await page.getByLabel(t.reportForm.photos, { exact: true }).setInputFiles({ name: 'lampu.jpg', mimeType: 'image/jpeg', buffer: photo })
      await submitReport(page).click()
      await page.waitForURL(CODE_IN_URL)
      code = CODE_IN_URL.exec(page.url())![1]!
      await page.getByText(t.report.createdHeading).waitFor()
      const img = page.getByRole('img', { name: t.report.photoAlt.replace('{n}', '1') })
      const src = (await img.getAttribute('src')) ?? ''
      const served = await fetch(url(src))
      expect(served.headers.get('content-type')).toBe('image/jpeg')
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata()
      expect([meta.width, meta.height, meta.exif]).toEqual([1600, 1200, undefined])
      privateLink = (await page.locator('a[data-testid=private-link]').getAttribute('href')) ?? ''
      expect(privateLink).toMatch(new RegExp(`/laporan/${code}\\?t=[\\w-]{10,}`))
      expect(await statusBadge(page).textContent()).toBe(status('submitted'))
      await expectNoHorizontalScroll(page, `/laporan/${code} (no JS)`)
    })

    it('an officer resolves it over HTTP; the anonymous reporter stays hidden from staff', async () => {
      const { cookie } = await loginOverHttp(server.baseUrl, 'pju@malang.demo', DEMO_PASSWORD)
      const staffPage = await (await fetch(url(`/petugas/laporan/${code}`), { headers: { Cookie: cookie } })).text()
      expect(staffPage).toContain(t.staff.reporterHidden)
      expect(staffPage).not.toContain(reporterName)
      for (const [intent, fields] of [
        ['verify', {}],
        ['start', {}],
        ['resolve', { body: `Lampu sudah diperbaiki. [nojs ${stamp}]` }],
      ] as const) {
        const response = await staffActionOverHttp(server.baseUrl, cookie, code, intent, fields)
        expect(response.status, `${intent}: ${response.status}`).toBe(302)
      }
    })

    it('the private link shows the rating form without JavaScript', async () => {
      await page.goto(privateLink.startsWith('http') ? privateLink : url(privateLink))
      await page.getByRole('heading', { name: t.report.rateHeading }).waitFor()
      expect(await statusBadge(page).textContent()).toBe(status('resolved'))
      expect(await page.locator('input[type=radio][name=score]').count()).toBe(5)
      expect(await page.locator('#fixed-yes').count()).toBe(1)
      expect(await page.getByRole('button', { name: t.report.rateSubmit, exact: true }).count()).toBe(1)
      await expectNoHorizontalScroll(page, `/laporan/${code}?t=… (no JS)`)
    })

    // The page sends Referrer-Policy: no-referrer, so Chromium posts this form with
    // `Origin: null`; the server's origin guard must still let the citizen rate.
    it('the reporter rates it without JavaScript: a missing score is refused (400), then "Ditutup"', async () => {
      await page.goto(privateLink.startsWith('http') ? privateLink : url(privateLink))
      await page.getByRole('heading', { name: t.report.rateHeading }).waitFor()
      // Nothing chosen: the server answers 400 with the messages.
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: t.report.rateSubmit, exact: true }).click(),
      ])
      const origin = await refused.request().headerValue('origin')
      expect(refused.status(), `rating POST with Origin: ${origin}`).toBe(400)
      await page.getByText(t.validation.score).waitFor()
      await page.getByText(t.validation.fixed).waitFor()

      await page.locator('#score-5').check()
      await page.locator('#fixed-yes').check()
      await page.getByRole('button', { name: t.report.rateSubmit, exact: true }).click()
      await page.waitForURL((u) => u.searchParams.has('dinilai'))
      expect(await statusBadge(page).textContent()).toBe(status('closed'))
      await page.getByText(t.report.rated).waitFor()
    })
  })

  describe('(d) location', () => {
    it('"Gunakan lokasi saya" records the point and picks the kelurahan that contains it', async () => {
      const page = await newPage()
      await page.context().grantPermissions(['geolocation'], { origin: server.baseUrl })
      await page.context().setGeolocation({ latitude: -7.9826, longitude: 112.6308 }) // Alun-alun Merdeka
      await page.goto(url('/lapor'))
      await waitForHydration(page)
      await page.getByRole('button', { name: t.reportForm.useLocation, exact: true }).click()
      await page.getByText(t.reportForm.locatedIn.replace('{name}', 'Kiduldalem')).waitFor()
      const select = page.getByLabel(t.reportForm.kelurahan, { exact: true })
      await poll(async () => (await select.locator('option:checked').textContent())?.trim()).toBe('Kiduldalem')
      expect(await page.locator('input[name=lat]').inputValue()).toBe('-7.9826')
      expect(await page.locator('input[name=lng]').inputValue()).toBe('112.6308')
    })
  })

  describe('(c) language switch', () => {
    it('"English" switches the UI to English and back', async () => {
      const page = await newPage()
      await page.goto(url('/lapor'))
      await poll(() => page.locator('h1').textContent()).toBe(t.reportForm.heading)
      await page.getByRole('link', { name: t.nav.switchTo, exact: true }).click()
      await poll(() => page.locator('h1').textContent()).toBe(en.reportForm.heading)
      // The heading arrives before the rest of a streamed page: wait for the whole document.
      await page.waitForLoadState('load')
      expect(new URL(page.url()).pathname).toBe('/lapor')
      expect(await page.locator('html').getAttribute('lang')).toBe('en')
      expect(await page.locator(`select[name=categoryId] option`, { hasText: PJU.nameEn }).count()).toBe(1)
      expect(await page.getByRole('button', { name: en.reportForm.submit, exact: true }).count()).toBe(1)
      await expectAccessible(page, '/lapor (English)')
      // The choice sticks across pages, and the link back switches to Indonesian again.
      await page.goto(url('/'))
      await poll(() => page.locator('h1').textContent()).toBe(en.home.heading)
      await page.getByRole('link', { name: en.nav.switchTo, exact: true }).click()
      await poll(() => page.locator('h1').textContent()).toBe(t.home.heading)
      await page.waitForLoadState('load')
      expect(await page.locator('html').getAttribute('lang')).toBe('id')
    })
  })
})
