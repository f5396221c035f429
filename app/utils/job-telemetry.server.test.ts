import { Writable } from 'node:stream'
import { beforeEach, describe, expect, it } from 'vitest'
import { runObservedJob } from './job-telemetry.server'
import { createLogger, useLoggerForTests } from './logger.server'
import { metrics, resetMetricsForTests } from './metrics.server'

let lines: Record<string, unknown>[] = []
beforeEach(() => {
  lines = []
  resetMetricsForTests()
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  useLoggerForTests(createLogger(sink, 'info'))
})

// A clock the test moves: 0 ms at the start, 250 ms at the end.
const clock = () => {
  const times = [0, 250]
  return () => times.shift() ?? 250
}

describe('runObservedJob', () => {
  it('logs and counts a completed run with its name, attempt, outcome and duration', async () => {
    const result = await runObservedJob({ name: 'sla.escalate', id: 'j1', attempt: 1 }, async () => 'done', clock())
    expect(result).toBe('done')
    expect(lines).toEqual([expect.objectContaining({ job: 'sla.escalate', job_id: 'j1', attempt: 1, outcome: 'completed', duration_ms: 250 })])
    const text = await metrics().registry.metrics()
    expect(text).toContain('melayani_jobs_total{queue="sla.escalate",outcome="completed"} 1')
    expect(text).toContain('melayani_job_duration_seconds_sum{queue="sla.escalate",outcome="completed"} 0.25')
  })

  it('logs a failed run with the error and rethrows it so the queue retries', async () => {
    const run = runObservedJob({ name: 'notification.deliver', attempt: 3 }, () => Promise.reject(new Error('SMTP 451')), clock())
    await expect(run).rejects.toThrow('SMTP 451')
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', job: 'notification.deliver', attempt: 3, outcome: 'failed', error: 'SMTP 451' })])
    expect(await metrics().registry.metrics()).toContain('melayani_jobs_total{queue="notification.deliver",outcome="failed"} 1')
  })
})

describe('logErrorWithStack', () => {
  it("logs message, stack and request id, never a driver error's detail", async () => {
    const { logErrorWithStack } = await import('./logger.server')
    const { requestContextStorage } = await import('./request-context.server')
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), { detail: 'Key (email)=(warga@example.test) already exists.' })
    requestContextStorage().run({ requestId: 'req-1' }, () => logErrorWithStack('unhandled error in a loader or action', error))
    expect(lines).toEqual([expect.objectContaining({ level: 'error', request_id: 'req-1', error: 'duplicate key value violates unique constraint' })])
    expect(String(lines[0]!.stack)).toContain('job-telemetry.server.test.ts')
    expect(JSON.stringify(lines)).not.toContain('warga@example.test')
  })
})
