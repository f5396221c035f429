// The origin guard in a real Express app: which origins pass, with and without
// APP_BASE_URL and TRUST_PROXY, and what it tells Remix afterwards.
import express from 'express'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { originGuard } from './origin-guard'

let close: (() => void) | null = null
afterEach(() => close?.())

async function serve(publicOrigin: string | null, trustProxy: boolean | string) {
  const app = express()
  app.set('trust proxy', trustProxy)
  app.use(originGuard(publicOrigin))
  app.post('*', (req, res) => res.json({ forwardedHost: req.headers['x-forwarded-host'] ?? null }))
  const server = app.listen(0)
  await new Promise((resolve) => server.once('listening', resolve))
  close = () => server.close()
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return (headers: Record<string, string>) => fetch(`${base}/lapor`, { method: 'POST', headers })
}

describe('originGuard', () => {
  it('with APP_BASE_URL: the public origin passes whatever the Host, and Remix is told that host', async () => {
    const post = await serve('https://lapor.example.go.id', false)
    const ok = await post({ Origin: 'https://lapor.example.go.id' })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ forwardedHost: 'lapor.example.go.id' })
    expect((await post({ Origin: 'https://evil.example' })).status).toBe(403)
    expect((await post({ Origin: 'http://lapor.example.go.id' })).status).toBe(403)
  })

  it('without APP_BASE_URL, forwarded proto/host count only from a trusted proxy', async () => {
    const forwarded = { Origin: 'https://lapor.example.go.id', 'X-Forwarded-Host': 'lapor.example.go.id', 'X-Forwarded-Proto': 'https' }
    const trusted = await serve(null, 'loopback')
    expect((await trusted(forwarded)).status).toBe(200)
    close?.()
    const untrusted = await serve(null, false)
    expect((await untrusted(forwarded)).status).toBe(403)
  })

  it('lets through posts without Origin and drops Origin: null', async () => {
    const post = await serve('https://lapor.example.go.id', false)
    expect((await post({})).status).toBe(200)
    expect((await post({ Origin: 'null' })).status).toBe(200)
    expect((await post({ Origin: '%%%' })).status).toBe(403)
  })
})
