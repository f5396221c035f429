// The officer workflow's use cases that touch more than the report row (ADR 018):
// assigning (the assignee is told), marking a duplicate (the original gains a supporter
// and a follower), resolving with "after" photos. Each runs in the caller's transaction
// and goes through applyReportAction, so the version check guards every one of them.
import type { Transaction } from 'kysely'
import type { DB } from '#db/types'
import { transition, type ActorKind } from '~/domain/report-status'
import { applyReportAction, type AppliedAction } from '~/models/report.server'
import { linkDuplicate } from '~/models/report-workflow.server'
import { notifyStaffUser } from '~/models/report-notifications.server'
import { checkOriginal, listAssignableStaff, type StaffScope } from '~/models/staff-report.server'
import type { OriginalRefusal } from '~/domain/duplicates'
import type { StoredPhoto } from '~/utils/photos.server'

export interface WorkflowActor {
  kind: ActorKind
  userId: number
}

interface Base {
  reportId: number
  expectedVersion: number
  actor: WorkflowActor
  body: string | null
  now: Date
}

/** The assignee is not an active officer or supervisor of the report's unit or a sub-unit. */
export class AssigneeNotAllowedError extends Error {
  constructor() {
    super('The assignee is not in the report unit or its sub-units')
  }
}

/** The chosen report cannot be this one's original (domain/duplicates). */
export class OriginalRefusedError extends Error {
  constructor(readonly reason: OriginalRefusal) {
    super(`Not a possible original: ${reason}`)
  }
}

/** A supervisor assigns within their unit and its sub-units (an admin: the report's unit and its sub-units). */
export async function assignReport(trx: Transaction<DB>, input: Base & { assigneeUserId: number; scope: StaffScope }) {
  const report = await trx.selectFrom('reports').select(['current_unit_id', 'code', 'status']).where('id', '=', input.reportId).executeTakeFirstOrThrow()
  // The role decides first: an officer is refused for what they are, whoever they name.
  transition(report.status, { type: 'assign' }, input.actor.kind)
  const assignee = (await listAssignableStaff(trx, input.scope, report)).find((s) => s.id === input.assigneeUserId)
  if (!assignee) throw new AssigneeNotAllowedError()
  const step = await applyReportAction(trx, {
    reportId: input.reportId,
    expectedVersion: input.expectedVersion,
    action: { type: 'assign' },
    actor: input.actor,
    body: input.body ?? assignee.name,
    now: input.now,
    assigneeUserId: assignee.id,
  })
  // Assigning oneself needs no message.
  if (assignee.id !== input.actor.userId) {
    await notifyStaffUser(trx, { userId: assignee.id, reportId: input.reportId, template: 'staff_assigned', payload: { code: report.code }, now: input.now })
  }
  return step
}

export async function markDuplicate(trx: Transaction<DB>, input: Base & { originalId: number; scope: StaffScope }): Promise<AppliedAction> {
  const { refusal } = await checkOriginal(trx, input.scope, input.reportId, input.originalId)
  if (refusal) throw new OriginalRefusedError(refusal)
  const step = await applyReportAction(trx, {
    reportId: input.reportId,
    expectedVersion: input.expectedVersion,
    action: { type: 'mark_duplicate' },
    actor: input.actor,
    body: input.body,
    now: input.now,
    duplicateOfId: input.originalId,
  })
  await linkDuplicate(trx, { duplicateId: input.reportId, originalId: input.originalId, actorUserId: input.actor.userId, now: input.now })
  return step
}

/** Resolves the report and hangs the (already re-encoded) after photos on its resolve event. */
export async function resolveWithPhotos(trx: Transaction<DB>, input: Base & { photos: StoredPhoto[] }): Promise<AppliedAction> {
  const step = await applyReportAction(trx, {
    reportId: input.reportId,
    expectedVersion: input.expectedVersion,
    action: { type: 'resolve' },
    actor: input.actor,
    body: input.body,
    now: input.now,
  })
  if (input.photos.length) {
    await trx
      .insertInto('attachments')
      .values(
        input.photos.map((p) => ({
          report_id: input.reportId,
          phase: 'after' as const,
          storage_key: p.storageKey,
          content_type: p.contentType,
          size_bytes: p.sizeBytes,
          width: p.width,
          height: p.height,
          uploaded_by_user_id: input.actor.userId,
          event_id: step.eventId,
          created_at: input.now,
        })),
      )
      .execute()
  }
  return step
}
