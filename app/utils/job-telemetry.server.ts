// Logging and metrics for job runs, for the jobs runtime (app/jobs/) to call around
// every handler:
//
//   await runObservedJob({ name: job.name, id: job.id, attempt: job.retryCount + 1 }, () => handler(data, ctx))
//
// It writes one JSON log line per run (job, job_id, attempt, outcome, duration_ms, and
// the error message on failure), counts the run in melayani_jobs_total and times it in
// melayani_job_duration_seconds, then returns the handler's result or rethrows its
// error (so pg-boss still retries). `jobLogger(name)` gives handlers a logger whose
// lines carry the job name (JobContext.log can be built on it).
import type { Logger } from 'pino'
import { errorMessage, logger } from './logger.server'
import { observeJob } from './metrics.server'

export interface JobRun {
  name: string
  id?: string
  /** 1 for the first try. */
  attempt?: number
}

export function jobLogger(name: string, id?: string): Logger {
  return logger().child(id ? { job: name, job_id: id } : { job: name })
}

export async function runObservedJob<T>(run: JobRun, handler: () => Promise<T>, clock: () => number = () => performance.now()): Promise<T> {
  const started = clock()
  const log = jobLogger(run.name, run.id)
  const finish = (outcome: 'completed' | 'failed', error?: unknown) => {
    const seconds = (clock() - started) / 1000
    observeJob(run.name, outcome, seconds)
    const line = { attempt: run.attempt ?? 1, outcome, duration_ms: Math.round(seconds * 1000) }
    if (error === undefined) log.info(line, 'job completed')
    else log.warn({ ...line, error: errorMessage(error) }, 'job failed')
  }
  try {
    const result = await handler()
    finish('completed')
    return result
  } catch (error) {
    finish('failed', error)
    throw error
  }
}
