// The map's data follows the city in the path (ADR 023): /kota-madiun/lapor draws Madiun's
// kelurahan and looks for nearby reports in Madiun, not in the default city.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loader as boundaries } from '~/routes/api.batas-wilayah[.]json'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { ORIGIN } from '../support/routes'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
})
afterAll(() => t?.close())

async function namesAt(path: string) {
  const response = await boundaries({ request: new Request(`${ORIGIN}${path}`), params: {}, context: {} })
  const body = (await response.json()) as { features: { properties: { name: string } }[] }
  return new Set(body.features.map((f) => f.properties.name))
}

async function kelurahanOf(slug: string) {
  const rows = await t.db
    .selectFrom('areas')
    .innerJoin('jurisdictions', 'jurisdictions.id', 'areas.jurisdiction_id')
    .select('areas.name')
    .where('jurisdictions.slug', '=', slug)
    .where('areas.level', '=', 'kelurahan')
    .where('areas.polygon', 'is not', null)
    .execute()
  return new Set(rows.map((r) => r.name))
}

it('serves the boundaries of the city in the path prefix, and the default city on the bare path', async () => {
  expect(await namesAt('/kota-madiun/api/batas-wilayah.json')).toEqual(await kelurahanOf('kota-madiun'))
  expect(await namesAt('/api/batas-wilayah.json')).toEqual(await kelurahanOf('kota-malang'))
})
