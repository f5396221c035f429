// The report form's location question, forced privacy and kept photos, in headless Chromium,
// with and without JavaScript (issue 5 §5).
import type { BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SEED_CATEGORIES } from '#db/seed-data/categories'
import { fill } from '~/i18n'
import { id as t } from '~/i18n/id'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import {
  browserAvailable,
  checkA11y,
  formatViolations,
  launchBrowser,
  loginOverHttp,
  removeDir,
  staffActionOverHttp,
  saveArtifacts,
  saveServerOutput,
  startServer,
  type LaunchedBrowser,
  type RunningServer,
} from './support'

const PJU = SEED_CATEGORIES.find((c) => c.code === 'pju')!
const MISCONDUCT = SEED_CATEGORIES.find((c) => c.code === 'perilaku_asn')!
const CODE_IN_URL = /\/laporan\/(MLG-[A-Z0-9]+)(?:$|\?)/
// Alun-alun Merdeka, in Kel. Kiduldalem (Kec. Klojen), far from Arjosari (Kec. Blimbing).
const KIDULDALEM = { latitude: -7.98264, longitude: 112.63087 }

let server: RunningServer
let browser: LaunchedBrowser
const contexts: BrowserContext[] = []
let currentPage: Page | undefined

async function newPage(options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options)
  contexts.push(context)
  currentPage = await context.newPage()
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

async function fillPju(page: Page, kelurahan: string) {
  await page.getByLabel(t.reportForm.category, { exact: true }).selectOption({ label: PJU.nameId })
  await page.getByLabel(t.reportForm.description, { exact: true }).fill('Lampu jalan mati di depan alun-alun sejak kemarin malam.')
  await page.getByLabel(t.reportForm.kelurahan, { exact: true }).selectOption({ label: kelurahan })
}

const submit = (page: Page) => page.getByRole('button', { name: t.reportForm.submit, exact: true }).click()

/** The filed report's page, past "Mungkin sudah dilaporkan" (ADR 022): these tests file many alike reports. */
async function filed(page: Page) {
  const step = page.getByTestId('nearby-step')
  // A few rounds: the step may show while the first submit is still in flight (CI timing).
  for (let round = 0; round < 3 && !CODE_IN_URL.test(page.url()); round++) {
    await Promise.race([page.waitForURL(CODE_IN_URL, { timeout: 20_000 }).catch(() => undefined), step.waitFor({ timeout: 20_000 }).catch(() => undefined)])
    if (CODE_IN_URL.test(page.url())) return
    const confirm = step.getByRole('button', { name: t.citizen.nearbyConfirmNew })
    if (await confirm.isVisible().catch(() => false)) await confirm.click().catch(() => undefined)
    await page.waitForURL(CODE_IN_URL, { timeout: 15_000 }).catch(() => undefined)
  }
  expect(page.url()).toMatch(CODE_IN_URL)
}
const question = fill(t.reportForm.locationQuestion, { located: 'Kiduldalem', chosen: 'Arjosari' })

describe.skipIf(!browserAvailable())('report form: location question, forced privacy, kept photos', () => {
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchBrowser({ javaScriptEnabled: true })])
  })

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await saveArtifacts(currentPage, `filing-${context.task.name}`)
      saveServerOutput(server, 'filing-server')
    }
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('without JavaScript: a point in another kelurahan comes back with the question; "the point" files it there', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await page.goto(url('/lapor'))
    await fillPju(page, 'Arjosari')
    // The point a phone would have filled in (the locate button needs JavaScript).
    await page.evaluate(
      ({ lat, lng }) => {
        ;(document.querySelector('input[name=lat]') as HTMLInputElement).value = lat
        ;(document.querySelector('input[name=lng]') as HTMLInputElement).value = lng
      },
      { lat: String(KIDULDALEM.latitude), lng: String(KIDULDALEM.longitude) },
    )
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), submit(page)])
    expect(response.status()).toBe(400)
    await page.getByText(question).waitFor()
    await page.getByText(t.validation.locationMismatch).waitFor()
    expect(await page.locator('input[name=lat]').inputValue()).toBe(String(KIDULDALEM.latitude))
    await page.getByLabel(fill(t.reportForm.locationChoicePoint, { located: 'Kiduldalem' })).check()
    await submit(page)
    await filed(page)
    await page.getByText('Kiduldalem').first().waitFor()
    expect(await page.locator('dl.details').textContent()).not.toContain('Arjosari')
  })

  it('with JavaScript: a located point and a different kelurahan chosen by hand; "my kelurahan" drops the point', async () => {
    const page = await newPage()
    await page.context().grantPermissions(['geolocation'], { origin: server.baseUrl })
    await page.context().setGeolocation(KIDULDALEM)
    await page.goto(url('/lapor'))
    await waitForHydration(page)
    await page.getByRole('button', { name: t.reportForm.useLocation, exact: true }).click()
    await page.getByText(fill(t.reportForm.locatedIn, { name: 'Kiduldalem' })).waitFor()
    await fillPju(page, 'Arjosari')
    await submit(page)
    await page.getByText(question).waitFor()
    await page.getByLabel(fill(t.reportForm.locationChoiceArea, { chosen: 'Arjosari' })).check()
    await submit(page)
    await filed(page)
    await page.getByText('Arjosari').first().waitFor()
  })

  it('without JavaScript: a preselected misconduct category shows "Rahasia" chosen and locked', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await page.goto(url(`/lapor?kategori=${MISCONDUCT.code}`))
    expect(await page.locator('#privacy-confidential').isChecked()).toBe(true)
    expect(await page.locator('#privacy-public').isDisabled()).toBe(true)
    await page.getByText(t.reportForm.privacyForced).waitFor()
  })

  it('with JavaScript: choosing a misconduct category switches the privacy to "Rahasia", and back', async () => {
    const page = await newPage()
    await page.goto(url('/lapor'))
    await waitForHydration(page)
    expect(await page.locator('#privacy-public').isChecked()).toBe(true)
    const category = page.getByLabel(t.reportForm.category, { exact: true })
    await category.selectOption({ label: MISCONDUCT.nameId })
    await poll(() => page.locator('#privacy-confidential').isChecked()).toBe(true)
    expect(await page.locator('#privacy-public').isDisabled()).toBe(true)
    await category.selectOption({ label: PJU.nameId })
    await poll(() => page.locator('#privacy-public').isDisabled()).toBe(false)
    expect(await page.locator('#privacy-public').isChecked()).toBe(true)
  })

  it('without JavaScript: photos of a refused submit come back attached; one is removed, the other filed', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await page.goto(url('/lapor'))
    await fillPju(page, 'Arjosari')
    await page.getByLabel(t.reportForm.description, { exact: true }).fill('Lampu') // too short
    const jpeg = (colour: string) =>
      sharp({ create: { width: 1200, height: 900, channels: 3, background: colour } })
        .jpeg()
        .toBuffer()
    await page.getByLabel(t.reportForm.photos, { exact: true }).setInputFiles([
      { name: 'satu.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#2a6') },
      { name: 'dua.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#a26') },
    ])
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), submit(page)])
    expect(response.status()).toBe(400)
    await page.getByText(t.reportForm.photosAttached).waitFor()
    expect(await page.locator('input[name=keepPhoto]:checked').count()).toBe(2)
    // The thumbnails load for this browser.
    const src = (await page.locator('[data-testid=stashed-photos] img').first().getAttribute('src')) ?? ''
    expect((await page.request.get(url(src))).status()).toBe(200)
    expect((await fetch(url(src))).status).toBe(404) // not for anyone else
    await page.getByLabel(fill(t.reportForm.keepPhoto, { n: 2 })).uncheck()
    await page.getByLabel(t.reportForm.description, { exact: true }).fill('Lampu jalan mati di depan gang lima sejak kemarin malam.')
    await submit(page)
    await filed(page)
    expect(await page.getByRole('img', { name: t.report.photoAlt.replace('{n}', '1') }).count()).toBe(1)
    expect(await page.getByRole('img', { name: t.report.photoAlt.replace('{n}', '2') }).count()).toBe(0)
  })

  it('with JavaScript: the rating form clears each message as soon as it is corrected', async () => {
    const page = await newPage()
    await page.goto(url('/lapor'))
    await waitForHydration(page)
    await fillPju(page, 'Arjosari')
    await submit(page)
    await filed(page)
    const code = CODE_IN_URL.exec(page.url())![1]!
    const privateLink = (await page.locator('a[data-testid=private-link]').getAttribute('href')) ?? ''
    const { cookie } = await loginOverHttp(server.baseUrl, 'pju@malang.demo', DEMO_PASSWORD)
    for (const [intent, fields] of [
      ['start', {}],
      ['resolve', { body: 'Lampu sudah diganti.' }],
    ] as const) {
      expect((await staffActionOverHttp(server.baseUrl, cookie, code, intent, fields)).status).toBe(302)
    }
    await page.goto(privateLink.startsWith('http') ? privateLink : url(privateLink))
    await waitForHydration(page)
    await page.getByRole('button', { name: t.report.rateSubmit, exact: true }).click()
    await page.getByText(t.validation.score).waitFor()
    await page.getByText(t.validation.fixed).waitFor()
    expect(await page.locator('#score-3').getAttribute('aria-invalid')).toBe('true')
    await page.locator('#score-3').check()
    await poll(() => page.getByText(t.validation.score).count()).toBe(0)
    expect(await page.locator('#score-3').getAttribute('aria-invalid')).toBeNull()
    expect(await page.getByText(t.validation.fixed).count()).toBe(1)
    await page.locator('#fixed-yes').check()
    await poll(() => page.getByText(t.validation.fixed).count()).toBe(0)
    await page.getByRole('button', { name: t.report.rateSubmit, exact: true }).click()
    await page.waitForURL((u) => u.searchParams.has('dinilai'))
    await page.getByText(t.report.rated).waitFor()
  })

  // With JavaScript most mistakes are caught before sending; the server still refuses
  // what only it can check (here the location question), and then keeps the photos.
  it('with JavaScript: photos of a submit the server refused are attached once, not sent twice', async () => {
    const page = await newPage()
    await page.context().grantPermissions(['geolocation'], { origin: server.baseUrl })
    await page.context().setGeolocation(KIDULDALEM)
    await page.goto(url('/lapor'))
    await waitForHydration(page)
    await page.getByRole('button', { name: t.reportForm.useLocation, exact: true }).click()
    await page.getByText(fill(t.reportForm.locatedIn, { name: 'Kiduldalem' })).waitFor()
    await fillPju(page, 'Arjosari')
    const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#26a' } })
      .jpeg()
      .toBuffer()
    await page.getByLabel(t.reportForm.photos, { exact: true }).setInputFiles([{ name: 'satu.jpg', mimeType: 'image/jpeg', buffer: jpeg }])
    await submit(page)
    await page.getByText(question).waitFor()
    await page.getByText(t.reportForm.photosAttached).waitFor()
    // The question and the attached photos are accessible (axe needs JavaScript, so checked here).
    const violations = await checkA11y(page)
    expect(violations, formatViolations(violations)).toEqual([])
    await poll(() => page.getByLabel(t.reportForm.photos, { exact: true }).evaluate((input: HTMLInputElement) => input.files?.length ?? 0)).toBe(0)
    await page.getByLabel(fill(t.reportForm.locationChoicePoint, { located: 'Kiduldalem' })).check()
    await submit(page)
    await filed(page)
    await page.getByRole('img', { name: t.report.photoAlt.replace('{n}', '1') }).waitFor()
    expect(await page.getByRole('img', { name: t.report.photoAlt.replace('{n}', '2') }).count()).toBe(0)
  })
})
