// The job runtime (pg-boss on the app's database, ADR 011) on PGlite and PostgreSQL:
// jobs commit or roll back with their transaction, each sent job runs once, stop() is
// graceful and bounded, and the hourly clean-up removes only what is dead.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import PgBoss from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanupJob } from '~/jobs/cleanup'
import { JOBS } from '~/jobs/registry'
import { enqueue, ensureJobQueues } from '~/jobs/queue.server'
import { startJobRuntime, type JobRuntime } from '~/jobs/runtime.server'
import { kyselyExecutor } from '~/jobs/sql-adapter.server'
import type { JobDefinition } from '~/jobs/types'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(() => t?.close())

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until(condition: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out')
    await sleep(100)
  }
}

async function jobsNamed(name: string) {
  const { rows } = await sql<{ id: string; state: string; data: { n?: number } }>`SELECT id, state, data FROM pgboss.job WHERE name = ${name}`.execute(t.db)
  return rows
}

describe('enqueue inside a transaction', () => {
  const name = 'test.transactional'
  beforeAll(() => ensureJobQueues(t.db, [{ name }]))

  it('a rolled-back transaction enqueues nothing; a committed one enqueues its job', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueue(trx, name, { n: 1 })
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect(await jobsNamed(name)).toEqual([])

    await t.db.transaction().execute(async (trx) => {
      await enqueue(trx, name, { n: 2 })
    })
    const rows = await jobsNamed(name)
    expect(rows.map((r) => r.data)).toEqual([{ n: 2 }])
    expect(rows[0]!.state).toBe('created')
  })

  it('refuses a job whose queue does not exist instead of dropping it', async () => {
    await expect(enqueue(t.db, 'test.no-such-queue', {})).rejects.toThrow(/does not exist/)
  })

  it('a singleton key enqueues once while the first job waits, also from concurrent transactions', async () => {
    const key = 'report-42'
    await enqueue(t.db, name, { n: 3 }, { singletonKey: key })
    await enqueue(t.db, name, { n: 4 }, { singletonKey: key })
    await Promise.all([5, 6, 7].map((n) => t.db.transaction().execute((trx) => enqueue(trx, name, { n }, { singletonKey: 'report-43' }))))
    const rows = await jobsNamed(name)
    expect(rows.filter((r) => [3, 4].includes(r.data.n!))).toHaveLength(1)
    expect(rows.filter((r) => [5, 6, 7].includes(r.data.n!))).toHaveLength(1)
    // Once the job is done, the key is free again.
    await sql`UPDATE pgboss.job SET state = 'completed' WHERE singleton_key = ${key}`.execute(t.db)
    await enqueue(t.db, name, { n: 8 }, { singletonKey: key })
    expect((await jobsNamed(name)).filter((r) => r.data.n === 8)).toHaveLength(1)
  })
})

describe('the runtime', () => {
  let runtime: JobRuntime | null = null
  afterAll(() => runtime?.stop({ timeoutMs: 1000 }))

  it('serves every registered job: runs each sent job once, with its data and the injected clock', async () => {
    const seen: { n: number; at: string }[] = []
    const fixed = new Date('2026-03-02T03:00:00Z')
    const job: JobDefinition<{ n: number }> = {
      name: 'test.count',
      handler: async (data, ctx) => {
        seen.push({ n: data.n, at: ctx.now().toISOString() })
      },
    }
    const logged: string[] = []
    runtime = await startJobRuntime({
      database: t,
      jobs: [job, cleanupJob],
      now: () => fixed,
      pollingIntervalSeconds: 0.5,
      log: (msg, extra) => logged.push(`${msg} ${JSON.stringify(extra)}`),
    })
    for (let n = 0; n < 10; n++) await enqueue(t.db, job.name, { n })
    await until(async () => (await jobsNamed(job.name)).every((r) => r.state === 'completed'))
    expect(seen.map((s) => s.n).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(new Set(seen.map((s) => s.at))).toEqual(new Set([fixed.toISOString()]))

    const { rows: schedules } = await sql<{ name: string; cron: string }>`SELECT name, cron FROM pgboss.schedule`.execute(t.db)
    expect(schedules).toEqual([{ name: cleanupJob.name, cron: cleanupJob.cron }])
    // pg-boss's own maintenance (multi-statement scripts, on PGlite through exec) ran without errors.
    expect(logged.filter((l) => l.startsWith('job runtime error'))).toEqual([])
    await runtime.stop()
    runtime = null
  })

  it('a failing job is retried, then succeeds', async () => {
    let calls = 0
    const job: JobDefinition = {
      name: 'test.flaky',
      options: { retryLimit: 3, retryDelay: 1, retryBackoff: false },
      handler: async () => {
        calls++
        if (calls === 1) throw new Error('first attempt fails')
      },
    }
    runtime = await startJobRuntime({ database: t, jobs: [job], pollingIntervalSeconds: 0.5, log: () => {} })
    await enqueue(t.db, job.name, {})
    await until(async () => (await jobsNamed(job.name))[0]?.state === 'completed')
    expect(calls).toBe(2)
    await runtime.stop()
    runtime = null
  })

  it('in a batch, each job succeeds or fails on its own', async () => {
    const job: JobDefinition<{ n: number }> = {
      name: 'test.batch',
      options: { retryLimit: 0 },
      handler: async ({ n }) => {
        if (n === 1) throw new Error('only this one fails')
      },
    }
    await ensureJobQueues(t.db, [job])
    for (let n = 0; n < 3; n++) await enqueue(t.db, job.name, { n })
    runtime = await startJobRuntime({ database: t, jobs: [job], pollingIntervalSeconds: 0.5, log: () => {} })
    await until(async () => (await jobsNamed(job.name)).every((r) => r.state === 'completed' || r.state === 'failed'))
    const states = Object.fromEntries((await jobsNamed(job.name)).map((r) => [r.data.n, r.state]))
    expect(states).toEqual({ 0: 'completed', 1: 'failed', 2: 'completed' })
    await runtime.stop()
    runtime = null
  })

  it('stop() lets a running job finish before it returns', async () => {
    let finished = false
    const job: JobDefinition = {
      name: 'test.slow',
      handler: async () => {
        await sleep(1200)
        finished = true
      },
    }
    runtime = await startJobRuntime({ database: t, jobs: [job], pollingIntervalSeconds: 0.5, log: () => {} })
    await enqueue(t.db, job.name, {})
    await until(async () => (await jobsNamed(job.name))[0]?.state === 'active')
    await runtime.stop({ timeoutMs: 5000 })
    runtime = null
    expect(finished).toBe(true)
    expect((await jobsNamed(job.name))[0]!.state).toBe('completed')
    // Stopped means stopped: a job sent now stays waiting for the next process.
    await enqueue(t.db, job.name, { later: true })
    await sleep(1500)
    expect((await jobsNamed(job.name)).map((r) => r.state).sort()).toEqual(['completed', 'created'])
  })

  it('stop() is bounded: a job still running at the deadline is released for a retry', async () => {
    const job: JobDefinition = {
      name: 'test.stuck',
      options: { retryLimit: 2 },
      handler: async () => {
        await sleep(20_000)
      },
    }
    runtime = await startJobRuntime({ database: t, jobs: [job], pollingIntervalSeconds: 0.5, log: () => {} })
    await enqueue(t.db, job.name, {})
    await until(async () => (await jobsNamed(job.name))[0]?.state === 'active')
    const started = Date.now()
    await runtime.stop({ timeoutMs: 1000 })
    runtime = null
    expect(Date.now() - started).toBeLessThan(4000)
    // Not lost and not completed: pg-boss marks it for another attempt.
    expect((await jobsNamed(job.name))[0]!.state).toBe('retry')
  })
})

describe('pg-boss maintenance over our connection', () => {
  it('runs its multi-statement, transaction-wrapped scripts (expire, archive, drop) and leaves no transaction open', async () => {
    const boss = new PgBoss({ db: kyselyExecutor(t.db, t.execScript), schema: 'pgboss' })
    await boss.maintain()
    expect(await boss.getQueues()).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'maintenance.cleanup' })]))
    // A failing script (here: a statement error after BEGIN) rolls back and frees the connection.
    await expect(t.execScript('BEGIN; SELECT 1/0; COMMIT;')).rejects.toThrow(/division by zero/)
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(t.db)
    expect(rows).toEqual([{ one: 1 }])
    await t.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx)
    })
  })
})

describe('the hourly clean-up', () => {
  it('deletes expired sessions, old limit rows, old login throttles and expired photo stashes with their files — and nothing live', async () => {
    const now = new Date('2026-06-01T12:00:00Z')
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000)
    const j = await t.db.selectFrom('jurisdictions').select('id').executeTakeFirstOrThrow()
    const user = await t.db
      .insertInto('users')
      .values({
        jurisdiction_id: j.id,
        email: 'cleanup@test.local',
        name: 'Cleanup',
        password_hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
        role: 'admin',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('sessions')
      .values([
        { id: 'expired-long-ago', user_id: user.id, expires_at: hoursAgo(48) },
        { id: 'revoked-long-ago', user_id: user.id, expires_at: hoursAgo(-24), revoked_at: hoursAgo(30) },
        { id: 'live', user_id: user.id, expires_at: hoursAgo(-24) },
      ])
      .execute()
    await t.db
      .insertInto('rate_limits')
      .values([
        { key: 'old', points: 1, expire: hoursAgo(2).getTime() },
        { key: 'current', points: 1, expire: hoursAgo(-0.1).getTime() },
      ])
      .execute()
    await t.db
      .insertInto('login_throttle')
      .values([
        { key: 'o'.repeat(64), attempts: 3, grant_id: 'a', updated_at: hoursAgo(30) },
        { key: 'r'.repeat(64), attempts: 3, grant_id: 'b', updated_at: hoursAgo(1) },
      ])
      .execute()
    const uploads = process.env.UPLOAD_DIR!
    const stash = (storage_key: string, expires_at: Date) => ({
      owner_hash: 'a'.repeat(64),
      storage_key,
      content_type: 'image/jpeg' as const,
      size_bytes: 3,
      width: 1,
      height: 1,
      expires_at,
    })
    for (const key of ['stale-photo.jpg', 'kept-photo.jpg']) writeFileSync(join(uploads, key), 'jpg')
    await t.db
      .insertInto('photo_stashes')
      .values([stash('stale-photo.jpg', hoursAgo(0.5)), stash('kept-photo.jpg', hoursAgo(-0.5))])
      .execute()

    const run = () => cleanupJob.handler({}, { db: t.db, now: () => now, log: () => {} })
    await run()
    await run() // idempotent: a retried run finds nothing more to do and does not fail

    expect((await t.db.selectFrom('sessions').select('id').execute()).map((r) => r.id)).toEqual(['live'])
    expect((await t.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)).toEqual(['current'])
    expect((await t.db.selectFrom('login_throttle').select('key').execute()).map((r) => r.key)).toEqual(['r'.repeat(64)])
    expect((await t.db.selectFrom('photo_stashes').select('storage_key').execute()).map((r) => r.storage_key)).toEqual(['kept-photo.jpg'])
    expect(existsSync(join(uploads, 'stale-photo.jpg'))).toBe(false)
    expect(existsSync(join(uploads, 'kept-photo.jpg'))).toBe(true)
  })

  it('is registered to run every hour', () => {
    expect(JOBS).toContain(cleanupJob)
    expect(cleanupJob.cron).toMatch(/^\d+ \* \* \* \*$/)
  })
})
