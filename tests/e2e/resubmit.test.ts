// Without JavaScript, a citizen who goes Back to /lapor and sends the same report again
// gets the report already filed, not a duplicate: the page comes back with a new key
// (it is never cached), but the same browser sends the same content (issue 5, section 4).
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SEED_CATEGORIES } from '#db/seed-data/categories'
import { id as t } from '~/i18n/id'
import { browserAvailable, launchBrowser, removeDir, saveArtifacts, saveServerOutput, startServer, type LaunchedBrowser, type RunningServer } from './support'

const PJU = SEED_CATEGORIES.find((c) => c.code === 'pju')!
const CODE_IN_URL = /\/laporan\/(MLG-[A-Z0-9]+)(?:$|\?)/

let server: RunningServer
let browser: LaunchedBrowser
let page: Page | undefined

async function fillAndSubmit(p: Page, description: string) {
  await p.getByLabel(t.reportForm.category, { exact: true }).selectOption({ label: PJU.nameId })
  await p.getByLabel(t.reportForm.description, { exact: true }).fill(description)
  await p.getByLabel(t.reportForm.kelurahan, { exact: true }).selectOption({ label: 'Arjosari' })
  await p.getByLabel(t.reportForm.name, { exact: true }).fill('Warga Arjosari')
  await p.getByRole('button', { name: t.reportForm.submit, exact: true }).click()
  // Another report of the same kind nearby gets "Mungkin sudah dilaporkan" first (ADR 022); a resubmit never does.
  if (!CODE_IN_URL.test(p.url()) && (await p.getByTestId('nearby-step').count())) {
    await p.getByRole('button', { name: t.citizen.nearbyConfirmNew }).click()
  }
  await p.waitForURL(CODE_IN_URL)
  return CODE_IN_URL.exec(p.url())![1]!
}

describe.skipIf(!browserAvailable())('no-JS resubmit', () => {
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchBrowser({ javaScriptEnabled: false })])
  })
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await saveArtifacts(page, `resubmit-${context.task.name}`)
      saveServerOutput(server, 'resubmit-server')
    }
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('Back to /lapor and the same report again lands on the report already filed', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    page = await context.newPage()
    const form = await page.goto(`${server.baseUrl}/lapor`)
    expect(form?.headers()['cache-control']).toMatch(/no-store/)
    const firstKey = await page.locator('input[name=idempotencyKey]').inputValue()
    const description = `Lampu jalan depan pos ronda mati total sejak Senin. [resubmit ${Date.now().toString(36)}]`
    const first = await fillAndSubmit(page, description)

    // The form comes back from the server (not from a cache): a new key.
    await page.goBack()
    await page.waitForURL((u) => u.pathname === '/lapor')
    await page.reload()
    expect(await page.locator('input[name=idempotencyKey]').inputValue()).not.toBe(firstKey)
    const again = await fillAndSubmit(page, description)
    expect(again).toBe(first)
    // The reporter still gets a working private link on the confirmation.
    await page.getByText(t.report.createdHeading).waitFor()
    const link = (await page.locator('a[data-testid=private-link]').getAttribute('href')) ?? ''
    expect(link).toMatch(new RegExp(`/laporan/${first}\\?t=`))

    // Another report (other content) from the same browser is filed normally.
    await page.goto(`${server.baseUrl}/lapor`)
    const other = await fillAndSubmit(page, `${description} Juga lampu di ujung gang.`)
    expect(other).not.toBe(first)
    await context.close()
  })
})
