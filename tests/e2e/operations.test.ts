// Operations on the built server (ADR 014): one JSON log line per request with the
// request id, the Remix route id and the staff user id, never the private link's token;
// /metrics only with METRICS_TOKEN; db:backup refuses while the server runs and works after.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import {
  createPostgresDatabase,
  loginOverHttp,
  postgresAvailable,
  removeDir,
  ROOT,
  startServer,
  type FreshPostgresDatabase,
  type RunningServer,
} from './support'

const METRICS_TOKEN = 'e2e-metrics-token-0123456789abcdef'
const SECRET = 'PrivateLinkTokenNeverLogged123'

function logLines(server: RunningServer): Record<string, unknown>[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

async function lineFor(server: RunningServer, requestId: string) {
  for (let i = 0; i < 50; i++) {
    const line = logLines(server).find((l) => l.request_id === requestId)
    if (line) return line
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`no log line for ${requestId}:\n${server.output()}`)
}

describe('logs, metrics and backup on the built server', () => {
  let server: RunningServer

  beforeAll(async () => {
    server = await startServer({ env: { METRICS_TOKEN, RATE_LIMIT_LOGIN: 'off' } })
  })
  afterAll(async () => {
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('logs each request as one JSON line with its id, route, status, duration and staff user id', async () => {
    const page = await fetch(`${server.baseUrl}/lapor`, { headers: { 'X-Request-Id': 'e2e-lapor-1' } })
    expect(page.status).toBe(200)
    expect(page.headers.get('x-request-id')).toBe('e2e-lapor-1')
    expect(await lineFor(server, 'e2e-lapor-1')).toMatchObject({ method: 'GET', route: 'routes/lapor', path: '/lapor', status: 200 })

    const { cookie } = await loginOverHttp(server.baseUrl, 'pju@malang.demo', DEMO_PASSWORD)
    const queue = await fetch(`${server.baseUrl}/petugas`, { headers: { Cookie: cookie, 'X-Request-Id': 'e2e-queue-1' } })
    expect(queue.status).toBe(200)
    const line = await lineFor(server, 'e2e-queue-1')
    expect(line).toMatchObject({ route: 'routes/petugas._index', status: 200 })
    expect(line.user_id).toEqual(expect.any(Number))
    expect(line.duration_ms).toEqual(expect.any(Number))
  })

  it("never logs the private link's token", async () => {
    await fetch(`${server.baseUrl}/laporan/MLG-2026-999999?t=${SECRET}`, { headers: { 'X-Request-Id': 'e2e-private-1' } })
    await fetch(`${server.baseUrl}/laporan/MLG-2026-999999?t=${SECRET}&_data=routes%2Flaporan.%24code`, { headers: { 'X-Request-Id': 'e2e-private-2' } })
    expect(await lineFor(server, 'e2e-private-1')).toMatchObject({ route: 'routes/laporan.$code', path: '/laporan/MLG-2026-999999?[redacted]' })
    await lineFor(server, 'e2e-private-2')
    expect(server.output()).not.toContain(SECRET)
  })

  it('serves /metrics only with the bearer token', async () => {
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(401)
    const response = await fetch(`${server.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(response.status).toBe(200)
    const body = await response.text()
    expect(body).toMatch(/melayani_http_requests_total\{method="GET",route="routes\/lapor",status="200"\} \d+/)
    expect(body).toMatch(/melayani_http_request_duration_seconds_bucket\{le="0\.5",method="GET",route="routes\/lapor"\} \d+/)
    expect(body).toContain('melayani_db_connections{state="total"} 1')
    expect(body).toMatch(/melayani_outbox_messages\{status="pending"\} \d+/)
    expect(body).toContain('melayani_metrics_collect_ok 1')
    expect(body).not.toContain('MLG-2026-999999')
  })

  it('db:backup refuses while the server holds the database, and works once it stopped', async () => {
    const out = join(server.dataDir, 'backup.tar.gz')
    const env = { ...process.env, DATABASE_URL: server.databaseUrl, DATA_DIR: server.dataDir }
    const refused = spawnSync('npx', ['tsx', 'db/cli/backup.ts', '--out', out], { cwd: ROOT, env, encoding: 'utf8' })
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('in use by another process')
    expect(existsSync(out)).toBe(false)

    await server.stop()
    const done = spawnSync('npx', ['tsx', 'db/cli/backup.ts', '--out', out], { cwd: ROOT, env, encoding: 'utf8' })
    expect(done.status, done.stderr).toBe(0)
    expect(existsSync(out)).toBe(true)
  })
})

describe.skipIf(!postgresAvailable())('/metrics on PostgreSQL', () => {
  let database: FreshPostgresDatabase
  let server: RunningServer

  beforeAll(async () => {
    database = await createPostgresDatabase()
    server = await startServer({ databaseUrl: database.url, env: { METRICS_TOKEN } })
  })
  afterAll(async () => {
    await server?.stop()
    if (server) removeDir(server.dataDir)
    await database?.drop()
  })

  it("reports the pg pool's connections and the outbox", async () => {
    await fetch(`${server.baseUrl}/`)
    const response = await fetch(`${server.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(response.status).toBe(200)
    const body = await response.text()
    const total = Number(/melayani_db_connections\{state="total"\} (\d+)/.exec(body)?.[1])
    expect(total).toBeGreaterThanOrEqual(1)
    expect(body).toMatch(/melayani_db_connections\{state="waiting"\} 0/)
    expect(body).toContain('melayani_metrics_collect_ok 1')
  })
})
