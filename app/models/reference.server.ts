// Reference data a report needs: jurisdiction, categories, kelurahan, units, holidays.
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import { findContainingArea, type Geometry, type Point } from '~/domain/geo'
import { makeCalendar, type SlaCalendar } from '~/domain/sla'

type Db = Kysely<DB> | Transaction<DB>

export function getJurisdictionBySlug(db: Db, slug: string) {
  return db.selectFrom('jurisdictions').selectAll().where('slug', '=', slug).executeTakeFirst()
}

/** Every jurisdiction of the install (public-site resolution, the city chooser). */
export function listJurisdictions(db: Db) {
  return db.selectFrom('jurisdictions').selectAll().orderBy('name').execute()
}

export function getJurisdictionById(db: Db, id: number) {
  return db.selectFrom('jurisdictions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

export function listActiveCategories(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('categories')
    .select([
      'id',
      'code',
      'group_code',
      'name_id',
      'name_en',
      'description_id',
      'description_en',
      'is_emergency',
      'emergency_advice_id',
      'emergency_advice_en',
      'privacy_rule',
    ])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('active', '=', true)
    .orderBy('sort_order')
    .execute()
}

/** The categories the public list filters by: misconduct ones never appear in public. */
export function listPublicCategories(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('categories')
    .select(['id', 'code', 'name_id', 'name_en'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('is_misconduct', '=', false)
    .orderBy('sort_order')
    .execute()
}

export function getActiveCategory(db: Db, jurisdictionId: number, categoryId: number) {
  return db
    .selectFrom('categories')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', categoryId)
    .where('active', '=', true)
    .executeTakeFirst()
}

/** Kelurahan with their kecamatan, sorted for a grouped select. */
export function listKelurahan(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('areas as k')
    .innerJoin('areas as kec', 'kec.id', 'k.parent_id')
    .select(['k.id', 'k.name', 'k.code', 'kec.id as kecamatan_id', 'kec.name as kecamatan_name'])
    .where('k.jurisdiction_id', '=', jurisdictionId)
    .where('k.level', '=', 'kelurahan')
    .orderBy('kec.name')
    .orderBy('k.name')
    .execute()
}

export function getKelurahan(db: Db, jurisdictionId: number, areaId: number) {
  return db
    .selectFrom('areas')
    .select(['id', 'parent_id'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('level', '=', 'kelurahan')
    .where('id', '=', areaId)
    .executeTakeFirst()
}

export async function getSlaCalendar(db: Db, jurisdiction: { id: number; time_zone: string }): Promise<SlaCalendar> {
  const rows = await db
    .selectFrom('holidays')
    .select(['date', 'kind'])
    .where((eb) => eb.or([eb('jurisdiction_id', 'is', null), eb('jurisdiction_id', '=', jurisdiction.id)]))
    .execute()
  return makeCalendar(
    jurisdiction.time_zone,
    rows.map((r) => r.date),
  )
}

export async function getRoutingContext(db: Db, jurisdictionId: number, categoryId: number) {
  const [rules, specialUnits] = await Promise.all([
    db
      .selectFrom('routing_rules')
      .select(['id', 'category_id', 'scope', 'area_id', 'unit_id', 'precedence'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('category_id', '=', categoryId)
      .execute(),
    db
      .selectFrom('units')
      .select(['id', 'kind'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('kind', 'in', ['triage_desk', 'inspektorat'])
      .where('active', '=', true)
      .orderBy('id')
      .execute(),
  ])
  const triage = specialUnits.find((u) => u.kind === 'triage_desk')
  if (!triage) throw new Error(`Jurisdiction ${jurisdictionId} has no triage desk unit`)
  return {
    rules: rules.map((r) => ({ id: r.id, categoryId: r.category_id, scope: r.scope, areaId: r.area_id, unitId: r.unit_id, precedence: r.precedence })),
    triageUnitId: triage.id,
    inspectorateUnitId: specialUnits.find((u) => u.kind === 'inspektorat')?.id ?? null,
  }
}

/** Units a report can be transferred to. */
export function listActiveUnits(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'short_name'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('active', '=', true)
    .orderBy('name')
    .execute()
}

/** The kelurahan of the jurisdiction that contains the point, or null. */
export async function findKelurahanAt(db: Db, jurisdictionId: number, point: Point) {
  // Cheap pre-filter on the centroid (kelurahan are a few km across), then the exact test.
  const candidates = await db
    .selectFrom('areas')
    .select(['id', 'name', 'polygon'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('level', '=', 'kelurahan')
    .where('centroid_lat', '>', point.lat - 0.1)
    .where('centroid_lat', '<', point.lat + 0.1)
    .where('centroid_lng', '>', point.lng - 0.1)
    .where('centroid_lng', '<', point.lng + 0.1)
    .execute()
  const found = findContainingArea(
    candidates.map((c) => ({ ...c, polygon: c.polygon as Geometry | null })),
    point,
  )
  return found ? { id: found.id, name: found.name } : null
}

/** Every kelurahan's outline and centre, for the map (simplified by the caller). */
export function listKelurahanBoundaries(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('areas as k')
    .innerJoin('areas as kec', 'kec.id', 'k.parent_id')
    .select(['k.id', 'k.name', 'kec.name as kecamatan_name', 'k.polygon', 'k.centroid_lat', 'k.centroid_lng'])
    .where('k.jurisdiction_id', '=', jurisdictionId)
    .where('k.level', '=', 'kelurahan')
    .orderBy('k.id')
    .execute()
}
