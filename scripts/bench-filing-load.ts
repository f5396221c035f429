// npm run bench:filing -- [--seconds 10] [--concurrency 1,8,32] [--no-build]
// Filing throughput on PostgreSQL (issue 8 §7): no-JS form posts to /lapor against the
// built server, beside raw `pg` inserts of the same rows (the report and its 'created'
// event, in one transaction) at the same concurrency. Prints rate and p50/p95/p99 per
// concurrency and the app's share of the raw rate (goal: ≥ 50 % and p99 ≤ 150 ms at 32).
// Uses a scratch database on BENCH_DATABASE_URL (default the local server), dropped after.
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { createScratchDatabase } from '../db/scratch-database'
import { ROOT, startServer } from '../tests/e2e/support'

const args = process.argv.slice(2)
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const SECONDS = Number(flag('seconds') ?? 10)
const LEVELS = (flag('concurrency') ?? '1,8,32').split(',').map(Number)
const serverUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'

interface Result {
  ok: number
  errors: number
  latencies: number[]
  seconds: number
}

function percentile(values: number[], p: number) {
  if (!values.length) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Runs `once` from `concurrency` loops for `seconds`; counts successes and latencies. */
async function load(concurrency: number, seconds: number, once: (i: number) => Promise<boolean>): Promise<Result> {
  const latencies: number[] = []
  let ok = 0
  let errors = 0
  let n = 0
  const until = performance.now() + seconds * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now()
        const success = await once(n++).catch(() => false)
        latencies.push(performance.now() - t0)
        if (success) ok++
        else errors++
      }
    }),
  )
  return { ok, errors, latencies, seconds: (performance.now() - started) / 1000 }
}

async function main() {
  if (!args.includes('--no-build')) {
    const env: Record<string, string | undefined> = { ...process.env }
    delete env.NODE_ENV
    const built = spawnSync('npx', ['remix', 'vite:build'], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: 'inherit' })
    if (built.status !== 0) process.exit(built.status ?? 1)
  }
  const scratch = await createScratchDatabase(serverUrl, 'melayani_filing')
  const server = await startServer({
    databaseUrl: scratch.url,
    env: { DEMO_REPORTS: '0', RATE_LIMIT_FILING: 'off', LOG_LEVEL: 'warn' },
  })
  const pool = new pg.Pool({ connectionString: scratch.url, max: 32 })
  pool.on('error', () => {})
  // Once per client (not per checkout, which piles up listeners on reused clients).
  pool.on('connect', (client) => client.on('error', () => {}))
  try {
    const q = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await pool.query<T>(text, values)).rows
    const [j] = await q<{ id: number; code_prefix: string }>(`SELECT id, code_prefix FROM jurisdictions WHERE slug = 'kota-malang'`)
    const [category] = await q<{ id: number; default_unit_id: number }>(
      `SELECT id, default_unit_id FROM categories WHERE jurisdiction_id = $1 AND code = 'pju'`,
      [j!.id],
    )
    const [area] = await q<{ id: number }>(`SELECT id FROM areas WHERE code = '35.73.01.1001'`)
    const description = 'Lampu PJU di depan masjid mati sejak tiga hari, mohon segera diperbaiki.'

    const filing = (i: number) => {
      const body = new URLSearchParams({
        categoryId: String(category!.id),
        areaId: String(area!.id),
        description: `${description} (${i})`,
        privacy: 'public',
        idempotencyKey: randomUUID(),
        // Past the "maybe already reported" step: every post files (that step is measured nowhere here).
        confirmNew: '1',
      })
      return fetch(`${server.baseUrl}/lapor`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.baseUrl },
        redirect: 'manual',
      }).then(async (r) => {
        await r.arrayBuffer()
        return r.status === 302 || r.status === 303
      })
    }
    // The same rows, as a bare client would write them: no checks, no routing, no outbox.
    const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
    const raw = async (i: number) => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const code = `${j!.code_prefix}-${Array.from({ length: 6 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('')}`
        const inserted = await client.query<{ id: number }>(
          `INSERT INTO reports (code, jurisdiction_id, category_id, area_id, description, privacy, status, current_unit_id, response_due_at, resolution_due_at, idempotency_key)
           VALUES ($1, $2, $3, $4, $5, 'public', 'submitted', $6, now() + interval '1 day', now() + interval '3 days', $7) ON CONFLICT DO NOTHING RETURNING id`,
          [code, j!.id, category!.id, area!.id, `${description} (${i})`, category!.default_unit_id, randomUUID()],
        )
        if (inserted.rows[0]) {
          await client.query(
            `INSERT INTO report_events (report_id, actor_kind, type, to_status, to_unit_id, visibility) VALUES ($1, 'reporter', 'created', 'submitted', $2, 'public')`,
            [inserted.rows[0].id, category!.default_unit_id],
          )
        }
        await client.query('COMMIT')
        return true
      } finally {
        client.release()
      }
    }

    await load(4, 2, filing) // warm-up: JIT, pools, caches
    const rows: string[][] = []
    for (const c of LEVELS) {
      const app = await load(c, SECONDS, filing)
      const base = await load(c, SECONDS, raw)
      const appRate = app.ok / app.seconds
      const rawRate = base.ok / base.seconds
      rows.push([
        String(c),
        appRate.toFixed(0),
        percentile(app.latencies, 50).toFixed(1),
        percentile(app.latencies, 95).toFixed(1),
        percentile(app.latencies, 99).toFixed(1),
        String(app.errors),
        rawRate.toFixed(0),
        percentile(base.latencies, 99).toFixed(1),
        `${((appRate / rawRate) * 100).toFixed(0)} %`,
      ])
    }
    const header = ['clients', 'app /s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'raw /s', 'raw p99 ms', 'app/raw']
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padStart(widths[i]!)).join(' | ')} |`
    console.log(`\nFiling on PostgreSQL: no-JS posts to /lapor vs raw pg inserts of the same rows, ${SECONDS} s per level`)
    console.log(line(header))
    console.log(line(widths.map((w) => '-'.repeat(w))))
    for (const row of rows) console.log(line(row))
  } finally {
    await pool.end()
    await server.stop()
    await scratch.drop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
