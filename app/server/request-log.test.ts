import express from 'express'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLogger, useLoggerForTests } from '../utils/logger.server'
import { metrics, resetMetricsForTests } from '../utils/metrics.server'
import { noteRequestUser } from '../utils/request-context.server'
import { loggablePath, requestLog } from './request-log'

let lines: Record<string, unknown>[] = []
let base = ''
let close: () => void

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  useLoggerForTests(createLogger(sink, 'info'))
  const app = express()
  app.use(requestLog((pathname) => (pathname.startsWith('/laporan/') ? 'routes/laporan.$code' : 'routes/other')))
  // Stands in for a loader that resolves the staff session after an await.
  app.get('/staf', async (_req, res) => {
    await new Promise((r) => setTimeout(r, 5))
    noteRequestUser(42)
    res.status(200).send('ok')
  })
  app.get('/laporan/:code', (_req, res) => res.status(200).send('report'))
  app.get('/boom', (_req, res) => res.status(500).send('no'))
  const server = app.listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  close = () => server.close()
})
afterAll(() => close())
beforeEach(() => {
  lines = []
  resetMetricsForTests()
})

async function waitForLines(n: number) {
  for (let i = 0; i < 100 && lines.length < n; i++) await new Promise((r) => setTimeout(r, 10))
}

describe('request log', () => {
  it('writes one JSON line per request with id, route, status, duration and user id', async () => {
    const response = await fetch(`${base}/staf?page=2`)
    expect(response.status).toBe(200)
    await waitForLines(1)
    expect(lines).toHaveLength(1)
    const line = lines[0]!
    const requestId = response.headers.get('x-request-id')
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      request_id: requestId,
      method: 'GET',
      route: 'routes/other',
      path: '/staf?page=2',
      status: 200,
      user_id: 42,
    })
    expect(typeof line.duration_ms).toBe('number')
    expect(line.duration_ms as number).toBeGreaterThanOrEqual(4)
    expect(typeof line.time).toBe('string')
  })

  it('keeps a well-formed incoming X-Request-Id and replaces a malformed one', async () => {
    const kept = await fetch(`${base}/staf`, { headers: { 'X-Request-Id': 'proxy-abc.123' } })
    expect(kept.headers.get('x-request-id')).toBe('proxy-abc.123')
    const replaced = await fetch(`${base}/staf`, { headers: { 'X-Request-Id': 'bad id <script>' } })
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    await waitForLines(2)
    expect(lines.map((l) => l.request_id)).toEqual(['proxy-abc.123', replaced.headers.get('x-request-id')])
  })

  it("never writes the private link's token", async () => {
    const secret = 'Zk3uN9secretTOKENvalue'
    await fetch(`${base}/laporan/MLG-2026-000123?t=${secret}&lang=en`)
    await fetch(`${base}/berhenti?t=${secret}`)
    await waitForLines(2)
    const output = JSON.stringify(lines)
    expect(output).not.toContain(secret)
    expect(lines[0]).toMatchObject({ route: 'routes/laporan.$code', path: '/laporan/MLG-2026-000123?[redacted]' })
    expect(lines[1]).toMatchObject({ path: '/berhenti?t=%5Bredacted%5D' })
    expect(lines[0]).not.toHaveProperty('user_id')
  })

  it('logs 5xx at error level and counts requests by route label, not by URL', async () => {
    await fetch(`${base}/boom`)
    await fetch(`${base}/laporan/A?t=1`)
    await fetch(`${base}/laporan/B?t=2`)
    await waitForLines(3)
    expect(lines[0]).toMatchObject({ level: 'error', status: 500 })
    const text = await metrics().registry.metrics()
    expect(text).toContain('melayani_http_requests_total{method="GET",route="routes/laporan.$code",status="200"} 2')
    expect(text).not.toContain('/laporan/A')
  })
})

describe('loggablePath', () => {
  it('drops the query of the reporter pages and secret parameters elsewhere', () => {
    expect(loggablePath('/laporan/X?t=abc')).toBe('/laporan/X?[redacted]')
    expect(loggablePath('/laporan?kode=X')).toBe('/laporan?[redacted]')
    expect(loggablePath('/cari?q=jalan&token=abc')).toBe('/cari?q=jalan&token=%5Bredacted%5D')
    expect(loggablePath('/staf')).toBe('/staf')
  })
})
