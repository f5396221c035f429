// Historical-report simulator: fills one jurisdiction with months of realistic,
// reproducible complaint history (reports, their event trail, ratings and IKM
// survey answers) for dashboards, demos and load tests.
//
// - Deterministic: the same seed, `now` and database contents give the same rows.
// - Every status change goes through the domain state machine (`transition()`), so
//   simulated history never contains a move the application itself would refuse.
// - Bulk path: reports are generated in creation order and written in batches, one
//   INSERT … SELECT FROM json_to_recordset($1) statement per table per batch (a single
//   parameter, so it works the same on PGlite; json rather than jsonb because a
//   one-shot read of text JSON is cheaper than building jsonb first), each batch in
//   its own transaction. The next batch is generated while the database writes the
//   previous one (one batch in flight).
// - Simulated reports have no report_contacts (no personal data) and source
//   'simulated'; simulated staff accounts are inactive and have a random,
//   discarded password.
//
// Modules: world and staff (reference data from the database, simulated staff),
// profiles and texts (parameters, Indonesian text), generator (one report's history,
// helped by arrivals, handling-times, description, reporter-feedback, duplicate-pool),
// writer (bulk INSERTs), rng and local-days (random numbers, local calendar).
import type { Kysely } from 'kysely'
import type { DB } from '../types'
import { DAY } from './durations'
import { Simulator } from './generator'
import { LocalDays } from './local-days'
import type { SimReport } from './simulated-report'
import { loadWorld } from './world'
import { writeBatch } from './writer'

export { AUTO_CLOSE_MS } from './durations'
export { Rng } from './rng'
export { simStaffEmail } from './staff'

export interface SimulateOptions {
  count: number
  /** Default 'kota-malang'. */
  jurisdictionSlug?: string
  /** PRNG seed, default 42. */
  seed?: number
  /** End of the simulated history, default new Date(). */
  now?: Date
  /** History span in days, default 365. */
  days?: number
  /** Reports per batch (and per transaction), default 2000. */
  batchSize?: number
  /** Called after each committed batch with the number of reports written so far. */
  onProgress?: (done: number) => void
}

export interface SimulateResult {
  reports: number
  events: number
  ratings: number
  ms: number
}

/**
 * Adds `count` simulated reports (with events, ratings and IKM answers) to a jurisdiction
 * whose reference data is seeded. Each batch commits on its own: if a batch fails, the
 * batches before it stay in the database and the error is rethrown.
 */
export async function simulateReports(db: Kysely<DB>, options: SimulateOptions): Promise<SimulateResult> {
  const started = performance.now()
  const count = Math.max(0, Math.floor(options.count))
  const slug = options.jurisdictionSlug ?? 'kota-malang'
  const seed = options.seed ?? 42
  const now = (options.now ?? new Date()).getTime()
  const days = options.days ?? 365
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 2000))
  if (!(days > 0)) throw new RangeError(`days must be positive, got ${days}`)

  const world = await loadWorld(db, slug)
  const result: SimulateResult = { reports: 0, events: 0, ratings: 0, ms: 0 }
  if (count === 0) {
    result.ms = performance.now() - started
    return result
  }

  const startMs = now - days * DAY
  const localDays = new LocalDays(startMs, now, world.calendar)
  const sim = new Simulator(world, localDays, seed, now)
  const arrivals = sim.sampleArrivals(count, startMs)

  let inFlight: Promise<unknown> | null = null
  const settle = async () => {
    if (!inFlight) return
    const outcome = await inFlight
    inFlight = null
    if (outcome instanceof Error) throw outcome
  }

  for (let from = 0; from < count; from += batchSize) {
    const to = Math.min(count, from + batchSize)
    const batch: SimReport[] = []
    for (let i = from; i < to; i++) {
      batch.push(sim.report(arrivals[i] as number))
      // Let the database progress with the previous batch while this one is generated.
      if (inFlight && (i - from) % 200 === 199) await new Promise<void>((r) => setImmediate(r))
    }
    await settle()
    inFlight = writeBatch(db, world.jurisdictionId, batch).then(
      (written) => {
        result.reports += written.reports
        result.events += written.events
        result.ratings += written.ratings
        options.onProgress?.(result.reports)
        return null
      },
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    )
  }
  await settle()
  result.ms = performance.now() - started
  return result
}
