// Who may hold a report, and who may see its reporter. Misconduct complaints (pungli,
// perilaku ASN) are about a unit's own staff: the accused unit must never receive the
// report or learn who filed it. So a report in a misconduct category, and every
// confidential report the Inspektorat holds, moves only between Inspektorat units, and
// its reporter's identity is shown only to the unit holding it when that is the
// Inspektorat.

import type { Privacy } from './routing'

export const UNIT_KINDS = ['dinas', 'badan', 'kecamatan', 'kelurahan', 'inspektorat', 'triage_desk', 'satuan', 'upt'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export interface CustodyFacts {
  isMisconduct: boolean
  privacy: Privacy
  /** The kind of the unit that holds the report now. */
  unitKind: UnitKind
}

/** Reports that belong to the Inspektorat alone. */
export function isInspectorateOnly(report: CustodyFacts): boolean {
  return report.isMisconduct || (report.privacy === 'confidential' && report.unitKind === 'inspektorat')
}

/** Whether staff may hand the report over to a unit of this kind. */
export function mayTransferTo(report: CustodyFacts, target: { kind: UnitKind }): boolean {
  return !isInspectorateOnly(report) || target.kind === 'inspektorat'
}

/**
 * Whether the staff holding the report may see the reporter's name and contact.
 * Anonymous: never. Inspectorate-only reports: only while the Inspektorat holds them
 * (a misconduct report routed elsewhere, e.g. before an Inspektorat existed, hides it).
 */
export function reporterVisibleToHolder(report: CustodyFacts): boolean {
  if (report.privacy === 'anonymous') return false
  if (isInspectorateOnly(report)) return report.unitKind === 'inspektorat'
  return true
}
