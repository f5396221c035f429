// Staff accounts as admins manage them (issue 7 §2). Every query names the admin's
// jurisdiction in its where: an admin can't read or change another city's staff.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import type { StaffRole, StaffTokenPurpose } from '~/domain/vocabulary'
import { sha256 } from '~/utils/crypto.server'

type Db = Kysely<DB> | Transaction<DB>

export interface StaffFilters {
  role?: StaffRole
  unitId?: number
}

export function listStaff(db: Db, jurisdictionId: number, filters: StaffFilters) {
  let q = db
    .selectFrom('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.name', 'u.email', 'u.role', 'u.unit_id', 'un.name as unit_name', 'u.active', 'u.last_login_at', 'u.locked_until'])
    .where('u.jurisdiction_id', '=', jurisdictionId)
  if (filters.role) q = q.where('u.role', '=', filters.role)
  if (filters.unitId) q = q.where('u.unit_id', '=', filters.unitId)
  return q.orderBy('u.active', 'desc').orderBy('u.name').limit(1000).execute()
}

const MEMBER_COLUMNS = ['u.id', 'u.name', 'u.email', 'u.role', 'u.unit_id', 'u.active', 'u.last_login_at', 'u.locked_until', 'u.jurisdiction_id'] as const

export function getStaffMember(db: Db, jurisdictionId: number, userId: number) {
  return db
    .selectFrom('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .select([...MEMBER_COLUMNS, 'un.name as unit_name'])
    .where('u.jurisdiction_id', '=', jurisdictionId)
    .where('u.id', '=', userId)
    .executeTakeFirst()
}

/** The member's row, locked until the transaction ends (changes to one account are serialised). */
export function lockStaffMember(trx: Transaction<DB>, jurisdictionId: number, userId: number) {
  return trx
    .selectFrom('users as u')
    .select(MEMBER_COLUMNS)
    .where('u.jurisdiction_id', '=', jurisdictionId)
    .where('u.id', '=', userId)
    .forUpdate()
    .executeTakeFirst()
}

/**
 * The active admins of the jurisdiction, their rows locked: two admins demoting each
 * other at once are serialised here, so the second sees the first's change and the
 * jurisdiction never ends up without an admin.
 */
export async function lockActiveAdminIds(trx: Transaction<DB>, jurisdictionId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .orderBy('id')
    .forUpdate()
    .execute()
  return rows.map((r) => r.id)
}

export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst()
  return row !== undefined
}

export async function insertStaffUser(
  db: Db,
  values: { jurisdictionId: number; name: string; email: string; role: StaffRole; unitId: number | null; passwordHash: string; now: Date },
) {
  const row = await db
    .insertInto('users')
    .values({
      jurisdiction_id: values.jurisdictionId,
      name: values.name,
      email: values.email,
      role: values.role,
      unit_id: values.unitId,
      password_hash: values.passwordHash,
      created_at: values.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateStaffUser(db: Db, userId: number, values: { role?: StaffRole; unitId?: number | null; active?: boolean }) {
  await db
    .updateTable('users')
    .set({
      ...(values.role !== undefined ? { role: values.role } : {}),
      ...(values.unitId !== undefined ? { unit_id: values.unitId } : {}),
      ...(values.active !== undefined ? { active: values.active } : {}),
    })
    .where('id', '=', userId)
    .execute()
}

/** An active unit of the jurisdiction, or undefined. */
export function findJurisdictionUnit(db: Db, jurisdictionId: number, unitId: number) {
  return db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', unitId)
    .where('active', '=', true)
    .executeTakeFirst()
}

// ---- One-time set-password links ----

export const hashStaffToken = (raw: string) => sha256(`staff-link\0${raw}`)

/** Voids every unused link of the user (a new link, a deactivation). */
export async function revokeStaffTokens(db: Db, userId: number, now: Date) {
  await db
    .updateTable('staff_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute()
}

export async function insertStaffToken(
  db: Db,
  values: { userId: number; purpose: StaffTokenPurpose; raw: string; createdByUserId: number | null; now: Date; expiresAt: Date },
) {
  await db
    .insertInto('staff_tokens')
    .values({
      user_id: values.userId,
      purpose: values.purpose,
      token_hash: hashStaffToken(values.raw),
      created_by_user_id: values.createdByUserId,
      created_at: values.now,
      expires_at: values.expiresAt,
    })
    .execute()
}

/** The link and its account; `lock` takes the link's row for the transaction (single use under races). */
export function findStaffToken(db: Db, raw: string, lock = false) {
  const q = db
    .selectFrom('staff_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.purpose',
      't.expires_at',
      't.used_at',
      't.revoked_at',
      'u.id as user_id',
      'u.active',
      'u.role',
      'u.name',
      'u.email',
      'u.jurisdiction_id',
    ])
    .where('t.token_hash', '=', hashStaffToken(raw))
  return lock ? q.forUpdate('t').executeTakeFirst() : q.executeTakeFirst()
}

export async function markStaffTokenUsed(db: Db, tokenId: number, now: Date) {
  await db.updateTable('staff_tokens').set({ used_at: now }).where('id', '=', tokenId).execute()
}

// ---- Lock-out ----

/** The throttle's per-account handle: the e-mail as typed, lower-cased, hashed (never stored in clear). */
export const throttleAccountHash = (email: string) => sha256(`login-account\0${email.trim().toLowerCase()}`)

/** An admin's unlock: the account's throttle rows (from every address) go, and its lock with them. */
export async function unlockAccount(db: Db, userId: number, email: string) {
  const result = await db.deleteFrom('login_throttle').where('account_hash', '=', throttleAccountHash(email)).executeTakeFirst()
  await db.updateTable('users').set({ locked_until: null, failed_login_count: 0 }).where('id', '=', userId).execute()
  return Number(result.numDeletedRows)
}

/** Marks the account locked until the throttle lets it try again (shown on /admin/staf). */
export async function noteAccountLocked(db: Db, userId: number, until: Date) {
  await db
    .updateTable('users')
    .set({ locked_until: sql<Date>`greatest(locked_until, ${until}::timestamptz)` })
    .where('id', '=', userId)
    .execute()
}
