// npx tsx scripts/explain-public-list.ts -- [--reports 100000]
// EXPLAIN ANALYZE of the public list's queries (issue 8 §4) on a scratch PostgreSQL
// database filled by the simulator; prints each plan's top lines and time, then drops it.
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely'
import pg from 'pg'
import type { DB } from '../db/types'
import { listPublicPoints, listPublicReports, listPublicReportsForCsv } from '../app/models/public-report.server'
import { argValue } from '../db/cli/open'
import { openDatabase } from '../db/connection'
import { migrateToLatest } from '../db/migrate'
import { createScratchDatabase } from '../db/scratch-database'
import { seedReferenceData } from '../db/seed'
import { simulateReports } from '../db/simulator'

const count = Number(argValue('reports') ?? 100_000)
const server = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const scratch = await createScratchDatabase(server, 'melayani_explain')
const database = await openDatabase(scratch.url, { poolSize: 2 })
const pool = new pg.Pool({ connectionString: scratch.url, max: 1 })
try {
  await migrateToLatest(database.db)
  await seedReferenceData(database.db)
  const now = new Date()
  const sim = await simulateReports(database.db, { count, now })
  console.log(`simulated ${count.toLocaleString('en-US')} reports in ${(sim.ms / 1000).toFixed(1)} s`)
  // VACUUM as autovacuum would on a live database (index-only scans need the visibility map).
  await sql`VACUUM ANALYZE`.execute(database.db)
  const j = await database.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const kec = await database.db.selectFrom('areas').select('id').where('jurisdiction_id', '=', j.id).where('level', '=', 'kecamatan').executeTakeFirstOrThrow()
  // A Kysely that records the queries the model sends (and answers them from the real database).
  const captured: CompiledQuery[] = []
  const recording = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (event) => void (event.level === 'query' && captured.push(event.query)) })
  const cases: [string, () => Promise<unknown>][] = [
    ['list page 1, newest', () => listPublicReports(recording, { jurisdictionId: j.id, now, sort: 'newest', page: 1 })],
    ['list page 1, most supported', () => listPublicReports(recording, { jurisdictionId: j.id, now, sort: 'supported', page: 1 })],
    ['list page 100, newest', () => listPublicReports(recording, { jurisdictionId: j.id, now, sort: 'newest', page: 100 })],
    [
      'list kecamatan + closed + 90 days',
      () => listPublicReports(recording, { jurisdictionId: j.id, now, sort: 'newest', page: 1, kecamatanId: kec.id, status: 'closed', periodDays: 90 }),
    ],
    ['list overdue', () => listPublicReports(recording, { jurisdictionId: j.id, now, sort: 'newest', page: 1, overdue: true })],
    ['map points', () => listPublicPoints(recording, { jurisdictionId: j.id, now })],
    ['csv', () => listPublicReportsForCsv(recording, { jurisdictionId: j.id, now, sort: 'newest' })],
  ]
  for (const [name, run] of cases) {
    captured.length = 0
    await run()
    for (const q of [...captured]) {
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.parameters as unknown[])
      const lines = rows.map((r: Record<string, string>) => r['QUERY PLAN'] ?? '')
      const kind = /count\(\*\)/.test(q.sql) ? 'count' : 'rows'
      console.log(`\n== ${name} (${kind}): ${lines.at(-1)}`)
      for (const line of lines.filter((l: string) => /Scan|Sort|Limit|Join|Aggregate/.test(l)).slice(0, 8)) console.log(`   ${line.trim()}`)
    }
  }
  await recording.destroy()
} finally {
  await pool.end().catch(() => {})
  await database.close()
  await scratch.drop()
}
