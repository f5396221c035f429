// The admin's words for a refused staff change (app/services/staff-accounts.server.ts).
import type { Kysely } from 'kysely'
import type { DB } from '#db/types'
import { fill, type Dictionary } from '~/i18n'
import { getJurisdictionById } from '~/models/reference.server'
import type { StaffChangeError } from '~/services/staff-accounts.server'

export async function staffErrorMessage(db: Kysely<DB>, t: Dictionary, jurisdictionId: number, error: StaffChangeError): Promise<string> {
  const s = t.staffAdmin
  switch (error) {
    case 'email_taken':
      return s.emailTaken
    case 'unit_required':
      return s.unitRequired
    case 'unknown_unit':
      return s.unknownUnit
    case 'self':
      return s.self
    case 'inactive':
      return s.inactiveAccount
    case 'last_admin':
      return fill(s.lastAdmin, { jurisdiction: (await getJurisdictionById(db, jurisdictionId))?.name ?? '' })
    case 'not_found':
      return t.errors.notFound
  }
}
