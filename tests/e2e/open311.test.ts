// Issue 9 "done when": on a fresh demo start, services.json and requests.xml answer, and
// a POST with the README's demo key files a report the PJU officer sees in the queue.
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_OPEN311_KEY, DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import { loginOverHttp, startServer, type RunningServer } from './support'

let server: RunningServer
beforeAll(async () => {
  server = await startServer()
}, 180_000)
afterAll(() => server?.stop())

describe('Open311 on a fresh demo start', () => {
  it('services.json lists the categories, requests.xml the simulated public history', async () => {
    const services = await fetch(`${server.baseUrl}/open311/v2/services.json`)
    expect(services.status).toBe(200)
    expect(services.headers.get('access-control-allow-origin')).toBe('*')
    const list = (await services.json()) as { service_code: string; metadata: boolean }[]
    expect(list.find((s) => s.service_code === 'pju')?.metadata).toBe(true)
    const requests = await fetch(`${server.baseUrl}/open311/v2/requests.xml`)
    expect(requests.status).toBe(200)
    expect(requests.headers.get('content-type')).toMatch(/^text\/xml/)
    const parsed = new XMLParser().parse(await requests.text()) as { service_requests: unknown }
    expect(parsed).toHaveProperty('service_requests')
  })

  it('a POST with the demo key files a report the officer sees in the queue', async () => {
    const response = await fetch(`${server.baseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': 'e2e-open311-0001' },
      body: new URLSearchParams({
        api_key: DEMO_OPEN311_KEY,
        service_code: 'pju',
        address_id: '35.73.01.1002',
        description: 'Lampu jalan mati di depan gang lima sejak kemarin malam (uji e2e).',
        'attribute[nomor_tiang]': 'PJU-0042',
      }),
    })
    expect(response.status).toBe(201)
    const [filed] = (await response.json()) as { service_request_id: string }[]
    const { cookie } = await loginOverHttp(server.baseUrl, 'pju@malang.demo', DEMO_PASSWORD)
    const queue = await fetch(`${server.baseUrl}/petugas`, { headers: { Cookie: cookie } })
    expect(await queue.text()).toContain(filed!.service_request_id)
    const bad = await fetch(`${server.baseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'api_key=salah&service_code=pju',
    })
    expect(bad.status).toBe(403)
    expect(await bad.json()).toEqual([{ code: 403, description: expect.any(String) }])
  })
})
