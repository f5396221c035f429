// Routing rules as the admin edits them (/admin/rute), and the preview: the same
// getRoutingContext + routeReport that filing uses (report-filing.server.ts).
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import { decidingRule, triageFallThrough } from '~/domain/reference-admin'
import { routeReport } from '~/domain/routing'
import type { RoutingScope } from '~/domain/vocabulary'
import type { AdminActor } from './admin-unit.server'
import { recordAudit } from './audit.server'
import { getActiveCategory, getKelurahan, getRoutingContext } from './reference.server'

type Db = Kysely<DB> | Transaction<DB>

const COLUMNS = ['id', 'category_id', 'scope', 'area_id', 'unit_id', 'precedence', 'note'] as const

export function listRules(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('routing_rules as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('areas as a', 'a.id', 'r.area_id')
    .select([
      'r.id',
      'r.category_id',
      'r.scope',
      'r.area_id',
      'r.unit_id',
      'r.precedence',
      'r.note',
      'c.name_id',
      'c.name_en',
      'u.name as unit_name',
      'u.active as unit_active',
      'a.name as area_name',
    ])
    .where('r.jurisdiction_id', '=', jurisdictionId)
    .orderBy('c.sort_order')
    .orderBy('c.id')
    .orderBy('r.scope')
    .orderBy('r.precedence', 'desc')
    .orderBy('r.id')
    .execute()
}

export function getRule(db: Db, jurisdictionId: number, id: number) {
  return db.selectFrom('routing_rules').select(COLUMNS).where('jurisdiction_id', '=', jurisdictionId).where('id', '=', id).executeTakeFirst()
}

export interface RuleInput {
  categoryId: number
  scope: RoutingScope
  areaId: number | null
  unitId: number
  precedence: number
  note: string | null
}

/** Whether the rule's category, area (of the right level) and active unit all belong to the jurisdiction. */
export async function ruleTargetsValid(db: Db, jurisdictionId: number, input: RuleInput) {
  const [category, unit, area] = await Promise.all([
    db.selectFrom('categories').select('id').where('jurisdiction_id', '=', jurisdictionId).where('id', '=', input.categoryId).executeTakeFirst(),
    db
      .selectFrom('units')
      .select('id')
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('id', '=', input.unitId)
      .where('active', '=', true)
      .executeTakeFirst(),
    input.scope === 'jurisdiction'
      ? Promise.resolve({ id: 0 })
      : db
          .selectFrom('areas')
          .select('id')
          .where('jurisdiction_id', '=', jurisdictionId)
          .where('id', '=', input.areaId ?? -1)
          .where('level', '=', input.scope)
          .executeTakeFirst(),
  ])
  return { category: Boolean(category), unit: Boolean(unit), area: Boolean(area) }
}

function columns(input: RuleInput) {
  return {
    category_id: input.categoryId,
    scope: input.scope,
    area_id: input.scope === 'jurisdiction' ? null : input.areaId,
    unit_id: input.unitId,
    precedence: input.precedence,
    note: input.note,
  }
}

export async function createRule(trx: Transaction<DB>, actor: AdminActor, input: RuleInput) {
  const row = await trx
    .insertInto('routing_rules')
    .values({ jurisdiction_id: actor.jurisdictionId, ...columns(input) })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    kind: 'created',
    entity: 'routing_rule',
    entityId: row.id,
    after: row,
    actorUserId: actor.userId,
    jurisdictionId: actor.jurisdictionId,
  })
  return row
}

export async function updateRule(trx: Transaction<DB>, actor: AdminActor, id: number, input: RuleInput) {
  const before = await getRule(trx, actor.jurisdictionId, id)
  if (!before) return null
  const after = await trx
    .updateTable('routing_rules')
    .set(columns(input))
    .where('jurisdiction_id', '=', actor.jurisdictionId)
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    kind: 'updated',
    entity: 'routing_rule',
    entityId: id,
    before,
    after,
    actorUserId: actor.userId,
    jurisdictionId: actor.jurisdictionId,
  })
  return after
}

export async function deleteRule(trx: Transaction<DB>, actor: AdminActor, id: number) {
  const before = await getRule(trx, actor.jurisdictionId, id)
  if (!before) return null
  await trx.deleteFrom('routing_rules').where('jurisdiction_id', '=', actor.jurisdictionId).where('id', '=', id).execute()
  await recordAudit(trx, { kind: 'deleted', entity: 'routing_rule', entityId: id, before, actorUserId: actor.userId, jurisdictionId: actor.jurisdictionId })
  return before
}

/**
 * Where a report in this category and kelurahan would go, decided exactly as filing
 * decides it. null when the category (active) or kelurahan is not the jurisdiction's.
 */
export async function previewRoute(db: Db, jurisdictionId: number, categoryId: number, kelurahanId: number | null) {
  const category = await getActiveCategory(db, jurisdictionId, categoryId)
  if (!category) return null
  const area = kelurahanId === null ? null : await getKelurahan(db, jurisdictionId, kelurahanId)
  if (kelurahanId !== null && !area) return null
  const context = await getRoutingContext(db, jurisdictionId, categoryId)
  const input = {
    category: { id: category.id, defaultUnitId: category.default_unit_id, privacyRule: category.privacy_rule, isMisconduct: category.is_misconduct },
    kelurahan: area ? { id: area.id, kecamatanId: area.parent_id! } : null,
    ...context,
  }
  const result = routeReport(input)
  const unit = await db.selectFrom('units').select(['id', 'name']).where('id', '=', result.unitId).executeTakeFirstOrThrow()
  return { ...result, unitName: unit.name, ruleId: decidingRule(input, result)?.id ?? null }
}

/** Active categories that send reports to the triage desk for some or all kelurahan (or without a location). */
export async function listTriageFallThrough(db: Db, jurisdictionId: number) {
  const [categories, kelurahan, units, rules] = await Promise.all([
    db
      .selectFrom('categories')
      .select(['id', 'name_id', 'name_en', 'default_unit_id', 'privacy_rule', 'is_misconduct'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('active', '=', true)
      .orderBy('sort_order')
      .execute(),
    db.selectFrom('areas').select(['id', 'parent_id']).where('jurisdiction_id', '=', jurisdictionId).where('level', '=', 'kelurahan').execute(),
    db
      .selectFrom('units')
      .select(['id', 'kind'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('kind', 'in', ['triage_desk', 'inspektorat'])
      .where('active', '=', true)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('routing_rules')
      .select(['id', 'category_id', 'scope', 'area_id', 'unit_id', 'precedence'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .execute(),
  ])
  // Same special units as getRoutingContext picks (the first active triage desk and Inspektorat).
  const triage = units.find((u) => u.kind === 'triage_desk')
  if (!triage) return []
  const inspectorateUnitId = units.find((u) => u.kind === 'inspektorat')?.id ?? null
  const routingRules = rules.map((r) => ({
    id: r.id,
    categoryId: r.category_id,
    scope: r.scope,
    areaId: r.area_id,
    unitId: r.unit_id,
    precedence: r.precedence,
  }))
  const areas = kelurahan.map((k) => ({ id: k.id, kecamatanId: k.parent_id! }))
  return categories
    .map((c) => ({
      id: c.id,
      name_id: c.name_id,
      name_en: c.name_en,
      ...triageFallThrough(
        {
          category: { id: c.id, defaultUnitId: c.default_unit_id, privacyRule: c.privacy_rule, isMisconduct: c.is_misconduct },
          rules: routingRules,
          triageUnitId: triage.id,
          inspectorateUnitId,
        },
        areas,
      ),
    }))
    .filter((c) => c.kelurahan > 0)
}
