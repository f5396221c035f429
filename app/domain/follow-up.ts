// Who may follow up on a report, and when (ADR 027). Pure and client-safe.
import { ACTIVE_STATUSES, type Privacy } from './vocabulary'

const ACTIVE: readonly string[] = ACTIVE_STATUSES

/**
 * The reporter may add information while the unit works on the report or the reporter may
 * still answer its resolution (the statuses in which staff write notes). Closed, rejected
 * and duplicate reports are final: a problem that comes back is a new report.
 */
export function canAddInformation(status: string): boolean {
  return ACTIVE.includes(status)
}

/** Anyone may follow a report the public may see (never confidential, never misconduct) while it can still change. */
export function canSubscribe(report: { privacy: Privacy; status: string }, isMisconduct: boolean): boolean {
  return report.privacy !== 'confidential' && !isMisconduct && ACTIVE.includes(report.status)
}
