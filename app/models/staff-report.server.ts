// What staff may see: always filtered by their scope in the query's WHERE.
// Officers, supervisors and inspectors see their unit and its sub-units; admins see
// the whole jurisdiction except confidential reports outside their own units. Executives
// (the mayor's office) read the whole jurisdiction except what stays in the Inspektorat,
// never the reporter's contact, and act on nothing.
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { mayTransferTo, reporterVisibleToHolder } from '~/domain/custody'
import { originalRefusal, type DuplicateFacts } from '~/domain/duplicates'
import { boundingBox, DUPLICATE_RADIUS_M } from '~/domain/geo'
import { containsPattern, type QueueFilters } from '~/domain/queue-filters'
import { normalizeTrackingCode } from '~/domain/tracking-code'
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

async function unitAndAncestors(db: Db, unitId: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM units WHERE id = ${unitId}
      UNION ALL
      SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent_id
    ) SELECT id FROM up`.execute(db)
  return result.rows.map((r) => r.id)
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
export function listQueue(db: Db, scope: StaffScope, options: { page?: number; pageSize?: number; filters?: QueueFilters; userId?: number; now?: Date } = {}) {
  const pageSize = options.pageSize ?? QUEUE_PAGE_SIZE
  const page = Math.max(1, Math.floor(options.page ?? 1))
  return db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('units as u', 'u.id', 'r.current_unit_id')
    .leftJoin('areas as k', 'k.id', 'r.area_id')
    .leftJoin('users as a', 'a.id', 'r.assigned_user_id')
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
      'a.name as assignee_name',
      'r.reject_proposal_event_id',
    ])
    .where(inScope(scope))
    .where(matchesFilters(options))
    .where('r.status', 'in', OPEN_STATUSES)
    .orderBy(DUE_AT)
    .orderBy('r.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
}

/** The clock that runs now: the response until the first response, then the resolution. */
const DUE_AT = sql<Date>`CASE WHEN r.first_response_at IS NULL THEN r.response_due_at ELSE r.resolution_due_at END`

/** The queue filters (domain/queue-filters) as a WHERE; the scope is applied beside it, always. */
function matchesFilters(options: { filters?: QueueFilters; userId?: number; now?: Date }) {
  const f = options.filters ?? {}
  return (eb: ExpressionBuilder<DB & { r: DB['reports'] }, 'r'>) => {
    const parts = []
    if (f.status) parts.push(eb('r.status', '=', f.status))
    if (f.categoryId) parts.push(eb('r.category_id', '=', f.categoryId))
    if (f.areaId) {
      const inKecamatan = eb.exists(eb.selectFrom('areas as fa').select('fa.id').whereRef('fa.id', '=', 'r.area_id').where('fa.parent_id', '=', f.areaId))
      parts.push(eb.or([eb('r.area_id', '=', f.areaId), inKecamatan]))
    }
    if (f.overdue) parts.push(eb(DUE_AT, '<', options.now ?? new Date()))
    // Mirrors domain/escalation currentEscalationLevel > 0 for open reports.
    if (f.escalated) {
      parts.push(
        eb.exists(
          eb
            .selectFrom('escalations as es')
            .select('es.id')
            .whereRef('es.report_id', '=', 'r.id')
            .where((x) =>
              x.or([
                x.and([x('es.target', '=', 'response'), x('r.first_response_at', 'is', null)]),
                x.and([x('es.target', '=', 'resolution'), x('es.round', '=', sql<number>`r.reopen_count + 1`)]),
              ]),
            ),
        ),
      )
    }
    if (f.assignee === 'saya') parts.push(eb('r.assigned_user_id', '=', options.userId ?? -1))
    if (f.assignee === 'kosong') parts.push(eb('r.assigned_user_id', 'is', null))
    if (f.rejectProposed) parts.push(eb('r.reject_proposal_event_id', 'is not', null))
    if (f.q) {
      const code = normalizeTrackingCode(f.q)
      const text = eb('r.description', 'ilike', sql<string>`${containsPattern(f.q)} ESCAPE '\\'`)
      parts.push(code ? eb.or([eb('r.code', '=', code), text]) : text)
    }
    return eb.and(parts)
  }
}

/** How many reports the whole queue holds (not just the page shown), with the same filters. */
export async function countQueue(db: Db, scope: StaffScope, options: { filters?: QueueFilters; userId?: number; now?: Date } = {}): Promise<number> {
  const { n } = await db
    .selectFrom('reports as r')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inScope(scope))
    .where(matchesFilters(options))
    .where('r.status', 'in', OPEN_STATUSES)
    .executeTakeFirstOrThrow()
  return Number(n)
}

/** A report in the user's scope, with the reporter's contact where custody allows it and the user is no executive. */
export async function getStaffReport(db: Db, scope: StaffScope, code: string) {
  const found = await reportDetailQuery(db)
    .select(['c.is_emergency', 'c.is_misconduct', 'u.kind as unit_kind', 'r.category_id', 'r.area_id', 'r.assigned_user_id', 'r.reject_proposal_event_id'])
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
  return units.filter((u) => mayTransferTo(custody, u)).map(({ id, name, short_name, kind }) => ({ id, name, short_name, triage: kind === 'triage_desk' }))
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

/** What domain/duplicates needs about a report row. */
export function duplicateFacts(r: {
  id: number
  jurisdiction_id: number
  category_id: number
  area_id: number | null
  lat: number | null
  lng: number | null
  status: DuplicateFacts['status']
  privacy: DuplicateFacts['privacy']
}): DuplicateFacts {
  return {
    id: r.id,
    jurisdictionId: r.jurisdiction_id,
    categoryId: r.category_id,
    areaId: r.area_id,
    lat: r.lat,
    lng: r.lng,
    status: r.status,
    privacy: r.privacy,
  }
}

const DUPLICATE_FACT_COLUMNS = ['r.id', 'r.jurisdiction_id', 'r.category_id', 'r.area_id', 'r.lat', 'r.lng', 'r.status', 'r.privacy'] as const

/**
 * Open reports in the user's scope that may be the original of this one (ADR 018): same
 * category, within 250 m (or the same kelurahan without a point), oldest first. SQL
 * narrows with a box; domain/duplicates decides.
 */
export async function listDuplicateCandidates(db: Db, scope: StaffScope, reportId: number) {
  const report = await db.selectFrom('reports as r').select(DUPLICATE_FACT_COLUMNS).where('r.id', '=', reportId).executeTakeFirstOrThrow()
  const facts = duplicateFacts(report)
  const point = report.lat !== null && report.lng !== null ? { lat: report.lat, lng: report.lng } : null
  const box = point ? boundingBox(point, DUPLICATE_RADIUS_M) : null
  const rows = await db
    .selectFrom('reports as r')
    .leftJoin('areas as k', 'k.id', 'r.area_id')
    .select([...DUPLICATE_FACT_COLUMNS, 'r.code', 'r.description', 'r.created_at', 'r.supporter_count', 'k.name as kelurahan_name'])
    .where(inScope(scope))
    .where('r.status', 'in', OPEN_STATUSES)
    .where('r.category_id', '=', report.category_id)
    .where('r.id', '<>', report.id)
    .where('r.privacy', '<>', 'confidential')
    .where((eb) => {
      const sameArea = report.area_id === null ? eb.val(false) : eb('r.area_id', '=', report.area_id)
      if (!box) return sameArea
      const inBox = eb.and([eb('r.lat', '>=', box.minLat), eb('r.lat', '<=', box.maxLat), eb('r.lng', '>=', box.minLng), eb('r.lng', '<=', box.maxLng)])
      return eb.or([inBox, eb.and([eb('r.lat', 'is', null), sameArea])])
    })
    .orderBy('r.created_at')
    .limit(50)
    .execute()
  return rows
    .filter((r) => originalRefusal(facts, duplicateFacts(r)) === null)
    .slice(0, 20)
    .map(({ id, code, description, created_at, supporter_count, kelurahan_name }) => ({ id, code, description, created_at, supporter_count, kelurahan_name }))
}

/** The original a duplicate may be linked to, in the user's scope, or why not. */
export async function checkOriginal(db: Db, scope: StaffScope, duplicateId: number, originalId: number) {
  const [duplicate, original] = await Promise.all([
    db.selectFrom('reports as r').select(DUPLICATE_FACT_COLUMNS).where('r.id', '=', duplicateId).executeTakeFirstOrThrow(),
    db
      .selectFrom('reports as r')
      .select([...DUPLICATE_FACT_COLUMNS, 'r.code'])
      .where(inScope(scope))
      .where('r.id', '=', originalId)
      .executeTakeFirst(),
  ])
  if (!original) return { refusal: 'not_open' as const, original: null }
  return { refusal: originalRefusal(duplicateFacts(duplicate), duplicateFacts(original)), original }
}

/**
 * Who may be assigned the report: officers and supervisors who can see it (of its unit or a
 * unit above it) and who work under the assigning user (their unit or a sub-unit; an admin's
 * scope is the whole jurisdiction).
 */
export async function listAssignableStaff(db: Db, scope: StaffScope, report: { current_unit_id: number }) {
  const holders = await unitAndAncestors(db, report.current_unit_id)
  const unitIds = scope.wholeJurisdiction ? holders : holders.filter((id) => scope.unitIds.includes(id))
  if (unitIds.length === 0) return []
  return db
    .selectFrom('users as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.name', 'u.short_name as unit_short_name'])
    .where('s.unit_id', 'in', unitIds)
    .where('s.active', '=', true)
    .where('s.role', 'in', ['officer', 'supervisor'])
    .orderBy('s.name')
    .execute()
}
