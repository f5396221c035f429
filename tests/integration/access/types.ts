// The access matrix's vocabulary (issue 7 §4): who asks, whose report, how private, and
// what answer is expected. Route groups export their cases (staff.ts, admin.ts, …);
// tests/integration/access-matrix.test.ts runs them all against one shared database.
// A new route is one more line in its group's list.
import type { LoaderFunctionArgs } from '@remix-run/node'

export const ROLES = ['officer', 'supervisor', 'inspector', 'admin', 'executive', 'signed_out'] as const
export type Role = (typeof ROLES)[number]

/** Where the report sits, seen from the user's own unit. */
export const OWNERS = ['own', 'sub', 'other', 'foreign'] as const
export type Owner = (typeof OWNERS)[number]

export const PRIVACIES = ['public', 'anonymous', 'confidential', 'misconduct'] as const
export type Privacy = (typeof PRIVACIES)[number]

/** What a case answered, reduced to what access decides. */
export type Outcome =
  | 200
  | 302 // signed out: sent to /masuk
  | 403
  | 404
  | 'reached' // past every gate, refused by the (deliberately stale or invalid) input: 400/409, nothing written
  | 'listed'
  | 'absent'

export interface CaseContext {
  cookie: string
  origin: string
}

export interface ReportContext extends CaseContext {
  code: string
  reportId: number
  version: number
  /** A user the report's unit could be assigned to (for assign). */
  someOfficerId: number
}

type Handler = (args: LoaderFunctionArgs) => Promise<unknown>

/** A page or form whose answer depends on the role only. */
export interface PageCase {
  name: string
  handler: Handler
  request: (ctx: CaseContext) => Request
  /** Roles that get `allowed` (GET: 200; a POST with invalid input: 'reached'); other signed-in roles get 403. */
  roles: readonly Role[]
  allowed: Outcome
}

/** A report route or action: the answer depends on the role, the report's owner and its privacy. */
export interface ReportCase {
  name: string
  handler: Handler
  request: (ctx: ReportContext) => Request
  /** GET pages are read by executives; every POST answers them 403. */
  kind: 'read' | 'act' | 'queue'
}

/**
 * Who may see a report, written from the rules (ADR 004, README), not from the code:
 * staff see their unit and its sub-units; admins the whole jurisdiction except other
 * units' confidential reports; executives the whole jurisdiction except what stays in
 * the Inspektorat (misconduct, and confidential reports it holds). Nobody sees another
 * jurisdiction's.
 */
export function visible(role: Role, owner: Owner, privacy: Privacy, heldByInspektorat: boolean): boolean {
  if (owner === 'foreign' || role === 'signed_out') return false
  const mine = owner === 'own' || owner === 'sub'
  switch (role) {
    case 'officer':
    case 'supervisor':
    case 'inspector':
      return mine
    case 'admin':
      return mine || privacy === 'public' || privacy === 'anonymous'
    case 'executive':
      return privacy !== 'misconduct' && !(privacy === 'confidential' && heldByInspektorat)
  }
}

export function expectedForReport(kind: ReportCase['kind'], role: Role, owner: Owner, privacy: Privacy, heldByInspektorat: boolean): Outcome {
  if (role === 'signed_out') return 302
  const sees = visible(role, owner, privacy, heldByInspektorat)
  if (kind === 'queue') return role === 'executive' ? 403 : sees ? 'listed' : 'absent'
  if (kind === 'act' && role === 'executive') return 403
  if (!sees) return 404
  return kind === 'read' ? 200 : 'reached'
}

export function expectedForPage(c: PageCase, role: Role): Outcome {
  if (role === 'signed_out') return 302
  return c.roles.includes(role) ? c.allowed : 403
}
