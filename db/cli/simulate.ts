// npm run db:simulate -- --reports N [--jurisdiction kota-malang] [--seed 42] [--days 365] [--batch-size 2000]
// Adds N simulated historical reports (with events, ratings and IKM answers) to the
// database named by DATABASE_URL (default: the embedded PGlite database in ./data).
import { seedReferenceData } from '../seed'
import { simulateReports } from '../simulator'
import { argValue, openFromEnv } from './open'

const USAGE = 'Usage: npm run db:simulate -- --reports N [--jurisdiction kota-malang] [--seed 42] [--days 365] [--batch-size 2000]'

function intArg(name: string, fallback: number | undefined, min: number): number {
  const raw = argValue(name)
  if (raw === undefined) {
    if (fallback === undefined) throw new Error(`--${name} is required`)
    return fallback
  }
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min}, got "${raw}"`)
  return value
}

let options: { count: number; jurisdictionSlug: string; seed: number; days: number; batchSize: number }
try {
  options = {
    count: intArg('reports', undefined, 0),
    jurisdictionSlug: argValue('jurisdiction') ?? 'kota-malang',
    seed: intArg('seed', 42, 0),
    days: intArg('days', 365, 1),
    batchSize: 0,
  }
  // Small runs use smaller batches so that progress still shows about every 10%.
  options.batchSize = intArg('batch-size', Math.min(2000, Math.max(100, Math.ceil(options.count / 10))), 1)
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  console.error(USAGE)
  process.exit(2)
}

const database = await openFromEnv()
try {
  await seedReferenceData(database.db)
  const { count } = options
  const step = Math.max(1, Math.ceil(count / 10))
  let nextReport = step
  const started = performance.now()
  console.log(`Simulating ${count} reports for ${options.jurisdictionSlug} over ${options.days} days (seed ${options.seed}) on ${database.kind}…`)
  const result = await simulateReports(database.db, {
    ...options,
    onProgress(done) {
      if (done < nextReport && done < count) return
      while (nextReport <= done) nextReport += step
      const seconds = (performance.now() - started) / 1000
      console.log(`  ${done}/${count} (${Math.round((done / count) * 100)}%) after ${seconds.toFixed(1)} s`)
    },
  })
  const seconds = result.ms / 1000
  const rate = seconds > 0 ? Math.round(result.reports / seconds) : 0
  console.log(`Done: ${result.reports} reports, ${result.events} events, ${result.ratings} ratings in ${seconds.toFixed(1)} s (${rate} reports/s)`)
} finally {
  await database.close()
}
