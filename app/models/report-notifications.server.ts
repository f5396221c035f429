// Outbox rows for a report's reporter and for the staff of its unit, written in the
// caller's transaction. The reporter's contact is read here and only here; it goes into
// the outbox row's recipient, never to a page.
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import type { NotificationLocale, NotificationTemplate } from '~/domain/vocabulary'
import { isWhatsAppEnabled } from '~/notify/config.server'
import { queueNotification } from './notification.server'

type Db = Kysely<DB> | Transaction<DB>

/** The language the reporter filed in (kept on their first message), else Bahasa Indonesia. */
async function reporterLocale(db: Db, reportId: number): Promise<NotificationLocale> {
  const first = await db
    .selectFrom('notification_outbox')
    .select('locale')
    .where('report_id', '=', reportId)
    .where('user_id', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
  return first?.locale ?? 'id'
}

export async function notifyReporter(
  trx: Db,
  input: { reportId: number; template: NotificationTemplate; payload: Record<string, unknown>; now: Date; locale?: NotificationLocale; secret?: string },
) {
  const contact = await trx.selectFrom('report_contacts').select(['email', 'phone']).where('report_id', '=', input.reportId).executeTakeFirst()
  if (!contact?.email && !contact?.phone) return
  const locale = input.locale ?? (await reporterLocale(trx, input.reportId))
  const common = { reportId: input.reportId, template: input.template, payload: input.payload, locale, secret: input.secret ?? null, now: input.now }
  if (contact.email) await queueNotification(trx, { ...common, channel: 'email', recipient: contact.email })
  if (contact.phone && isWhatsAppEnabled()) await queueNotification(trx, { ...common, channel: 'whatsapp', recipient: contact.phone })
}

/** Officers and supervisors of the unit; new reports wait for the digest of those who chose it. */
export async function notifyUnitStaff(
  trx: Db,
  input: { unitId: number; reportId: number; template: NotificationTemplate; payload: Record<string, unknown>; now: Date },
) {
  const staff = await trx
    .selectFrom('users')
    .select(['id', 'email', 'notify_mode'])
    .where('unit_id', '=', input.unitId)
    .where('active', '=', true)
    .where('role', 'in', ['officer', 'supervisor'])
    .execute()
  for (const user of staff) {
    await queueNotification(trx, {
      reportId: input.reportId,
      channel: 'email',
      recipient: user.email,
      template: input.template,
      payload: input.payload,
      userId: user.id,
      digest: input.template === 'staff_new_report' && user.notify_mode === 'hourly_digest',
      now: input.now,
    })
  }
}
