// npm run bench:notify -- [--count 10000] [--concurrency 8] [--filings 200] [--pglite]
// 1. Throughput: `count` queued outbox rows delivered by the notification.deliver handler
//    to a local in-process SMTP server (real SMTP via nodemailer), in messages per second.
// 2. Latency: filing a report (one transaction) until its mail has arrived at the SMTP
//    server, p50/p99, with the handler called right after the commit. This measures the
//    filing + handler + SMTP path; the job queue's pick-up delay (pg-boss, JOBS) is not in it.
// --runtime: filing → mail through the pg-boss job runtime instead (scripts/bench-notify-runtime.ts).
// Runs on a scratch PostgreSQL database (BENCH_DATABASE_URL, default the local server,
// dropped afterwards) or, with --pglite, an in-memory PGlite (one connection: serial).
import { SMTPServer } from 'smtp-server'
import { notificationDeliver } from '../app/jobs/notification-deliver'
import { ensureJobQueues } from '../app/jobs/queue.server'
import { queueNotification } from '../app/models/notification.server'
import { createEmailChannel } from '../app/notify/email.server'
import { deliverNotification } from '../app/notify/deliver.server'
import { argValue } from '../db/cli/open'
import { openDatabase, type Database } from '../db/connection'
import { migrateToLatest } from '../db/migrate'
import { createScratchDatabase } from '../db/scratch-database'
import { seedReferenceData } from '../db/seed'
import { benchFiler } from './bench-filing'

process.env.SESSION_SECRET ??= 'bench-secret-bench-secret-bench-secret-01'
if (process.argv.includes('--runtime')) {
  // Through the real job runtime (pg-boss workers): see bench-notify-runtime.ts.
  await import('./bench-notify-runtime')
  process.exit(0)
}
const count = Number(argValue('count') ?? 10_000)
const filings = Number(argValue('filings') ?? 200)
const usePglite = process.argv.includes('--pglite')
const concurrency = usePglite ? 1 : Number(argValue('concurrency') ?? 8)

const arrivals = new Map<string, number>()
let received = 0
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => {})
    stream.on('end', () => {
      received++
      for (const r of session.envelope.rcptTo) arrivals.set(r.address, performance.now())
      callback()
    })
  },
})
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
const port = (smtp.server.address() as { port: number }).port

let scratch: { url: string; drop: () => Promise<void> } | null = null
let database: Database
if (usePglite) database = await openDatabase('memory://')
else {
  scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres', 'melayani_bench')
  database = await openDatabase(scratch.url, { poolSize: concurrency + 2 })
}
const db = database.db

async function pool<T>(items: T[], worker: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await worker(items[next++]!)
    }),
  )
}

try {
  await migrateToLatest(db)
  await seedReferenceData(db)
  // queueNotification enqueues into pg-boss, which needs the queue (the runtime creates it at start).
  await ensureJobQueues(db, [notificationDeliver])
  const email = createEmailChannel({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Melayani <no-reply@bench.test>', mailDir: '', poolSize: concurrency })
  const deps = { channels: { email }, now: () => new Date(), baseUrl: 'http://127.0.0.1' }

  // ---- throughput ----
  const ids: number[] = []
  const queuedAt = new Date()
  for (let start = 0; start < count; start += 500) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(count, start + 500); i++) {
        ids.push(
          await queueNotification(trx, {
            reportId: null,
            channel: 'email',
            recipient: `warga${i}@bench.test`,
            template: 'report_update',
            payload: { code: 'MLG-BENCH2', body: `Kabar ke-${i}` },
            now: queuedAt,
          }),
        )
      }
    })
  }
  const t0 = performance.now()
  const outcomes: Record<string, number> = {}
  await pool(ids, async (id) => {
    const outcome = await deliverNotification(db, id, deps)
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
  })
  const seconds = (performance.now() - t0) / 1000
  console.log(
    `Throughput (${usePglite ? 'PGlite' : 'PostgreSQL'}, ${concurrency} worker(s)): ${count} notifications in ${seconds.toFixed(1)} s = ${(count / seconds).toFixed(0)} msg/s`,
  )
  console.log(`  outcomes ${JSON.stringify(outcomes)}, SMTP server received ${received}`)

  // ---- latency: filing → mail arrived ----
  const fileFor = await benchFiler(db)
  const latencies: number[] = []
  for (let i = 0; i < filings; i++) {
    const address = `pelapor${i}@bench.test`
    const started = performance.now()
    const filed = await fileFor(address)
    const row = await db
      .selectFrom('notification_outbox as n')
      .innerJoin('reports as r', 'r.id', 'n.report_id')
      .select('n.id')
      .where('r.code', '=', filed.code)
      .where('n.user_id', 'is', null)
      .executeTakeFirstOrThrow()
    await deliverNotification(db, row.id, deps)
    latencies.push((arrivals.get(address) ?? Number.NaN) - started)
  }
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1)
  console.log(`Latency filing → mail at the SMTP server (${filings} filings, handler run right after commit): p50 ${pct(50)} ms, p99 ${pct(99)} ms`)
  email.close?.()
} finally {
  await database.close()
  await scratch?.drop()
  smtp.close()
}
