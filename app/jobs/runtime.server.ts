// The job runtime: pg-boss on the app's own database (ADR 011). start() serves every
// registered job (work() per queue, schedule() per cron); stop() stops taking jobs,
// lets running ones finish within a bound, and hands back the unfinished ones (pg-boss
// fails them, so they are retried by the next process). The database stays open: its
// owner closes it after stop().
import PgBoss from 'pg-boss'
import type { Database } from '#db/connection'
import { JOB_QUEUE_SCHEMA } from '#db/migrations/0005-job-queue'
import { ensureJobQueues } from './queue.server'
import { kyselyExecutor } from './sql-adapter.server'
import type { JobContext, JobDefinition } from './types'
import { runObservedJob } from '~/utils/job-telemetry.server'
import { logger } from '~/utils/logger.server'

export interface JobRuntimeOptions {
  database: Database
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  jobs: JobDefinition<any>[]
  now?: () => Date
  /** How often an idle worker looks for new jobs. */
  pollingIntervalSeconds?: number
  /** Jobs fetched at once per queue (run one after the other). */
  batchSize?: number
  log?: (msg: string, extra?: object) => void
}

export interface JobRuntime {
  /** Waits up to `timeoutMs` for running jobs, then fails (releases) what is left. */
  stop(options?: { timeoutMs?: number }): Promise<void>
}

export const DEFAULT_STOP_TIMEOUT_MS = 3_000
const DEFAULT_BATCH_SIZE = 10

export async function startJobRuntime(options: JobRuntimeOptions): Promise<JobRuntime> {
  const { database, jobs } = options
  const now = options.now ?? (() => new Date())
  const log = options.log ?? defaultLog
  await ensureJobQueues(database.db, jobs)
  const boss = new PgBoss({
    db: kyselyExecutor(database.db, database.execScript),
    schema: JOB_QUEUE_SCHEMA,
    // Upgrades pg-boss's schema when a newer pg-boss runs (the tables come from migration 0005).
    migrate: true,
    supervise: true,
    schedule: jobs.some((j) => j.cron),
  })
  // Without a listener an 'error' event would end the process; maintenance errors
  // (e.g. the database briefly away) are retried by pg-boss on its next round.
  boss.on('error', (error) => log('job runtime error', { error: String(error) }))
  // One schedule row per cron job, shared by every process: pg-boss evaluates the
  // schedules in one process per interval and sends each tick once (a singleton per minute).
  // Written before start(), so the first evaluation (at start) already sees them.
  const crons = new Map(jobs.filter((j) => j.cron).map((j) => [j.name, j.cron!]))
  for (const schedule of await boss.getSchedules()) {
    if (!crons.has(schedule.name)) await boss.unschedule(schedule.name)
  }
  for (const [name, cron] of crons) await boss.schedule(name, cron, {}, { tz: 'UTC' })

  await boss.start()

  let stopping = false
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE
  for (const job of jobs) {
    const context: JobContext = { db: database.db, now, log: (msg, extra) => log(msg, { job: job.name, ...extra }) }
    let workerId = ''
    workerId = await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize }, async (batch) => {
      // Each job of a batch succeeds or fails on its own (pg-boss would settle a batch as
      // one); its final complete() then finds none of them active any more.
      for (const [index, item] of batch.entries()) {
        if (stopping) {
          // Not started: hand the rest back now instead of letting pg-boss mark them done.
          for (const rest of batch.slice(index)) await boss.fail(job.name, rest.id, { message: 'released at shutdown' })
          return
        }
        try {
          // One JSON log line and the job metrics per run (ADR 014).
          await runObservedJob({ name: job.name, id: item.id }, () => job.handler(item.data as object, context))
          await boss.complete(job.name, item.id)
        } catch (error) {
          await boss.fail(job.name, item.id, { message: String(error) }) // retried with backoff up to the limit
        }
      }
      // A full batch means more may be waiting: fetch again at once instead of after the polling interval.
      if (batch.length === batchSize && !stopping) boss.notifyWorker(workerId)
    })
  }

  let stopped: Promise<void> | null = null
  return {
    stop({ timeoutMs = DEFAULT_STOP_TIMEOUT_MS } = {}) {
      stopping = true
      stopped ??= boss.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs })
      return stopped
    },
  }
}

function defaultLog(msg: string, extra?: object) {
  logger().info({ component: 'jobs', ...extra }, msg)
}
