// What the app answers while its database is unavailable (ADR 005), with the routes
// called as Remix calls them. The "unavailable" database is a PostgreSQL URL on a port
// where nothing listens (ECONNREFUSED): the same on the PGlite and the PostgreSQL run.
// The full outage (terminated backends, a restart, under load) is tests/e2e/db-outage.test.ts.
import type { ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { openDatabase, type Database } from '#db/connection'
import { createScratchDatabase } from '#db/scratch-database'
import { en } from '~/i18n/en'
import { id } from '~/i18n/id'
import { loader as healthz } from '~/routes/healthz'
import { action as filingAction, loader as filingLoader } from '~/routes/lapor'
import { withDatabaseOutageAnswers } from '~/utils/database-outage.server'
import { isDatabaseUnavailable } from '~/utils/database-unavailable'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../setup/test-db'
import { ORIGIN, unwrap } from '../support/routes'

let t: TestDatabase
let down: Database
let ids: { pju: number; arjosari: number }

beforeAll(async () => {
  t = await createTestDatabase()
  down = await openDatabase('postgres://postgres@127.0.0.1:1/nothing_listens_here')
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const pju = await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', j.id).where('code', '=', 'pju').executeTakeFirstOrThrow()
  const arjosari = await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1002').executeTakeFirstOrThrow()
  ids = { pju: pju.id, arjosari: arjosari.id }
  // The citizen opened the form while the database was up (this also remembers the reference lists).
  useDatabaseForTests(t)
  await filingLoader(args(new Request(`${ORIGIN}/lapor`)))
  useDatabaseForTests(down)
})
afterAll(async () => {
  await down?.close()
  await t?.close()
})

const args = (request: Request) => ({ request, params: {}, context: {} })

describe('while the database is unavailable', () => {
  it('a filed /lapor form comes back with its values and "coba lagi" (503), nothing acknowledged', async () => {
    const description = 'Lampu jalan mati di depan gang lima sejak kemarin malam.'
    const request = new Request(`${ORIGIN}/lapor`, {
      method: 'POST',
      headers: { Origin: ORIGIN },
      body: new URLSearchParams({
        categoryId: String(ids.pju),
        areaId: String(ids.arjosari),
        description,
        privacy: 'public',
        name: 'Budi',
        idempotencyKey: 'outage-key-1',
      }),
    })
    const result = unwrap(await filingAction(args(request)))
    expect(result.status).toBe(503)
    expect(result.headers.get('Retry-After')).toBe('5')
    expect(result.data.result.error).toEqual({ '': [id.errors.unavailableForm] })
    expect(result.data.result.initialValue).toMatchObject({ description, name: 'Budi', idempotencyKey: 'outage-key-1' })
  })

  it('the form page can still be shown, from the last reference lists read', async () => {
    const { data } = unwrap(await filingLoader(args(new Request(`${ORIGIN}/lapor`))))
    expect(data.categories.length).toBeGreaterThan(0)
    expect(data.kelurahan.length).toBeGreaterThan(0)
  })

  it('/healthz answers 503 (and quickly)', async () => {
    const started = performance.now()
    const response = await healthz()
    expect(response.status).toBe(503)
    expect(performance.now() - started).toBeLessThan(2_500)
  })

  it('every loader and action of the build turns "database unavailable" into a 503 in the user\'s language; other errors stay as they are', async () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })
    const bug = new TypeError('a bug')
    const notFound = new Response('Not found', { status: 404 })
    const module = (error: unknown) => ({
      default: () => null,
      loader: async () => {
        throw error
      },
      action: async () => {
        throw error
      },
    })
    const route = (routeId: string, error: unknown) => ({ id: routeId, path: routeId, module: module(error) })
    const build = { routes: { a: route('a', terminated), b: route('b', bug), c: route('c', notFound) } } as unknown as ServerBuild
    const wrapped = withDatabaseOutageAnswers(build)
    expect(withDatabaseOutageAnswers(build)).toBe(wrapped) // wrapped once per build
    const call = async (routeId: string, kind: 'loader' | 'action', url: string) => {
      try {
        await (wrapped.routes[routeId]!.module[kind] as (a: unknown) => Promise<unknown>)(args(new Request(url, kind === 'action' ? { method: 'POST' } : {})))
      } catch (error) {
        return error
      }
      throw new Error('expected a throw')
    }
    for (const kind of ['loader', 'action'] as const) {
      const answer = (await call('a', kind, `${ORIGIN}/a?lang=en`)) as Response
      expect(answer).toBeInstanceOf(Response)
      expect(answer.status).toBe(503)
      expect(answer.headers.get('Retry-After')).toBe('5')
      expect(await answer.json()).toEqual({ reason: 'database_unavailable', locale: 'en' })
      expect(await call('b', kind, `${ORIGIN}/b`)).toBe(bug)
      expect(await call('c', kind, `${ORIGIN}/c`)).toBe(notFound)
    }
    expect(en.errors.unavailableHeading).not.toBe(id.errors.unavailableHeading)
  })
})

describe('a database that refuses connections for any reason', () => {
  // Found in review: "database does not allow connections" (SQLSTATE 55000) is in no
  // list of outage codes, yet it is an outage. Any failure to get a connection is one.
  it.skipIf(testDatabaseKind() !== 'postgres')('answers 503, whatever the SQLSTATE of the refusal', async () => {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'melayani_t')
    await sql.raw(`ALTER DATABASE ${scratch.name} ALLOW_CONNECTIONS false`).execute(t.db)
    // A fresh pool, so the refusal comes from connecting (55000), not from a dropped idle client.
    const closed = await openDatabase(scratch.url, { poolSize: 2 })
    try {
      const error = await sql`SELECT 1`.execute(closed.db).then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).not.toBeNull()
      expect(isDatabaseUnavailable(error)).toBe(true)
    } finally {
      await closed.close()
      await sql.raw(`ALTER DATABASE ${scratch.name} ALLOW_CONNECTIONS true`).execute(t.db)
      await scratch.drop()
    }
  })
})
