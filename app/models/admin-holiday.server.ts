// Holidays as the admin edits them (/admin/libur). Local holidays belong to the admin's
// jurisdiction; national and cuti bersama rows (jurisdiction_id null, a database CHECK)
// are shared by every jurisdiction of the install, and admins may edit them too (ADR 016).
// No calendar is cached (getSlaCalendar reads the table per filing), so nothing to invalidate.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import type { HolidayKind } from '~/domain/vocabulary'
import type { AdminActor } from './admin-unit.server'
import { recordAudit } from './audit.server'

type Db = Kysely<DB> | Transaction<DB>

const COLUMNS = ['id', 'jurisdiction_id', 'date', 'name', 'kind', 'provisional'] as const

/** Holidays this jurisdiction observes: shared and its own, never another jurisdiction's local ones. */
function visible(jurisdictionId: number) {
  return sql<boolean>`(jurisdiction_id IS NULL OR jurisdiction_id = ${jurisdictionId})`
}

export function listHolidays(db: Db, jurisdictionId: number, year: number) {
  return db
    .selectFrom('holidays')
    .select(COLUMNS)
    .where(visible(jurisdictionId))
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .orderBy('id')
    .execute()
}

export function getHoliday(db: Db, jurisdictionId: number, id: number) {
  return db.selectFrom('holidays').select(COLUMNS).where(visible(jurisdictionId)).where('id', '=', id).executeTakeFirst()
}

export interface HolidayInput {
  date: string
  name: string
  kind: HolidayKind
}

/** The row that already holds this date in the same scope (shared, or this jurisdiction's local), if any. */
export function holidayOnDate(db: Db, jurisdictionId: number, input: HolidayInput, exceptId?: number) {
  let query = db
    .selectFrom('holidays')
    .select('id')
    .where('date', '=', input.date)
    .where(input.kind === 'local' ? sql<boolean>`jurisdiction_id = ${jurisdictionId}` : sql<boolean>`jurisdiction_id IS NULL`)
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId)
  return query.executeTakeFirst()
}

const scopeOf = (jurisdictionId: number, kind: HolidayKind) => (kind === 'local' ? jurisdictionId : null)

export async function createHoliday(trx: Transaction<DB>, actor: AdminActor, input: HolidayInput) {
  const row = await trx
    .insertInto('holidays')
    .values({ jurisdiction_id: scopeOf(actor.jurisdictionId, input.kind), date: input.date, name: input.name, kind: input.kind, provisional: false })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    kind: 'created',
    entity: 'holiday',
    entityId: row.id,
    subject: `${row.date} ${row.name}`,
    after: row,
    actorUserId: actor.userId,
    jurisdictionId: actor.jurisdictionId,
  })
  return row
}

export async function updateHoliday(trx: Transaction<DB>, actor: AdminActor, id: number, input: HolidayInput & { provisional?: boolean }) {
  const before = await getHoliday(trx, actor.jurisdictionId, id)
  if (!before) return null
  const after = await trx
    .updateTable('holidays')
    .set({
      jurisdiction_id: scopeOf(actor.jurisdictionId, input.kind),
      date: input.date,
      name: input.name,
      kind: input.kind,
      ...(input.provisional !== undefined ? { provisional: input.provisional } : {}),
    })
    .where(visible(actor.jurisdictionId))
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    kind: 'updated',
    entity: 'holiday',
    entityId: id,
    subject: `${after.date} ${after.name}`,
    before,
    after,
    actorUserId: actor.userId,
    jurisdictionId: actor.jurisdictionId,
  })
  return after
}

export async function deleteHoliday(trx: Transaction<DB>, actor: AdminActor, id: number) {
  const before = await getHoliday(trx, actor.jurisdictionId, id)
  if (!before) return null
  await trx.deleteFrom('holidays').where(visible(actor.jurisdictionId)).where('id', '=', id).execute()
  await recordAudit(trx, {
    kind: 'deleted',
    entity: 'holiday',
    entityId: id,
    subject: `${before.date} ${before.name}`,
    before,
    actorUserId: actor.userId,
    jurisdictionId: actor.jurisdictionId,
  })
  return before
}

export async function confirmHoliday(trx: Transaction<DB>, actor: AdminActor, id: number) {
  const before = await getHoliday(trx, actor.jurisdictionId, id)
  if (!before) return null
  return updateHoliday(trx, actor, id, { date: before.date, name: before.name, kind: before.kind, provisional: false })
}

/** Confirmed national holidays on record for a year (the admin banner warns when there are none for next year). */
export async function confirmedNationalCount(db: Db, year: number) {
  const row = await db
    .selectFrom('holidays')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('jurisdiction_id', 'is', null)
    .where('kind', '=', 'national')
    .where('provisional', '=', false)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Imports checked CSV rows, all or nothing: a row whose date is already on record in its
 * scope is a per-line error and nothing is written. Returns the lines in conflict (1-based
 * `line` as given), or the number imported.
 */
export async function importHolidays(trx: Transaction<DB>, actor: AdminActor, rows: readonly (HolidayInput & { line: number })[]) {
  const conflicts: number[] = []
  for (const row of rows) if (await holidayOnDate(trx, actor.jurisdictionId, row)) conflicts.push(row.line)
  if (conflicts.length > 0) return { conflicts, imported: 0 }
  for (const row of rows) await createHoliday(trx, actor, row)
  return { conflicts, imported: rows.length }
}
