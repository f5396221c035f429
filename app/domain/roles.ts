// What each staff role may see and how the state machine treats it. Client-safe:
// the layout uses these lists to show navigation, loaders to check access.
import type { ActorKind } from './report-status'
import type { StaffRole } from './vocabulary'

/** Roles that work the report queue. Executives only see dashboards. */
export const QUEUE_ROLES: readonly StaffRole[] = ['officer', 'supervisor', 'inspector', 'admin']
/** Roles that may open a staff report page. Executives read it, they never act on it (QUEUE_ROLES do). */
export const REPORT_READ_ROLES: readonly StaffRole[] = [...QUEUE_ROLES, 'executive']
export const DASHBOARD_ROLES: readonly StaffRole[] = ['executive', 'admin', 'supervisor']

/** Who sees an ASN scorecard (ADR 031): the officer their own, a supervisor their subtree's officers, executives all. */
export const SCORECARD_ROLES: readonly StaffRole[] = ['officer', 'supervisor', 'executive']
/** Who sees the anti-gaming flags: executives and the Inspektorat, never used to hide data. */
export const FLAG_ROLES: readonly StaffRole[] = ['executive', 'inspector']

export const canUseQueue = (role: StaffRole) => QUEUE_ROLES.includes(role)
export const canSeeDashboard = (role: StaffRole) => DASHBOARD_ROLES.includes(role)
/** Administration of the jurisdiction (for now: the notification outbox). */
export const ADMIN_ROLES: readonly StaffRole[] = ['admin']
export const canAdminister = (role: StaffRole) => ADMIN_ROLES.includes(role)

/**
 * How the state machine sees a staff role: supervisors, inspectors (the Inspektorat
 * decides on misconduct reports) and admins act as supervisors; officers as officers.
 */
export function actorKindFor(role: StaffRole): ActorKind {
  return role === 'officer' ? 'officer' : 'supervisor'
}

/** Who keeps a unit's response templates (ADR 018): the roles that act as a unit's supervisor. */
export const TEMPLATE_ROLES: readonly StaffRole[] = ['supervisor', 'inspector', 'admin']
