// A lost private link (issue 8 §3): when the tracking code and the email or phone the
// reporter gave both match, a NEW private-link token replaces the old one (the old link
// stops working) and the link goes out through the outbox, in one transaction. The
// caller answers the same either way, so this returns nothing a page could show.
import type { Kysely } from 'kysely'
import type { DB } from '#db/types'
import type { NotificationLocale } from '~/domain/vocabulary'
import { queueNotification } from '~/models/notification.server'
import { isWhatsAppEnabled } from '~/notify/config.server'
import { sealOutboxSecret } from '~/notify/keys.server'
import { randomToken, sha256 } from '~/utils/crypto.server'

/** What the reporter typed: an email, or a phone already in E.164 (domain/phone.ts). */
export type ReporterContact = { email: string } | { phone: string }

export interface ResendInput {
  code: string
  contact: ReporterContact
  locale: NotificationLocale
  now: Date
}

/** True when a new link was queued; for tests and logs only, never for the answer. */
export async function resendPrivateLink(db: Kysely<DB>, input: ResendInput): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('reports as r')
      .innerJoin('report_contacts as c', 'c.report_id', 'r.id')
      .select(['r.id', 'c.email', 'c.phone'])
      .where('r.code', '=', input.code)
    // Emails compare case-insensitively; phones were stored in E.164 and are given in E.164.
    const contact = input.contact
    query =
      'email' in contact ? query.where((eb) => eb(eb.fn('lower', ['c.email']), '=', contact.email.toLowerCase())) : query.where('c.phone', '=', contact.phone)
    const match = await query.forUpdate('r').executeTakeFirst()
    if (!match) return false
    // A phone is reached only by WhatsApp; without that channel nothing is sent, so the old link is kept.
    const channel = 'email' in contact ? ('email' as const) : isWhatsAppEnabled() ? ('whatsapp' as const) : null
    if (!channel) return false
    const recipient = channel === 'email' ? match.email! : match.phone!
    const token = randomToken(16)
    await trx
      .updateTable('reports')
      .set({ reporter_token_hash: sha256(token) })
      .where('id', '=', match.id)
      .execute()
    await queueNotification(trx, {
      reportId: match.id,
      channel,
      recipient,
      template: 'private_link_resent',
      payload: { code: input.code },
      locale: input.locale,
      secret: sealOutboxSecret(token),
      now: input.now,
    })
    return true
  })
}
