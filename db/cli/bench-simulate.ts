// npm run bench:simulate -- [--reports 100000] [--pglite] [--seed 42] [--batch-size 2000]
// Measures the simulator on a throw-away database: a fresh melayani_bench_<random> database
// on the PostgreSQL server of BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432),
// dropped afterwards; or, with --pglite, an in-memory PGlite database (default 10,000 reports).
import { openDatabase } from '../connection'
import { migrateToLatest } from '../migrate'
import { createScratchDatabase } from '../scratch-database'
import { seedReferenceData } from '../seed'
import { simulateReports } from '../simulator'
import { argValue } from './open'

const usePglite = process.argv.includes('--pglite')
const count = Number(argValue('reports') ?? (usePglite ? 10_000 : 100_000))
const seed = Number(argValue('seed') ?? 42)
const batchSize = Number(argValue('batch-size') ?? 2000)
if (![count, seed, batchSize].every((n) => Number.isInteger(n) && n >= 0) || batchSize < 1) {
  console.error('Usage: npm run bench:simulate -- [--reports 100000] [--pglite] [--seed 42] [--batch-size 2000]')
  process.exit(2)
}

let url = 'memory://'
let drop = async () => {}
if (!usePglite) {
  const server = new URL(process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres')
  server.pathname = '/postgres'
  const scratch = await createScratchDatabase(server.toString(), 'melayani_bench')
  url = scratch.url
  drop = scratch.drop
  console.log(`Benchmark database ${scratch.name} on ${server.host}`)
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
try {
  const database = await openDatabase(url, { poolSize: 2 })
  try {
    await migrateToLatest(database.db)
    await seedReferenceData(database.db)
    console.log(`Simulating ${fmt(count)} reports on ${database.kind} (batch ${batchSize})…`)
    const step = Math.max(1, Math.ceil(count / 10))
    let next = step
    const started = performance.now()
    const result = await simulateReports(database.db, {
      count,
      seed,
      batchSize,
      onProgress(done) {
        if (done < next && done < count) return
        while (next <= done) next += step
        const s = (performance.now() - started) / 1000
        console.log(`  ${fmt(done)} reports after ${s.toFixed(1)} s (${fmt(done / s)} reports/s)`)
      },
    })
    const seconds = result.ms / 1000
    const reportsPerSecond = result.reports / seconds
    const eventsPerSecond = result.events / seconds
    const millionSeconds = 1_000_000 / reportsPerSecond
    console.log(`${fmt(result.reports)} reports, ${fmt(result.events)} events, ${fmt(result.ratings)} ratings in ${seconds.toFixed(1)} s`)
    console.log(`${fmt(reportsPerSecond)} reports/s, ${fmt(eventsPerSecond)} events/s`)
    console.log(`Extrapolated time for 1,000,000 reports: ${(millionSeconds / 60).toFixed(1)} min (${fmt(millionSeconds)} s)`)
  } finally {
    await database.close()
  }
} finally {
  await drop()
}
