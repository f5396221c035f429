// One delivery attempt of one outbox row (ADR 013):
//   1. claim it: pending → sending, with a lease (its own commit);
//   2. render and send through its channel;
//   3. record the outcome on that same attempt: sent (+ provider id, sealed secret wiped),
//      pending again after a backoff with jitter, or failed with the error kept.
// At-most-once: a row is sent only by the attempt that claimed it. If the process dies
// between 2 and 3 the row stays 'sending' until its lease runs out and is then marked
// failed (outcome unknown) instead of being sent again; the Message-ID / idempotency key
// is stable per row, so even an admin's retry is recognisable downstream.
import type { Kysely } from 'kysely'
import type { DB } from '#db/types'
import { mayRetry, retryDelayMs } from '~/domain/notifications'
import type { NotificationChannel, OptOutChannel } from '~/domain/vocabulary'
import { claimNotification, isOptedOut, isStaffChannelOff, markCancelled, markFailed, markRetry, markSent, type OutboxRow } from '~/models/notification.server'
import { DeliveryError, type Channels } from './channel'
import { openOutboxSecret, unsubscribeToken } from './keys.server'
import { isKnownTemplate, renderMessage, type MessageLinks } from './templates'
import { logger } from '~/utils/logger.server'

export interface DeliveryDeps {
  channels: Channels
  now: () => Date
  /** Origin for links in messages, e.g. https://lapor.malangkota.go.id */
  baseUrl: string
  /** Domain part of Message-IDs. */
  messageDomain?: string
  random?: () => number
}

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'cancelled' | 'skipped'

const OPT_OUT_CHANNEL: Partial<Record<NotificationChannel, OptOutChannel>> = { email: 'email', whatsapp: 'phone', sms: 'phone' }

export async function deliverNotification(db: Kysely<DB>, outboxId: number, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const claimed = await claimNotification(db, outboxId, deps.now())
  if (!claimed) return 'skipped'

  const citizen = claimed.user_id === null
  const optOutChannel = OPT_OUT_CHANNEL[claimed.channel]
  if (citizen && optOutChannel && (await isOptedOut(db, optOutChannel, claimed.recipient))) {
    await markCancelled(db, claimed, 'the recipient unsubscribed')
    return 'cancelled'
  }
  // Staff choose their channels (ADR 018); the choice holds for messages already waiting.
  if (!citizen && claimed.user_id !== null && (await isStaffChannelOff(db, claimed.user_id, claimed.channel))) {
    await markCancelled(db, claimed, 'the staff member turned this channel off')
    return 'cancelled'
  }
  const channel = deps.channels[claimed.channel]
  if (!channel) {
    await markFailed(db, claimed, `channel ${claimed.channel} is not configured`)
    return 'failed'
  }
  if (!isKnownTemplate(claimed.template)) {
    await markFailed(db, claimed, `unknown template ${claimed.template}`)
    return 'failed'
  }

  const message = renderMessage(claimed.template, claimed.locale, claimed.payload, linksFor(claimed, deps.baseUrl))
  let providerMessageId: string | null
  try {
    ;({ providerMessageId } = await channel.send({
      outboxId: claimed.id,
      to: claimed.recipient,
      messageId: `<melayani-outbox-${claimed.id}@${deps.messageDomain ?? 'melayani.local'}>`,
      message,
    }))
  } catch (error) {
    const failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), false)
    if (!failure.permanent && mayRetry(claimed.attempts)) {
      const next = new Date(deps.now().getTime() + retryDelayMs(claimed.attempts, deps.random))
      await db.transaction().execute((trx) => markRetry(trx, claimed, next, failure.message))
      return 'retry'
    }
    await markFailed(db, claimed, failure.message)
    return 'failed'
  }
  await markSent(db, claimed, deps.now(), providerMessageId)
  return 'sent'
}

function linksFor(row: OutboxRow, baseUrl: string): MessageLinks {
  const code = encodeURIComponent(String(row.payload.code ?? ''))
  const token = row.secret_ciphertext ? openOutboxSecret(row.secret_ciphertext) : null
  // Sealed with another SESSION_SECRET (rotated, or processes that do not share one): the
  // message still goes out, with the plain report link — say so, since the reporter loses their link.
  if (row.secret_ciphertext && !token) logger().warn({ outbox_id: row.id }, 'private link could not be unsealed (SESSION_SECRET differs); sent without it')
  // A staff account message carries a set-password link instead of a report's private link.
  const staffAccount = row.template === 'staff_invite' || row.template === 'staff_password_reset'
  return {
    report: `${baseUrl}/laporan/${code}`,
    staff: `${baseUrl}/petugas/laporan/${code}`,
    privateLink: token && !staffAccount ? `${baseUrl}/laporan/${code}?t=${encodeURIComponent(token)}` : null,
    setPassword: token && staffAccount ? `${baseUrl}/akun/sandi?t=${encodeURIComponent(token)}` : null,
    unsubscribe: row.user_id === null && row.channel === 'email' ? `${baseUrl}/berhenti?t=${unsubscribeToken('email', row.recipient)}` : null,
  }
}

/** The domain of MAIL_FROM ("Melayani <no-reply@kota.go.id>" → "kota.go.id"). */
export function mailDomain(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'melayani.local'
}
