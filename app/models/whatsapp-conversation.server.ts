// WhatsApp filing conversations and handled message ids (migration 0017). The phone is
// the citizen's contact: read here and in the service, never shown on a page.
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB, WhatsappConversationsTable } from '#db/types'
import type { Conversation } from '~/domain/whatsapp-conversation'

type Db = Kysely<DB> | Transaction<DB>

function toConversation(row: Selectable<WhatsappConversationsTable>): Conversation {
  return {
    step: row.step,
    locale: row.locale,
    categoryId: row.category_id,
    description: row.description,
    areaId: row.area_id,
    lat: row.lat,
    lng: row.lng,
    photo: row.photo ?? null,
    privacy: row.privacy,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
  }
}

/** The conversation of this phone; `forUpdate` inside the transaction that will change it. */
export async function getConversation(db: Db, phone: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('whatsapp_conversations').selectAll().where('phone', '=', phone)
  if (options.forUpdate) query = query.forUpdate()
  const row = await query.executeTakeFirst()
  return row ? { jurisdictionId: row.jurisdiction_id, conversation: toConversation(row) } : null
}

export async function saveConversation(db: Db, phone: string, jurisdictionId: number, c: Conversation) {
  const values = {
    jurisdiction_id: jurisdictionId,
    step: c.step,
    locale: c.locale,
    category_id: c.categoryId,
    description: c.description,
    area_id: c.areaId,
    lat: c.lat,
    lng: c.lng,
    photo: c.photo ? JSON.stringify(c.photo) : null,
    privacy: c.privacy,
    started_at: c.startedAt,
    updated_at: c.updatedAt,
  }
  await db
    .insertInto('whatsapp_conversations')
    .values({ phone, ...values })
    .onConflict((oc) => oc.column('phone').doUpdateSet(values))
    .execute()
}

export async function deleteConversation(db: Db, phone: string) {
  await db.deleteFrom('whatsapp_conversations').where('phone', '=', phone).execute()
}

/** Records a message id; false when it was handled before (a webhook redelivery). */
export async function claimInboundMessage(db: Db, messageId: string, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('whatsapp_inbound')
    .values({ message_id: messageId, received_at: now })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returning('message_id')
    .executeTakeFirst()
  return row !== undefined
}

export async function wasInboundHandled(db: Db, messageId: string): Promise<boolean> {
  return (await db.selectFrom('whatsapp_inbound').select('message_id').where('message_id', '=', messageId).executeTakeFirst()) !== undefined
}

/**
 * Housekeeping (the hourly clean-up job): conversations idle for longer than `idleBefore`
 * and message ids older than a week (Meta redelivers for at most a few days). Returns the
 * photo keys of deleted conversations, for their files to be removed after the commit.
 */
export async function forgetStaleConversations(db: Db, idleBefore: Date, inboundBefore: Date): Promise<string[]> {
  const gone = await db.deleteFrom('whatsapp_conversations').where('updated_at', '<', idleBefore).returning('photo').execute()
  await db.deleteFrom('whatsapp_inbound').where('received_at', '<', inboundBefore).execute()
  return gone.flatMap((row) => (row.photo ? [row.photo.storageKey] : []))
}
