import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB, RoleValue } from '#db/types'
import type { StaffNotifyMode } from '~/domain/vocabulary'

type Db = Kysely<DB> | Transaction<DB>

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'password_hash', 'active', 'jurisdiction_id'])
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst()
}

export async function recordSuccessfulLogin(db: Db, userId: number, now: Date) {
  await db.updateTable('users').set({ failed_login_count: 0, locked_until: null, last_login_at: now }).where('id', '=', userId).execute()
}

export interface StaffUser {
  id: number
  name: string
  email: string
  role: RoleValue
  unitId: number | null
  unitName: string | null
  jurisdictionId: number
}

/** The officer's own choice: new-report messages at once, or in an hourly digest. */
export async function getNotifyMode(db: Db, userId: number): Promise<StaffNotifyMode> {
  const row = await db.selectFrom('users').select('notify_mode').where('id', '=', userId).executeTakeFirstOrThrow()
  return row.notify_mode
}

export async function setNotifyMode(db: Db, userId: number, mode: StaffNotifyMode) {
  await db.updateTable('users').set({ notify_mode: mode }).where('id', '=', userId).execute()
}

/** The channels a staff member hears on (migration 0011). */
export function getNotifyChannels(db: Db, userId: number) {
  return db.selectFrom('users').select(['notify_email', 'notify_whatsapp', 'whatsapp_phone']).where('id', '=', userId).executeTakeFirstOrThrow()
}

export async function setNotifyChannels(db: Db, userId: number, channels: { email: boolean; whatsapp: boolean; phone: string | null }) {
  await db
    .updateTable('users')
    .set({ notify_email: channels.email, notify_whatsapp: channels.whatsapp, whatsapp_phone: channels.phone })
    .where('id', '=', userId)
    .execute()
}

export async function getPasswordHash(db: Db, userId: number): Promise<string> {
  return (await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string) {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
}
