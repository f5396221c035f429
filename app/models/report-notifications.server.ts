// Outbox rows for a report's reporter and for the staff of its unit, written in the
// caller's transaction. The reporter's contact is read here and only here; it goes into
// the outbox row's recipient, never to a page.
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import { reachesFollowers } from '~/domain/notifications'
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
  if (contact?.email || contact?.phone) {
    const locale = input.locale ?? (await reporterLocale(trx, input.reportId))
    const common = { reportId: input.reportId, template: input.template, payload: input.payload, locale, secret: input.secret ?? null, now: input.now }
    if (contact.email) await queueNotification(trx, { ...common, channel: 'email', recipient: contact.email })
    if (contact.phone && isWhatsAppEnabled()) await queueNotification(trx, { ...common, channel: 'whatsapp', recipient: contact.phone })
  }
  if (reachesFollowers(input.template)) await notifyFollowers(trx, input, new Set([contact?.email, contact?.phone].filter((c) => !!c)))
}

/** The report's active subscriptions (supporters, merged duplicates' reporters), each address once, never with a secret. */
async function notifyFollowers(
  trx: Db,
  input: { reportId: number; template: NotificationTemplate; payload: Record<string, unknown>; now: Date },
  skip: Set<unknown>,
) {
  const subscriptions = await trx
    .selectFrom('report_subscriptions')
    .select(['channel', 'recipient', 'locale'])
    .where('report_id', '=', input.reportId)
    .where('unsubscribed_at', 'is', null)
    .orderBy('id')
    .execute()
  for (const s of subscriptions) {
    if (skip.has(s.recipient) || (s.channel === 'whatsapp' && !isWhatsAppEnabled())) continue
    skip.add(s.recipient)
    await queueNotification(trx, { ...input, locale: s.locale, channel: s.channel, recipient: s.recipient })
  }
}

/** Officers and supervisors of the unit; new reports wait for the digest of those who chose it. */
export async function notifyUnitStaff(
  trx: Db,
  input: { unitId: number; reportId: number; template: NotificationTemplate; payload: Record<string, unknown>; now: Date },
) {
  const staff = await staffRecipients(trx).where('unit_id', '=', input.unitId).where('role', 'in', ['officer', 'supervisor']).execute()
  for (const user of staff) {
    await queueStaffMessage(trx, user, { ...input, digest: input.template === 'staff_new_report' && user.notify_mode === 'hourly_digest' })
  }
}

/** One staff member (e.g. the officer a report was assigned to), on the channels they chose. */
export async function notifyStaffUser(
  trx: Db,
  input: { userId: number; reportId: number; template: NotificationTemplate; payload: Record<string, unknown>; now: Date },
) {
  const user = await staffRecipients(trx).where('id', '=', input.userId).executeTakeFirst()
  if (user) await queueStaffMessage(trx, user, { ...input, digest: false })
}

function staffRecipients(trx: Db) {
  return trx.selectFrom('users').select(['id', 'email', 'notify_mode', 'notify_email', 'notify_whatsapp', 'whatsapp_phone']).where('active', '=', true)
}

/** Email unless the user turned it off; WhatsApp when they turned it on, gave a number, and the channel is configured. */
async function queueStaffMessage(
  trx: Db,
  user: { id: number; email: string; notify_email: boolean; notify_whatsapp: boolean; whatsapp_phone: string | null },
  input: { reportId: number; template: NotificationTemplate; payload: Record<string, unknown>; now: Date; digest: boolean },
) {
  const common = { reportId: input.reportId, template: input.template, payload: input.payload, userId: user.id, digest: input.digest, now: input.now }
  if (user.notify_email) await queueNotification(trx, { ...common, channel: 'email', recipient: user.email })
  if (user.notify_whatsapp && user.whatsapp_phone && isWhatsAppEnabled()) {
    await queueNotification(trx, { ...common, channel: 'whatsapp', recipient: user.whatsapp_phone })
  }
}
