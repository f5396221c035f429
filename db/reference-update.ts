// `npm run db:seed -- --update-reference [--yes]`: brings the shipped reference data into an
// install that already has it (ADR 015). Rows are matched by stable key: jurisdiction code,
// area Kemendagri code, unit key, category code, and for a routing rule its category code,
// scope and area code. A shipped row that is missing is inserted, a shipped row whose columns
// differ is updated; rows that match no shipped key (added by an admin) are never touched,
// and nothing is deleted. Without `apply` it only reports what it would change.
import type { Kysely, Transaction } from 'kysely'
import { areaColumns, categoryColumns, jurisdictionColumns, unitAreaCode, unitColumns } from './reference-rows'
import { areasFor } from './seed-data/areas'
import { SEED_CATEGORIES, routingRulesFor } from './seed-data/categories'
import { SEED_JURISDICTIONS, type SeedJurisdictionCode } from './seed-data/jurisdictions'
import { unitsFor } from './seed-data/units'
import type { DB } from './types'

type Db = Kysely<DB> | Transaction<DB>

export type ReferenceTable = 'jurisdictions' | 'areas' | 'units' | 'categories' | 'routing_rules'

export interface ReferenceChange {
  table: ReferenceTable
  /** Stable key, prefixed by the jurisdiction code: `35.73/pju`, `35.73/pju/kelurahan/35.73.01.1002`. */
  key: string
  action: 'insert' | 'update'
  /** For an update, each differing column: the installed value and the shipped one (foreign keys by stable key). */
  fields: Record<string, { from: unknown; to: unknown }>
}

export async function updateReferenceData(db: Db, options: { apply: boolean }): Promise<ReferenceChange[]> {
  const changes: ReferenceChange[] = []
  for (const j of SEED_JURISDICTIONS) changes.push(...(await updateJurisdiction(db, j.code as SeedJurisdictionCode, options.apply)))
  return changes
}

/** Comparable form: numerics arrive as strings from some drivers, jsonb as parsed values. */
function normal(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value)
  if (typeof value === 'object') return JSON.stringify(value)
  return value
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  )
}

function diff(installed: Record<string, unknown>, shipped: Record<string, unknown>) {
  const fields: ReferenceChange['fields'] = {}
  for (const [column, to] of Object.entries(shipped)) {
    let from = installed[column]
    let target = to
    if (column === 'keywords') {
      from = JSON.stringify(typeof from === 'string' ? JSON.parse(from) : from)
      target = typeof to === 'string' ? to : JSON.stringify(to)
    }
    // jsonb keeps its own key order: compare Open311 attributes with sorted keys.
    if (column === 'attributes') {
      from = stableJson(typeof from === 'string' ? JSON.parse(from) : from)
      target = stableJson(typeof to === 'string' ? JSON.parse(to) : to)
    }
    if (normal(from) !== normal(target)) fields[column] = { from: normal(from), to: normal(target) }
  }
  return fields
}

async function updateJurisdiction(db: Db, code: SeedJurisdictionCode, apply: boolean): Promise<ReferenceChange[]> {
  const changes: ReferenceChange[] = []
  const seedJurisdiction = SEED_JURISDICTIONS.find((j) => j.code === code)!
  let jurisdiction = await db.selectFrom('jurisdictions').selectAll().where('code', '=', code).executeTakeFirst()
  const shippedJurisdiction = jurisdictionColumns(seedJurisdiction)
  if (!jurisdiction) {
    changes.push({ table: 'jurisdictions', key: code, action: 'insert', fields: {} })
    if (!apply) return changes // Everything below would be inserted; the next start seeds it in full.
    jurisdiction = await db.insertInto('jurisdictions').values(shippedJurisdiction).returningAll().executeTakeFirstOrThrow()
  } else {
    const { name, time_zone } = shippedJurisdiction
    const fields = diff(jurisdiction, { name, time_zone })
    if (Object.keys(fields).length) {
      changes.push({ table: 'jurisdictions', key: code, action: 'update', fields })
      if (apply) await db.updateTable('jurisdictions').set({ name, time_zone }).where('id', '=', jurisdiction.id).execute()
    }
  }
  const jurisdictionId = jurisdiction.id
  const record = (change: ReferenceChange) => changes.push(change)

  // Areas: compared without the polygon (jsonb key order differs), which only a migration changes.
  const areas = await db
    .selectFrom('areas')
    .select(['id', 'code', 'name', 'level', 'parent_id', 'centroid_lat', 'centroid_lng'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .execute()
  const areaIds = new Map(areas.map((a) => [a.code, a.id]))
  const areaCodes = new Map(areas.map((a) => [a.id, a.code]))
  for (const a of areasFor(code)) {
    const { polygon, ...compared } = areaColumns(a)
    const shipped = { ...compared, parent: a.parentCode ?? null }
    const installed = areas.find((row) => row.code === a.code)
    const key = `${code}/${a.code}`
    const parentId = a.parentCode ? (areaIds.get(a.parentCode) ?? null) : null
    if (!installed) {
      record({ table: 'areas', key, action: 'insert', fields: {} })
      if (apply) {
        const row = await db
          .insertInto('areas')
          .values({ jurisdiction_id: jurisdictionId, parent_id: parentId, ...compared, polygon })
          .onConflict((oc) => oc.column('code').doNothing())
          .returning('id')
          .executeTakeFirst()
        if (row) areaIds.set(a.code, row.id)
      }
      continue
    }
    const fields = diff({ ...installed, parent: installed.parent_id === null ? null : (areaCodes.get(installed.parent_id) ?? null) }, shipped)
    if (!Object.keys(fields).length) continue
    record({ table: 'areas', key, action: 'update', fields })
    if (apply)
      await db
        .updateTable('areas')
        .set({ ...compared, polygon, parent_id: parentId })
        .where('id', '=', installed.id)
        .execute()
  }

  const units = await db
    .selectFrom('units')
    .select(['id', 'key', 'name', 'short_name', 'kind', 'parent_id', 'area_id'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .execute()
  const unitIds = new Map(units.map((u) => [u.key, u.id]))
  const unitKeys = new Map(units.map((u) => [u.id, u.key]))
  for (const u of unitsFor(code)) {
    const areaCode = unitAreaCode(code, u) ?? null
    const columns = unitColumns(u)
    const shipped = { ...columns, parent: u.parentKey ?? null, area: areaCode }
    const installed = units.find((row) => row.key === u.key)
    const key = `${code}/${u.key}`
    const resolved = {
      ...columns,
      parent_id: u.parentKey ? (unitIds.get(u.parentKey) ?? null) : null,
      area_id: areaCode ? (areaIds.get(areaCode) ?? null) : null,
    }
    if (!installed) {
      record({ table: 'units', key, action: 'insert', fields: {} })
      if (apply) {
        const row = await db
          .insertInto('units')
          .values({ jurisdiction_id: jurisdictionId, key: u.key, ...resolved })
          .returning('id')
          .executeTakeFirstOrThrow()
        unitIds.set(u.key, row.id)
      }
      continue
    }
    const fields = diff(
      {
        ...installed,
        parent: installed.parent_id === null ? null : (unitKeys.get(installed.parent_id) ?? null),
        area: installed.area_id === null ? null : (areaCodes.get(installed.area_id) ?? null),
      },
      shipped,
    )
    if (!Object.keys(fields).length) continue
    record({ table: 'units', key, action: 'update', fields })
    if (apply) await db.updateTable('units').set(resolved).where('id', '=', installed.id).execute()
  }

  const categories = await db.selectFrom('categories').selectAll().where('jurisdiction_id', '=', jurisdictionId).execute()
  const categoryIds = new Map(categories.map((c) => [c.code, c.id]))
  const categoryCodes = new Map(categories.map((c) => [c.id, c.code]))
  for (const [index, c] of SEED_CATEGORIES.entries()) {
    const columns = categoryColumns(c, index)
    const installed = categories.find((row) => row.code === c.code)
    const key = `${code}/${c.code}`
    const resolved = { ...columns, default_unit_id: unitIds.get(c.defaultUnitKey) ?? null }
    if (!installed) {
      record({ table: 'categories', key, action: 'insert', fields: {} })
      if (apply) {
        const row = await db
          .insertInto('categories')
          .values({ jurisdiction_id: jurisdictionId, code: c.code, ...resolved })
          .returning('id')
          .executeTakeFirstOrThrow()
        categoryIds.set(c.code, row.id)
      }
      continue
    }
    const defaultUnit = installed.default_unit_id === null ? null : (unitKeys.get(installed.default_unit_id) ?? null)
    const fields = diff({ ...installed, default_unit: defaultUnit }, { ...columns, default_unit: c.defaultUnitKey })
    if (!Object.keys(fields).length) continue
    record({ table: 'categories', key, action: 'update', fields })
    if (apply) await db.updateTable('categories').set(resolved).where('id', '=', installed.id).execute()
  }

  const rules = await db.selectFrom('routing_rules').selectAll().where('jurisdiction_id', '=', jurisdictionId).execute()
  const ruleKey = (categoryCode: string | undefined, scope: string, areaCode: string | null | undefined) =>
    `${code}/${categoryCode}/${scope}/${areaCode ?? '-'}`
  const installedRules = new Map(
    rules.map((r) => [ruleKey(categoryCodes.get(r.category_id), r.scope, r.area_id === null ? null : areaCodes.get(r.area_id)), r]),
  )
  for (const r of routingRulesFor(code)) {
    const key = ruleKey(r.categoryCode, r.scope, r.areaCode)
    const installed = installedRules.get(key)
    const shipped = { unit: r.unitKey, precedence: r.precedence, note: r.note }
    const resolved = { unit_id: unitIds.get(r.unitKey), precedence: r.precedence, note: r.note }
    if (!installed) {
      record({ table: 'routing_rules', key, action: 'insert', fields: {} })
      const categoryId = categoryIds.get(r.categoryCode)
      const areaId = r.areaCode ? areaIds.get(r.areaCode) : null
      if (apply && categoryId !== undefined && areaId !== undefined && resolved.unit_id !== undefined) {
        await db
          .insertInto('routing_rules')
          .values({ jurisdiction_id: jurisdictionId, category_id: categoryId, scope: r.scope, area_id: areaId, ...resolved, unit_id: resolved.unit_id })
          .execute()
      }
      continue
    }
    const fields = diff({ ...installed, unit: unitKeys.get(installed.unit_id) ?? null }, shipped)
    if (!Object.keys(fields).length || resolved.unit_id === undefined) continue
    record({ table: 'routing_rules', key, action: 'update', fields })
    if (apply)
      await db
        .updateTable('routing_rules')
        .set({ ...resolved, unit_id: resolved.unit_id })
        .where('id', '=', installed.id)
        .execute()
  }
  return changes
}

/** The dry-run report: one line per change, by table and stable key. */
export function formatReferenceChanges(changes: ReferenceChange[]) {
  if (!changes.length) return ['Reference data matches the shipped defaults; nothing to change.']
  const lines: string[] = []
  for (const c of changes) {
    if (c.action === 'insert') lines.push(`+ ${c.table} ${c.key}`)
    else for (const [column, { from, to }] of Object.entries(c.fields)) lines.push(`~ ${c.table} ${c.key} ${column}: ${String(from)} -> ${String(to)}`)
  }
  const tables = [...new Set(changes.map((c) => c.table))]
  const count = (table: ReferenceTable, action: ReferenceChange['action']) => changes.filter((c) => c.table === table && c.action === action).length
  for (const table of tables) lines.push(`${table}: ${count(table, 'insert')} insert(s), ${count(table, 'update')} update(s)`)
  lines.push('Admin-added rows are kept; nothing is deleted.')
  return lines
}
