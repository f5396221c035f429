// The built server against a hostile client (issue 5, sections 2 and 3): URLs with
// NUL or broken percent-encoding, wrong content types, chunked uploads far over the
// limits (memory must stay flat), and a fuzz run of generated requests to every
// route, with a signed-in staff session, that must never see a 5xx.
import { readdirSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed-data/demo-staff'
import { id as t } from '~/i18n/id'
import { FUZZ_WHATSAPP_SECRET, generateFuzzRequests, type FuzzRequest } from './fuzz-requests'
import { loginOverHttp, removeDir, saveServerOutput, startServer, type RunningServer } from './support'

const FUZZ_COUNT = Number(process.env.FUZZ_COUNT ?? 5200)
const FUZZ_CONCURRENCY = 8
const MB = 1024 * 1024

let server: RunningServer
let supervisor = ''
let executive = ''
let admin = ''
let codes: string[] = []
let failed = false

// Rate limits off: every generated request must reach the form code behind them
// (the limits themselves are tested in abuse-limits and security).
const LIMITS_OFF = Object.fromEntries(['FILING', 'LOGIN', 'PRIVATE_LINK', 'LOOKUP', 'KELURAHAN'].map((name) => [`RATE_LIMIT_${name}`, 'off']))

beforeAll(async () => {
  // The WhatsApp webhook is on (signature checked), so its code is reached, not a 404.
  server = await startServer({ env: { ...LIMITS_OFF, WHATSAPP_APP_SECRET: FUZZ_WHATSAPP_SECRET, WHATSAPP_VERIFY_TOKEN: 'fuzz-verify-token' } })
  supervisor = (await loginOverHttp(server.baseUrl, 'kepala.dpuprpkp@malang.demo', DEMO_PASSWORD)).cookie
  executive = (await loginOverHttp(server.baseUrl, 'walikota@malang.demo', DEMO_PASSWORD)).cookie
  admin = (await loginOverHttp(server.baseUrl, 'admin@malang.demo', DEMO_PASSWORD)).cookie
  const queue = await (await fetch(`${server.baseUrl}/petugas`, { headers: { Cookie: supervisor } })).text()
  codes = [...new Set([...queue.matchAll(/\/petugas\/laporan\/([A-Z0-9-]+)/g)].map((m) => m[1]!))]
  expect(codes.length).toBeGreaterThan(0)
})

afterAll(async () => {
  if (failed) saveServerOutput(server, 'hostile-input-server')
  await server?.stop()
  if (server) removeDir(server.dataDir)
})

/** A GET with headers fetch() would refuse to send (Host). */
function rawGet(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function track<T>(promise: Promise<T>) {
  return promise.catch((error) => {
    failed = true
    throw error
  })
}

// ---------------------------------------------------------------------------
// Memory of the server's process group (tsx starts node as a child)
// ---------------------------------------------------------------------------

function groupRssBytes(pgid: number) {
  let total = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) !== pgid) continue // field 5 (pgrp), counted after "pid (comm) "
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))
      if (rss) total += Number(rss[1]) * 1024
    } catch {
      // the process went away
    }
  }
  return total
}

/**
 * Streams `total` bytes of body (chunked: no Content-Length) after `head`, stops
 * writing once the server answers, and reports the status and the peak RSS growth
 * of the server while it ran.
 */
async function chunkedPost(path: string, contentType: string, head: string, total: number, chunk: (n: number) => Buffer) {
  const { hostname, port } = new URL(server.baseUrl)
  const pgid = server.process.pid!
  const baseline = groupRssBytes(pgid)
  let peak = baseline
  const sampler = setInterval(() => (peak = Math.max(peak, groupRssBytes(pgid))), 50)
  let written = 0
  try {
    const status = await new Promise<number>((resolve, reject) => {
      let answered = false
      const req = request({
        hostname,
        port,
        path,
        method: 'POST',
        headers: { 'Content-Type': contentType, Origin: server.baseUrl, 'Transfer-Encoding': 'chunked' },
      })
      req.on('response', (res) => {
        answered = true
        res.resume()
        resolve(res.statusCode ?? 0)
        req.destroy()
      })
      req.on('error', (error) => (answered ? undefined : reject(error)))
      const write = () => {
        if (answered) return
        if (written === 0) req.write(head)
        let n = 0
        while (!answered && written < total) {
          const piece = chunk(n++)
          written += piece.byteLength
          if (!req.write(piece)) return void req.once('drain', write)
        }
        if (!answered) req.end()
      }
      write()
    })
    peak = Math.max(peak, groupRssBytes(pgid))
    return { status, growth: peak - baseline, written }
  } finally {
    clearInterval(sampler)
  }
}

describe('hostile input against the built server', () => {
  it('answers 400 to NUL or broken percent-encoding in paths and queries', () =>
    track(
      (async () => {
        for (const path of [
          '/laporan/%00',
          '/foto/%00',
          '/petugas/laporan/%00',
          '/laporan/%E0%A4%A',
          '/lacak?kode=%00',
          '/api/kelurahan?lat=%00&lng=1',
          `/laporan/${codes[0]}?t=%00`,
          '/foto/a%00.jpg',
        ]) {
          const response = await fetch(`${server.baseUrl}${path}`, { headers: { Cookie: supervisor }, redirect: 'manual' })
          expect(response.status, path).toBe(400)
        }
      })(),
    ))

  it('answers 400, without a stack trace, to a Host header that is no valid host[:port]', () =>
    track(
      (async () => {
        for (const host of ['[::', 'a b', 'x:99999999', 'ex%ample']) {
          const { status, body } = await rawGet('/', { Host: host })
          expect(status, host).toBe(400)
          expect(body).not.toMatch(/TypeError|at .*\.ts:/)
        }
        // An IPv6 literal with its port is a valid host.
        expect((await rawGet('/', { Host: `[::1]:${server.port}` })).status).toBe(200)
      })(),
    ))

  it('answers a form post in JSON, XML or plain text with 415 and a page in Indonesian', () =>
    track(
      (async () => {
        for (const [type, body] of [
          ['application/json', '{"email":"a@b.c"}'],
          ['application/xml', '<a/>'],
          ['text/plain', 'email=a@b.c'],
        ]) {
          const response = await fetch(`${server.baseUrl}/masuk`, { method: 'POST', headers: { 'Content-Type': type!, Origin: server.baseUrl }, body })
          expect(response.status).toBe(415)
          expect(await response.text()).toContain(t.errors.unsupportedHeading)
        }
      })(),
    ))

  it('stops chunked 100 MB posts at the limit with 413 while memory stays flat', () =>
    track(
      (async () => {
        const filler = Buffer.alloc(256 * 1024, 0x61)
        const masuk = await chunkedPost('/masuk', 'application/x-www-form-urlencoded', 'email=a%40b.c&password=', 100 * MB, () => filler)
        const boundary = '----fuzz'
        const lapor = await chunkedPost(
          '/lapor',
          `multipart/form-data; boundary=${boundary}`,
          `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n`,
          100 * MB,
          () => filler,
        )
        // 60 photos of 9 MB: the fourth stops the read.
        const photo = (n: number) =>
          Buffer.concat([
            Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${n}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
            Buffer.alloc(9 * MB, n % 256),
            Buffer.from('\r\n'),
          ])
        const photos = await chunkedPost('/lapor', `multipart/form-data; boundary=${boundary}`, '', 60 * 9 * MB, photo)
        console.log(
          `hostile-input: chunked 100 MB to /masuk → ${masuk.status}, RSS +${(masuk.growth / MB).toFixed(1)} MB; ` +
            `100 MB field to /lapor → ${lapor.status}, RSS +${(lapor.growth / MB).toFixed(1)} MB; ` +
            `60 × 9 MB photos to /lapor → ${photos.status}, RSS +${(photos.growth / MB).toFixed(1)} MB (client wrote ${(photos.written / MB).toFixed(0)} MB before the answer)`,
        )
        expect(masuk.status).toBe(413)
        expect(lapor.status).toBe(413)
        expect([400, 413]).toContain(photos.status)
        for (const r of [masuk, lapor]) expect(r.growth).toBeLessThan(50 * MB)
        // The three photos a form may carry are held in memory by design (ADR 010); nothing past them is read.
        expect(photos.growth).toBeLessThan(3 * 9 * MB + 50 * MB)
        expect(photos.written).toBeLessThan(100 * MB)
        expect(masuk.written).toBeLessThan(100 * MB)
        // The server still answers.
        expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200)
      })(),
    ))

  it('refuses six 7000×7000 PNGs at once before decoding them; /healthz stays fast', () =>
    track(
      (async () => {
        const html = await (await fetch(`${server.baseUrl}/lapor`)).text()
        const firstOption = (name: string) => /<option value="(\d+)"/.exec(html.slice(html.indexOf(`name="${name}"`)))![1]!
        const png = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#fff' } })
          .png({ compressionLevel: 9 })
          .toBuffer()
        const post = () => {
          const body = new FormData()
          for (const [k, v] of Object.entries({
            categoryId: firstOption('categoryId'),
            areaId: firstOption('areaId'),
            description: 'Tiang lampu roboh di depan gang tujuh.',
            privacy: 'public',
          }))
            body.append(k, v)
          body.append('photos', new File([png], 'besar.png', { type: 'image/png' }))
          return fetch(`${server.baseUrl}/lapor`, { method: 'POST', body, headers: { Origin: server.baseUrl } })
        }
        const posts = Array.from({ length: 6 }, post)
        const started = performance.now()
        const health = await fetch(`${server.baseUrl}/healthz`)
        const healthMs = performance.now() - started
        const answers = await Promise.all(posts)
        const pages = await Promise.all(answers.map((r) => r.text()))
        console.log(
          `hostile-input: 6 × 7000×7000 PNG (${(png.byteLength / 1024).toFixed(0)} KB) → ${answers.map((r) => r.status).join(', ')}; /healthz meanwhile in ${healthMs.toFixed(0)} ms`,
        )
        expect(health.status).toBe(200)
        for (const [i, r] of answers.entries()) {
          expect(r.status).toBe(400)
          expect(pages[i]).toContain('maks. 25 megapiksel')
        }
        expect(healthMs).toBeLessThan(1000)
      })(),
    ))

  it(`never answers ${FUZZ_COUNT} generated requests with a 5xx`, { timeout: 180_000 }, () =>
    track(
      (async () => {
        const requests = generateFuzzRequests({ count: FUZZ_COUNT, seed: 20261123, codes, baseUrl: server.baseUrl, cookies: { supervisor, executive, admin } })
        const started = performance.now()
        const statuses = new Map<number, number>()
        const failures: string[] = []
        let next = 0
        const send = async (r: FuzzRequest) => {
          try {
            const response = await fetch(`${server.baseUrl}${r.path}`, {
              method: r.method,
              headers: r.headers,
              body: r.body,
              redirect: 'manual',
              signal: AbortSignal.timeout(30_000),
            })
            await response.arrayBuffer()
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
            if (response.status >= 500) failures.push(`${response.status} ${r.method} ${r.path} (${r.label})`)
          } catch (error) {
            // The server may close the connection after refusing a body it did not read: not a 5xx.
            statuses.set(0, (statuses.get(0) ?? 0) + 1)
            if (!/closed|reset|socket|terminated|EPIPE/i.test(String((error as Error).cause ?? error)))
              failures.push(`error ${r.method} ${r.path} (${r.label}): ${String(error)}`)
          }
        }
        await Promise.all(
          Array.from({ length: FUZZ_CONCURRENCY }, async () => {
            while (next < requests.length) await send(requests[next++]!)
          }),
        )
        const seconds = (performance.now() - started) / 1000
        const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0)
        const summary = [...statuses]
          .sort(([a], [b]) => a - b)
          .map(([s, c]) => `${s}: ${c}`)
          .join(', ')
        console.log(`fuzz: ${requests.length} requests in ${seconds.toFixed(1)} s, ${fiveXx} responses ≥ 500 (${summary})`)
        expect(failures.slice(0, 20)).toEqual([])
        expect(fiveXx).toBe(0)
        expect(requests.length).toBeGreaterThanOrEqual(5000)
        expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200)
      })(),
    ),
  )
})
