// Deactivating a unit (issue 7 §2): a unit that still holds open reports, or that routing
// rules or category defaults still send reports to, stays active. The admin may move the
// open reports to another unit in the same transaction: each one is a normal transfer
// (state machine, report_event 'transferred', the reporter's message), so the custody
// rule holds (misconduct reports only to Inspektorat units, domain/custody.ts).
import type { Kysely } from 'kysely'
import type { DB } from '#db/types'
import { recordAudit } from '~/models/audit.server'
import { getUnit, listOpenReportsOfUnit, unitUsage, updateUnit, type AdminActor } from '~/models/admin-unit.server'
import { applyReportAction, ReportConflictError, TransferNotAllowedError } from '~/models/report.server'

/** The public reason on each moved report's timeline. */
export const DEACTIVATION_REASON = 'unit dinonaktifkan'

export type DeactivationOutcome =
  | { status: 'deactivated'; moved: number }
  | { status: 'not_found' }
  | { status: 'has_open_reports'; openReports: number }
  | { status: 'still_routed'; rules: number; categories: number }
  | { status: 'bad_target' }
  | { status: 'custody' }
  | { status: 'conflict' }

class Rollback extends Error {
  constructor(readonly outcome: DeactivationOutcome) {
    super(outcome.status)
  }
}

export async function deactivateUnit(db: Kysely<DB>, actor: AdminActor, unitId: number, moveToUnitId: number | null, now: Date): Promise<DeactivationOutcome> {
  try {
    return await db.transaction().execute(async (trx) => {
      const unit = await getUnit(trx, actor.jurisdictionId, unitId)
      if (!unit) return { status: 'not_found' } as const
      const usage = await unitUsage(trx, actor.jurisdictionId, unitId)
      if (usage.rules > 0 || usage.categories > 0) return { status: 'still_routed', rules: usage.rules, categories: usage.categories } as const
      const open = await listOpenReportsOfUnit(trx, actor.jurisdictionId, unitId)
      if (open.length > 0 && moveToUnitId === null) return { status: 'has_open_reports', openReports: open.length } as const
      if (open.length > 0 && moveToUnitId !== null) {
        const target = await getUnit(trx, actor.jurisdictionId, moveToUnitId)
        if (!target || !target.active || target.id === unitId) return { status: 'bad_target' } as const
        for (const report of open) {
          try {
            await applyReportAction(trx, {
              reportId: report.id,
              expectedVersion: report.version,
              action: { type: 'transfer' },
              actor: { kind: 'supervisor', userId: actor.userId },
              body: DEACTIVATION_REASON,
              now,
              toUnitId: target.id,
            })
          } catch (error) {
            // Some reports already moved in this transaction: undo them all.
            if (error instanceof TransferNotAllowedError) throw new Rollback({ status: 'custody' })
            // Someone acted on the report meanwhile: nothing is moved, the admin tries again.
            if (error instanceof ReportConflictError) throw new Rollback({ status: 'conflict' })
            throw error
          }
        }
        await recordAudit(trx, {
          kind: 'updated',
          entity: 'unit',
          entityId: unitId,
          subject: unit.name,
          before: { openReports: open.map((r) => r.id) },
          after: { movedTo: target.id, reason: DEACTIVATION_REASON },
          actorUserId: actor.userId,
          jurisdictionId: actor.jurisdictionId,
          now,
        })
      }
      await updateUnit(trx, actor, unitId, { active: false })
      return { status: 'deactivated', moved: open.length } as const
    })
  } catch (error) {
    if (error instanceof Rollback) return error.outcome
    throw error
  }
}
