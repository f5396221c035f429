// The notification outbox: the row is the source of truth for every message (ADR 013).
// Writes happen in the caller's transaction, together with the change they announce.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { DB, NotificationOutboxTable } from '#db/types'
import { DELIVERY_LEASE_MS } from '~/domain/notifications'
import type { NotificationChannel, NotificationLocale, NotificationTemplate, OptOutChannel } from '~/domain/vocabulary'
import { enqueue } from '~/jobs/queue.server'
import { sha256 } from '~/utils/crypto.server'

type Db = Kysely<DB> | Transaction<DB>
export type OutboxRow = Selectable<NotificationOutboxTable>

export const DELIVER_JOB = 'notification.deliver'

export interface NewNotification {
  reportId: number | null
  channel: NotificationChannel
  recipient: string
  template: NotificationTemplate
  payload: Record<string, unknown>
  locale?: NotificationLocale
  /** The staff recipient; null for a citizen. */
  userId?: number | null
  /** Already sealed (notify/keys.server.ts); wiped once the message is delivered. */
  secret?: string | null
  /** Held for the officer's hourly digest instead of being sent on its own. */
  digest?: boolean
  now: Date
}

/** Inserts the row and enqueues its delivery in the same transaction. */
export async function queueNotification(trx: Db, row: NewNotification): Promise<number> {
  const { id } = await trx
    .insertInto('notification_outbox')
    .values({
      report_id: row.reportId,
      channel: row.channel,
      recipient: row.recipient,
      template: row.template,
      payload: JSON.stringify(row.digest ? { ...row.payload, digest: true } : row.payload),
      locale: row.locale ?? 'id',
      user_id: row.userId ?? null,
      secret_ciphertext: row.secret ?? null,
      created_at: row.now,
      next_attempt_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (!row.digest) await enqueue(trx, DELIVER_JOB, { outboxId: id }, { singletonKey: `outbox-${id}` })
  return id
}

/**
 * Takes a due pending row for one delivery attempt: pending → sending with a lease.
 * Only one worker can win; a second run of the same job finds nothing to do.
 */
export async function claimNotification(db: Db, id: number, now: Date): Promise<OutboxRow | undefined> {
  return db
    .updateTable('notification_outbox')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), lease_until: new Date(now.getTime() + DELIVERY_LEASE_MS) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where(sql<boolean>`payload->>'digest' IS NULL`)
    .returningAll()
    .executeTakeFirst()
}

/** The claimed attempt's own row (same attempt number): a late result never overwrites a newer attempt. */
function attemptOf(db: Db, claimed: OutboxRow) {
  return db.updateTable('notification_outbox').where('id', '=', claimed.id).where('attempts', '=', claimed.attempts)
}

export async function markSent(db: Db, claimed: OutboxRow, now: Date, providerMessageId: string | null) {
  await attemptOf(db, claimed)
    .set({ status: 'sent', sent_at: now, lease_until: null, provider_message_id: providerMessageId, last_error: null, secret_ciphertext: null })
    .execute()
}

export async function markRetry(db: Db, claimed: OutboxRow, nextAttemptAt: Date, error: string) {
  await attemptOf(db, claimed)
    .set({ status: 'pending', next_attempt_at: nextAttemptAt, lease_until: null, last_error: error.slice(0, 1000) })
    .execute()
  // A key of its own: this runs inside the row's current job, which still holds `outbox-<id>`.
  await enqueue(db, DELIVER_JOB, { outboxId: claimed.id }, { startAfter: nextAttemptAt, singletonKey: `outbox-${claimed.id}-attempt-${claimed.attempts + 1}` })
}

/** Given up (an admin may retry): the sealed secret is kept so a retry can still send the link. */
export async function markFailed(db: Db, claimed: OutboxRow, error: string) {
  await attemptOf(db, claimed)
    .set({ status: 'failed', lease_until: null, last_error: error.slice(0, 1000) })
    .execute()
}

export async function markCancelled(db: Db, claimed: OutboxRow, reason: string) {
  await attemptOf(db, claimed).set({ status: 'cancelled', lease_until: null, last_error: reason, secret_ciphertext: null }).execute()
}

/** Pending rows whose time has come (the sweeper's safety net), oldest first. */
export async function dueNotificationIds(db: Db, now: Date, limit = 500): Promise<number[]> {
  const rows = await db
    .selectFrom('notification_outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where(sql<boolean>`payload->>'digest' IS NULL`)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}

/**
 * A row still 'sending' after its lease: the worker died during the send, and whether the
 * message left is unknown. At-most-once: it is never sent again automatically; it is
 * marked failed for an admin to check and retry (ADR 013).
 */
export async function failStaleLeases(db: Db, now: Date): Promise<number> {
  const result = await db
    .updateTable('notification_outbox')
    .set({ status: 'failed', lease_until: null, last_error: 'outcome unknown: the worker stopped during the send; not re-sent automatically' })
    .where('status', '=', 'sending')
    .where('lease_until', '<', now)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Rows of one jurisdiction: through their report, or their staff recipient (digests). */
function inJurisdiction(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('notification_outbox as n')
    .leftJoin('reports as r', 'r.id', 'n.report_id')
    .leftJoin('users as u', 'u.id', 'n.user_id')
    .where((eb) => eb(eb.fn.coalesce('r.jurisdiction_id', 'u.jurisdiction_id'), '=', jurisdictionId))
}

export async function listFailedNotifications(db: Db, jurisdictionId: number, limit = 200) {
  return inJurisdiction(db, jurisdictionId)
    .select(['n.id', 'n.channel', 'n.recipient', 'n.template', 'n.attempts', 'n.last_error', 'n.created_at', 'r.code'])
    .where('n.status', '=', 'failed')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute()
}

/** Which of these outbox ids belong to the jurisdiction (the mail outbox page shows only those). */
export async function outboxIdsInJurisdiction(db: Db, ids: number[], jurisdictionId: number): Promise<Set<number>> {
  if (ids.length === 0) return new Set()
  const rows = await inJurisdiction(db, jurisdictionId).select('n.id').where('n.id', 'in', ids).execute()
  return new Set(rows.map((r) => r.id))
}

/**
 * An admin's retry: failed → pending now, attempts start over. False when the row is not
 * failed, or not in the admin's jurisdiction.
 */
export async function retryNotification(trx: Db, id: number, now: Date, jurisdictionId?: number): Promise<boolean> {
  if (jurisdictionId !== undefined && !(await outboxIdsInJurisdiction(trx, [id], jurisdictionId)).has(id)) return false
  const result = await trx
    .updateTable('notification_outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return false
  await enqueue(trx, DELIVER_JOB, { outboxId: id }, { singletonKey: `outbox-${id}` })
  return true
}

const optOutHash = (recipient: string) => sha256(recipient.trim().toLowerCase())

export async function optOut(db: Db, channel: OptOutChannel, recipient: string, now: Date) {
  await db
    .insertInto('notification_opt_outs')
    .values({ channel, recipient_hash: optOutHash(recipient), created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute()
}

/** A staff member turned this channel off (or left) after the row was written (migration 0011). */
export async function isStaffChannelOff(db: Db, userId: number, channel: NotificationChannel): Promise<boolean> {
  const user = await db.selectFrom('users').select(['active', 'notify_email', 'notify_whatsapp']).where('id', '=', userId).executeTakeFirst()
  if (!user?.active) return true
  return (channel === 'email' && !user.notify_email) || (channel === 'whatsapp' && !user.notify_whatsapp)
}

export async function isOptedOut(db: Db, channel: OptOutChannel, recipient: string): Promise<boolean> {
  const row = await db
    .selectFrom('notification_opt_outs')
    .select('channel')
    .where('channel', '=', channel)
    .where('recipient_hash', '=', optOutHash(recipient))
    .executeTakeFirst()
  return row !== undefined
}
