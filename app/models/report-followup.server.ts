// The reporter's follow-up through the private link (ADR 027): adding information (text
// and photos, public or for staff only), and anyone's subscription to a public report's
// updates. Each change is written in the caller's transaction with its event and its
// notification rows.
import type { Transaction } from 'kysely'
import type { DB } from '#db/types'
import { canAddInformation, canSubscribe } from '~/domain/follow-up'
import type { EventVisibility, NotificationLocale, SubscriptionChannel } from '~/domain/vocabulary'
import { sha256 } from '~/utils/crypto.server'
import type { StoredPhoto } from '~/utils/photos.server'
import { notifyStaffUser, notifyUnitStaff } from './report-notifications.server'
import { subscribe } from './support.server'

export interface AddInformationInput {
  code: string
  token: string
  body: string | null
  visibility: EventVisibility
  /** Already re-encoded and stored; they hang on the new event and share its visibility. */
  photos: StoredPhoto[]
  now: Date
}

export type AddInformationOutcome = { ok: true; eventId: number } | { ok: false; reason: 'not_allowed' }

/** An `information_added` event by the reporter with its photos; the assigned officer, else the unit's staff, are told. */
export async function addReporterInformation(trx: Transaction<DB>, input: AddInformationInput): Promise<AddInformationOutcome> {
  const report = await trx
    .selectFrom('reports')
    .select(['id', 'code', 'status', 'reporter_token_hash', 'current_unit_id', 'assigned_user_id'])
    .where('code', '=', input.code)
    .forUpdate()
    .executeTakeFirst()
  if (!report || !report.reporter_token_hash || sha256(input.token) !== report.reporter_token_hash) return { ok: false, reason: 'not_allowed' }
  if (!canAddInformation(report.status)) return { ok: false, reason: 'not_allowed' }
  // Not a workflow change: the version (staff's optimistic lock) stays, so an officer's open form is not refused.
  const { id: eventId } = await trx
    .insertInto('report_events')
    .values({
      report_id: report.id,
      created_at: input.now,
      actor_kind: 'reporter',
      actor_user_id: null,
      type: 'information_added',
      body: input.body,
      visibility: input.visibility,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await attachPhotos(trx, { reportId: report.id, eventId, photos: input.photos, now: input.now })
  const notice = { reportId: report.id, template: 'staff_information_added' as const, payload: { code: report.code }, now: input.now }
  if (report.assigned_user_id !== null) await notifyStaffUser(trx, { ...notice, userId: report.assigned_user_id })
  else await notifyUnitStaff(trx, { ...notice, unitId: report.current_unit_id })
  return { ok: true, eventId }
}

/** The reporter's photos hung on an event (added information, "belum beres"): visible as the event is. */
export async function attachPhotos(trx: Transaction<DB>, input: { reportId: number; eventId: number; photos: StoredPhoto[]; now: Date }) {
  if (!input.photos.length) return
  await trx
    .insertInto('attachments')
    .values(
      input.photos.map((p) => ({
        report_id: input.reportId,
        phase: 'before' as const,
        storage_key: p.storageKey,
        content_type: p.contentType,
        size_bytes: p.sizeBytes,
        width: p.width,
        height: p.height,
        event_id: input.eventId,
        created_at: input.now,
      })),
    )
    .execute()
}

export interface SubscribeInput {
  code: string
  jurisdictionId: number
  subscriptions: { channel: SubscriptionChannel; recipient: string; locale: NotificationLocale }[]
  now: Date
}

/** Anyone may follow a public report; the same address twice is one row (and turns a stopped one back on). */
export async function subscribeToReport(trx: Transaction<DB>, input: SubscribeInput): Promise<'subscribed' | 'not_allowed'> {
  const report = await trx
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .select(['r.id', 'r.status', 'r.privacy', 'c.is_misconduct'])
    .where('r.code', '=', input.code)
    .where('r.jurisdiction_id', '=', input.jurisdictionId)
    .executeTakeFirst()
  if (!report || !canSubscribe(report, report.is_misconduct)) return 'not_allowed'
  for (const s of input.subscriptions) await subscribe(trx, { reportId: report.id, ...s, origin: 'subscriber', now: input.now })
  return 'subscribed'
}
