// npm run bench:queries -- [--reports 200000] [--runs 5]
// Times the hot read paths (home figures, dashboard, unit queue, report page) on a
// scratch PostgreSQL database filled by the simulator, then drops it.
import { sql } from 'kysely'
import { getStatusCounts, getSummary, getUnitTable, getWeeklyFlow } from '../../app/models/dashboard.server'
import { getPublicReport, getPublicTimeline } from '../../app/models/report.server'
import { countQueue, getStaffScope, listQueue } from '../../app/models/staff-report.server'
import { listPublicPoints, listPublicReports, listPublicReportsForCsv, listRecentFixes } from '../../app/models/public-report.server'
import { openDatabase } from '../connection'
import { migrateToLatest } from '../migrate'
import { createScratchDatabase } from '../scratch-database'
import { seedReferenceData } from '../seed'
import { simulateReports } from '../simulator'
import { argValue } from './open'

const count = Number(argValue('reports') ?? 200_000)
const runs = Number(argValue('runs') ?? 5)
const server = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
const scratch = await createScratchDatabase(server, 'melayani_bench')
console.log(`Benchmark database ${scratch.name}: simulating ${count.toLocaleString('en-US')} reports…`)
const database = await openDatabase(scratch.url, { poolSize: 4 })
try {
  const db = database.db
  await migrateToLatest(db)
  await seedReferenceData(db)
  const now = new Date()
  const sim = await simulateReports(db, { count, now })
  console.log(`  simulated in ${(sim.ms / 1000).toFixed(1)} s (${sim.events.toLocaleString('en-US')} events)`)
  await sql`ANALYZE`.execute(db)

  const j = await db.selectFrom('jurisdictions').select(['id', 'time_zone']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const unit = await db.selectFrom('units').select('id').where('jurisdiction_id', '=', j.id).where('key', '=', 'dpuprpkp').executeTakeFirstOrThrow()
  const scope = await getStaffScope(db, { id: 0, name: '', email: '', role: 'officer', unitId: unit.id, unitName: null, jurisdictionId: j.id })
  const sample = await db.selectFrom('reports').select('code').where('privacy', '=', 'public').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
  const kecamatan = await db.selectFrom('areas').select('id').where('jurisdiction_id', '=', j.id).where('level', '=', 'kecamatan').executeTakeFirstOrThrow()
  const period = (days: number) => ({ jurisdictionId: j.id, since: new Date(now.getTime() - days * 86400_000), now })

  const cases: [string, () => Promise<unknown>][] = [
    ['home figures (30 days)', () => getSummary(db, period(30))],
    ['dashboard summary (90 days)', () => getSummary(db, period(90))],
    ['dashboard status counts (90 days)', () => getStatusCounts(db, period(90))],
    ['dashboard unit table (90 days)', () => getUnitTable(db, period(90))],
    ['dashboard weekly flow (90 days)', () => getWeeklyFlow(db, { ...period(90), timeZone: j.time_zone })],
    ['dashboard unit table (365 days)', () => getUnitTable(db, period(365))],
    ['unit queue (DPUPRPKP + sub-units)', () => listQueue(db, scope)],
    ['unit queue count (DPUPRPKP + sub-units)', () => countQueue(db, scope)],
    [
      'public report page',
      async () => {
        const found = await getPublicReport(db, sample.code, null)
        return getPublicTimeline(db, found!.report.id)
      },
    ],
    // Issue 8 §4: the public list (page, true count), its map points and CSV, the home page's fixes.
    ['public list page 1 (newest)', () => listPublicReports(db, { jurisdictionId: j.id, now, sort: 'newest', page: 1 })],
    ['public list page 1 (most supported)', () => listPublicReports(db, { jurisdictionId: j.id, now, sort: 'supported', page: 1 })],
    ['public list page 200 (newest)', () => listPublicReports(db, { jurisdictionId: j.id, now, sort: 'newest', page: 200 })],
    ['public list overdue, 90 days', () => listPublicReports(db, { jurisdictionId: j.id, now, sort: 'newest', page: 1, overdue: true, periodDays: 90 })],
    [
      'public list one kecamatan + status',
      () => listPublicReports(db, { jurisdictionId: j.id, now, sort: 'newest', page: 1, kecamatanId: kecamatan.id, status: 'closed' }),
    ],
    ['public map points (all, capped)', () => listPublicPoints(db, { jurisdictionId: j.id, now })],
    ['public CSV (all, capped)', () => listPublicReportsForCsv(db, { jurisdictionId: j.id, now, sort: 'newest' })],
    ['home recent fixes', () => listRecentFixes(db, j.id)],
  ]
  console.log(`\n${'query'.padEnd(38)} ${'median ms'.padStart(10)} ${'max ms'.padStart(8)}`)
  for (const [name, run] of cases) {
    await run() // warm-up
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now()
      await run()
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    console.log(`${name.padEnd(38)} ${times[Math.floor(times.length / 2)]!.toFixed(1).padStart(10)} ${times.at(-1)!.toFixed(1).padStart(8)}`)
  }
} finally {
  await database.close()
  await scratch.drop()
}
