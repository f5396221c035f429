// What staff may see: always filtered by their scope in the query's WHERE.
// Officers, supervisors and inspectors see their unit and its sub-units; admins see
// the whole jurisdiction except confidential reports outside their own units. Executives
// (the mayor's office) read the whole jurisdiction except what stays in the Inspektorat,
// never the reporter's contact, and act on nothing.
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { mayTransferTo, reporterVisibleToHolder } from '~/domain/custody'
import { OPEN_STATUSES } from '~/domain/vocabulary'
import { reportDetailQuery } from './report.server'
import type { StaffUser } from './user.server'

type Db = Kysely<DB> | Transaction<DB>

export interface StaffScope {
  jurisdictionId: number
  unitIds: number[]
  wholeJurisdiction: boolean
  /** An executive: whole jurisdiction minus Inspektorat-only reports, no contact details, no actions. */
  readOnly: boolean
}

export async function getStaffScope(db: Db, user: StaffUser): Promise<StaffScope> {
  const unitIds = user.unitId === null ? [] : await unitAndDescendants(db, user.unitId)
  return { jurisdictionId: user.jurisdictionId, unitIds, wholeJurisdiction: user.role === 'admin', readOnly: user.role === 'executive' }
}

export async function unitAndDescendants(db: Db, unitId: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    WITH RECURSIVE tree AS (
      SELECT id FROM units WHERE id = ${unitId}
      UNION ALL
      SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id
    ) SELECT id FROM tree`.execute(db)
  return result.rows.map((r) => r.id)
}

function inScope(scope: StaffScope) {
  return (eb: ExpressionBuilder<DB & { r: DB['reports'] }, 'r'>) => {
    const own = scope.unitIds.length ? eb('r.current_unit_id', 'in', scope.unitIds) : eb.val(false)
    const visible = scope.readOnly ? notInspectorateOnly(eb) : scope.wholeJurisdiction ? eb.or([eb('r.privacy', '<>', 'confidential'), own]) : own
    return eb.and([eb('r.jurisdiction_id', '=', scope.jurisdictionId), visible])
  }
}

/** The SQL side of isInspectorateOnly (domain/custody): NOT (misconduct OR (confidential AND held by the Inspektorat)). */
function notInspectorateOnly(eb: ExpressionBuilder<DB & { r: DB['reports'] }, 'r'>) {
  const misconduct = eb.exists(eb.selectFrom('categories as mc').select('mc.id').whereRef('mc.id', '=', 'r.category_id').where('mc.is_misconduct', '=', true))
  const heldByInspectorate = eb.exists(
    eb.selectFrom('units as hu').select('hu.id').whereRef('hu.id', '=', 'r.current_unit_id').where('hu.kind', '=', 'inspektorat'),
  )
  return eb.and([eb.not(misconduct), eb.or([eb('r.privacy', '<>', 'confidential'), eb.not(heldByInspectorate)])])
}

export const QUEUE_PAGE_SIZE = 50

/** The unit's queue, one page of it: open reports, the most urgent (earliest due) first. */
export function listQueue(db: Db, scope: StaffScope, options: { page?: number; pageSize?: number } = {}) {
  const pageSize = options.pageSize ?? QUEUE_PAGE_SIZE
  const page = Math.max(1, Math.floor(options.page ?? 1))
  return db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('units as u', 'u.id', 'r.current_unit_id')
    .leftJoin('areas as k', 'k.id', 'r.area_id')
    .select([
      'r.id',
      'r.code',
      'r.status',
      'r.privacy',
      'r.created_at',
      'r.response_due_at',
      'r.resolution_due_at',
      'r.first_response_at',
      'r.reopen_count',
      'c.name_id as category_name_id',
      'c.name_en as category_name_en',
      'c.is_emergency',
      'k.name as kelurahan_name',
      'u.short_name as unit_short_name',
    ])
    .where(inScope(scope))
    .where('r.status', 'in', OPEN_STATUSES)
    .orderBy(sql`CASE WHEN r.first_response_at IS NULL THEN r.response_due_at ELSE r.resolution_due_at END`)
    .orderBy('r.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
}

/** How many reports the whole queue holds (not just the page shown). */
export async function countQueue(db: Db, scope: StaffScope): Promise<number> {
  const { n } = await db
    .selectFrom('reports as r')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inScope(scope))
    .where('r.status', 'in', OPEN_STATUSES)
    .executeTakeFirstOrThrow()
  return Number(n)
}

/** A report in the user's scope, with the reporter's contact where custody allows it and the user is no executive. */
export async function getStaffReport(db: Db, scope: StaffScope, code: string) {
  const found = await reportDetailQuery(db)
    .select(['c.is_emergency', 'c.is_misconduct', 'u.kind as unit_kind'])
    .where(inScope(scope))
    .where('r.code', '=', code)
    .executeTakeFirst()
  if (!found) return null
  const { is_misconduct: isMisconduct, unit_kind: unitKind, ...report } = found
  const custody = { isMisconduct, privacy: report.privacy, unitKind }
  const contact =
    scope.readOnly || !reporterVisibleToHolder(custody)
      ? null
      : ((await db.selectFrom('report_contacts').select(['name', 'email', 'phone']).where('report_id', '=', report.id).executeTakeFirst()) ?? null)
  // The latest rating: of the last resolution the reporter rated.
  const rating = await db
    .selectFrom('ratings')
    .select(['score', 'comment', 'fixed'])
    .where('report_id', '=', report.id)
    .orderBy('resolution_number', 'desc')
    .executeTakeFirst()
  return { report, custody, contact, rating: rating ?? null }
}

/** The units a report may be transferred to: active, of its jurisdiction, allowed by the custody rules. */
export async function listTransferTargets(db: Db, report: { jurisdiction_id: number; current_unit_id: number }, custody: Parameters<typeof mayTransferTo>[0]) {
  const units = await db
    .selectFrom('units')
    .select(['id', 'name', 'short_name', 'kind'])
    .where('jurisdiction_id', '=', report.jurisdiction_id)
    .where('active', '=', true)
    .where('id', '<>', report.current_unit_id)
    .orderBy('name')
    .execute()
  return units.filter((u) => mayTransferTo(custody, u)).map(({ id, name, short_name }) => ({ id, name, short_name }))
}

export function getStaffTimeline(db: Db, reportId: number) {
  return db
    .selectFrom('report_events as e')
    .leftJoin('users as a', 'a.id', 'e.actor_user_id')
    .leftJoin('units as fu', 'fu.id', 'e.from_unit_id')
    .leftJoin('units as tu', 'tu.id', 'e.to_unit_id')
    .select([
      'e.id',
      'e.type',
      'e.created_at',
      'e.actor_kind',
      'a.name as actor_name',
      'e.from_status',
      'e.to_status',
      'fu.name as from_unit_name',
      'tu.name as to_unit_name',
      'e.body',
      'e.visibility',
    ])
    .where('e.report_id', '=', reportId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute()
}
