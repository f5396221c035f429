// The HTTP layer as an attacker and a reverse proxy meet it (ADR 006): security
// headers with a per-request CSP nonce, HSTS on https, the documented proxy set-up
// (TRUST_PROXY + X-Forwarded-Host/-Proto: no empty 500 on POSTs, client IPs from
// X-Forwarded-For), 429 over HTTP, compressed HTML/JS/CSS; then a browser journey
// with JavaScript that must hydrate without a single CSP violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import { browserAvailable, launchBrowser, removeDir, saveServerOutput, startServer, type LaunchedBrowser, type RunningServer } from './support'

const PUBLIC = 'https://melayani.example'
const hasBrowser = browserAvailable()

function cspOf(response: Response) {
  const header = response.headers.get('Content-Security-Policy') ?? ''
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  )
}

/** The same-origin JS a page loads at first: its module scripts and module preloads. */
function scriptUrls(html: string) {
  const urls = new Set<string>()
  for (const m of html.matchAll(/<link rel="modulepreload" href="([^"]+\.js)"/g)) urls.add(m[1]!)
  for (const m of html.matchAll(/import\s*(?:\*\s*as\s*\w+\s*from\s*)?"(\/assets\/[^"]+\.js)"/g)) urls.add(m[1]!)
  return [...urls]
}

async function bytes(url: string, encoding: string) {
  const response = await fetch(url, { headers: { 'Accept-Encoding': encoding } })
  expect(response.status, url).toBe(200)
  // fetch decodes bodies; the Content-Length is what travelled.
  return { length: Number(response.headers.get('Content-Length')), encoding: response.headers.get('Content-Encoding'), vary: response.headers.get('Vary') }
}

describe('behind an https reverse proxy (APP_BASE_URL=https://…, TRUST_PROXY=loopback)', () => {
  let server: RunningServer
  const proxied = (extra: Record<string, string> = {}) => ({
    'X-Forwarded-Host': 'melayani.example',
    'X-Forwarded-Proto': 'https',
    'X-Forwarded-For': '203.0.113.10',
    Origin: PUBLIC,
    ...extra,
  })

  beforeAll(async () => {
    server = await startServer({
      env: {
        APP_BASE_URL: PUBLIC,
        TRUST_PROXY: 'loopback',
        MAP_TILE_URL: 'https://tile.example.org/{z}/{x}/{y}.png',
        RATE_LIMIT_FILING: '3/600',
      },
    })
  })
  afterAll(async () => {
    if (server) saveServerOutput(server, 'security-proxy')
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('sends a CSP with a fresh nonce on every page, no unsafe-inline scripts, frame-ancestors none, the tile host in img-src, and HSTS', async () => {
    const first = await fetch(`${server.baseUrl}/`)
    const second = await fetch(`${server.baseUrl}/lapor`)
    const csp = cspOf(first)
    const nonce = /'nonce-([^']+)'/.exec(csp['script-src']?.join(' ') ?? '')?.[1]
    expect(nonce).toBeTruthy()
    expect(csp['script-src']).not.toContain("'unsafe-inline'")
    expect(csp['script-src']).not.toContain("'unsafe-eval'")
    expect(csp['frame-ancestors']).toEqual(["'none'"])
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://tile.example.org'])
    expect(cspOf(second)['script-src']?.join(' ')).not.toContain(nonce!)
    expect(first.headers.get('Strict-Transport-Security')).toBe('max-age=31536000')
    // Every script element on the page carries this response's nonce.
    const html = await first.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
  })

  it('a POST through the proxy (Host = the app, X-Forwarded-Host = the public host) is answered, not an empty 500', async () => {
    const form = await fetch(`${server.baseUrl}/lapor`, {
      method: 'POST',
      headers: { ...proxied(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ description: 'pendek', privacy: 'public' }),
    })
    expect(form.status).toBe(400)
    expect(await form.text()).toContain('Uraian minimal 10 huruf.')
    // A proxy that rewrites Host and sends no X-Forwarded-Host: APP_BASE_URL decides.
    const bare = await fetch(`${server.baseUrl}/lapor`, {
      method: 'POST',
      headers: { Origin: PUBLIC, 'X-Forwarded-For': '203.0.113.11', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ description: 'pendek', privacy: 'public' }),
    })
    expect(bare.status).toBe(400)
    // Staff login through the proxy: a redirect with a Secure cookie.
    const login = await fetch(`${server.baseUrl}/masuk`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...proxied({ 'X-Forwarded-For': '203.0.113.12' }), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'pju@malang.demo', password: DEMO_PASSWORD }),
    })
    expect(login.status).toBe(302)
    expect(login.headers.getSetCookie().find((c) => c.startsWith('__session='))).toMatch(/;\s*Secure/i)
    // Still refused from a foreign origin.
    const evil = await fetch(`${server.baseUrl}/lapor`, { method: 'POST', headers: proxied({ Origin: 'https://evil.example' }), body: new URLSearchParams({}) })
    expect(evil.status).toBe(403)
  })

  it('rate limits count the client from X-Forwarded-For; the 4th post is 429 with Retry-After and the form keeps its text', async () => {
    const postFrom = (ip: string, description: string) =>
      fetch(`${server.baseUrl}/lapor`, {
        method: 'POST',
        headers: { ...proxied({ 'X-Forwarded-For': ip }), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ description, privacy: 'public' }),
      })
    for (let i = 0; i < 3; i++) expect((await postFrom('198.51.100.77', 'x')).status).toBe(400)
    const limited = await postFrom('198.51.100.77', 'Teks yang saya ketik tetap ada')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(500)
    const html = await limited.text()
    expect(html).toContain('Terlalu banyak permintaan dari jaringan Anda')
    expect(html).toContain('Teks yang saya ketik tetap ada')
    console.log(`security: 429 on /lapor → Retry-After ${limited.headers.get('Retry-After')} s`)
    // Another client behind the same proxy is not affected.
    expect((await postFrom('198.51.100.78', 'x')).status).toBe(400)
  })

  it('serves HTML brotli-compressed and JS/CSS from precompressed files; measures the JS of / and /lapor', async () => {
    const sizes: Record<string, { files: number; identity: number; gzip: number; br: number }> = {}
    for (const path of ['/', '/lapor']) {
      const page = await fetch(`${server.baseUrl}${path}`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
      expect(page.headers.get('Content-Encoding')).toBe('br')
      expect(page.headers.get('Vary')).toMatch(/Accept-Encoding/i)
      const urls = scriptUrls(await page.text())
      expect(urls.length).toBeGreaterThan(2)
      const total = { files: urls.length, identity: 0, gzip: 0, br: 0 }
      for (const url of urls) {
        const plain = await bytes(`${server.baseUrl}${url}`, 'identity')
        const gz = await bytes(`${server.baseUrl}${url}`, 'gzip')
        const br = await bytes(`${server.baseUrl}${url}`, 'gzip, deflate, br')
        expect(plain.encoding).toBeNull()
        expect(br.vary).toMatch(/Accept-Encoding/i)
        total.identity += plain.length
        // Files under 1 KB are not worth compressing and go as they are.
        total.gzip += gz.encoding === 'gzip' ? gz.length : plain.length
        total.br += br.encoding === 'br' ? br.length : plain.length
        if (plain.length >= 1024) expect(br.encoding, url).toBe('br')
      }
      sizes[path] = total
    }
    for (const [path, s] of Object.entries(sizes)) {
      console.log(
        `security: JS of ${path}: ${s.files} files, ${(s.identity / 1024).toFixed(1)} KB raw, ${(s.gzip / 1024).toFixed(1)} KB gzip, ${(s.br / 1024).toFixed(1)} KB brotli`,
      )
      expect(s.br).toBeLessThan(s.identity / 2.5)
    }
    const css = await fetch(`${server.baseUrl}/lapor`)
      .then((r) => r.text())
      .then((html) => /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1])
    expect((await bytes(`${server.baseUrl}${css}`, 'br')).encoding).toBe('br')
  })
})

describe.skipIf(!hasBrowser)('in the browser with JavaScript (plain http, default settings)', () => {
  let server: RunningServer
  let browser: LaunchedBrowser

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    if (server) saveServerOutput(server, 'security-browser')
    await server?.stop()
    if (server) removeDir(server.dataDir)
  })

  it('no HSTS on plain http', async () => {
    const response = await fetch(`${server.baseUrl}/`)
    expect(response.headers.get('Strict-Transport-Security')).toBeNull()
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
  })

  it('pages hydrate and navigate client-side with no CSP violation', async () => {
    const page = await browser.context.newPage()
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
    })
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Refused to load: CSP ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
      )
    })
    await page.goto(`${server.baseUrl}/`)
    // Polled with evaluate(): waitForFunction would itself use eval, which the CSP forbids.
    const hydrated = () => page.evaluate(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))
    await expect.poll(hydrated).toBe(true)
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true))
    await page.getByRole('link', { name: 'Lapor', exact: true }).click()
    await page.waitForURL((u) => u.pathname === '/lapor')
    // A client-side navigation: the document (and our marker) survived.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true)
    // Client-side validation runs (Conform): a message appears without a submit.
    await page.getByLabel('Uraian masalah *', { exact: true }).fill('pendek')
    await page.getByLabel('Uraian masalah *', { exact: true }).blur()
    await expect.poll(() => page.getByText('Uraian minimal 10 huruf.').count()).toBeGreaterThan(0)
    // Landing straight on a page with a form (its route module loads before our entry).
    await page.goto(`${server.baseUrl}/masuk`)
    await expect.poll(hydrated).toBe(true)
    // Empty fields: Conform's client-side validation answers without a request.
    await page.locator('main').getByRole('button', { name: 'Masuk', exact: true }).click()
    await expect.poll(() => page.getByText('Masukkan email.').count()).toBeGreaterThan(0)
    await page.goto(`${server.baseUrl}/lapor`)
    await expect.poll(hydrated).toBe(true)
    await page.getByLabel('Uraian masalah *', { exact: true }).fill('pendek')
    await page.getByLabel('Uraian masalah *', { exact: true }).blur()
    await expect.poll(() => page.getByText('Uraian minimal 10 huruf.').count()).toBeGreaterThan(0)
    expect(violations).toEqual([])
    await page.close()
  })
})
