// npm run bench:web — what a citizen on a cheap phone and a slow network gets (issue 8 §7).
// Builds the app (unless --no-build), starts it on a fresh PGlite with demo data, and opens
// each page in Debian's Chromium at 360×740 under emulated slow 4G (400 kbps down and up,
// 400 ms RTT) and 4× CPU throttling, with a cold cache, N times. Prints, per page:
// - JS: the compressed bytes of every script of the first load (what went over the wire);
// - LCP: the largest-contentful-paint time;
// - TTI: when the page is interactive = React has hydrated (Remix's router exists), the
//   moment clicks stop being plain HTML; before that the page is still usable without JS;
// with p50/p95 over the runs and the budget (JS ≤ 100 KB, LCP ≤ 2.5 s) checked.
// Flags: --runs N (default 3), --no-build, --base URL (an already running server).
import { spawnSync } from 'node:child_process'
import { CHROMIUM_ARGS, CHROMIUM_PATH, ROOT, startServer } from '../tests/e2e/support'
import { chromium, type Browser } from 'playwright-core'

const args = process.argv.slice(2)
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const RUNS = Number(flag('runs') ?? 3)
const JS_BUDGET_KB = 100
const LCP_BUDGET_MS = 2500
const SLOW_4G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 }

/** The Content-Encoding the scripts came with: the JS column is in these bytes. */
const encodings = new Set<string>()

interface Sample {
  jsBytes: number
  lcpMs: number
  ttiMs: number
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo)
}

async function measure(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number; __tti: number }
    w.__lcp = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__lcp = entry.startTime
    }).observe({ type: 'largest-contentful-paint', buffered: true })
    const poll = () => {
      if ((window as unknown as { __remixRouter?: unknown }).__remixRouter) w.__tti = performance.now()
      else requestAnimationFrame(poll)
    }
    requestAnimationFrame(poll)
  })
  // Every script response's encoded (on-the-wire) body size, from the DevTools protocol.
  const scripts = new Map<string, number>()
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string; response: { headers: Record<string, string> } }) => {
    if (e.type !== 'Script') return
    scripts.set(e.requestId, 0)
    const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1]
    encodings.add(encoding ?? 'identity')
  })
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    if (scripts.has(e.requestId)) scripts.set(e.requestId, e.encodedDataLength)
  })
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 })
    await page.waitForFunction(() => (window as unknown as { __tti?: number }).__tti !== undefined, undefined, { timeout: 120_000 }).catch(() => {})
    await page.waitForTimeout(500)
    const { lcp, tti } = await page.evaluate(() => {
      const w = window as unknown as { __lcp: number; __tti?: number }
      return { lcp: w.__lcp, tti: w.__tti ?? Number.NaN }
    })
    return { jsBytes: [...scripts.values()].reduce((a, b) => a + b, 0), lcpMs: lcp, ttiMs: tti }
  } finally {
    // Detach first: the throttled session's late events must not reach a closed target.
    await cdp.detach().catch(() => {})
    await context.close().catch(() => {})
  }
}

/** One sample, or null when the page or browser went away (a renderer killed on a loaded machine). */
async function sample(browser: Browser, url: string): Promise<Sample | null> {
  try {
    return await measure(browser, url)
  } catch (error) {
    console.error(`  ${url}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
    return null
  }
}

async function main() {
  let base = flag('base')
  let stop: (() => Promise<unknown>) | null = null
  if (!base) {
    if (!args.includes('--no-build')) {
      const env: Record<string, string | undefined> = { ...process.env }
      delete env.NODE_ENV
      const built = spawnSync('npx', ['remix', 'vite:build'], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: 'inherit' })
      if (built.status !== 0) process.exit(built.status ?? 1)
    }
    const server = await startServer({ env: { DEMO_REPORTS: '300' } })
    base = server.baseUrl
    stop = () => server.stop()
  }
  const code = await fetch(`${base}/laporan`)
    .then((r) => r.text())
    .then((html) => /\/laporan\/([A-Z]{2,5}-[2-9A-HJKMNP-Z]{6})/.exec(html)?.[1])
    .catch(() => undefined)
  const pages = ['/', '/lapor', code ? `/laporan/${code}` : null, '/laporan'].filter((p): p is string => p !== null)

  const launch = () => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  let browser = await launch()
  const rows: string[][] = []
  let withinBudget = true
  try {
    for (const path of pages) {
      if (!browser.isConnected()) browser = await launch()
      await sample(browser, `${base}${path}`) // warm the server, not the browser (each run is a new context)
      const samples: Sample[] = []
      for (let i = 0; i < RUNS; i++) {
        if (!browser.isConnected()) browser = await launch()
        const s = await sample(browser, `${base}${path}`)
        if (s) samples.push(s)
      }
      console.error(`  ${path}: ${samples.length}/${RUNS} runs`)
      if (!samples.length) {
        rows.push([path, '–', '–', '–', '–', '–', 'NO'])
        withinBudget = false
        continue
      }
      const js = percentile(
        samples.map((s) => s.jsBytes),
        50,
      )
      const lcp = samples.map((s) => s.lcpMs)
      const tti = samples.map((s) => s.ttiMs).filter((v) => Number.isFinite(v))
      const ok = js / 1024 <= JS_BUDGET_KB && percentile(lcp, 95) <= LCP_BUDGET_MS
      withinBudget &&= ok
      rows.push([
        path,
        (js / 1024).toFixed(1),
        percentile(lcp, 50).toFixed(0),
        percentile(lcp, 95).toFixed(0),
        tti.length ? percentile(tti, 50).toFixed(0) : '–',
        tti.length ? percentile(tti, 95).toFixed(0) : '–',
        ok ? 'yes' : 'NO',
      ])
    }
  } finally {
    await browser.close()
    await stop?.()
  }
  const header = ['page', `JS KB (${[...encodings].join('+')}, wire)`, 'LCP p50 ms', 'LCP p95 ms', 'TTI p50 ms', 'TTI p95 ms', 'budget']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(`\nSlow 4G (400 kbps, 400 ms RTT), 4× CPU, 360×740, cold cache, ${RUNS} runs per page`)
  console.log(`Budget: JS ≤ ${JS_BUDGET_KB} KB compressed, LCP p95 ≤ ${LCP_BUDGET_MS} ms\n`)
  console.log(line(header))
  console.log(line(widths.map((w) => '-'.repeat(w))))
  for (const row of rows) console.log(line(row))
  if (!withinBudget) process.exitCode = 2
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
