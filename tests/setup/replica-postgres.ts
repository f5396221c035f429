// A streaming replica of a private test cluster (tests/setup/private-postgres.ts): the
// primary runs with wal_level=replica, pg_basebackup -R copies it into a second folder,
// and the copy starts as a hot standby on another port. Run as the postgres OS user when
// we are root, like the primary. Used by tests/integration/read-replica.test.ts.
import { execFile, execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from '../support/free-port'
import { PG_BIN, privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from './private-postgres'

const isCI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0'
const asRoot = () => userInfo().uid === 0

/** True when initdb, pg_ctl and pg_basebackup exist; in CI their absence throws. */
export function replicaAvailable(): boolean {
  if (!privatePostgresAvailable()) return false
  if (existsSync(join(PG_BIN, 'pg_basebackup'))) return true
  const message = `${PG_BIN}/pg_basebackup not found: the read-replica test needs it (apt-get install postgresql-15, or set PG_BIN).`
  if (isCI) throw new Error(`${message} CI must run it.`)
  console.warn(`⚠ ${message} Skipping.`)
  return false
}

async function runPg(binary: string, args: string[], timeoutMs = 120_000) {
  const command = join(PG_BIN, binary)
  const [file, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
  await promisify(execFile)(file, argv, { encoding: 'utf8', timeout: timeoutMs })
}

export interface ReplicaPair {
  primary: PrivatePostgres
  replicaUrl(database?: string): string
  /** Resolves when the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>
  destroy(): Promise<void>
}

export async function startReplicaPair(): Promise<ReplicaPair> {
  const primary = await startPrivatePostgres({ settings: { wal_level: 'replica', max_wal_senders: 4, hot_standby: 'on' } })
  const root = mkdtempSync(join(tmpdir(), 'melayani-replica-'))
  if (asRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(root, uid, gid)
  }
  chmodSync(root, 0o700)
  const dataDir = join(root, 'data')
  const port = await freePort()
  await runPg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '--no-sync'])
  // The copy carries the primary's settings; give the standby its own port and socket folder.
  const conf = join(root, 'replica.conf')
  writeFileSync(conf, `port = ${port}\nunix_socket_directories = '${root}'\n`)
  if (asRoot()) execFileSync('chown', ['postgres:', conf])
  execFileSync(
    asRoot() ? 'runuser' : 'sh',
    asRoot()
      ? ['-u', 'postgres', '--', 'sh', '-c', `echo "include '${conf}'" >> ${dataDir}/postgresql.auto.conf`]
      : ['-c', `echo "include '${conf}'" >> ${dataDir}/postgresql.auto.conf`],
  )
  await runPg('pg_ctl', ['-D', dataDir, 'start', '-w', '-t', '60', '-l', join(root, 'server.log')])
  const replicaUrl = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`
  return {
    primary,
    replicaUrl,
    async caughtUp() {
      const { rows } = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')
      const target = rows[0]!.lsn
      for (let i = 0; i < 300; i++) {
        const client = new pg.Client({ connectionString: replicaUrl() })
        await client.connect()
        try {
          const r = await client.query<{ ok: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [target])
          if (r.rows[0]?.ok) return
        } finally {
          await client.end()
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error('the replica did not catch up within 30 s')
    },
    async destroy() {
      try {
        await runPg('pg_ctl', ['-D', dataDir, 'stop', '-w', '-t', '30', '-m', 'immediate'])
      } finally {
        rmSync(root, { recursive: true, force: true })
        primary.destroy()
      }
    },
  }
}
