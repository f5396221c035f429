// A private PostgreSQL cluster for tests that must stop, restart or break the server
// (the shared one on 127.0.0.1:5432 is never touched): initdb into a temp folder, run
// as the `postgres` OS user (initdb refuses root), listen on a free port on 127.0.0.1.
// Reusable for later tests (e.g. a streaming replica: `initdbArgs`, `settings`).
import { execFile, execFileSync, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freePort } from '../support/free-port'

/** PG_BIN, else the newest Debian server install (/usr/lib/postgresql/<version>/bin). */
export const PG_BIN = process.env.PG_BIN ?? newestDebianPgBin() ?? '/usr/lib/postgresql/15/bin'

function newestDebianPgBin(): string | null {
  try {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v) && existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))
      .sort((a, b) => Number(b) - Number(a))
    return versions[0] ? `/usr/lib/postgresql/${versions[0]}/bin` : null
  } catch {
    return null
  }
}
const OS_USER = 'postgres'

const isCI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0'

/** True when initdb/pg_ctl are installed. In CI their absence throws (the test file fails). */
export function privatePostgresAvailable(): boolean {
  if (existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'))) return true
  const message = `${PG_BIN}/initdb and pg_ctl not found: tests that run their own PostgreSQL need the server binaries (apt-get install postgresql-15, or set PG_BIN).`
  if (isCI) throw new Error(`${message} CI must run them.`)
  console.warn(`⚠ ${message} Skipping.`)
  return false
}

const runningAsRoot = () => userInfo().uid === 0

function spawnPg(binary: string, args: string[], timeoutMs: number) {
  const command = join(PG_BIN, binary)
  const [file, argv] = runningAsRoot() ? ['runuser', ['-u', OS_USER, '--', command, ...args]] : [command, args]
  return spawnSync(file, argv, { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Like runPg, without blocking the event loop (the load of a test goes on meanwhile). */
async function runPgAsync(binary: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const command = join(PG_BIN, binary)
  const [file, argv] = runningAsRoot() ? ['runuser', ['-u', OS_USER, '--', command, ...args]] : [command, args]
  const { stdout } = await promisify(execFile)(file, argv, { encoding: 'utf8', timeout: timeoutMs })
  return stdout
}

/** Runs a PostgreSQL binary as the postgres OS user (when we are root) and returns its output. */
function runPg(binary: string, args: string[], timeoutMs = 60_000): string {
  const result = spawnPg(binary, args, timeoutMs)
  if (result.status !== 0) throw new Error(`${binary} ${args.join(' ')} failed (exit ${result.status}): ${result.stdout}\n${result.stderr}`)
  return result.stdout
}

export interface PrivatePostgresOptions {
  /** postgresql.conf lines, e.g. { wal_level: 'replica' }. */
  settings?: Record<string, string | number>
  initdbArgs?: string[]
}

export interface PrivatePostgres {
  port: number
  dataDir: string
  /** postgres://postgres@127.0.0.1:PORT/postgres, or another database on it. */
  url(database?: string): string
  /** Resolves when the server accepts connections. */
  start(): Promise<void>
  /** `mode`: fast (default: rolls back and disconnects clients), immediate (like a crash). */
  stop(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>
  restart(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>
  isRunning(): boolean
  /** pg_terminate_backend() of the client backends that match (default: all but this call's own); returns how many. */
  terminateBackends(filter?: { applicationName?: string; database?: string; exceptApplicationName?: string }): Promise<number>
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], database?: string): Promise<pg.QueryResult<T>>
  /** Stops the server (immediate) and removes its folder. */
  destroy(): void
}

const live = new Set<PrivatePostgres>()
let exitHook = false

export async function startPrivatePostgres(options: PrivatePostgresOptions = {}): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), 'melayani-pg-'))
  const dataDir = join(root, 'data')
  const logFile = join(root, 'server.log')
  if (runningAsRoot()) {
    const uid = Number(execFileSync('id', ['-u', OS_USER], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', OS_USER], { encoding: 'utf8' }).trim())
    chownSync(root, uid, gid)
  }
  chmodSync(root, 0o700)
  runPg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C', ...(options.initdbArgs ?? [])])
  const port = await freePort()
  const settings: Record<string, string | number> = {
    listen_addresses: "'127.0.0.1'",
    port,
    unix_socket_directories: `'${root}'`,
    fsync: 'off', // a test cluster: durability against power loss is not what is tested
    shared_buffers: "'32MB'",
    max_connections: 50,
    ...options.settings,
  }
  writeFileSync(
    join(dataDir, 'postgresql.auto.conf'),
    Object.entries(settings)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n') + '\n',
  )
  if (runningAsRoot()) execFileSync('chown', [`${OS_USER}:`, join(dataDir, 'postgresql.auto.conf')])

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`
  const pgCtl = (...args: string[]) => runPg('pg_ctl', ['-D', dataDir, ...args])
  const pgCtlAsync = async (...args: string[]) => void (await runPgAsync('pg_ctl', ['-D', dataDir, ...args]))
  const isRunning = () => spawnPg('pg_ctl', ['-D', dataDir, 'status'], 10_000).status === 0

  const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], database = 'postgres') => {
    const client = new pg.Client({ connectionString: url(database), application_name: 'private-postgres-admin', connectionTimeoutMillis: 5_000 })
    client.on('error', () => {}) // this admin connection may be cut by a restart
    await client.connect()
    try {
      return await client.query<T>(sql, params)
    } finally {
      await client.end().catch(() => {})
    }
  }

  const server: PrivatePostgres = {
    port,
    dataDir,
    url,
    start: () => pgCtlAsync('start', '-w', '-t', '60', '-l', logFile),
    stop: (mode = 'fast') => pgCtlAsync('stop', '-w', '-t', '60', '-m', mode),
    restart: (mode = 'fast') => pgCtlAsync('restart', '-w', '-t', '60', '-m', mode, '-l', logFile),
    isRunning,
    async terminateBackends(filter = {}) {
      const result = await query<{ n: number }>(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'
            AND ($1::text IS NULL OR application_name = $1) AND ($2::text IS NULL OR datname = $2)
            AND ($3::text IS NULL OR application_name <> $3)`,
        [filter.applicationName ?? null, filter.database ?? null, filter.exceptApplicationName ?? null],
      )
      return result.rows[0]?.n ?? 0
    },
    query,
    destroy() {
      live.delete(server)
      try {
        if (isRunning()) pgCtl('stop', '-w', '-t', '30', '-m', 'immediate')
      } finally {
        rmSync(root, { recursive: true, force: true })
      }
    },
  }
  live.add(server)
  if (!exitHook) {
    exitHook = true
    // Never leave a cluster running if the test process dies.
    process.on('exit', () => {
      for (const s of live) {
        try {
          s.destroy()
        } catch {
          // best effort
        }
      }
    })
  }
  await server.start()
  return server
}
