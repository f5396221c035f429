// The audit trail (issue 7 §2): one writer for every admin change and account event.
// audit_log is append-only in the database (a trigger refuses UPDATE/DELETE/TRUNCATE).
// Callers pass their transaction, so the change and its audit row commit together.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import type { AuditEntity, AuditKind } from '~/domain/vocabulary'

type Db = Kysely<DB> | Transaction<DB>

export interface AuditEntry {
  jurisdictionId: number | null
  actorUserId: number | null
  kind: AuditKind
  entity?: AuditEntity | null
  entityId?: string | number | null
  /** Who or what the row is about, in words (an e-mail, a unit's name). Never a citizen's contact. */
  subject?: string | null
  /** The row before and after the change, as plain JSON (leave out password hashes and secrets). */
  before?: unknown
  after?: unknown
  ip?: string | null
  now?: Date
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      jurisdiction_id: entry.jurisdictionId,
      actor_user_id: entry.actorUserId,
      kind: entry.kind,
      entity: entry.entity ?? null,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      subject: entry.subject?.slice(0, 320) ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: entry.ip?.slice(0, 100) ?? null,
      ...(entry.now ? { created_at: entry.now } : {}),
    })
    .execute()
}

// ---- Reading the trail (/admin/audit) ----

export interface AuditFilters {
  actorUserId?: number
  kind?: AuditKind
  entity?: AuditEntity
  /** Calendar days (YYYY-MM-DD) in the jurisdiction's time zone, both included. */
  from?: string
  to?: string
}

/**
 * The rows an admin may read: those of the jurisdiction, and account events of its
 * users that carry no jurisdiction. Filters go into the same where.
 */
function auditScope(db: Db, jurisdiction: { id: number; timeZone: string }, filters: AuditFilters) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as actor', 'actor.id', 'a.actor_user_id')
    .where((eb) =>
      eb.or([
        eb('a.jurisdiction_id', '=', jurisdiction.id),
        // A subquery, not the joined actor: the planner can then walk audit_log by id (CSV batches).
        eb.and([
          eb('a.jurisdiction_id', 'is', null),
          eb('a.actor_user_id', 'in', eb.selectFrom('users').select('users.id').where('users.jurisdiction_id', '=', jurisdiction.id)),
        ]),
      ]),
    )
  if (filters.actorUserId) q = q.where('a.actor_user_id', '=', filters.actorUserId)
  if (filters.kind) q = q.where('a.kind', '=', filters.kind)
  if (filters.entity) q = q.where('a.entity', '=', filters.entity)
  // A local calendar day starts at midnight in the jurisdiction's zone.
  if (filters.from) q = q.where('a.created_at', '>=', sql<Date>`(${filters.from}::date)::timestamp AT TIME ZONE ${jurisdiction.timeZone}`)
  if (filters.to) q = q.where('a.created_at', '<', sql<Date>`(${filters.to}::date + 1)::timestamp AT TIME ZONE ${jurisdiction.timeZone}`)
  return q
}

export async function countAudit(db: Db, jurisdiction: { id: number; timeZone: string }, filters: AuditFilters): Promise<number> {
  const row = await auditScope(db, jurisdiction, filters)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Newest first; `beforeId` pages by key (the CSV export), `offset` by page (the screen). */
export function listAudit(
  db: Db,
  jurisdiction: { id: number; timeZone: string },
  filters: AuditFilters,
  page: { limit: number; offset?: number; beforeId?: number },
) {
  let q = auditScope(db, jurisdiction, filters)
    .select([
      'a.id',
      'a.created_at',
      'a.kind',
      'a.entity',
      'a.entity_id',
      'a.subject',
      'a.before',
      'a.after',
      'a.ip',
      'a.actor_user_id',
      'actor.name as actor_name',
    ])
    .orderBy('a.id', 'desc')
    .limit(page.limit)
  if (page.beforeId) q = q.where('a.id', '<', page.beforeId)
  if (page.offset) q = q.offset(page.offset)
  return q.execute()
}

/** People who appear as actors in the jurisdiction's trail (the actor filter's choices). */
export function listAuditActors(db: Db, jurisdictionId: number) {
  return db.selectFrom('users').select(['id', 'name', 'email']).where('jurisdiction_id', '=', jurisdictionId).orderBy('name').execute()
}
