// The built production server as an operator starts it: time to ready, first pages,
// demo login and cookie flags, the Origin check, the PGlite directory lock and a clean
// shutdown on SIGTERM; then the same start on a fresh PostgreSQL database.
import { existsSync } from 'node:fs'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import { id as t } from '~/i18n/id'
import {
  createPostgresDatabase,
  loginOverHttp,
  postgresAvailable,
  removeDir,
  sessionCookieFrom,
  spawnServer,
  startServer,
  type FreshPostgresDatabase,
  type RunningServer,
} from './support'

const readyTimes: Record<string, number> = {}

async function firstPages(server: RunningServer) {
  for (const path of ['/', '/lapor']) {
    const response = await fetch(`${server.baseUrl}${path}`, { signal: AbortSignal.timeout(5_000) })
    const html = await response.text()
    expect(response.status, `GET ${path}`).toBe(200)
    expect(html).toContain(t.home.reportButton) // "Laporkan masalah": button on /, heading on /lapor
    expect(html).toContain('<html lang="id"')
  }
  const sinceReady = performance.now() - server.readyAt
  expect(sinceReady, 'GET / and /lapor answered within 5 s of "listening"').toBeLessThan(5_000)
}

async function demoLogin(server: RunningServer) {
  const { response, cookie } = await loginOverHttp(server.baseUrl, 'pju@malang.demo', DEMO_PASSWORD)
  expect(response.status).toBe(302)
  expect(response.headers.get('location')).toBe('/petugas')
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('__session='))
  expect(setCookie).toBeDefined()
  expect(setCookie).toMatch(/;\s*HttpOnly/i)
  expect(setCookie).toMatch(/;\s*SameSite=Lax/i)
  // The session works: the queue opens.
  const queue = await fetch(`${server.baseUrl}/petugas`, { headers: { Cookie: cookie }, redirect: 'manual' })
  expect(queue.status).toBe(200)
  expect(await queue.text()).toContain(t.staff.queueHeading)
  return cookie
}

describe('start-up on a fresh PGlite directory', () => {
  let server: RunningServer
  let cookie = ''

  beforeAll(async () => {
    server = await startServer()
    readyTimes.pglite = server.readyMs
    console.log(`startup: PGlite server ready in ${(server.readyMs / 1000).toFixed(1)} s (spawn → "listening", DEMO_REPORTS=100)`)
  })

  afterAll(async () => {
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('serves / and /lapor in Indonesian within 5 s of listening', async () => {
    await firstPages(server)
  })

  it('logs a demo officer in over HTTP with an HttpOnly SameSite=Lax session cookie', async () => {
    cookie = await demoLogin(server)
  })

  it('rejects a wrong password with 401 and no session', async () => {
    const response = await fetch(`${server.baseUrl}/masuk`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: server.baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'pju@malang.demo', password: 'wrong-password' }),
    })
    expect(response.status).toBe(401)
    expect(sessionCookieFrom(response)).toBeNull()
  })

  const form = { 'Content-Type': 'application/x-www-form-urlencoded' }
  const FOREIGN = 'https://evil.example'

  /** A report in the officer's queue and its current version. */
  async function queuedReport() {
    const queue = await (await fetch(`${server.baseUrl}/petugas`, { headers: { Cookie: cookie } })).text()
    const code = /href="\/petugas\/laporan\/(MLG-[A-Z0-9]+)"/.exec(queue)?.[1]
    expect(code, 'a report in the PJU queue').toBeDefined()
    const page = await (await fetch(`${server.baseUrl}/petugas/laporan/${code}`, { headers: { Cookie: cookie } })).text()
    return { code: code!, version: /name="version" value="(\d+)"/.exec(page)?.[1] ?? '1' }
  }

  async function staffNote(code: string, version: string, body: string, origin: string | undefined) {
    return fetch(`${server.baseUrl}/petugas/laporan/${code}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...form, Cookie: cookie, ...(origin ? { Origin: origin } : {}) },
      body: new URLSearchParams({ intent: 'internal_note', version, body }),
    })
  }

  it('answers 403 to POST /keluar without an Origin or from a foreign Origin', async () => {
    const noOrigin = await fetch(`${server.baseUrl}/keluar`, { method: 'POST', redirect: 'manual', headers: { ...form, Cookie: cookie }, body: '' })
    expect(noOrigin.status).toBe(403)
    const foreign = await fetch(`${server.baseUrl}/keluar`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...form, Cookie: cookie, Origin: FOREIGN },
      body: '',
    })
    expect(foreign.status).toBe(403)
    // The session survived both.
    expect((await fetch(`${server.baseUrl}/petugas`, { headers: { Cookie: cookie }, redirect: 'manual' })).status).toBe(200)
  })

  it('answers 403 to a staff action without an Origin, and does not apply it', async () => {
    const { code, version } = await queuedReport()
    const response = await staffNote(code, version, 'note without origin', undefined)
    expect(response.status).toBe(403)
    const after = await (await fetch(`${server.baseUrl}/petugas/laporan/${code}`, { headers: { Cookie: cookie } })).text()
    expect(after).not.toContain('note without origin')
  })

  it('refuses a staff action and a login from a foreign Origin without effect', async () => {
    const { code, version } = await queuedReport()
    const action = await staffNote(code, version, 'cross-site note', FOREIGN)
    expect(action.status, 'refused').toBeGreaterThanOrEqual(400)
    const after = await (await fetch(`${server.baseUrl}/petugas/laporan/${code}`, { headers: { Cookie: cookie } })).text()
    expect(after).not.toContain('cross-site note')

    const login = await fetch(`${server.baseUrl}/masuk`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...form, Origin: FOREIGN },
      body: new URLSearchParams({ email: 'pju@malang.demo', password: DEMO_PASSWORD }),
    })
    expect(login.status, 'refused').toBeGreaterThanOrEqual(400)
    expect(sessionCookieFrom(login)).toBeNull()
  })

  it('refuses a body larger than any form accepts with 413, before reading it', async () => {
    const { hostname, port } = new URL(server.baseUrl)
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({
        hostname,
        port,
        path: '/lapor',
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(40 * 1024 * 1024), Origin: server.baseUrl },
      })
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0)
        req.destroy()
      })
      req.on('error', reject)
      req.flushHeaders()
    })
    expect(status).toBe(413)
  })

  it('answers 403 (not 500) to page-route POSTs from a foreign Origin', async () => {
    const { code, version } = await queuedReport()
    const action = await staffNote(code, version, 'cross-site note 2', FOREIGN)
    expect(action.status).toBe(403)
    const login = await fetch(`${server.baseUrl}/masuk`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...form, Origin: FOREIGN },
      body: new URLSearchParams({ email: 'pju@malang.demo', password: DEMO_PASSWORD }),
    })
    expect(login.status).toBe(403)
  })

  it('logs out with a same-origin POST /keluar', async () => {
    const logout = await fetch(`${server.baseUrl}/keluar`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...form, Cookie: cookie, Origin: server.baseUrl },
      body: '',
    })
    expect(logout.status).toBe(302)
    const afterLogout = await fetch(`${server.baseUrl}/petugas`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(afterLogout.status).toBe(302)
    expect(afterLogout.headers.get('location')).toMatch(/^\/masuk/)
  })

  it('a second server on the same PGlite directory exits non-zero with a clear error', async () => {
    const second = await spawnServer({ databaseUrl: server.databaseUrl, dataDir: server.dataDir })
    const exit = await Promise.race([
      second.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the second server kept running:\n${second.output()}`)), 60_000)),
    ]).finally(() => second.stop(1000))
    expect(exit.code, second.output()).not.toBe(0)
    expect(exit.code).not.toBeNull()
    expect(second.output()).toContain('in use by another process')
    // The first server is unaffected and still holds its lock.
    expect(existsSync(`${server.databaseUrl}.lock`)).toBe(true)
    expect((await fetch(`${server.baseUrl}/`)).status).toBe(200)
  })

  it('SIGTERM stops the server within 5 s with exit code 0 and releases the lock', async () => {
    const lock = `${server.databaseUrl}.lock`
    expect(existsSync(lock)).toBe(true)
    const sent = performance.now()
    server.process.kill('SIGTERM')
    const exit = await Promise.race([
      server.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no exit within 5 s of SIGTERM:\n${server.output()}`)), 5_000)),
    ])
    const ms = performance.now() - sent
    console.log(`startup: SIGTERM → exit in ${ms.toFixed(0)} ms (code ${exit.code})`)
    expect(exit.code, server.output()).toBe(0)
    expect(ms).toBeLessThan(5_000)
    expect(existsSync(lock)).toBe(false)
  })
})

describe.skipIf(!postgresAvailable())('start-up on a fresh PostgreSQL database', () => {
  let database: FreshPostgresDatabase
  let server: RunningServer

  beforeAll(async () => {
    database = await createPostgresDatabase()
    server = await startServer({ databaseUrl: database.url })
    readyTimes.postgres = server.readyMs
    console.log(
      `startup: PostgreSQL server ready in ${(server.readyMs / 1000).toFixed(1)} s (spawn → "listening", DEMO_REPORTS=100, database ${database.name})`,
    )
  })

  afterAll(async () => {
    const exit = await server?.stop()
    if (server) removeDir(server.dataDir)
    await database?.drop()
    if (exit) expect(exit.code).toBe(0)
  })

  it('says it runs on PostgreSQL', () => {
    expect(server.output()).toMatch(/database: postgres/)
  })

  it('serves / and /lapor in Indonesian within 5 s of listening', async () => {
    await firstPages(server)
  })

  it('logs a demo officer in over HTTP with an HttpOnly SameSite=Lax session cookie', async () => {
    await demoLogin(server)
  })
})

afterAll(() => {
  const parts = Object.entries(readyTimes).map(([kind, ms]) => `${kind} ${(ms / 1000).toFixed(1)} s`)
  if (parts.length) console.log(`startup: ready times: ${parts.join(', ')}`)
})
