// Tests only (JOBS_TEST_PROBE=1): a job that records each run, so the two-process e2e
// test can count how often a sent job and a cron tick ran. The table `job_probe` is
// created by that test, never by a migration.
import { sql } from 'kysely'
import type { JobDefinition } from './types'

export const TEST_PROBE_JOB = 'test.probe'

export const testProbeJob: JobDefinition<{ key?: string; sleepMs?: number }> = {
  name: TEST_PROBE_JOB,
  cron: '* * * * *',
  options: { retryLimit: 0 },
  async handler(data, { db, now }) {
    // As slow as a real delivery, so that one process cannot drain a test's jobs before the other looks.
    await new Promise((r) => setTimeout(r, data.sleepMs ?? 100))
    await sql`INSERT INTO job_probe (key, pid, ran_at) VALUES (${data.key ?? 'cron'}, ${process.pid}, ${now()})`.execute(db)
  },
}
