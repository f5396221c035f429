import express from 'express'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { metricsEndpoint } from './metrics-endpoint'

const TOKEN = 'metrics-token-for-tests-0123456789'
let base = ''
let baseWithout = ''
const servers: { close(): void }[] = []

async function serve(token: string | null) {
  const app = express()
  app.use(metricsEndpoint(token, async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'melayani_up 1\n' })))
  app.use((_req, res) => res.status(404).send('not found'))
  const server = app.listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  servers.push(server)
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

beforeAll(async () => {
  base = await serve(TOKEN)
  baseWithout = await serve(null)
})
afterAll(() => servers.forEach((s) => s.close()))

describe('/metrics', () => {
  it('answers with the metrics only for the bearer token', async () => {
    const ok = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toContain('text/plain')
    expect(await ok.text()).toBe('melayani_up 1\n')
  })

  it('refuses a missing or wrong token with 401', async () => {
    const none = await fetch(`${base}/metrics`)
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toContain('Bearer')
    expect(await none.text()).not.toContain('melayani_up')
    const wrong = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}x` } })
    expect(wrong.status).toBe(401)
  })

  it('does not exist without METRICS_TOKEN', async () => {
    const response = await fetch(`${baseWithout}/metrics`, { headers: { Authorization: 'Bearer ' } })
    expect(response.status).toBe(404)
  })
})
