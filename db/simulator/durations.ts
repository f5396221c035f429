// Durations in milliseconds, and the one application rule about time that the simulator mirrors.
export const MINUTE = 60_000
export const HOUR = 3_600_000
export const DAY = 86_400_000
/** A resolved report is closed by the system after this long without a reaction from the reporter. */
export const AUTO_CLOSE_MS = 10 * DAY
