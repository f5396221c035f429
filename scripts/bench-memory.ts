// `npm run bench:memory`: peak memory of the production server as `npm start` runs it.
// Starts it on a fresh PGlite directory (the first start: initdb, migrations, demo data),
// reports the server process's peak RSS (VmHWM) at "listening", then drives a bounded
// mixed load against 127.0.0.1 only and reports VmHWM/VmRSS again.
//   BENCH_SECONDS (default 60)  BENCH_CLIENTS (default 4)  NODE_HEAP_MB (default: npm start's)
//   DATABASE_URL: a postgres:// URL to measure on PostgreSQL instead (an empty database).
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_HEAP_MB } from '../app/server/heap'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4)
const HEAP_MB = process.env.NODE_HEAP_MB ?? String(DEFAULT_HEAP_MB)

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

function nodeDescendants(rootPid: number): number[] {
  const descendants: number[] = []
  const walk = (pid: number) => {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)) {
        descendants.push(child)
        walk(child)
      }
    }
  }
  walk(rootPid)
  return descendants.filter((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'node')
}

/** The node process that runs the server: among `npm start`'s descendants (sh, npm, tsx, node, esbuild), the node with the largest RSS. */
function serverPid(rootPid: number): number {
  const nodes = nodeDescendants(rootPid)
  if (nodes.length === 0) throw new Error('no node process')
  return nodes.reduce((a, b) => (memory(b).rssMb > memory(a).rssMb ? b : a))
}

function memory(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN)
  return { hwmMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) }
}

const dataDir = mkdtempSync(join(tmpdir(), 'melayani-bench-memory-'))
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const env: Record<string, string | undefined> = {
  ...process.env,
  PORT: String(port),
  DATA_DIR: dataDir,
  DATABASE_URL: process.env.DATABASE_URL ?? join(dataDir, 'pglite'),
  NODE_HEAP_MB: HEAP_MB,
}
delete env.NODE_ENV
// Exactly what `npm start` runs (package.json), so the figures are the operator's.
const child = spawn('sh', ['-c', 'exec npm start --silent'], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'inherit'], detached: true })
const started = performance.now()
// Every node process under `npm start` with its peak, e.g. the short-lived PGlite initdb child.
const peaks = new Map<number, number>()
const sampler = setInterval(() => {
  try {
    for (const pid of nodeDescendants(child.pid!)) {
      const { hwmMb } = memory(pid)
      if (Number.isFinite(hwmMb)) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, hwmMb)) // an exited process has no VmHWM
    }
  } catch {
    // a process ended while we looked
  }
}, 100)

await new Promise<void>((resolve, reject) => {
  let out = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    if (/Melayani is listening/.test(out)) resolve()
  })
  child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)))
})
const pid = serverPid(child.pid!)
const atReady = memory(pid)
console.log(`heap cap ${HEAP_MB} MB; ready in ${((performance.now() - started) / 1000).toFixed(1)} s; server pid ${pid}`)
console.log(`first start: server peak RSS (VmHWM) ${atReady.hwmMb} MB, RSS now ${atReady.rssMb} MB`)
const others = [...peaks].filter(([p]) => p !== pid).map(([p, mb]) => `pid ${p}: ${mb} MB`)
console.log(`other node processes seen during start (peak sampled every 100 ms; tsx's launcher, the PGlite initdb child): ${others.join(', ') || 'none'}`)

// A bounded mixed load: public pages, their .data, the form, and filings.
const html = await (await fetch(`${base}/lapor`)).text()
const pick = (name: string) =>
  /<option value="(\d+)"/.exec(new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '')?.[1] ?? ''
const categoryId = pick('categoryId')
const areaId = pick('areaId')
const codes: string[] = []
let requests = 0
let errors = 0
const until = performance.now() + SECONDS * 1000
const rssSamples: number[] = []
const rssTimer = setInterval(() => rssSamples.push(memory(pid).rssMb), 1000)
async function client(n: number) {
  for (let i = 0; performance.now() < until; i++) {
    const kind = (i + n) % 6
    try {
      if (kind === 0) {
        const r = await fetch(`${base}/lapor`, {
          method: 'POST',
          redirect: 'manual',
          headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ categoryId, areaId, description: `Beban memori ${n}-${i}: lampu jalan mati sejak kemarin malam`, privacy: 'public' }),
        })
        const code = /\/laporan\/(.+)$/.exec(r.headers.get('location') ?? '')?.[1]
        if (code) codes.push(code)
        await r.arrayBuffer()
      } else {
        const code = codes[(i * 7) % Math.max(1, codes.length)]
        const path = ['/', '/lapor', '/lacak', code ? `/laporan/${code}` : '/', code ? `/laporan/${code}.data` : '/_root.data'][kind - 1]
        const r = await fetch(`${base}${path}`)
        await r.arrayBuffer()
        if (r.status >= 500) errors++
      }
      requests++
    } catch {
      errors++
    }
  }
}
await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)))
clearInterval(rssTimer)
clearInterval(sampler)
const afterLoad = memory(pid)
console.log(`load: ${requests} requests in ${SECONDS} s by ${CLIENTS} clients (${errors} errors ≥ 500 or failed), ${codes.length} filings`)
console.log(`after load: peak RSS (VmHWM) ${afterLoad.hwmMb} MB, RSS now ${afterLoad.rssMb} MB, RSS max sampled ${Math.max(...rssSamples)} MB`)
process.kill(-child.pid!, 'SIGTERM')
await new Promise((r) => child.on('exit', r))
rmSync(dataDir, { recursive: true, force: true })
