// Reference data is seeded once (ADR 015): a boot never overwrites, deletes or re-creates
// what an admin changed, and `db:seed --update-reference` shows a diff before it applies.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDatabase } from '#db/demo'
import { updateReferenceData } from '#db/reference-update'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})

const MALANG = '35.73'

async function jurisdictionId() {
  const row = await database.db.selectFrom('jurisdictions').select('id').where('code', '=', MALANG).executeTakeFirstOrThrow()
  return row.id
}

async function category(code: string) {
  return database.db
    .selectFrom('categories')
    .select(['id', 'response_target'])
    .where('jurisdiction_id', '=', await jurisdictionId())
    .where('code', '=', code)
    .executeTakeFirstOrThrow()
}

async function ruleUnitKey(categoryCode: string, scope: 'jurisdiction' | 'kecamatan' | 'kelurahan') {
  const row = await database.db
    .selectFrom('routing_rules as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'u.key'])
    .where('r.jurisdiction_id', '=', await jurisdictionId())
    .where('c.code', '=', categoryCode)
    .where('r.scope', '=', scope)
    .executeTakeFirst()
  return row ?? null
}

async function boot() {
  await seedDatabase(database.db, { demo: false, demoReports: 0, jurisdictionSlug: 'kota-malang' })
}

describe('reference data belongs to the admins after the first seed', () => {
  it('a boot keeps a renamed national holiday and does not re-create a deleted one', async () => {
    const national = () =>
      database.db.selectFrom('holidays').select(['date', 'name']).where('jurisdiction_id', 'is', null).where('date', 'in', ['2026-08-17', '2026-12-25'])
    await database.db
      .updateTable('holidays')
      .set({ name: 'HUT RI ke-81 (diubah admin)' })
      .where('jurisdiction_id', 'is', null)
      .where('date', '=', '2026-08-17')
      .execute()
    await database.db.deleteFrom('holidays').where('jurisdiction_id', 'is', null).where('date', '=', '2026-12-25').execute()
    await boot()
    expect(await national().execute()).toEqual([{ date: '2026-08-17', name: 'HUT RI ke-81 (diubah admin)' }])
  })

  it('a boot keeps an edited category target, an edited routing rule and a deleted routing rule', async () => {
    const jid = await jurisdictionId()
    const pju = await category('pju')
    await database.db.updateTable('categories').set({ response_target: 7 }).where('id', '=', pju.id).execute()

    const pohon = await ruleUnitKey('pohon_tumbang', 'jurisdiction')
    expect(pohon?.key).toBe('bpbd')
    const dlh = await database.db.selectFrom('units').select('id').where('jurisdiction_id', '=', jid).where('key', '=', 'dlh').executeTakeFirstOrThrow()
    await database.db.updateTable('routing_rules').set({ unit_id: dlh.id }).where('id', '=', pohon!.id).execute()

    const arjosari = await ruleUnitKey('pju', 'kelurahan')
    expect(arjosari).not.toBeNull()
    await database.db.deleteFrom('routing_rules').where('id', '=', arjosari!.id).execute()

    await boot()

    expect(Number((await category('pju')).response_target)).toBe(7)
    expect((await ruleUnitKey('pohon_tumbang', 'jurisdiction'))?.key).toBe('dlh')
    expect(await ruleUnitKey('pju', 'kelurahan')).toBeNull()
  })

  it('--update-reference without --yes reports the edited category and changes nothing', async () => {
    const before = await sql<{ n: string }>`SELECT count(*) AS n FROM routing_rules`.execute(database.db)
    const changes = await updateReferenceData(database.db, { apply: false })
    const pjuChange = changes.find((c) => c.table === 'categories' && c.key === `${MALANG}/pju`)
    expect(pjuChange).toMatchObject({ action: 'update', fields: { response_target: { from: 7, to: 3 } } })
    expect(changes).toContainEqual(expect.objectContaining({ table: 'routing_rules', action: 'update', key: `${MALANG}/pohon_tumbang/jurisdiction/-` }))
    expect(changes).toContainEqual(expect.objectContaining({ table: 'routing_rules', action: 'insert', key: `${MALANG}/pju/kelurahan/35.73.01.1002` }))
    expect(Number((await category('pju')).response_target)).toBe(7)
    const after = await sql<{ n: string }>`SELECT count(*) AS n FROM routing_rules`.execute(database.db)
    expect(after.rows[0]?.n).toEqual(before.rows[0]?.n)
  })

  it('--update-reference --yes restores shipped values and keeps admin-added rows', async () => {
    const jid = await jurisdictionId()
    const lainnya = await category('lainnya')
    const dlh = await database.db.selectFrom('units').select('id').where('jurisdiction_id', '=', jid).where('key', '=', 'dlh').executeTakeFirstOrThrow()
    // An admin's own rule, which no shipped row matches.
    const klojen = await database.db.selectFrom('areas').select('id').where('code', '=', '35.73.02').executeTakeFirstOrThrow()
    await database.db
      .insertInto('routing_rules')
      .values({ jurisdiction_id: jid, category_id: lainnya.id, scope: 'kecamatan', area_id: klojen.id, unit_id: dlh.id, precedence: 5, note: 'admin' })
      .execute()

    await updateReferenceData(database.db, { apply: true })

    expect(Number((await category('pju')).response_target)).toBe(3)
    expect((await ruleUnitKey('pohon_tumbang', 'jurisdiction'))?.key).toBe('bpbd')
    expect((await ruleUnitKey('pju', 'kelurahan'))?.key).toBe('dpuprpkp-pju')
    expect(await ruleUnitKey('lainnya', 'kecamatan')).not.toBeNull()
    expect(await updateReferenceData(database.db, { apply: false })).toEqual([])
  })
})
