// Two app processes (`npm start` on two ports) over one PostgreSQL database, both
// running the job workers (ADR 011): every sent job runs exactly once, a cron tick runs
// once (not once per process), and SIGTERM stops each process cleanly. The test-only
// job 'test.probe' (JOBS_TEST_PROBE=1) records each run in `job_probe`.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '#db/connection'
import { enqueue } from '~/jobs/queue.server'
import { TEST_PROBE_JOB } from '~/jobs/test-probe'
import { createPostgresDatabase, postgresAvailable, ROOT, saveServerOutput, startServer, type FreshPostgresDatabase, type RunningServer } from './support'

const SENT = 40
const WAIT_MS = 60_000

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe.runIf(postgresAvailable())('jobs with two app processes over one PostgreSQL', () => {
  let scratch: FreshPostgresDatabase
  let database: Database
  const servers: RunningServer[] = []

  beforeAll(async () => {
    scratch = await createPostgresDatabase()
    database = await openDatabase(scratch.url, { poolSize: 2 })
    await sql`CREATE TABLE job_probe (key text NOT NULL, pid integer NOT NULL, ran_at timestamptz NOT NULL)`.execute(database.db)
    const env = { JOBS_TEST_PROBE: '1', DEMO_REPORTS: '0', RATE_LIMIT_FILING: 'off' }
    // One after the other: the second finds the schema migrated and the demo seeded.
    servers.push(await startServer({ databaseUrl: scratch.url, env }))
    servers.push(await startServer({ databaseUrl: scratch.url, env }))
  }, 240_000)

  afterAll(async () => {
    for (const s of servers) await s.stop(3000)
    await database?.close()
    await scratch?.drop()
  })

  it('runs each sent job once and each cron tick once, spread over both processes', async () => {
    try {
      for (let n = 0; n < SENT; n++) await enqueue(database.db, TEST_PROBE_JOB, { key: `job-${n}` })
      const deadline = Date.now() + WAIT_MS
      const runs = () => sql<{ key: string; pid: number }>`SELECT key, pid FROM job_probe`.execute(database.db).then((r) => r.rows)
      while (Date.now() < deadline) {
        const rows = await runs()
        if (rows.filter((r) => r.key.startsWith('job-')).length >= SENT && rows.some((r) => r.key === 'cron')) break
        await sleep(500)
      }
      await sleep(3000) // a duplicate would show up now
      const rows = await runs()
      const sent = rows.filter((r) => r.key.startsWith('job-'))
      expect(sent.map((r) => r.key).sort()).toEqual(Array.from({ length: SENT }, (_, n) => `job-${n}`).sort())
      // Both processes took jobs (the test really exercised two workers on one queue).
      expect(new Set(sent.map((r) => r.pid)).size).toBe(2)

      // Cron: pg-boss creates one probe job per tick; each ran once, and no minute has two.
      const { rows: ticks } = await sql<{ minute: string }>`
        SELECT to_char(date_trunc('minute', created_on), 'HH24:MI') AS minute FROM pgboss.job
        WHERE name = ${TEST_PROBE_JOB} AND NOT (data ? 'key')`.execute(database.db)
      expect(ticks.length).toBeGreaterThanOrEqual(1)
      expect(new Set(ticks.map((t) => t.minute)).size).toBe(ticks.length)
      expect(rows.filter((r) => r.key === 'cron')).toHaveLength(ticks.length)
    } catch (error) {
      servers.forEach((s, i) => saveServerOutput(s, `jobs-two-processes-${i}`))
      throw error
    }
  }, 90_000)

  it('SIGTERM lets a running job finish, then each process exits cleanly', async () => {
    await enqueue(database.db, TEST_PROBE_JOB, { key: 'slow', sleepMs: 1500 })
    const state = async () =>
      (await sql<{ state: string }>`SELECT state FROM pgboss.job WHERE name = ${TEST_PROBE_JOB} AND data->>'key' = 'slow'`.execute(database.db)).rows[0]?.state
    const deadline = Date.now() + 15_000
    while ((await state()) !== 'active' && Date.now() < deadline) await sleep(50)
    expect(await state()).toBe('active')
    const started = Date.now()
    const exits = await Promise.all(servers.map((s) => s.stop(8000)))
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ])
    expect(Date.now() - started).toBeLessThan(6000)
    // The job finished and was recorded as done before the database closed.
    expect(await state()).toBe('completed')
    expect((await sql`SELECT 1 FROM job_probe WHERE key = 'slow'`.execute(database.db)).rows).toHaveLength(1)
  }, 30_000)
})

describe.runIf(postgresAvailable())('a web process without workers, and `npm run worker` beside it', () => {
  let scratch: FreshPostgresDatabase
  let database: Database
  let web: RunningServer | null = null

  beforeAll(async () => {
    scratch = await createPostgresDatabase()
    database = await openDatabase(scratch.url, { poolSize: 2 })
    await sql`CREATE TABLE job_probe (key text NOT NULL, pid integer NOT NULL, ran_at timestamptz NOT NULL)`.execute(database.db)
    web = await startServer({ databaseUrl: scratch.url, env: { JOBS_TEST_PROBE: '1', DEMO_REPORTS: '0', JOBS_IN_PROCESS: 'false' } })
  }, 240_000)

  afterAll(async () => {
    await web?.stop(3000)
    await database?.close()
    await scratch?.drop()
  })

  it('the web process runs no job; the worker runs them all, and stops cleanly on SIGTERM', async () => {
    for (let n = 0; n < 5; n++) await enqueue(database.db, TEST_PROBE_JOB, { key: `job-${n}` })
    await sleep(5000)
    expect((await sql`SELECT 1 FROM job_probe`.execute(database.db)).rows).toHaveLength(0)

    // A production-like worker: not vitest's NODE_ENV=test.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')))
    const env = { ...inherited, DATABASE_URL: scratch.url, JOBS_TEST_PROBE: '1', DATA_DIR: web!.dataDir } as unknown as NodeJS.ProcessEnv
    const worker = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['app/server/worker.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    worker.stdout.on('data', (c: Buffer) => (output += c.toString()))
    worker.stderr.on('data', (c: Buffer) => (output += c.toString()))
    const exited = new Promise<number | null>((done) => worker.on('exit', (code) => done(code)))
    try {
      const deadline = Date.now() + 45_000
      let keys: string[] = []
      while (Date.now() < deadline) {
        keys = (await sql<{ key: string }>`SELECT key FROM job_probe WHERE key LIKE 'job-%'`.execute(database.db)).rows.map((r) => r.key)
        if (keys.length >= 5) break
        await sleep(500)
      }
      expect(keys.sort()).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4'])
      const pids = (await sql<{ pid: number }>`SELECT DISTINCT pid FROM job_probe WHERE key LIKE 'job-%'`.execute(database.db)).rows
      expect(pids).toHaveLength(1)
      expect(output).toContain('worker is running the background jobs')
      worker.kill('SIGTERM')
      expect(await exited).toBe(0)
    } catch (error) {
      worker.kill('SIGKILL')
      console.error(output)
      throw error
    }
  }, 90_000)
})
