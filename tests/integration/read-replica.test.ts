// DATABASE_REPLICA_URL: public statistics read from a PostgreSQL streaming replica made on
// this machine (pg_basebackup into a second cluster). Skips cleanly without the server
// binaries or pg_basebackup; fails in CI (CI=true) if they are missing.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '#db/connection'
import { migrateToLatest } from '#db/migrate'
import { seedReferenceData } from '#db/seed'
import { simulateReports } from '#db/simulator'
import { refreshRollups } from '~/models/metric-rollup.server'
import { invalidateStatsCache } from '~/models/public-stats-cache.server'
import { loader } from '~/routes/data.$slug.stats.$file'
import { connectReplica, disconnect, getReadDb, useDatabaseForTests } from '~/utils/db.server'
import { replicaAvailable, startReplicaPair, type ReplicaPair } from '../setup/replica-postgres'

const available = replicaAvailable()
let pair: ReplicaPair
let primary: Database

describe.skipIf(!available)('read replica', () => {
  beforeAll(async () => {
    pair = await startReplicaPair()
    await pair.primary.query('CREATE DATABASE melayani')
    primary = await openDatabase(pair.primary.url('melayani'), { poolSize: 2 })
    await migrateToLatest(primary.db)
    await seedReferenceData(primary.db)
    const j = await primary.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
    const now = new Date()
    await simulateReports(primary.db, { count: 400, seed: 5, now, days: 30 })
    await primary.db.transaction().execute((trx) => refreshRollups(trx, j.id, now))
    await pair.caughtUp()
    useDatabaseForTests(primary)
    await connectReplica(pair.replicaUrl('melayani'))
    invalidateStatsCache()
  }, 240_000)

  afterAll(async () => {
    await disconnect() // closes the replica handle and the primary handed in above
    await pair?.destroy()
  })

  it('getReadDb() is the standby, and the open-data API answers from it', async () => {
    const readDb = await getReadDb()
    const { rows } = await sql<{ standby: boolean }>`SELECT pg_is_in_recovery() AS standby`.execute(readDb)
    expect(rows[0]?.standby).toBe(true)
    // With the primary stopped, the statistics still come (from the replica).
    await pair.primary.stop('fast')
    const res = (await loader({
      request: new Request('http://localhost/data/kota-malang/stats/unit.csv'),
      params: { slug: 'kota-malang', file: 'unit.csv' },
      context: {},
    })) as Response
    expect(res.status).toBe(200)
    expect((await res.text()).split('\r\n').filter(Boolean).length).toBeGreaterThan(2)
    await pair.primary.start()
  })
})
