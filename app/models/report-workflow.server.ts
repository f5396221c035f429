// Rows the officer workflow writes beside the report itself (ADR 018): the original's
// side of a duplicate, and what the conflict message shows.
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import { sha256 } from '~/utils/crypto.server'

type Db = Kysely<DB> | Transaction<DB>

/** One person counts once per report: a merged duplicate's reporter is keyed by the duplicate. */
export const duplicateSupporterKey = (duplicateId: number) => sha256(`report:${duplicateId}`)

/**
 * The original's side of a duplicate: a 'duplicate_linked' event, the duplicate's reporter
 * as a supporter (counted once), and their contact as a follower of the original's news.
 */
export async function linkDuplicate(trx: Transaction<DB>, input: { duplicateId: number; originalId: number; actorUserId: number | null; now: Date }) {
  const duplicate = await trx.selectFrom('reports').select('code').where('id', '=', input.duplicateId).executeTakeFirstOrThrow()
  await trx
    .insertInto('report_events')
    .values({
      report_id: input.originalId,
      created_at: input.now,
      actor_kind: 'staff',
      actor_user_id: input.actorUserId,
      type: 'duplicate_linked',
      body: duplicate.code,
      visibility: 'public',
    })
    .execute()
  const supporter = await trx
    .insertInto('report_supporters')
    .values({
      report_id: input.originalId,
      origin: 'duplicate',
      supporter_key: duplicateSupporterKey(input.duplicateId),
      duplicate_report_id: input.duplicateId,
      created_at: input.now,
    })
    .onConflict((oc) => oc.columns(['report_id', 'supporter_key']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (supporter) {
    await trx
      .updateTable('reports')
      .set((eb) => ({ supporter_count: eb('supporter_count', '+', 1) }))
      .where('id', '=', input.originalId)
      .execute()
  }
  const contact = await trx.selectFrom('report_contacts').select(['email', 'phone']).where('report_id', '=', input.duplicateId).executeTakeFirst()
  const locale = await reporterLocale(trx, input.duplicateId)
  const follows = [
    contact?.email ? { channel: 'email' as const, recipient: contact.email } : null,
    contact?.phone ? { channel: 'whatsapp' as const, recipient: contact.phone } : null,
  ].filter((f) => f !== null)
  for (const f of follows) {
    await trx
      .insertInto('report_subscriptions')
      .values({ report_id: input.originalId, ...f, locale, origin: 'duplicate', created_at: input.now })
      .onConflict((oc) => oc.columns(['report_id', 'channel', 'recipient']).doNothing())
      .execute()
  }
}

/** The language of the reporter's first message, else Bahasa Indonesia. */
async function reporterLocale(db: Db, reportId: number) {
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

/** The last staff change to a report: what a conflict message shows ("who changed it, what, when"). */
export function getLatestChange(db: Db, reportId: number) {
  return db
    .selectFrom('report_events as e')
    .leftJoin('users as a', 'a.id', 'e.actor_user_id')
    .select(['e.type', 'e.created_at', 'e.to_status', 'e.body', 'e.visibility', 'a.name as actor_name'])
    .where('e.report_id', '=', reportId)
    .orderBy('e.id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** The rejection proposal a supervisor still has to decide on, if any. */
export function getPendingRejectProposal(db: Db, reportId: number) {
  return db
    .selectFrom('reports as r')
    .innerJoin('report_events as e', 'e.id', 'r.reject_proposal_event_id')
    .leftJoin('users as a', 'a.id', 'e.actor_user_id')
    .select(['e.reject_reason', 'e.body', 'e.created_at', 'a.name as actor_name'])
    .where('r.id', '=', reportId)
    .executeTakeFirst()
}

/** The code of the report this one duplicates; on public pages only when the original is public itself. */
export async function getDuplicateOfCode(db: Db, duplicateOfId: number | null, options: { publicPage?: boolean } = {}) {
  if (duplicateOfId === null) return null
  const row = await db
    .selectFrom('reports')
    .select('code')
    .where('id', '=', duplicateOfId)
    .$if(options.publicPage === true, (q) => q.where('privacy', '<>', 'confidential'))
    .executeTakeFirst()
  return row?.code ?? null
}
