// The audit trail (issue 7 §2): one writer for every admin change and account event.
// audit_log is append-only in the database (a trigger refuses UPDATE/DELETE/TRUNCATE).
// Callers pass their transaction, so the change and its audit row commit together.
import type { Kysely, Transaction } from 'kysely'
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
