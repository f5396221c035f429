import { describe, expect, it } from 'vitest'
import { linkExpiry, linkState, roleNeedsUnit } from './staff-accounts'

const now = new Date('2026-11-23T10:00:00Z')
const link = { purpose: 'invite' as const, expires_at: linkExpiry(now), used_at: null, revoked_at: null, active: true }

describe('set-password links', () => {
  it('last 72 hours to the millisecond', () => {
    expect(linkState(link, new Date(now.getTime() + 72 * 3600_000 - 1))).toBe('valid')
    expect(linkState(link, new Date(now.getTime() + 72 * 3600_000))).toBe('expired')
  })

  it('are void once used, revoked, for a deactivated account, or unknown', () => {
    expect(linkState({ ...link, used_at: now }, now)).toBe('used')
    expect(linkState({ ...link, revoked_at: now }, now)).toBe('revoked')
    expect(linkState({ ...link, active: false }, now)).toBe('revoked')
    expect(linkState(undefined, now)).toBe('unknown')
  })
})

describe('roleNeedsUnit', () => {
  it('is true for the roles that work a unit queue', () => {
    expect(['officer', 'supervisor', 'inspector', 'admin', 'executive'].map((r) => roleNeedsUnit(r as never))).toEqual([true, true, true, false, false])
  })
})
