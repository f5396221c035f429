// Issue 8 §7 in headless Chromium (ADR 028): a large photo is downscaled on the phone and
// uploaded with a real progress bar; a report submitted offline is kept on the phone and
// sent, with its link, when the connection returns.
import type { BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SEED_CATEGORIES } from '#db/seed-data/categories'
import { fill } from '~/i18n'
import { id as t } from '~/i18n/id'
import { browserAvailable, launchBrowser, removeDir, saveArtifacts, saveServerOutput, startServer, type LaunchedBrowser, type RunningServer } from './support'

const PJU = SEED_CATEGORIES.find((c) => c.code === 'pju')!
const CODE_IN_URL = /\/laporan\/(MLG-[A-Z0-9]+)(?:$|\?)/

let server: RunningServer
let browser: LaunchedBrowser
const contexts: BrowserContext[] = []
let currentPage: Page | undefined

async function newPage() {
  const context = await browser.newContext()
  contexts.push(context)
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

async function fillReport(page: Page, description: string) {
  await page.getByLabel(t.reportForm.category, { exact: true }).selectOption({ label: PJU.nameId })
  await page.getByLabel(t.reportForm.description, { exact: true }).fill(description)
  await page.getByLabel(t.reportForm.kelurahan, { exact: true }).selectOption({ label: 'Kiduldalem' })
}
const submit = (page: Page) => page.getByRole('button', { name: t.reportForm.submit, exact: true }).click()

describe.skipIf(!browserAvailable())('a cheap phone on a bad network', () => {
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchBrowser({ javaScriptEnabled: true })])
  })
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await saveArtifacts(currentPage, `client-network-${context.task.name}`)
      saveServerOutput(server, 'client-network-server')
    }
  })
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('a 4000×3000 photo reaches the server at ≤ 1600 px, with a progress bar, and the report is filed', async () => {
    const page = await newPage()
    await page.goto(url('/lapor'))
    await waitForHydration(page)
    // Noise keeps the JPEG large (several MB), as a phone camera's is.
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#3a6', noise: { type: 'gaussian', mean: 120, sigma: 20 } } })
      .jpeg({ quality: 85 })
      .toBuffer()
    await fillReport(page, 'Lampu jalan mati, foto besar dari ponsel murah.')
    await page.getByLabel(t.reportForm.photos, { exact: true }).setInputFiles([{ name: 'kamera.jpg', mimeType: 'image/jpeg', buffer: big }])
    // Downscaled in place once chosen.
    await expect
      .poll(() => page.getByLabel(t.reportForm.photos, { exact: true }).evaluate((i: HTMLInputElement) => i.files?.[0]?.size ?? 0), { timeout: 20_000 })
      .toBeLessThan(big.length / 2)
    // A slow uplink (≈ 400 kbps) so the upload takes a few seconds and the bar is seen moving.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 50, downloadThroughput: -1, uploadThroughput: 50_000 })
    const uploaded = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/foto/unggah'))
    await submit(page)
    const bar = page.getByTestId('upload-progress')
    await bar.waitFor({ timeout: 10_000 })
    await expect.poll(() => bar.evaluate((p: HTMLProgressElement) => p.value), { timeout: 20_000 }).toBeGreaterThan(0)
    await page
      .getByRole('status')
      .filter({ hasText: /Mengirim foto… \d+%/ })
      .first()
      .waitFor()
    // What was sent: the input's photo (the upload sends it) is ≤ 1600 px, and the request body small.
    const dims = await page
      .getByLabel(t.reportForm.photos, { exact: true })
      .evaluate(async (i: HTMLInputElement) => createImageBitmap(i.files![0]!).then((b) => [b.width, b.height]))
    expect(Math.max(...dims)).toBeLessThanOrEqual(1600)
    const request = await uploaded
    await request.response()
    const requestBodySize = Number((await request.allHeaders())['content-length'])
    expect(requestBodySize).toBeGreaterThan(50_000)
    expect(requestBodySize).toBeLessThan(big.length / 2)
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    // Same ending as without JavaScript: the report's page, with its photo.
    await page.waitForURL(CODE_IN_URL, { timeout: 60_000 })
    await page.getByRole('img', { name: t.report.photoAlt.replace('{n}', '1') }).waitFor()
  })

  it('offline, the report is kept on the phone; back online it is sent once, and the link shown', async () => {
    const page = await newPage()
    await page.goto(url('/lapor'))
    await waitForHydration(page)
    await page.waitForFunction(() => navigator.serviceWorker.getRegistration().then(Boolean))
    const description = `Pohon tumbang, dikirim tanpa sinyal ${Date.now()}.`
    await fillReport(page, description)
    await page.context().setOffline(true)
    await submit(page)
    await page.getByText(t.offlineDrafts.saved).waitFor()
    // Kept, not lost: the form is empty for the next report, the page did not move.
    expect(page.url()).toBe(url('/lapor'))
    expect(await page.getByLabel(t.reportForm.description, { exact: true }).inputValue()).toBe('')
    await page.context().setOffline(false)
    const notice = page.getByTestId('draft-notices')
    await notice.waitFor({ timeout: 30_000 })
    const text = (await notice.textContent()) ?? ''
    const code = /Kode: (MLG-[A-Z0-9]+)/.exec(text)?.[1]
    expect(code, text).toBeTruthy()
    expect(text).toContain(fill(t.offlineDrafts.sent, { code: code! }))
    const privateLink = await notice.getByRole('link', { name: /\?t=/ }).getAttribute('href')
    expect(privateLink).toContain(`/laporan/${code}?t=`)
    await notice.getByRole('link', { name: t.offlineDrafts.openReport }).click()
    await page.waitForURL(CODE_IN_URL)
    await page.getByText(description).waitFor()
    // Sent once however it went (page and service worker both may send): one notice, no draft left.
    expect(text.match(/Kode: /g)).toHaveLength(1)
    expect(await page.evaluate(() => localStorage.getItem('melayani-drafts-waiting'))).toBeNull()
  })
})
