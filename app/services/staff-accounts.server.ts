// Admins managing staff accounts (issue 7 §2, ADR 017). Each change is one transaction
// with its audit row and, for links, its outbox row: nothing is half-written.
import { hash } from '@node-rs/argon2'
import type { Kysely, Transaction } from 'kysely'
import { ARGON2_OPTIONS } from '#db/seed'
import type { DB } from '#db/types'
import { linkExpiry, linkState, roleNeedsUnit, type LinkState } from '~/domain/staff-accounts'
import type { NotificationLocale, StaffRole } from '~/domain/vocabulary'
import { recordAudit } from '~/models/audit.server'
import { queueNotification } from '~/models/notification.server'
import { getJurisdictionById } from '~/models/reference.server'
import { revokeUserSessions } from '~/models/session.server'
import {
  emailTaken,
  findJurisdictionUnit,
  findStaffToken,
  insertStaffToken,
  insertStaffUser,
  lockActiveAdminIds,
  lockStaffMember,
  markStaffTokenUsed,
  revokeStaffTokens,
  unlockAccount,
  updateStaffUser,
} from '~/models/staff-account.server'
import { setPasswordHash } from '~/models/user.server'
import { sealOutboxSecret } from '~/notify/keys.server'
import { randomToken } from '~/utils/crypto.server'

/** The admin acting, and where from. */
export interface Actor {
  id: number
  jurisdictionId: number
  ip?: string | null
  now: Date
}

export type StaffChangeError = 'not_found' | 'email_taken' | 'unit_required' | 'unknown_unit' | 'last_admin' | 'self' | 'inactive'
export type StaffChangeResult = { ok: true; userId: number } | { ok: false; error: StaffChangeError }

const fail = (error: StaffChangeError) => ({ ok: false, error }) as const

/** The unit a role gets: required for queue roles, else optional; always one of the admin's jurisdiction. */
async function checkUnit(trx: Transaction<DB>, jurisdictionId: number, role: StaffRole, unitId: number | null): Promise<StaffChangeError | null> {
  if (unitId === null) return roleNeedsUnit(role) ? 'unit_required' : null
  return (await findJurisdictionUnit(trx, jurisdictionId, unitId)) ? null : 'unknown_unit'
}

function audited(actor: Actor) {
  return { jurisdictionId: actor.jurisdictionId, actorUserId: actor.id, entity: 'user' as const, ip: actor.ip ?? null, now: actor.now }
}

/** A new link: earlier unused links of the user are void; the raw token leaves only sealed, in the outbox row. */
async function sendLink(
  trx: Transaction<DB>,
  actor: Actor,
  user: { id: number; name: string; email: string },
  purpose: 'invite' | 'reset',
  locale: NotificationLocale,
) {
  const raw = randomToken(32)
  await revokeStaffTokens(trx, user.id, actor.now)
  await insertStaffToken(trx, { userId: user.id, purpose, raw, createdByUserId: actor.id, now: actor.now, expiresAt: linkExpiry(actor.now) })
  const jurisdiction = await getJurisdictionById(trx, actor.jurisdictionId)
  await queueNotification(trx, {
    reportId: null,
    channel: 'email',
    recipient: user.email,
    template: purpose === 'invite' ? 'staff_invite' : 'staff_password_reset',
    payload: { name: user.name, jurisdictionName: jurisdiction?.name ?? '' },
    locale,
    userId: user.id,
    secret: sealOutboxSecret(raw),
    now: actor.now,
  })
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505'

export async function inviteStaff(
  db: Kysely<DB>,
  actor: Actor,
  input: { name: string; email: string; role: StaffRole; unitId: number | null; locale: NotificationLocale },
): Promise<StaffChangeResult> {
  // The account gets the hash of a secret nobody knows: it can't sign in until the link is used.
  const passwordHash = await hash(randomToken(32), ARGON2_OPTIONS)
  try {
    return await db.transaction().execute(async (trx) => {
      if (await emailTaken(trx, input.email)) return fail('email_taken')
      const unitError = await checkUnit(trx, actor.jurisdictionId, input.role, input.unitId)
      if (unitError) return fail(unitError)
      const userId = await insertStaffUser(trx, { jurisdictionId: actor.jurisdictionId, ...input, passwordHash, now: actor.now })
      const after = { name: input.name, email: input.email, role: input.role, unit_id: input.unitId, active: true }
      await recordAudit(trx, { ...audited(actor), kind: 'created', entityId: userId, subject: input.email, after })
      await sendLink(trx, actor, { id: userId, name: input.name, email: input.email }, 'invite', input.locale)
      await recordAudit(trx, { ...audited(actor), kind: 'invite_sent', entityId: userId, subject: input.email })
      return { ok: true, userId } as const
    })
  } catch (error) {
    // Two invitations of one address at once: the unique index decides, the loser is told.
    if (isUniqueViolation(error)) return fail('email_taken')
    throw error
  }
}

/**
 * Would this change leave the jurisdiction without an active admin, or lock the admin
 * out? Called with the admins' rows locked (lockActiveAdminIds), so it holds under races.
 */
function guardAdmins(actor: Actor, member: { id: number; role: StaffRole; active: boolean }, admins: number[], next: { role: StaffRole; active: boolean }) {
  const losesAdmin = member.role === 'admin' && member.active && (next.role !== 'admin' || !next.active)
  if (!losesAdmin) return null
  if (member.id === actor.id) return 'self' as const
  return admins.some((id) => id !== member.id) ? null : ('last_admin' as const)
}

export async function setStaffRole(
  db: Kysely<DB>,
  actor: Actor,
  userId: number,
  input: { role: StaffRole; unitId: number | null },
): Promise<StaffChangeResult> {
  return db.transaction().execute(async (trx) => {
    // Admins first, then the member, always in that order: concurrent changes can't deadlock.
    const admins = await lockActiveAdminIds(trx, actor.jurisdictionId)
    const member = await lockStaffMember(trx, actor.jurisdictionId, userId)
    if (!member) return fail('not_found')
    const unitError = await checkUnit(trx, actor.jurisdictionId, input.role, input.unitId)
    if (unitError) return fail(unitError)
    const guard = guardAdmins(actor, member, admins, { role: input.role, active: member.active })
    if (guard) return fail(guard)
    if (member.role === input.role && member.unit_id === input.unitId) return { ok: true, userId } as const
    await updateStaffUser(trx, userId, { role: input.role, unitId: input.unitId })
    await recordAudit(trx, {
      ...audited(actor),
      kind: 'updated',
      entityId: userId,
      subject: member.email,
      before: { role: member.role, unit_id: member.unit_id },
      after: { role: input.role, unit_id: input.unitId },
    })
    return { ok: true, userId } as const
  })
}

/** Deactivation ends every session and voids unused links at once; reactivation needs a new link or the old password. */
export async function setStaffActive(db: Kysely<DB>, actor: Actor, userId: number, active: boolean): Promise<StaffChangeResult> {
  return db.transaction().execute(async (trx) => {
    const admins = await lockActiveAdminIds(trx, actor.jurisdictionId)
    const member = await lockStaffMember(trx, actor.jurisdictionId, userId)
    if (!member) return fail('not_found')
    const guard = guardAdmins(actor, member, admins, { role: member.role, active })
    if (guard) return fail(guard)
    if (member.active === active) return { ok: true, userId } as const
    await updateStaffUser(trx, userId, { active })
    await recordAudit(trx, {
      ...audited(actor),
      kind: 'updated',
      entityId: userId,
      subject: member.email,
      before: { active: member.active },
      after: { active },
    })
    if (!active) {
      await revokeUserSessions(trx, userId, actor.now)
      await revokeStaffTokens(trx, userId, actor.now)
      await recordAudit(trx, { ...audited(actor), kind: 'sessions_revoked', entityId: userId, subject: member.email, after: { reason: 'deactivated' } })
    }
    return { ok: true, userId } as const
  })
}

/** A new one-time link by e-mail; the current password keeps working until the link is used. */
export async function sendPasswordReset(db: Kysely<DB>, actor: Actor, userId: number, locale: NotificationLocale): Promise<StaffChangeResult> {
  return db.transaction().execute(async (trx) => {
    const member = await lockStaffMember(trx, actor.jurisdictionId, userId)
    if (!member) return fail('not_found')
    if (!member.active) return fail('inactive')
    await sendLink(trx, actor, member, 'reset', locale)
    await recordAudit(trx, { ...audited(actor), kind: 'password_reset_sent', entityId: userId, subject: member.email })
    return { ok: true, userId } as const
  })
}

export async function unlockStaff(db: Kysely<DB>, actor: Actor, userId: number): Promise<StaffChangeResult> {
  return db.transaction().execute(async (trx) => {
    const member = await lockStaffMember(trx, actor.jurisdictionId, userId)
    if (!member) return fail('not_found')
    const cleared = await unlockAccount(trx, userId, member.email)
    await recordAudit(trx, {
      ...audited(actor),
      kind: 'updated',
      entityId: userId,
      subject: member.email,
      before: { locked_until: member.locked_until, throttle_rows: cleared },
      after: { locked_until: null, throttle_rows: 0 },
    })
    return { ok: true, userId } as const
  })
}

export type LinkUseResult = { ok: true; userId: number; role: StaffRole } | { ok: false; state: Exclude<LinkState, 'valid'> }

/**
 * Sets the password through a one-time link. The link's row is locked, so two tabs using
 * one link can't both succeed. All sessions of the account end (a reset after a suspected
 * compromise must throw the intruder out); other unused links are void.
 */
export async function redeemSetPasswordLink(db: Kysely<DB>, raw: string, password: string, ip: string | null, now: Date): Promise<LinkUseResult> {
  const known = await findStaffToken(db, raw)
  const early = linkState(known, now)
  if (early !== 'valid') return { ok: false, state: early }
  const passwordHash = await hash(password, ARGON2_OPTIONS)
  return db.transaction().execute(async (trx) => {
    const link = await findStaffToken(trx, raw, true)
    const state = linkState(link, now)
    if (state !== 'valid' || !link) return { ok: false, state: state === 'valid' ? 'unknown' : state } as const
    await markStaffTokenUsed(trx, link.id, now)
    await revokeStaffTokens(trx, link.user_id, now)
    await setPasswordHash(trx, link.user_id, passwordHash)
    await revokeUserSessions(trx, link.user_id, now)
    const event = {
      jurisdictionId: link.jurisdiction_id,
      actorUserId: link.user_id,
      entity: 'user' as const,
      entityId: link.user_id,
      subject: link.email,
      ip,
      now,
    }
    if (link.purpose === 'invite') await recordAudit(trx, { ...event, kind: 'invite_accepted' })
    await recordAudit(trx, { ...event, kind: 'password_changed', after: { via: link.purpose } })
    return { ok: true, userId: link.user_id, role: link.role } as const
  })
}

/** What the /akun/sandi page shows before the form is sent (no account details beyond the name). */
export async function describeSetPasswordLink(db: Kysely<DB>, raw: string, now: Date) {
  const link = raw ? await findStaffToken(db, raw) : undefined
  const state = linkState(link, now)
  return { state, purpose: link?.purpose ?? null, name: state === 'valid' ? (link?.name ?? null) : null }
}
