// Starting the workers of this process, for the web server (in-process, the default)
// and for `npm run worker` alike.
import type { Database } from '#db/connection'
import type { Env } from '~/utils/env.server'
import { ensureJobQueues } from './queue.server'
import { JOBS } from './registry'
import { startJobRuntime, type JobRuntime } from './runtime.server'
import { testProbeJob } from './test-probe'

export function servedJobs(env: Pick<Env, 'JOBS_TEST_PROBE'>) {
  return env.JOBS_TEST_PROBE ? [...JOBS, testProbeJob] : JOBS
}

/** Creates the queues (so requests can enqueue) and, when `run`, starts the workers. */
export async function serveJobs(database: Database, env: Pick<Env, 'JOBS_TEST_PROBE'>, run: boolean): Promise<JobRuntime | null> {
  const jobs = servedJobs(env)
  await ensureJobQueues(database.db, jobs)
  return run ? startJobRuntime({ database, jobs }) : null
}
