// Bundles the held 'staff_new_report' rows of digest officers into one message each.
import { sql, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { queueNotification } from './notification.server'

export async function queueDigests(trx: Transaction<DB>, now: Date): Promise<number> {
  const held = await trx
    .selectFrom('notification_outbox as n')
    .leftJoin('reports as r', 'r.id', 'n.report_id')
    .select(['n.id', 'n.user_id', 'n.recipient', 'n.channel', 'r.code'])
    .where('n.status', '=', 'pending')
    .where(sql<boolean>`n.payload->>'digest' IS NOT NULL`)
    .orderBy('n.id')
    .forUpdate('n')
    .skipLocked()
    .execute()
  const byUser = new Map<string, typeof held>()
  for (const row of held) {
    const key = `${row.user_id}\n${row.channel}\n${row.recipient}`
    byUser.set(key, [...(byUser.get(key) ?? []), row])
  }
  for (const rows of byUser.values()) {
    const first = rows[0]!
    const digestId = await queueNotification(trx, {
      reportId: null,
      // The channel the held rows were for (the officer's choice: email and/or WhatsApp).
      channel: first.channel,
      recipient: first.recipient,
      template: 'staff_digest',
      payload: { codes: rows.map((r) => r.code).filter(Boolean) },
      userId: first.user_id,
      now,
    })
    await trx
      .updateTable('notification_outbox')
      .set({ status: 'sent', sent_at: now, provider_message_id: `digest:${digestId}` })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute()
  }
  return byUser.size
}
