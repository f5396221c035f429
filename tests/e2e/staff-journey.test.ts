// Issue 7 §4: one journey across admin, citizen and a newly invited officer on one server,
// in headless Chromium at 360 px. The admin creates a unit, a category routed to it (whole
// jurisdiction) and invites the unit's officer and supervisor; a citizen files two reports
// in that category (with JavaScript, then without); the supervisor keeps a response template
// (only supervisors/inspectors/admins with a unit may, so the admin's account cannot); the
// officer opens the e-mailed link, sets a password, claims the report, inserts the template
// into a public update and resolves it with an "after" photo; the public page shows it.
// axe (serious/critical) and the 360 px width are checked on every page visited with JavaScript.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import { STATUS_LABELS } from '~/domain/report-status'
import { fill } from '~/i18n'
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

const a = t.adminRef
const hasBrowser = browserAvailable()
const stamp = Date.now().toString(36)
const UNIT = `UPT Taman Kota ${stamp}`
const CATEGORY = `Lampu taman ${stamp}`
const KELURAHAN = 'Arjosari'
const OFFICER = { name: `Petugas Taman ${stamp}`, email: `petugas.taman.${stamp}@contoh.test`, password: 'sandi-petugas-taman-2026' }
const SUPERVISOR = { name: `Kepala Taman ${stamp}`, email: `kepala.taman.${stamp}@contoh.test`, password: 'sandi-kepala-taman-2026' }
const TEMPLATE = { title: `Jadwal perbaikan taman ${stamp}`, body: 'Tim taman kota akan memeriksa lampu dalam 2 hari kerja.' }
const RESOLVE_NOTE = `Lampu taman sudah diganti dan menyala. [${stamp}]`
const CODE_IN_URL = /\/laporan\/(MLG-[A-Z0-9]+)(?:$|\?)/
const MAIL_WAIT_MS = 30_000
const VIEWPORT_WIDTH = 360

let server: RunningServer
let browser: LaunchedBrowser
const contexts: BrowserContext[] = []
let currentPage: Page | undefined
let admin: Page
let code = ''
let photoPath = ''

const url = (path: string) => `${server.baseUrl}${path}`
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 })
const statusBadge = (page: Page) => page.locator('dl.details .status').first()

async function newPage(javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled })
  contexts.push(context)
  currentPage = await context.newPage()
  return currentPage
}

/** axe runs as page script, so only with JavaScript (same markup); the width is checked either way. */
async function expectGood(page: Page, what: string, javaScriptEnabled = true) {
  currentPage = page
  if (javaScriptEnabled) {
    const violations = await checkA11y(page)
    expect(violations, `axe serious/critical on ${what}:\n${formatViolations(violations)}`).toEqual([])
  }
  expect(await scrollWidth(page), `document wider than ${VIEWPORT_WIDTH} px on ${what}`).toBeLessThanOrEqual(VIEWPORT_WIDTH)
}

/** Polls DATA_DIR/mail for the .eml to `to` (the mail is written by a job, not by the request). */
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
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`no mail to ${to} within ${MAIL_WAIT_MS / 1000} s`)
}

/** Opens the invitation link of `person`, sets the password; the page is then signed in on /petugas. */
async function acceptInvitation(person: { email: string; password: string }) {
  const mail = await waitForMail(person.email)
  const link = /https?:\/\/\S+\/akun\/sandi\?t=[A-Za-z0-9_%-]+/.exec(mail.text)?.[0]
  expect(link, `no set-password link in:\n${mail.text}`).toBeDefined()
  const page = await newPage()
  await page.goto(link!.replace(/^https?:\/\/[^/]+/, server.baseUrl))
  await poll(() => page.locator('h1').textContent()).toBe(t.setPassword.heading)
  await expectGood(page, '/akun/sandi')
  await page.getByLabel(t.setPassword.password, { exact: true }).fill(person.password)
  await page.getByLabel(t.setPassword.repeat, { exact: true }).fill(person.password)
  await page.getByRole('button', { name: t.setPassword.submit, exact: true }).click()
  await page.waitForURL((u) => u.pathname === '/petugas')
  return page
}

async function fillReport(page: Page, description: string) {
  await page.goto(url('/lapor'))
  await page.getByLabel(t.reportForm.category, { exact: true }).selectOption({ label: CATEGORY })
  await page.getByLabel(t.reportForm.description, { exact: true }).fill(description)
  await page.getByLabel(t.reportForm.kelurahan, { exact: true }).selectOption({ label: KELURAHAN })
}

/** Submits /lapor and returns the new code, past "Mungkin sudah dilaporkan" (ADR 022) if it comes. */
async function submitReport(page: Page, javaScriptEnabled: boolean): Promise<string> {
  await page.getByRole('button', { name: t.reportForm.submit, exact: true }).click()
  const step = page.getByTestId('nearby-step')
  await Promise.race([page.waitForURL(CODE_IN_URL).catch(() => undefined), step.waitFor().catch(() => undefined)])
  if (!CODE_IN_URL.test(page.url())) {
    await expectGood(page, '/lapor "Mungkin sudah dilaporkan"', javaScriptEnabled)
    await step.getByRole('button', { name: t.citizen.nearbyConfirmNew, exact: true }).click()
    await page.waitForURL(CODE_IN_URL)
  }
  await page.getByText(t.report.createdHeading).waitFor()
  return CODE_IN_URL.exec(page.url())![1]!
}

describe.skipIf(!hasBrowser)('admin, citizen and a newly invited officer at 360 px', () => {
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer({ env: { DEMO_REPORTS: '0' } }), launchBrowser({ javaScriptEnabled: true })])
    photoPath = join(server.dataDir, 'after.jpg')
    await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 180, b: 90 } } })
      .jpeg()
      .toFile(photoPath)
  }, 300_000)

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await saveArtifacts(currentPage, `staff-journey-${context.task.name}`)
      saveServerOutput(server, 'staff-journey-server')
    }
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('the admin creates a unit, a category routed to it, and invites its officer and supervisor', async () => {
    admin = await newPage()
    await admin.goto(url('/masuk'))
    await expectGood(admin, '/masuk')
    await admin.getByLabel(t.login.email, { exact: true }).fill('admin@malang.demo')
    await admin.getByLabel(t.login.password, { exact: true }).fill(DEMO_PASSWORD)
    await admin.getByRole('button', { name: t.login.submit, exact: true }).click()
    await admin.waitForURL((u) => u.pathname !== '/masuk')

    await admin.goto(url('/admin/unit'))
    await expectGood(admin, '/admin/unit')
    await admin.getByLabel(a.unitName, { exact: true }).fill(UNIT)
    await admin.getByLabel(a.unitShortName, { exact: true }).fill(`Taman ${stamp}`)
    await admin.getByLabel(a.unitKind, { exact: true }).selectOption('upt')
    await admin.getByRole('button', { name: a.create, exact: true }).click()
    await admin.waitForURL(/\/admin\/unit\/\d+/)
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toBe(UNIT)
    await expectGood(admin, 'the new unit')

    await admin.goto(url('/admin/kategori/baru'))
    await admin.getByLabel(a.categoryCode, { exact: true }).fill(`taman_${stamp}`)
    await admin.getByLabel(a.nameId, { exact: true }).fill(CATEGORY)
    await admin.getByLabel(a.nameEn, { exact: true }).fill(`Park light ${stamp}`)
    await admin.getByLabel(a.descriptionId, { exact: true }).fill('Lampu di taman kota mati.')
    await admin.getByLabel(a.descriptionEn, { exact: true }).fill('A park light is out.')
    await admin.getByLabel(a.groupCode, { exact: true }).fill('infrastruktur')
    await admin.getByLabel(a.responseTarget, { exact: true }).fill('24')
    await admin.getByLabel(a.resolutionTarget, { exact: true }).fill('5')
    await expectGood(admin, '/admin/kategori/baru')
    await admin.getByRole('button', { name: a.create, exact: true }).click()
    await admin.waitForURL(/\/admin\/kategori\/\d+/)

    await admin.goto(url('/admin/rute'))
    const rule = admin.locator('#form-rule-new')
    await rule.locator('select[name=categoryId]').selectOption({ label: CATEGORY })
    await rule.locator('select[name=scope]').selectOption('jurisdiction')
    await rule.locator('select[name=unitId]').selectOption({ label: UNIT })
    await rule.getByRole('button', { name: a.save, exact: true }).click()
    await admin.getByRole('status').filter({ hasText: a.saved }).waitFor()
    await expectGood(admin, '/admin/rute')

    for (const [person, role] of [
      [OFFICER, 'officer'],
      [SUPERVISOR, 'supervisor'],
    ] as const) {
      await admin.goto(url('/admin/staf'))
      const invite = admin.locator('form#form-invite')
      await invite.getByLabel(t.staffAdmin.name, { exact: true }).fill(person.name)
      await invite.getByLabel(t.staffAdmin.email, { exact: true }).fill(person.email)
      await invite.getByLabel(t.staffAdmin.role, { exact: true }).selectOption(role)
      await invite.getByLabel(t.staffAdmin.unit, { exact: true }).selectOption({ label: UNIT })
      await invite.getByRole('button', { name: t.staffAdmin.invite, exact: true }).click()
      await poll(() => admin.locator('.notice.success').textContent()).toContain(person.email)
    }
    await expectGood(admin, '/admin/staf after the invitations')
  }, 180_000)

  it('a citizen files a report in the new category with JavaScript, and a second one without', async () => {
    const withJs = await newPage()
    await fillReport(withJs, `Lampu taman di dekat Terminal Arjosari mati sejak kemarin. [js ${stamp}]`)
    await expectGood(withJs, '/lapor')
    code = await submitReport(withJs, true)
    await expectGood(withJs, `/laporan/${code} (just filed)`)

    const withoutJs = await newPage(false)
    await fillReport(withoutJs, `Dua lampu taman di gang Arjosari berkedip tiap malam. [nojs ${stamp}]`)
    const second = await submitReport(withoutJs, false)
    expect(second).not.toBe(code)
    expect(await scrollWidth(withoutJs), 'the no-JS report page is wider than 360 px').toBeLessThanOrEqual(VIEWPORT_WIDTH)
  }, 120_000)

  it('the supervisor keeps a template; the new officer claims, uses it and resolves with an after photo', async () => {
    const supervisor = await acceptInvitation(SUPERVISOR)
    await supervisor.goto(url('/petugas/templat'))
    await poll(() => supervisor.locator('h1').textContent()).toBe(t.officer.templatesHeading)
    const form = supervisor.locator('form#template-new')
    await form.getByLabel(t.officer.templateTitle, { exact: true }).fill(TEMPLATE.title)
    await form.getByLabel(t.officer.templateBody, { exact: true }).fill(TEMPLATE.body)
    await form.getByRole('button', { name: t.officer.templateAdd, exact: true }).click()
    await supervisor.getByRole('status').filter({ hasText: t.officer.templateSaved }).waitFor()
    await expectGood(supervisor, '/petugas/templat')

    const officer = await acceptInvitation(OFFICER)
    await expectGood(officer, '/petugas')
    await officer.getByRole('link', { name: code, exact: true }).click()
    await officer.waitForURL((u) => u.pathname === `/petugas/laporan/${code}`)
    await poll(() => statusBadge(officer).textContent()).toBe(STATUS_LABELS.submitted.id)
    await expectGood(officer, `/petugas/laporan/${code}`)

    await officer.getByRole('button', { name: t.officer.claim, exact: true }).click()
    await poll(() => officer.locator('dl.details').textContent()).toContain(OFFICER.name)
    await officer.getByRole('button', { name: t.staff.start, exact: true }).click()
    await poll(() => statusBadge(officer).textContent()).toBe(STATUS_LABELS.in_progress.id)

    await officer.getByLabel(t.officer.templatePick, { exact: true }).selectOption({ label: TEMPLATE.title })
    const update = officer.getByLabel(t.staff.publicUpdateLabel, { exact: true })
    await poll(() => update.inputValue()).toBe(TEMPLATE.body)
    await officer.getByRole('button', { name: t.staff.publicUpdate, exact: true }).click()
    await poll(() => officer.locator('ol.timeline').textContent()).toContain(TEMPLATE.body)

    await officer.getByLabel(t.staff.resolveNote, { exact: true }).fill(RESOLVE_NOTE)
    await officer.getByLabel(t.officer.afterPhotos, { exact: true }).setInputFiles(photoPath)
    await officer.getByRole('button', { name: t.staff.resolve, exact: true }).click()
    await poll(() => statusBadge(officer).textContent()).toBe(STATUS_LABELS.resolved.id)
    await officer.getByRole('heading', { name: t.officer.afterPhotosHeading }).waitFor()
    await expectGood(officer, `/petugas/laporan/${code} (resolved)`)
  }, 240_000)

  it('the public page shows the resolution, the template update and the after photo', async () => {
    const page = await newPage()
    const response = await page.goto(url(`/laporan/${code}`))
    expect(response?.status()).toBe(200)
    await poll(() => statusBadge(page).textContent()).toBe(STATUS_LABELS.resolved.id)
    const timeline = (await page.locator('ol.timeline').textContent()) ?? ''
    expect(timeline).toContain(RESOLVE_NOTE)
    expect(timeline).toContain(TEMPLATE.body)
    await page.getByRole('heading', { name: t.officer.afterPhotosHeading }).waitFor()
    const photo = page.getByRole('img', { name: fill(t.officer.afterPhotoAlt, { n: 1 }), exact: true })
    const src = (await photo.getAttribute('src')) ?? ''
    const served = await fetch(url(src))
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    await expectGood(page, `/laporan/${code} (public, resolved)`)
  }, 60_000)
})
