// SLA clocks. Two kinds: emergencies run on wall-clock hours; ordinary
// complaints run on working days of the jurisdiction (Mon–Fri minus national
// holidays, cuti bersama and local holidays), due at office closing time.
// All calendar reasoning happens on local 'YYYY-MM-DD' strings, converted to
// instants only at the edges, so the server's own time zone never matters.

import type { ClockKind, HolidayKind } from './vocabulary'

export type { ClockKind, HolidayKind }

/** date = 'YYYY-MM-DD' local date in the jurisdiction. */
export interface Holiday {
  date: string
  kind: HolidayKind
  name?: string
}

/** Due time for working-day targets is 16:00 local. */
export const OFFICE_CLOSE_HOUR = 16

export interface SlaCalendar {
  timeZone: string
  /** Set of 'YYYY-MM-DD'. Every holiday kind closes the office the same way. */
  holidays: ReadonlySet<string>
}

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** 'YYYY-MM-DD' -> days since 1970-01-01; RangeError on malformed or impossible dates. */
function toDayNumber(date: string): number {
  const m = DATE_RE.exec(date)
  if (!m) throw new RangeError(`Invalid date "${date}", expected YYYY-MM-DD`)
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const ms = Date.UTC(y, mo - 1, d)
  const back = new Date(ms)
  // Date.UTC silently rolls 2026-02-30 over to March: reject it instead.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`Invalid date "${date}"`)
  }
  return ms / DAY_MS
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

export function makeCalendar(timeZone: string, holidays: readonly Holiday[] | readonly string[]): SlaCalendar {
  // Throws RangeError early for an unknown zone rather than at first use.
  new Intl.DateTimeFormat('en-US', { timeZone })
  const set = new Set<string>()
  for (const h of holidays) {
    const date = typeof h === 'string' ? h : h.date
    toDayNumber(date) // validate
    set.add(date)
  }
  return { timeZone, holidays: set }
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** Local wall-clock fields of an instant in a zone. */
function wallClock(instant: Date, timeZone: string) {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  const get = (k: string): number => parts[k] ?? 0
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') }
}

/** Zone offset (local minus UTC) in ms at a given instant. */
function offsetMs(instantMs: number, timeZone: string): number {
  const w = wallClock(new Date(instantMs), timeZone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return asUtc - Math.floor(instantMs / 1000) * 1000
}

export function localDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone)
  const pad = (n: number, len = 2) => String(n).padStart(len, '0')
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`
}

/**
 * Local wall time -> instant. Guess with the offset at the naive UTC reading,
 * then correct once with the offset at the guess (handles DST transitions).
 */
export function zonedTimeToUtc(date: string, hour: number, minute: number, timeZone: string): Date {
  const naive = toDayNumber(date) * DAY_MS + hour * HOUR_MS + minute * 60_000
  const first = naive - offsetMs(naive, timeZone)
  const second = naive - offsetMs(first, timeZone)
  return new Date(second)
}

export function isWorkingDay(date: string, cal: SlaCalendar): boolean {
  const weekday = new Date(toDayNumber(date) * DAY_MS).getUTCDay() // 0 = Sunday
  return weekday !== 0 && weekday !== 6 && !cal.holidays.has(date)
}

/** The Nth working day strictly after `date` (n = 0 returns `date` itself). */
export function addWorkingDays(date: string, n: number, cal: SlaCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working-day count must be a non-negative integer, got ${n}`)
  let day = toDayNumber(date)
  let left = n
  while (left > 0) {
    day++
    if (isWorkingDay(fromDayNumber(day), cal)) left--
  }
  return fromDayNumber(day)
}

function assertTarget(target: number, clock: ClockKind): void {
  const ok = clock === 'working_days' ? Number.isInteger(target) && target > 0 : Number.isFinite(target) && target > 0
  if (!ok) throw new RangeError(`Invalid SLA target ${target} for ${clock}`)
}

/**
 * calendar_hours: createdAt + target hours, weekends and holidays included.
 * working_days: the filing day is day 0 whatever the hour (even a Saturday or
 * holiday); due at OFFICE_CLOSE_HOUR on the Nth working day after it.
 */
export function computeDueAt(createdAt: Date, target: number, clock: ClockKind, cal: SlaCalendar): Date {
  assertTarget(target, clock)
  if (clock === 'calendar_hours') return new Date(createdAt.getTime() + target * HOUR_MS)
  const dueDate = addWorkingDays(localDate(createdAt, cal.timeZone), target, cal)
  return zonedTimeToUtc(dueDate, OFFICE_CLOSE_HOUR, 0, cal.timeZone)
}

/**
 * calendar_hours: fractional hours. working_days: working days d with
 * localDate(from) < d <= localDate(to). Never negative (to < from gives 0).
 */
export function elapsed(from: Date, to: Date, clock: ClockKind, cal: SlaCalendar): number {
  if (to.getTime() <= from.getTime()) return 0
  if (clock === 'calendar_hours') return (to.getTime() - from.getTime()) / HOUR_MS
  const start = toDayNumber(localDate(from, cal.timeZone))
  const end = toDayNumber(localDate(to, cal.timeZone))
  let count = 0
  for (let day = start + 1; day <= end; day++) {
    if (isWorkingDay(fromDayNumber(day), cal)) count++
  }
  return count
}

/** Done after due, or still open and now past due. Exactly at due is on time. */
export function isOverdue(dueAt: Date, doneAt: Date | null, now: Date): boolean {
  return (doneAt ?? now).getTime() > dueAt.getTime()
}
