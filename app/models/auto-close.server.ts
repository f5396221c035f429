// Auto-close of resolved reports whose reporter did not answer within the confirmation
// window (domain/resolution.ts, ADR 012). The close goes through the state machine as the
// system actor, with a public event whose body is a marker rendered from the dictionaries.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { AUTO_CLOSE_MARKER, CONFIRMATION_WINDOW_WORKING_DAYS, isConfirmationWindowOpen } from '~/domain/resolution'
import type { CalendarFor } from './escalation.server'
import { applyReportAction } from './report.server'
import { CLOCKLESS_SOURCES } from '~/domain/vocabulary'

type Db = Kysely<DB> | Transaction<DB>

/**
 * Resolved reports that may be past their window, oldest resolution first. Lower bound:
 * N working days are at least N calendar days less the hours from resolution to office close.
 */
export async function autoCloseCandidates(db: Db, now: Date, limit: number): Promise<number[]> {
  const minDays = CONFIRMATION_WINDOW_WORKING_DAYS - 1
  const rows = await db
    .selectFrom('reports')
    .select('id')
    .where('status', '=', 'resolved')
    .where('source', 'not in', CLOCKLESS_SOURCES)
    // Imported Open311 history is clockless too (ADR 020).
    .where('imported_at', 'is', null)
    .where('resolved_at', 'is not', null)
    .where(sql<boolean>`resolved_at + ${minDays} * interval '1 day' < ${now}`)
    .orderBy('resolved_at')
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}

/** Closes one report if its window has passed; false when it no longer qualifies. */
export async function autoCloseReport(trx: Transaction<DB>, reportId: number, now: Date, calendarFor: CalendarFor) {
  const r = await trx
    .selectFrom('reports as r')
    .innerJoin('jurisdictions as j', 'j.id', 'r.jurisdiction_id')
    .select(['r.id', 'r.status', 'r.version', 'r.resolved_at', 'r.jurisdiction_id', 'j.time_zone'])
    .where('r.id', '=', reportId)
    .forUpdate('r')
    .executeTakeFirst()
  // Re-checked under the lock: the reporter may have answered, or another worker closed it.
  if (!r || r.status !== 'resolved' || !r.resolved_at) return false
  const cal = await calendarFor(trx, { id: r.jurisdiction_id, time_zone: r.time_zone })
  if (isConfirmationWindowOpen(r.resolved_at, now, cal)) return false
  await applyReportAction(trx, {
    reportId: r.id,
    expectedVersion: r.version,
    action: { type: 'close' },
    actor: { kind: 'system', userId: null },
    body: AUTO_CLOSE_MARKER,
    now,
  })
  return true
}
