// Local calendar: fast local-time arithmetic over the simulated span.
import { isWorkingDay, localDate, zonedTimeToUtc, type SlaCalendar } from '../../app/domain/sla'
import { DAY, HOUR } from './durations'

/** Office hours of simulated staff (local time). */
const WORK_START_HOUR = 7
const WORK_END_HOUR = 16

export interface LocalDay {
  /** Instant of local midnight. */
  start: number
  date: string
  /** 0 = Sunday. */
  weekday: number
  /** 1..12 */
  month: number
  working: boolean
}

/**
 * Local days of the jurisdiction covering [from, to]. Built once through the domain's
 * zone functions, then instants are mapped to local days by arithmetic, which keeps
 * the per-report cost free of Intl calls.
 */
export class LocalDays {
  readonly days: LocalDay[] = []
  constructor(fromMs: number, toMs: number, cal: SlaCalendar) {
    let date = localDate(new Date(fromMs - DAY), cal.timeZone)
    const last = localDate(new Date(toMs + DAY), cal.timeZone)
    for (;;) {
      const utcMidnight = Date.parse(`${date}T00:00:00Z`)
      this.days.push({
        start: zonedTimeToUtc(date, 0, 0, cal.timeZone).getTime(),
        date,
        weekday: new Date(utcMidnight).getUTCDay(),
        month: new Date(utcMidnight).getUTCMonth() + 1,
        working: isWorkingDay(date, cal),
      })
      if (date === last) break
      date = new Date(utcMidnight + DAY).toISOString().slice(0, 10)
    }
  }

  /** Index of the local day containing t, or -1 outside the table. */
  indexOf(t: number): number {
    const days = this.days
    const first = days[0] as LocalDay
    if (t < first.start) return -1
    let i = Math.min(days.length - 1, Math.floor((t - first.start) / DAY))
    while (i > 0 && t < (days[i] as LocalDay).start) i--
    while (i + 1 < days.length && t >= (days[i + 1] as LocalDay).start) i++
    // The last day has no known end: treat instants past it as outside the table.
    if (i === days.length - 1 && t >= (days[i] as LocalDay).start + DAY) return -1
    return i
  }

  dayAt(t: number): LocalDay {
    const i = this.indexOf(t)
    if (i < 0) throw new RangeError(`Instant ${new Date(t).toISOString()} outside the simulated calendar`)
    return this.days[i] as LocalDay
  }

  /**
   * t plus `ms` of office time (WORK_START_HOUR–WORK_END_HOUR on working days).
   * Infinity when the result lies past the end of the table (i.e. after `now`).
   */
  addWorkTime(t: number, ms: number): number {
    let i = this.indexOf(t)
    if (i < 0) return Infinity
    let left = ms
    let at = t
    const days = this.days
    while (i < days.length) {
      const d = days[i] as LocalDay
      if (d.working) {
        const ws = d.start + WORK_START_HOUR * HOUR
        const we = d.start + WORK_END_HOUR * HOUR
        if (at < ws) at = ws
        if (at < we) {
          const avail = we - at
          if (left <= avail) return at + left
          left -= avail
        }
      }
      i++
      if (i >= days.length) break
      at = (days[i] as LocalDay).start
    }
    return Infinity
  }
}
