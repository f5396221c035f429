// Rules of staff accounts (issue 7 §2), without I/O.
import type { StaffRole, StaffTokenPurpose } from './vocabulary'

/** A set-password link (invitation or reset) works this long, once. */
export const STAFF_LINK_HOURS = 72

/** The shortest password accepted anywhere a staff member sets one (/petugas/akun, /akun/sandi). */
export const MIN_PASSWORD_LENGTH = 12

/** Roles that work a unit's queue must belong to a unit (the users table CHECKs it too). */
export const UNIT_ROLES: readonly StaffRole[] = ['officer', 'supervisor', 'inspector']
export const roleNeedsUnit = (role: StaffRole) => UNIT_ROLES.includes(role)

export function linkExpiry(now: Date): Date {
  return new Date(now.getTime() + STAFF_LINK_HOURS * 3600_000)
}

export type LinkState = 'valid' | 'used' | 'expired' | 'revoked' | 'unknown'

export interface StoredLink {
  purpose: StaffTokenPurpose
  expires_at: Date
  used_at: Date | null
  revoked_at: Date | null
  active: boolean
}

/** Whether a set-password link may still be used; a deactivated account's links are void too. */
export function linkState(link: StoredLink | undefined | null, now: Date): LinkState {
  if (!link) return 'unknown'
  if (link.used_at) return 'used'
  if (link.revoked_at || !link.active) return 'revoked'
  if (new Date(link.expires_at).getTime() <= now.getTime()) return 'expired'
  return 'valid'
}
