// Units as the admin edits them (/admin/unit). Every query is limited to the admin's
// jurisdiction; every write records its audit row in the caller's transaction.
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import { OPEN_STATUSES, type UnitKind } from '~/domain/vocabulary'
import { recordAudit } from './audit.server'

type Db = Kysely<DB> | Transaction<DB>

export interface AdminActor {
  userId: number
  jurisdictionId: number
}

const UNIT_COLUMNS = ['id', 'key', 'name', 'short_name', 'kind', 'parent_id', 'active'] as const

/** All units of the jurisdiction with their open-report counts. */
export async function listUnits(db: Db, jurisdictionId: number) {
  const rows = await db
    .selectFrom('units as u')
    .leftJoin('reports as r', (join) => join.onRef('r.current_unit_id', '=', 'u.id').on('r.status', 'in', [...OPEN_STATUSES]))
    .select(['u.id', 'u.key', 'u.name', 'u.short_name', 'u.kind', 'u.parent_id', 'u.active'])
    .select((eb) => eb.fn.count<number>('r.id').as('open_reports'))
    .where('u.jurisdiction_id', '=', jurisdictionId)
    .groupBy('u.id')
    .execute()
  return rows.map((r) => ({ ...r, open_reports: Number(r.open_reports) }))
}

export function getUnit(db: Db, jurisdictionId: number, id: number) {
  return db.selectFrom('units').select(UNIT_COLUMNS).where('jurisdiction_id', '=', jurisdictionId).where('id', '=', id).executeTakeFirst()
}

/** Open reports the unit holds, and the routing rules and category defaults that still send reports to it. */
export async function unitUsage(db: Db, jurisdictionId: number, unitId: number) {
  const [open, rules, categories] = await Promise.all([
    db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('current_unit_id', '=', unitId)
      .where('status', 'in', [...OPEN_STATUSES])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('routing_rules')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('categories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('default_unit_id', '=', unitId)
      .where('active', '=', true)
      .executeTakeFirstOrThrow(),
  ])
  return { openReports: Number(open.n), rules: Number(rules.n), categories: Number(categories.n) }
}

export interface UnitInput {
  name: string
  shortName: string
  kind: UnitKind
  parentId: number | null
}

/** A stable key from the short name (units.key is the seed's key: lowercase, digits, dashes), unique in the jurisdiction. */
async function freeKey(db: Db, jurisdictionId: number, shortName: string) {
  const stem =
    shortName
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'unit'
  const base = stem.length < 2 ? `unit-${stem}` : stem
  const taken = new Set(
    (await db.selectFrom('units').select('key').where('jurisdiction_id', '=', jurisdictionId).where('key', 'like', `${base}%`).execute()).map((r) => r.key),
  )
  for (let n = 1; ; n++) {
    const key = n === 1 ? base : `${base}-${n}`
    if (!taken.has(key)) return key
  }
}

export async function createUnit(trx: Transaction<DB>, actor: AdminActor, input: UnitInput) {
  const key = await freeKey(trx, actor.jurisdictionId, input.shortName)
  const row = await trx
    .insertInto('units')
    .values({ jurisdiction_id: actor.jurisdictionId, key, name: input.name, short_name: input.shortName, kind: input.kind, parent_id: input.parentId })
    .returning(UNIT_COLUMNS)
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    kind: 'created',
    entity: 'unit',
    entityId: row.id,
    subject: row.name,
    after: row,
    actorUserId: actor.userId,
    jurisdictionId: actor.jurisdictionId,
  })
  return row
}

export async function updateUnit(trx: Transaction<DB>, actor: AdminActor, id: number, change: Partial<UnitInput> & { active?: boolean }) {
  const before = await getUnit(trx, actor.jurisdictionId, id)
  if (!before) return null
  const after = await trx
    .updateTable('units')
    .set({
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.shortName !== undefined ? { short_name: change.shortName } : {}),
      ...(change.kind !== undefined ? { kind: change.kind } : {}),
      ...(change.parentId !== undefined ? { parent_id: change.parentId } : {}),
      ...(change.active !== undefined ? { active: change.active } : {}),
    })
    .where('jurisdiction_id', '=', actor.jurisdictionId)
    .where('id', '=', id)
    .returning(UNIT_COLUMNS)
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    kind: 'updated',
    entity: 'unit',
    entityId: id,
    subject: after.name,
    before,
    after,
    actorUserId: actor.userId,
    jurisdictionId: actor.jurisdictionId,
  })
  return after
}

/** The open reports a unit holds, oldest first (for the move before deactivation). */
export function listOpenReportsOfUnit(db: Db, jurisdictionId: number, unitId: number) {
  return db
    .selectFrom('reports')
    .select(['id', 'version'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('current_unit_id', '=', unitId)
    .where('status', 'in', [...OPEN_STATUSES])
    .orderBy('id')
    .execute()
}

/** The figures of the /admin overview; `year` is the jurisdiction's current (local) year. */
export async function referenceCounts(db: Db, jurisdictionId: number, year: number) {
  const [units, categories, rules, holidays] = await Promise.all([
    db
      .selectFrom('units')
      .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.count<number>('id').filterWhere('active', '=', true).as('active')])
      .where('jurisdiction_id', '=', jurisdictionId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('categories')
      .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.count<number>('id').filterWhere('active', '=', true).as('active')])
      .where('jurisdiction_id', '=', jurisdictionId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('routing_rules')
      .select((eb) => eb.fn.countAll<number>().as('all'))
      .where('jurisdiction_id', '=', jurisdictionId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('holidays')
      .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.count<number>('id').filterWhere('provisional', '=', true).as('provisional')])
      .where((eb) => eb.or([eb('jurisdiction_id', 'is', null), eb('jurisdiction_id', '=', jurisdictionId)]))
      .where('date', '>=', `${year}-01-01`)
      .where('date', '<=', `${year}-12-31`)
      .executeTakeFirstOrThrow(),
  ])
  return {
    units: Number(units.all),
    activeUnits: Number(units.active),
    categories: Number(categories.all),
    activeCategories: Number(categories.active),
    rules: Number(rules.all),
    holidaysThisYear: Number(holidays.all),
    provisionalHolidays: Number(holidays.provisional),
  }
}

/** Active triage desks other than this unit (filing needs one: getRoutingContext). */
export async function otherActiveTriageDesks(db: Db, jurisdictionId: number, unitId: number) {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('kind', '=', 'triage_desk')
    .where('active', '=', true)
    .where('id', '<>', unitId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
