// Staff administration in the browser at 360 px (issue 7 §2): the Malang admin invites an
// officer, the invitation e-mail (an .eml under DATA_DIR/mail) carries the one-time link,
// the officer sets a password through it and is signed in, then signs in again at /masuk.
// axe runs on every page of this branch: /admin/staf, /admin/staf/{id}, /admin/kunci-api,
// /admin/audit and /akun/sandi.
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import { id as t } from '~/i18n/id'
import { parseEml } from '~/notify/mailbox.server'
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

const hasBrowser = browserAvailable()
const MAIL_WAIT_MS = 30_000
const NEW_PASSWORD = 'sandi-petugas-baru-2026'

let server: RunningServer
let browser: LaunchedBrowser
let currentPage: Page | undefined

const url = (path: string) => `${server.baseUrl}${path}`
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function expectAccessible(page: Page, what: string) {
  const violations = await checkA11y(page)
  expect(violations, `axe serious/critical on ${what}:\n${formatViolations(violations)}`).toEqual([])
  // Wide tables scroll inside their own box; the page itself fits the phone.
  expect(await scrollWidth(page), `document wider than 360 px on ${what}`).toBeLessThanOrEqual(360)
}

async function waitForMail(to: string) {
  const dir = join(server.dataDir, 'mail')
  const started = performance.now()
  while (performance.now() - started < MAIL_WAIT_MS) {
    let names: string[] = []
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.eml'))
    } catch {
      // no mail yet
    }
    for (const name of names) {
      const mail = parseEml(readFileSync(join(dir, name), 'utf8'))
      if (mail.to.includes(to)) return mail
    }
    await sleep(200)
  }
  throw new Error(`no mail to ${to} within ${MAIL_WAIT_MS / 1000} s`)
}

describe.skipIf(!hasBrowser)('staff administration at 360 px', () => {
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer({ env: { DEMO_REPORTS: '0' } }), launchBrowser({ javaScriptEnabled: true })])
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('an admin invites an officer; the e-mailed link sets a password; the officer signs in', async () => {
    const email = `petugas-${randomUUID().slice(0, 8)}@contoh.test`
    try {
      const adminContext = await browser.newContext()
      const page = (currentPage = await adminContext.newPage())
      await page.goto(url('/masuk'))
      await page.getByLabel(t.login.email, { exact: true }).fill('admin@malang.demo')
      await page.getByLabel(t.login.password, { exact: true }).fill(DEMO_PASSWORD)
      await page.getByRole('button', { name: t.login.submit, exact: true }).click()
      await page.waitForURL((u) => u.pathname !== '/masuk')

      await page.goto(url('/admin/staf'))
      await expect.poll(() => page.locator('h1').textContent()).toBe(t.staffAdmin.heading)
      await expectAccessible(page, '/admin/staf')
      // The filter form above has "Peran" and "Unit" too: work inside the invitation form.
      const invite = page.locator('form#form-invite')
      await invite.getByLabel(t.staffAdmin.name, { exact: true }).fill('Petugas Undangan')
      await invite.getByLabel(t.staffAdmin.email, { exact: true }).fill(email)
      await invite.getByLabel(t.staffAdmin.role, { exact: true }).selectOption('officer')
      await invite.getByLabel(t.staffAdmin.unit, { exact: true }).selectOption({ index: 1 })
      await invite.getByRole('button', { name: t.staffAdmin.invite, exact: true }).click()
      await expect.poll(() => page.locator('.notice.success').textContent(), { timeout: 20_000 }).toContain(email)
      await expectAccessible(page, '/admin/staf after an invitation')

      await page.getByRole('link', { name: 'Petugas Undangan', exact: true }).click()
      await expect.poll(() => page.locator('h1').textContent()).toContain('Petugas Undangan')
      await expectAccessible(page, '/admin/staf/{id}')
      await page.goto(url('/admin/kunci-api'))
      await expectAccessible(page, '/admin/kunci-api')
      await page.goto(url('/admin/audit'))
      await expect.poll(() => page.locator('table').textContent()).toContain(t.audit.kinds.invite_sent)
      await expectAccessible(page, '/admin/audit')

      const mail = await waitForMail(email)
      const link = /https?:\/\/\S+\/akun\/sandi\?t=[A-Za-z0-9_%-]+/.exec(mail.text)?.[0]
      expect(link, `no set-password link in:\n${mail.text}`).toBeDefined()

      const officerContext = await browser.newContext()
      const officer = (currentPage = await officerContext.newPage())
      await officer.goto(link!.replace(/^https?:\/\/[^/]+/, server.baseUrl))
      await expect.poll(() => officer.locator('h1').textContent()).toBe(t.setPassword.heading)
      await expectAccessible(officer, '/akun/sandi')
      await officer.getByLabel(t.setPassword.password, { exact: true }).fill(NEW_PASSWORD)
      await officer.getByLabel(t.setPassword.repeat, { exact: true }).fill(NEW_PASSWORD)
      await officer.getByRole('button', { name: t.setPassword.submit, exact: true }).click()
      await officer.waitForURL((u) => u.pathname === '/petugas')

      // The link works once: opened again it says so.
      await officer.goto(link!.replace(/^https?:\/\/[^/]+/, server.baseUrl))
      await expect.poll(() => officer.locator('.notice.error').textContent()).toBe(t.setPassword.used)
      await expectAccessible(officer, '/akun/sandi (used link)')

      // Signs in with the new password on a fresh browser.
      const again = (currentPage = await (await browser.newContext()).newPage())
      await again.goto(url('/masuk'))
      await again.getByLabel(t.login.email, { exact: true }).fill(email)
      await again.getByLabel(t.login.password, { exact: true }).fill(NEW_PASSWORD)
      await again.getByRole('button', { name: t.login.submit, exact: true }).click()
      await again.waitForURL((u) => u.pathname === '/petugas')
    } catch (error) {
      await saveArtifacts(currentPage, 'admin-staff')
      saveServerOutput(server, 'admin-staff')
      throw error
    }
  }, 180_000)
})
