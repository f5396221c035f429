// Simulated staff accounts: their e-mail addresses, and creating them where absent.
import { randomBytes } from 'node:crypto'
import { hash } from '@node-rs/argon2'
import { sql, type Kysely } from 'kysely'
import { ARGON2_OPTIONS } from '../seed'
import type { DB } from '../types'

export function simStaffEmail(unitKey: string, jurisdictionSlug: string, role: 'officer' | 'supervisor') {
  return role === 'officer' ? `sim.${unitKey}@${jurisdictionSlug}.sim` : `sim.kepala.${unitKey}@${jurisdictionSlug}.sim`
}

/**
 * One inactive officer and one inactive supervisor per unit, created if absent. They
 * exist only so that staff events have an actor; nobody can log in as them (inactive,
 * and the password is random and thrown away).
 */
export async function ensureSimStaff(
  db: Kysely<DB>,
  jurisdictionId: number,
  slug: string,
  units: { id: number; key: string; short_name: string }[],
): Promise<Map<number, { officer: number; supervisor: number }>> {
  const wanted = units.flatMap((u) => [
    { email: simStaffEmail(u.key, slug, 'officer'), role: 'officer' as const, unit: u, name: `Petugas Simulasi ${u.short_name}` },
    { email: simStaffEmail(u.key, slug, 'supervisor'), role: 'supervisor' as const, unit: u, name: `Kepala ${u.short_name} (simulasi)` },
  ])
  const emails = wanted.map((w) => w.email)
  const load = () =>
    db
      .selectFrom('users')
      .select(['id', 'email'])
      .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails))
      .execute()
  let existing = await load()
  const have = new Set(existing.map((r) => r.email.toLowerCase()))
  const missing = wanted.filter((w) => !have.has(w.email))
  if (missing.length > 0) {
    const passwordHash = await hash(randomBytes(32).toString('base64url'), ARGON2_OPTIONS)
    const rows = missing.map((w) => ({
      email: w.email,
      name: w.name,
      role: w.role,
      unit_id: w.unit.id,
    }))
    await sql`INSERT INTO users (jurisdiction_id, email, name, password_hash, role, unit_id, active)
      SELECT ${jurisdictionId}, x.email, x.name, ${passwordHash}, x.role, x.unit_id, false
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(email text, name text, role text, unit_id integer)
      ON CONFLICT (lower(email)) DO NOTHING`.execute(db)
    existing = await load()
  }
  const idByEmail = new Map(existing.map((r) => [r.email.toLowerCase(), r.id]))
  const out = new Map<number, { officer: number; supervisor: number }>()
  for (const u of units) {
    const officer = idByEmail.get(simStaffEmail(u.key, slug, 'officer'))
    const supervisor = idByEmail.get(simStaffEmail(u.key, slug, 'supervisor'))
    if (officer === undefined || supervisor === undefined) throw new Error(`Could not create simulated staff for unit ${u.key}`)
    out.set(u.id, { officer, supervisor })
  }
  return out
}
