import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB, RoleValue } from '#db/types'

type Db = Kysely<DB> | Transaction<DB>

export const MAX_FAILED_LOGINS = 5
export const LOCK_MINUTES = 15

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'password_hash', 'active', 'locked_until', 'failed_login_count'])
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst()
}

/** Counts a failed login; the fifth in a row locks the account for a while. */
export async function recordFailedLogin(db: Db, userId: number, now: Date) {
  await db
    .updateTable('users')
    .set((eb) => ({
      failed_login_count: eb('failed_login_count', '+', 1),
      locked_until: sql<Date | null>`CASE WHEN failed_login_count + 1 >= ${MAX_FAILED_LOGINS}
        THEN ${now}::timestamptz + make_interval(mins => ${LOCK_MINUTES}) ELSE locked_until END`,
    }))
    .where('id', '=', userId)
    .execute()
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
