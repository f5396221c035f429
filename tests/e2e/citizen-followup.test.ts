// Issue 8 §1–3 in headless Chromium at 360 px: the map pin picks the kelurahan, a nearby
// report of the same category shows before filing and can be supported instead; without
// JavaScript the same through the kelurahan select and a confirmation step (ADR 022).
// Then issue 8's "done when": another report with a photo, the mailed private link, added
// information with a photo, the officer's fix confirmed and the IKM survey (ADR 027).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SEED_CATEGORIES } from '#db/seed-data/categories'
import { fill } from '~/i18n'
import { id as t } from '~/i18n/id'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import { parseEml } from '~/notify/mailbox.server'
import {
  browserAvailable,
  checkA11y,
  loginOverHttp,
  staffActionOverHttp,
  formatViolations,
  launchBrowser,
  saveArtifacts,
  saveServerOutput,
  scrollWidth,
  startServer,
  type LaunchedBrowser,
  type RunningServer,
} from './support'

const PJU = SEED_CATEGORIES.find((c) => c.code === 'pju')!
const CODE_IN_URL = /\/laporan\/(MLG-[A-Z0-9]+)(?:$|\?)/
// Alun-alun Merdeka, in Kel. Kiduldalem; the second citizen stands ~100 m away.
const ALUN_ALUN = { latitude: -7.98264, longitude: 112.63087 }
const NEARBY_SPOT = { latitude: -7.98174, longitude: 112.63087 }

let server: RunningServer
let browser: LaunchedBrowser
const contexts: BrowserContext[] = []
let currentPage: Page | undefined

async function newPage(options: { javaScriptEnabled?: boolean; at?: { latitude: number; longitude: number } } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled })
  contexts.push(context)
  if (options.at) {
    await context.grantPermissions(['geolocation'], { origin: server.baseUrl })
    await context.setGeolocation(options.at)
  }
  currentPage = await context.newPage()
  return currentPage
}

const url = (path: string) => `${server.baseUrl}${path}`

async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const main = document.querySelector('main')
    return main !== null && Object.keys(main).some((key) => key.startsWith('__reactFiber$'))
  })
}

async function describePju(page: Page, text = 'Lampu jalan mati di sisi timur alun-alun sejak kemarin malam.') {
  await page.getByLabel(t.reportForm.category, { exact: true }).selectOption({ label: PJU.nameId })
  await page.getByLabel(t.reportForm.description, { exact: true }).fill(text)
}

async function pinWithMyLocation(page: Page) {
  await page.getByRole('button', { name: t.citizen.mapOpen, exact: true }).click()
  await page.getByTestId('map-picker').locator('.leaflet-marker-icon').waitFor()
  await page.locator('#map-picker-panel').getByRole('button', { name: t.citizen.mapLocate, exact: true }).click()
  await page
    .getByTestId('map-status')
    .filter({ hasText: fill(t.citizen.mapPicked, { name: 'Kiduldalem' }) })
    .waitFor()
}

const submit = (page: Page) => page.getByRole('button', { name: t.reportForm.submit, exact: true }).click()

const photo = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Pelapor' } })
    .toBuffer()

/** The private link mailed to `email` (the demo mail channel writes DATA_DIR/mail/*.eml), as a path. */
async function mailedPrivateLink(email: string, code: string): Promise<string> {
  const deadline = Date.now() + 20_000
  const link = new RegExp(`https?://[^\\s/]+(/laporan/${code}\\?t=[^\\s.]+)`)
  while (Date.now() < deadline) {
    let names: string[] = []
    try {
      names = readdirSync(join(server.dataDir, 'mail')).filter((n) => n.endsWith('.eml'))
    } catch {
      // no mail yet
    }
    for (const name of names) {
      const mail = parseEml(readFileSync(join(server.dataDir, 'mail', name), 'utf8'))
      const found = mail.to.includes(email) ? link.exec(mail.text) : null
      if (found) return found[1]!
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`no mail with the private link of ${code} to ${email}`)
}

async function expectAccessible(page: Page) {
  const violations = await checkA11y(page)
  expect(violations, `${page.url()}\n${formatViolations(violations)}`).toEqual([])
  expect(await scrollWidth(page)).toBeLessThanOrEqual(360)
}

async function resolveAsOfficer(code: string) {
  const { cookie } = await loginOverHttp(server.baseUrl, 'pju@malang.demo', DEMO_PASSWORD)
  for (const [intent, fields] of [
    ['verify', {}],
    ['start', {}],
    ['resolve', { body: 'Lampu sudah diganti.' }],
  ] as const) {
    expect((await staffActionOverHttp(server.baseUrl, cookie, code, intent, fields)).status).toBe(302)
  }
}

async function answerIkm(page: Page) {
  const survey = page.getByTestId('ikm')
  await survey.getByRole('heading', { name: t.citizen.ikmHeading }).waitFor()
  for (const u of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9']) await page.locator(`#ikm-${u}-3`).check()
  await survey.getByRole('button', { name: t.citizen.ikmSubmit }).click()
  await page.getByTestId('ikm-outcome').filter({ hasText: t.citizen.ikmThanks }).waitFor()
}
const selectedKelurahan = (page: Page) => page.locator('select[name=areaId] option:checked').textContent()

describe.skipIf(!browserAvailable())('citizen: map pin, nearby reports, "saya juga"', () => {
  let firstCode = ''
  let privateLink = ''

  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchBrowser({ javaScriptEnabled: true })])
  })

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await saveArtifacts(currentPage, `citizen-${context.task.name}`)
      saveServerOutput(server, 'citizen-server')
    }
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close()
    await server?.stop()
  })

  it('with JavaScript: the map pin sets the kelurahan and the point; the report page shows a small map', async () => {
    const page = await newPage({ at: ALUN_ALUN })
    await page.goto(url('/lapor'))
    await waitForHydration(page)
    await describePju(page)
    await pinWithMyLocation(page)
    expect(await selectedKelurahan(page)).toBe('Kiduldalem')
    expect(await page.locator('input[name=lat]').inputValue()).toBe(String(ALUN_ALUN.latitude))
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360)
    const violations = await checkA11y(page)
    expect(violations, formatViolations(violations)).toEqual([])
    await submit(page)
    await page.waitForURL(CODE_IN_URL)
    firstCode = CODE_IN_URL.exec(page.url())![1]!
    privateLink = (await page.getByTestId('private-link').getAttribute('href')) ?? ''
    await page.locator('[data-testid=point-map].leaflet-container').waitFor()
    expect(await page.getByRole('link', { name: t.citizen.openInMapApp }).getAttribute('href')).toContain('mlat=-7.983')
  })

  it('with JavaScript: a second citizen nearby sees that report before filing and supports it instead', async () => {
    const page = await newPage({ at: NEARBY_SPOT })
    await page.goto(url('/lapor'))
    await waitForHydration(page)
    await describePju(page, 'Lampu di alun-alun mati, gelap sekali kalau malam.')
    await pinWithMyLocation(page)
    const nearby = page.getByTestId('live-nearby')
    await nearby.getByRole('link', { name: fill(t.citizen.nearbyView, { code: firstCode }) }).waitFor()
    const violations = await checkA11y(page)
    expect(violations, formatViolations(violations)).toEqual([])
    await nearby.getByRole('button', { name: t.citizen.supportButton, exact: true }).click()
    await page.waitForURL(new RegExp(`/laporan/${firstCode}\\?didukung=ya`))
    await page.getByTestId('supported').waitFor()
    expect(await page.getByTestId('supporter-count').textContent()).toBe(fill(t.citizen.supportersCount, { n: 1 }))
    const pageViolations = await checkA11y(page)
    expect(pageViolations, formatViolations(pageViolations)).toEqual([])
  })

  it('without JavaScript: the kelurahan select, then a confirmation step that keeps the form; "Tetap kirim" files', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await page.goto(url('/lapor'))
    expect(await page.getByRole('button', { name: t.citizen.mapOpen }).count()).toBe(0)
    const text = 'Lampu jalan padam di depan kantor pos alun-alun.'
    await describePju(page, text)
    await page.getByLabel(t.reportForm.kelurahan, { exact: true }).selectOption({ label: 'Kiduldalem' })
    await submit(page)
    const step = page.getByTestId('nearby-step')
    await step.getByRole('heading', { name: t.citizen.nearbyHeading }).waitFor()
    expect(await step.getByRole('link', { name: fill(t.citizen.nearbyView, { code: firstCode }) }).count()).toBe(1)
    expect(await page.getByLabel(t.reportForm.description, { exact: true }).inputValue()).toBe(text)
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360)
    await step.getByRole('button', { name: t.citizen.nearbyConfirmNew }).click()
    await page.waitForURL(CODE_IN_URL)
    expect(CODE_IN_URL.exec(page.url())![1]).not.toBe(firstCode)
  })

  it('without JavaScript: "saya juga" on the report page counts once per browser', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await page.goto(url(`/laporan/${firstCode}`))
    await page.getByRole('button', { name: t.citizen.supportButton, exact: true }).click()
    await page.waitForURL(new RegExp(`didukung=ya`))
    expect(await page.getByTestId('supporter-count').textContent()).toBe(fill(t.citizen.supportersCount, { n: 2 }))
    await page.getByRole('button', { name: t.citizen.supportButton, exact: true }).click()
    await page.waitForURL(new RegExp(`didukung=sudah`))
    expect(await page.getByTestId('supporter-count').textContent()).toBe(fill(t.citizen.supportersCount, { n: 2 }))
  })

  it('after closure the reporter answers the IKM survey once, without JavaScript; the page passes axe', async () => {
    const { cookie } = await loginOverHttp(server.baseUrl, 'pju@malang.demo', DEMO_PASSWORD)
    for (const [intent, fields] of [
      ['verify', {}],
      ['start', {}],
      ['resolve', { body: 'Lampu sudah diganti.' }],
    ] as const) {
      expect((await staffActionOverHttp(server.baseUrl, cookie, firstCode, intent, fields)).status).toBe(302)
    }
    const page = await newPage({ javaScriptEnabled: false })
    await page.goto(privateLink)
    await page.locator('#score-5').check()
    await page.locator('#fixed-yes').check()
    await page.getByRole('button', { name: t.report.rateSubmit, exact: true }).click()
    const survey = page.getByTestId('ikm')
    await survey.getByRole('heading', { name: t.citizen.ikmHeading }).waitFor()
    expect(await survey.locator('fieldset').count()).toBe(9)
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360)
    const withJs = await newPage()
    await withJs.goto(page.url())
    await withJs.getByTestId('ikm').waitFor()
    const violations = await checkA11y(withJs)
    expect(violations, formatViolations(violations)).toEqual([])
    for (const u of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9']) await page.locator(`#ikm-${u}-${u === 'u4' ? 4 : 3}`).check()
    await survey.getByRole('button', { name: t.citizen.ikmSubmit }).click()
    await page.getByTestId('ikm-outcome').filter({ hasText: t.citizen.ikmThanks }).waitFor()
    expect(await page.getByTestId('ikm').count()).toBe(0)
  })

  it('with JavaScript (done when): files another report with a photo, gets the mailed private link, adds information with a photo, confirms the fix, answers the IKM survey', async () => {
    const email = 'pelapor-js@contoh.test'
    const page = await newPage()
    await page.goto(url('/lapor'))
    await waitForHydration(page)
    await describePju(page, 'Lampu jalan di depan terminal Arjosari mati total.')
    await page.getByLabel(t.reportForm.kelurahan, { exact: true }).selectOption({ label: 'Arjosari' })
    await page.getByLabel(t.reportForm.email, { exact: true }).fill(email)
    await page.getByLabel(t.reportForm.photos, { exact: true }).setInputFiles({ name: 'lampu.jpg', mimeType: 'image/jpeg', buffer: await photo() })
    await submit(page)
    await page.waitForURL(CODE_IN_URL)
    const code = CODE_IN_URL.exec(page.url())![1]!
    const link = await mailedPrivateLink(email, code)

    await page.goto(url(link))
    await waitForHydration(page)
    await expectAccessible(page)
    const form = page.getByTestId('add-information')
    await form.getByLabel(t.followup.infoBody, { exact: true }).fill('Kabelnya terlihat putus di tiang kedua.')
    await form.getByLabel(t.followup.infoPhotos, { exact: true }).setInputFiles({ name: 'kabel.jpg', mimeType: 'image/jpeg', buffer: await photo() })
    await form.getByRole('button', { name: t.followup.infoSubmit, exact: true }).click()
    await page.getByTestId('information-added').waitFor()
    expect(await page.locator('ol.timeline').textContent()).toContain('Kabelnya terlihat putus di tiang kedua.')
    expect(await page.locator('ul.photos img').count()).toBe(2)
    await expectAccessible(page)

    await resolveAsOfficer(code)
    await page.goto(url(link))
    await waitForHydration(page)
    await expectAccessible(page)
    await page.locator('#score-5').check()
    await page.locator('#fixed-yes').check()
    await page.getByRole('button', { name: t.report.rateSubmit, exact: true }).click()
    await page.getByTestId('ikm').waitFor()
    await expectAccessible(page)
    await answerIkm(page)
  })

  it('without JavaScript (done when): the select and the confirmation step, the mailed link, information only for staff with a photo, the fix confirmed, the survey', async () => {
    const email = 'pelapor-nojs@contoh.test'
    const page = await newPage({ javaScriptEnabled: false })
    // axe runs in a JavaScript page on the same addresses.
    const axePage = await newPage()
    await page.goto(url('/lapor'))
    await describePju(page, 'Lampu taman di sisi barat alun-alun berkedip terus.')
    await page.getByLabel(t.reportForm.kelurahan, { exact: true }).selectOption({ label: 'Kiduldalem' })
    await page.getByLabel(t.reportForm.email, { exact: true }).fill(email)
    await page.getByLabel(t.reportForm.photos, { exact: true }).setInputFiles({ name: 'taman.jpg', mimeType: 'image/jpeg', buffer: await photo() })
    await submit(page)
    // The report filed without JavaScript above is still open in Kiduldalem: the confirmation step, the photo kept.
    const step = page.getByTestId('nearby-step')
    await step.getByRole('heading', { name: t.citizen.nearbyHeading }).waitFor()
    expect(await page.getByTestId('stashed-photos').count()).toBe(1)
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360)
    await axePage.goto(url('/lapor'))
    await expectAccessible(axePage)
    await step.getByRole('button', { name: t.citizen.nearbyConfirmNew }).click()
    await page.waitForURL(CODE_IN_URL)
    const code = CODE_IN_URL.exec(page.url())![1]!
    const link = await mailedPrivateLink(email, code)

    await page.goto(url(link))
    const secret = 'Yang merusak lampu: anak tetangga nomor 12.'
    const form = page.getByTestId('add-information')
    await form.getByLabel(t.followup.infoBody, { exact: true }).fill(secret)
    await form.getByLabel(t.followup.infoPhotos, { exact: true }).setInputFiles({ name: 'bukti.jpg', mimeType: 'image/jpeg', buffer: await photo() })
    await form.getByLabel(t.followup.infoStaffOnly, { exact: true }).check()
    await form.getByRole('button', { name: t.followup.infoSubmit, exact: true }).click()
    await page.getByTestId('information-added').waitFor()
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360)
    await axePage.goto(url(link))
    await expectAccessible(axePage)
    // Only for staff: not on the public page, nor its photo (the report's own photo is).
    const publicPage = await fetch(url(`/laporan/${code}`)).then((r) => r.text())
    expect(publicPage).not.toContain(secret)
    expect((publicPage.match(/<img [^>]*src="\/foto\//g) ?? []).length).toBe(1)

    await resolveAsOfficer(code)
    await page.goto(url(link))
    await page.locator('#score-4').check()
    await page.locator('#fixed-yes').check()
    await page.getByRole('button', { name: t.report.rateSubmit, exact: true }).click()
    await page.getByTestId('ikm').waitFor()
    await axePage.goto(page.url())
    await expectAccessible(axePage)
    await answerIkm(page)
  })
})
