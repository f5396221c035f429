import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import type { StaffUser } from './user.server'

type Db = Kysely<DB> | Transaction<DB>

export async function insertSession(db: Db, values: { id: string; userId: number; expiresAt: Date }) {
  await db.insertInto('sessions').values({ id: values.id, user_id: values.userId, expires_at: values.expiresAt }).execute()
}

/** The signed-in staff user of a live session (not revoked, not expired, account active). */
export async function findSessionUser(db: Db, sessionId: string, now: Date): Promise<StaffUser | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.name', 'u.email', 'u.role', 'u.unit_id', 'un.name as unit_name', 'u.jurisdiction_id'])
    .where('s.id', '=', sessionId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true)
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    unitId: row.unit_id,
    unitName: row.unit_name,
    jurisdictionId: row.jurisdiction_id,
  }
}

export async function revokeSession(db: Db, sessionId: string, now: Date) {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute()
}

/** Revokes every live session of the user, but the one kept (if any). */
export async function revokeUserSessions(db: Db, userId: number, now: Date, keepSessionId: string | null = null) {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null)
  if (keepSessionId) q = q.where('id', '<>', keepSessionId)
  await q.execute()
}

/** Housekeeping: sessions that expired (or were revoked) a day ago are no use to anyone. */
export async function deleteExpiredSessions(db: Db, now: Date) {
  const before = new Date(now.getTime() - 24 * 3600_000)
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
