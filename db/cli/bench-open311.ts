// npm run bench:open311 -- [--reports 100000] [--runs 30] [--database postgres://…/existing]
// GET /open311/v2/requests.json of 1,000 rows (issue 9: p95 ≤ 100 ms at 1M reports on
// PostgreSQL): times the endpoint's service (query, mapping, JSON text) against the plain
// SQL of the same rows' bare columns, on a scratch PostgreSQL database filled by the
// simulator's bulk path, then drops it. Bounded: --reports ≤ 2,000,000, --runs ≤ 200.
// --database times an existing, already filled database instead (nothing written).
import { sql } from 'kysely'
import { listRequests } from '../../app/services/open311/read.server'
import { parseRequestListQuery } from '../../app/domain/open311'
import { listPublicRequests, rawRequestRows } from '../../app/models/open311.server'
import { getDictionary } from '../../app/i18n'
import { useDatabaseForTests } from '../../app/utils/db.server'
import { openDatabase } from '../connection'
import { migrateToLatest } from '../migrate'
import { createScratchDatabase } from '../scratch-database'
import { seedReferenceData } from '../seed'
import { simulateReports } from '../simulator'
import { argValue } from './open'

const count = Number(argValue('reports') ?? 100_000)
const runs = Number(argValue('runs') ?? 30)
if (!Number.isInteger(count) || count < 1000 || count > 2_000_000 || !Number.isInteger(runs) || runs < 1 || runs > 200) {
  console.error('Usage: npm run bench:open311 -- [--reports 1000..2000000] [--runs 1..200]')
  process.exit(2)
}
const existing = argValue('database')
let drop = async () => {}
let url = existing ?? ''
if (!existing) {
  const server = new URL(process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres')
  server.pathname = '/postgres'
  const scratch = await createScratchDatabase(server.toString(), 'melayani_bench')
  url = scratch.url
  drop = scratch.drop
  console.log(`Benchmark database ${scratch.name}: simulating ${count.toLocaleString('en-US')} reports…`)
}
const database = await openDatabase(url, { poolSize: 2 })
const now = new Date()
try {
  const db = database.db
  if (!existing) {
    await migrateToLatest(db)
    await seedReferenceData(db)
    const sim = await simulateReports(db, { count, now })
    console.log(`  simulated in ${(sim.ms / 1000).toFixed(1)} s`)
    await sql`ANALYZE`.execute(db)
  }
  const total = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  console.log(`reports in the database: ${Number(total.n).toLocaleString('en-US')}`)
  useDatabaseForTests(database)

  const j = await db
    .selectFrom('jurisdictions')
    .select(['id', 'slug', 'name', 'time_zone', 'code_prefix', 'open311_id'])
    .where('slug', '=', 'kota-malang')
    .executeTakeFirstOrThrow()
  const ctx = { jurisdiction: j, locale: 'id' as const, t: getDictionary('id'), origin: 'http://127.0.0.1:3000' }
  const since = new Date(now.getTime() - 90 * 86_400_000)

  let rows = 0
  const cases: [string, () => Promise<void>][] = [
    [
      'GET requests.json (service, 1000 rows)',
      async () => {
        const response = await listRequests(ctx, 'json', new URLSearchParams(), now)
        const text = await response.text()
        // Counted once (the warm-up): parsing is the client's cost, not the endpoint's.
        if (rows === 0) rows = (JSON.parse(text) as unknown[]).length
      },
    ],
    [
      'the model query alone (same 1000 rows)',
      async () => {
        const parsed = parseRequestListQuery(new URLSearchParams(), now, j.time_zone)
        if (parsed.ok) await listPublicRequests(db, j.id, parsed.query)
      },
    ],
    [
      'raw SQL, same rows, bare columns',
      async () => {
        await rawRequestRows(db, j.id, since, 1000)
      },
    ],
  ]
  console.log(`\n${'case'.padEnd(40)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`)
  for (const [name, run] of cases) {
    await run() // warm-up
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now()
      await run()
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(1).padStart(8)
    console.log(`${name.padEnd(40)} ${at(0.5)} ${at(0.95)} ${at(1)}`)
  }
  console.log(`\nrows per answer: ${rows}; ${runs} runs each`)
} finally {
  await database.close()
  await drop()
}
