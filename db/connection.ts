// Opens the database: embedded PGlite (default, persisted in a folder) or a real
// PostgreSQL server (when a postgres:// URL is given). One place normalises the
// driver differences so queries behave the same on both:
//  - int8 / count(*) and numeric come back as JS numbers (pg gives strings);
//  - `date` columns come back as 'YYYY-MM-DD' strings (pg would build a local Date).
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, PostgresDialect, type DatabaseConnection, type DialectAdapter, type Driver } from 'kysely'
import pg from 'pg'
import { DatabaseUnavailableError } from './connection-errors'
import { DelegatingDriver } from './delegating-driver'
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock'
import type { DB } from './types'

const INT8 = 20
const NUMERIC = 1700
const DATE = 1082

const toNumber = (v: string) => Number(v)
const asString = (v: string) => v

let pgParsersInstalled = false
function installPgParsers() {
  if (pgParsersInstalled) return
  pg.types.setTypeParser(INT8, toNumber)
  pg.types.setTypeParser(NUMERIC, toNumber)
  pg.types.setTypeParser(DATE, asString)
  pgParsersInstalled = true
}

export interface Database {
  db: Kysely<DB>
  kind: 'pglite' | 'postgres'
  /**
   * Runs SQL text without parameters, which may hold several statements (the job
   * queue's maintenance scripts). On PGlite it borrows the one serialized connection.
   */
  execScript(text: string): Promise<{ rows: unknown[] }[]>
  close(): Promise<void>
  /** Connection use for /metrics: pg's pool counts; PGlite's single connection and its wait queue. */
  poolStats?(): PoolStats
}

export interface PoolStats {
  total: number
  idle: number
  waiting: number
}

export function isPostgresUrl(url: string) {
  return /^postgres(ql)?:\/\//.test(url)
}

/**
 * Pool settings (ADR 005). Fail fast while PostgreSQL is away (the request then gets
 * a 503 "coba lagi"), and notice dead connections instead of waiting on them forever.
 * The pool needs no reconnect logic: it opens new connections on demand, so the app
 * recovers as soon as the server accepts connections again.
 */
export const POOL_SETTINGS = {
  /** Waiting for a free client or a new connection, whichever applies. */
  connectionTimeoutMillis: 5_000,
  /** Idle clients are closed after this (a restarted server leaves none behind for long). */
  idleTimeoutMillis: 30_000,
  /** TCP keep-alive finds half-open connections (a server that vanished without a FIN). */
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
  /** Server side: no statement runs longer (app queries take milliseconds; demo seeding batches well under this). */
  statement_timeout: 30_000,
  /** Client side: give up on a server that stopped answering altogether. */
  query_timeout: 35_000,
  /** Server side: a transaction left open by a stuck request does not hold its locks forever. */
  idle_in_transaction_session_timeout: 60_000,
} as const

/** `url` is either a postgres:// URL or a PGlite directory (`memory://` for an in-memory database). */
export async function openDatabase(url: string, options: { poolSize?: number; applicationName?: string } = {}): Promise<Database> {
  if (isPostgresUrl(url)) {
    installPgParsers()
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      // Lets an operator (or the outage test) find the app's backends in pg_stat_activity.
      application_name: options.applicationName ?? 'melayani',
      // No JIT: the app's queries take milliseconds, and the rollup reads (ADR 030) cost
      // enough for the planner to JIT-compile them on every call, which costs more than it saves.
      options: '-c jit=off',
      ...POOL_SETTINGS,
    })
    // An idle client can die (server restart, DROP DATABASE … FORCE in tests); pg then
    // emits 'error' on the pool, which would crash the process if nobody listened.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost (idle client): ${error.message}`))
    // A checked-out client has no pool listener: a server that terminates it between two
    // queries of a request (57P01, "Connection terminated unexpectedly") would emit an
    // unhandled 'error' and end the process. The request itself still fails on its next
    // query (→ 503), and pg-pool drops the broken client when it is released.
    pool.on('connect', (client) => {
      client.on('error', (error) => console.error(`PostgreSQL connection lost (client in use): ${error.message}`))
    })
    const db = new Kysely<DB>({ dialect: new OutageAwarePostgresDialect({ pool }) })
    // Without parameters pg uses the simple query protocol, which accepts several statements.
    const execScript = async (text: string) => {
      const client = await pool.connect()
      let broken = false
      try {
        const result = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[]
        return (Array.isArray(result) ? result : [result]).map((r) => ({ rows: r.rows ?? [] }))
      } catch (error) {
        // A script that opened a transaction and failed would leave it open on this client;
        // if even ROLLBACK fails, the connection is gone and must not return to the pool.
        await client.query('ROLLBACK').catch(() => (broken = true))
        throw error
      } finally {
        client.release(broken)
      }
    }
    return {
      db,
      kind: 'postgres',
      execScript,
      close: () => db.destroy(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    }
  }
  return openPglite(url)
}

async function openPglite(location: string): Promise<Database> {
  const inMemory = location.startsWith('memory://')
  let lock: DirectoryLock | null = null
  let dataDir: string | undefined
  if (!inMemory) {
    dataDir = resolve(location)
    // PGlite neither creates parent folders nor locks its directory.
    mkdirSync(dirname(dataDir), { recursive: true })
    lock = acquireDirectoryLock(dataDir)
  }
  try {
    if (dataDir && !existsSync(join(dataDir, 'PG_VERSION'))) await initPgliteDirectory(dataDir)
    const pglite = await PGlite.create(dataDir ?? 'memory://', {
      parsers: { [pgliteTypes.INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asString },
      startParams: PGLITE_START_PARAMS,
    })
    const dialect = new SerializedPGliteDialect({ pglite })
    const db = new Kysely<DB>({ dialect })
    return {
      db,
      kind: 'pglite',
      // Holding a Kysely connection keeps every other caller off PGlite meanwhile.
      execScript: (text) =>
        db.connection().execute(async () => {
          try {
            return (await pglite.exec(text)).map((r) => ({ rows: r.rows }))
          } catch (error) {
            // A script that opened a transaction and failed would leave it open for every later query.
            await pglite.exec('ROLLBACK').catch(() => {})
            throw error
          }
        }),
      poolStats: () => dialect.stats(),
      async close() {
        try {
          await db.destroy()
        } finally {
          lock?.release()
        }
      },
    }
  } catch (error) {
    lock?.release()
    throw error
  }
}

/**
 * PGlite's PostgreSQL runs inside this process: its shared buffers are our memory.
 * The default 128 MB is far more than a local government's complaint data needs
 * (the 2,000-report demo is a few MB); 32 MB keeps RSS down (ADR 005).
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB', '-c', 'wal_buffers=1MB']

/**
 * Creates a new PGlite data directory (initdb) in a short-lived child process. PGlite's
 * initdb runs a second PostgreSQL instance and dumps the new cluster through memory,
 * which took the server's RSS to ~0.95 GB on a first start and left most of it behind.
 * In a child, that memory is returned to the system before the server opens the
 * directory (ADR 005). The caller holds the directory lock.
 */
async function initPgliteDirectory(dataDir: string) {
  const entry = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('@electric-sql/pglite')
      .replace(/\.cjs$/, '.js'),
  ).href
  const script = `const { PGlite } = await import(${JSON.stringify(entry)}); const db = await PGlite.create(process.argv[1], { startParams: JSON.parse(process.argv[2]) }); await db.close()`
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, dataDir, JSON.stringify(PGLITE_START_PARAMS)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail)
    child.on('exit', done)
  })
  if (code !== 0) throw new Error(`Creating the PGlite database in ${dataDir} failed (exit ${code}):\n${stderr}`)
}

/**
 * PGlite is a single connection. Kysely's PGlite driver hands that one connection
 * to every caller, so a query from one request could run inside another request's
 * transaction. This driver lends the connection to one caller at a time, like a pool
 * of size one. (Never use the outer `db` inside a transaction: it would wait forever.)
 */
class SerializedPGliteDialect extends PGliteDialect {
  #driver: SerializedDriver | null = null
  // Kysely 0.29 serializes single-connection dialects itself, in a mutex /metrics cannot
  // see. The adapter says "multiple connections" so that SerializedDriver is the one
  // queue (same one-caller-at-a-time rule) and its length can be reported (ADR 014).
  override createAdapter(): DialectAdapter {
    return Object.create(super.createAdapter(), { supportsMultipleConnections: { value: true } }) as DialectAdapter
  }
  override createDriver(): Driver {
    this.#driver = new SerializedDriver(super.createDriver())
    return this.#driver
  }
  stats(): PoolStats {
    const busy = this.#driver?.busy ?? false
    return { total: 1, idle: busy ? 0 : 1, waiting: this.#driver?.waiting ?? 0 }
  }
}

class SerializedDriver extends DelegatingDriver {
  #queue: Promise<void> = Promise.resolve()
  #release: (() => void) | null = null
  /** Callers waiting for the connection (the PGlite equivalent of pg's waitingCount). */
  waiting = 0
  busy = false
  override async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue
    let release!: () => void
    this.#queue = new Promise<void>((r) => (release = r))
    this.waiting++
    try {
      await previous
    } finally {
      this.waiting--
    }
    this.busy = true
    this.#release = release
    return this.inner.acquireConnection()
  }
  override async releaseConnection(connection: DatabaseConnection) {
    await this.inner.releaseConnection(connection)
    const release = this.#release
    this.#release = null
    this.busy = false
    release?.()
  }
}

/**
 * Whatever stops us from getting a connection (refused, timed out, "database does not
 * allow connections", auth after a failover…) says nothing about the request: it is an
 * outage, answered with 503 rather than 500, whatever the SQLSTATE (ADR 005).
 */
class OutageAwarePostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new OutageAwareDriver(super.createDriver())
  }
}

class OutageAwareDriver extends DelegatingDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    try {
      return await this.inner.acquireConnection()
    } catch (error) {
      throw new DatabaseUnavailableError(`No database connection: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    }
  }
}
