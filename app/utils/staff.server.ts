import type { ActorKind } from '~/domain/report-status'
import type { RoleValue } from '#db/types'

/** Roles that work the report queue. Executives only see dashboards. */
export const QUEUE_ROLES: readonly RoleValue[] = ['officer', 'supervisor', 'inspector', 'admin']
export const DASHBOARD_ROLES: readonly RoleValue[] = ['executive', 'admin', 'supervisor']

/**
 * How the state machine sees a staff role: supervisors, inspectors (the Inspektorat
 * decides on misconduct reports) and admins act as supervisors; officers as officers.
 */
export function actorKindFor(role: RoleValue): ActorKind {
  return role === 'officer' ? 'officer' : 'supervisor'
}
