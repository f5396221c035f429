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
