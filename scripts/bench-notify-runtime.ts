// npm run bench:notify -- --runtime [--runtimes 2] [--filings 200] [--rate 20] [--burst 500] [--poll 2]
// Filing → mail through the REAL job runtime: fileReport commits the report, its outbox row
// and its pg-boss job in one transaction; pg-boss workers (startJobRuntime, the app's
// defaults unless --poll) run notification.deliver, which sends real SMTP (nodemailer, the
// app's own channel from SMTP_URL) to an in-process SMTP server. With --runtimes 2, two
// runtimes with their own connection pools share one database, as two processes would.
// 1. Latency: `filings` reports filed at `rate` per second; p50/p99 from the start of the
//    filing transaction to the mail's arrival at the SMTP server.
// 2. Throughput: `burst` reports filed as fast as 8 concurrent filers can; msgs/s from the
//    first filing to the last arrival.
// PostgreSQL only (a scratch database on BENCH_DATABASE_URL, dropped afterwards): PGlite
// has one connection, so a second runtime could not exist there.
import { SMTPServer } from 'smtp-server'
import { argValue } from '../db/cli/open'
import { openDatabase, type Database } from '../db/connection'
import { migrateToLatest } from '../db/migrate'
import { createScratchDatabase } from '../db/scratch-database'
import { seedReferenceData } from '../db/seed'

const runtimes = Number(argValue('runtimes') ?? 1)
const filings = Number(argValue('filings') ?? 200)
const rate = Number(argValue('rate') ?? 20)
const burst = Number(argValue('burst') ?? 500)
const poll = argValue('poll') === undefined ? undefined : Number(argValue('poll'))
const FILERS = 8
const WAIT_MS = 120_000

const arrivals = new Map<string, number>()
const received = new Map<string, number>()
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => {})
    stream.on('end', () => {
      for (const r of session.envelope.rcptTo) {
        if (!arrivals.has(r.address)) arrivals.set(r.address, performance.now())
        received.set(r.address, (received.get(r.address) ?? 0) + 1)
      }
      callback()
    })
  },
})
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
const port = (smtp.server.address() as { port: number }).port

// Before any app module reads its environment (getEnv caches it).
process.env.SMTP_URL = `smtp://127.0.0.1:${port}`
process.env.APP_BASE_URL ??= 'http://127.0.0.1'
process.env.LOG_LEVEL ??= 'warn'
const { benchFiler } = await import('./bench-filing')
const { startJobRuntime } = await import('../app/jobs/runtime.server')
const { notificationDeliver } = await import('../app/jobs/notification-deliver')

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres', 'melayani_bench')
const databases: Database[] = []
const stops: (() => Promise<void>)[] = []
try {
  const main = await openDatabase(scratch.url, { poolSize: FILERS + 2 })
  databases.push(main)
  const db = main.db
  await migrateToLatest(db)
  await seedReferenceData(db)
  for (let n = 0; n < runtimes; n++) {
    // Each runtime its own pool, like a process of its own.
    const own = await openDatabase(scratch.url, { poolSize: 4 })
    databases.push(own)
    const runtime = await startJobRuntime({ database: own, jobs: [notificationDeliver], ...(poll ? { pollingIntervalSeconds: poll } : {}), log: () => {} })
    stops.push(() => runtime.stop())
  }

  const fileFor = await benchFiler(db)
  const started = new Map<string, number>()
  const file = async (address: string) => {
    started.set(address, performance.now())
    await fileFor(address)
  }
  const waitFor = async (addresses: string[]) => {
    const deadline = performance.now() + WAIT_MS
    while (addresses.some((a) => !arrivals.has(a)) && performance.now() < deadline) await sleep(20)
    const missing = addresses.filter((a) => !arrivals.has(a)).length
    if (missing) throw new Error(`${missing} of ${addresses.length} mails did not arrive within ${WAIT_MS / 1000} s`)
  }
  const label = `${runtimes} runtime${runtimes > 1 ? 's' : ''}, polling ${poll ?? 'default 2'} s`

  // ---- latency, at a steady filing rate ----
  const paced = Array.from({ length: filings }, (_, i) => `pelapor${i}@bench.test`)
  const filingsDone: Promise<void>[] = []
  const t0 = performance.now()
  for (const [i, address] of paced.entries()) {
    await sleep(Math.max(0, t0 + (i * 1000) / rate - performance.now()))
    filingsDone.push(file(address))
  }
  await Promise.all(filingsDone)
  await waitFor(paced)
  const latencies = paced.map((a) => arrivals.get(a)! - started.get(a)!).sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(0)
  console.log(`Latency filing → mail through the job runtime (${label}; ${filings} filings at ${rate}/s): p50 ${pct(50)} ms, p99 ${pct(99)} ms`)

  // ---- throughput, a burst of filings ----
  const burstAddresses = Array.from({ length: burst }, (_, i) => `burst${i}@bench.test`)
  const b0 = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: FILERS }, async () => {
      while (next < burstAddresses.length) await file(burstAddresses[next++]!)
    }),
  )
  const filedIn = (performance.now() - b0) / 1000
  await waitFor(burstAddresses)
  const last = Math.max(...burstAddresses.map((a) => arrivals.get(a)!))
  const seconds = (last - b0) / 1000
  console.log(
    `Throughput through the job runtime (${label}): ${burst} filings (filed in ${filedIn.toFixed(1)} s) all mailed in ${seconds.toFixed(1)} s = ${(burst / seconds).toFixed(0)} msg/s`,
  )
  // Exactly once, whichever runtime took each job.
  const { rows } = await db
    .selectFrom('notification_outbox')
    .select((eb) => ['status', eb.fn.countAll<string>().as('n')])
    .where('user_id', 'is', null)
    .groupBy('status')
    .execute()
    .then((r) => ({ rows: r }))
  await sleep(2000) // a duplicate would arrive now
  const duplicates = [...received.values()].filter((n) => n > 1).length
  console.log(`  citizen addresses mailed more than once: ${duplicates}`)
  console.log(`  citizen outbox rows by status: ${JSON.stringify(Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])))}`)
} finally {
  for (const stop of stops) await stop()
  for (const d of databases) await d.close()
  await scratch.drop()
  smtp.close()
}
