import { computeDueAt, isOverdue, type SlaCalendar } from './sla'

// Resolutions of a report are numbered 1, 2, …: a reopen sends a resolved report back
// to work, so while it is resolved it is on resolution number reopen_count + 1. The
// reporter rates (confirms or rejects) each resolution once.

export function currentResolutionNumber(reopenCount: number): number {
  return reopenCount + 1
}

/** The reporter may rate a resolved report whose current resolution has no rating yet. */
export function canRateResolution(report: { status: string; reopenCount: number }, ratedResolutions: readonly number[]): boolean {
  return report.status === 'resolved' && !ratedResolutions.includes(currentResolutionNumber(report.reopenCount))
}

// SP4N-LAPOR!: the reporter has 10 working days (the jurisdiction's calendar) after a
// resolution to confirm it or say it is not fixed; after that it closes automatically
// and a "not fixed" answer is refused.
export const CONFIRMATION_WINDOW_WORKING_DAYS = 10

/** End of the reporter's window: office closing time on the 10th working day after the resolution. */
export function confirmationDeadline(resolvedAt: Date, cal: SlaCalendar): Date {
  return computeDueAt(resolvedAt, CONFIRMATION_WINDOW_WORKING_DAYS, 'working_days', cal)
}

/** Exactly at the deadline the window is still open (as sla.isOverdue: at due is on time). */
export function isConfirmationWindowOpen(resolvedAt: Date, now: Date, cal: SlaCalendar): boolean {
  return !isOverdue(confirmationDeadline(resolvedAt, cal), null, now)
}

/** Body of the public event of an automatic close; rendered from the dictionaries. */
export const AUTO_CLOSE_MARKER = 'system:auto_close'
