// The kelurahan of a jurisdiction with their kecamatan's code: what the equity map needs
// to colour each outline (from /api/batas-wilayah.json, keyed by area id) by a stats row
// (keyed by area code) at either level.
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'

type Db = Kysely<DB> | Transaction<DB>

export function listChoroplethAreas(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('areas as k')
    .innerJoin('areas as kec', 'kec.id', 'k.parent_id')
    .select(['k.id', 'k.code', 'kec.code as kecamatanCode'])
    .where('k.jurisdiction_id', '=', jurisdictionId)
    .where('k.level', '=', 'kelurahan')
    .orderBy('k.id')
    .execute()
}

export type ChoroplethArea = Awaited<ReturnType<typeof listChoroplethAreas>>[number]
