// Which rollup grain serves which part of a period (ADR 030).

const isoDay = (d: Date) => d.toISOString().slice(0, 10)
const utc = (day: string) => new Date(`${day}T00:00:00Z`)

/**
 * Splits local days [from, to] into whole calendar months (read from the monthly rollups,
 * 0021) and the days before and after them (read from the daily ones), so that a year
 * reads about 12 rows per group plus at most two partial months instead of 365.
 */
export function splitPeriod(from: string, to: string): { months: [string, string] | null; days: [string, string][] } {
  const start = utc(from)
  const firstMonth = start.getUTCDate() === 1 ? start : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1))
  const end = utc(to)
  const next = new Date(end.getTime() + 86_400_000)
  // The first day of the month after the last whole month.
  const afterLast = next.getUTCDate() === 1 ? next : new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1))
  if (firstMonth >= afterLast) return { months: null, days: [[from, to]] }
  const lastMonth = new Date(Date.UTC(afterLast.getUTCFullYear(), afterLast.getUTCMonth() - 1, 1))
  const days: [string, string][] = []
  if (firstMonth > start) days.push([from, isoDay(new Date(firstMonth.getTime() - 86_400_000))])
  if (afterLast <= end) days.push([isoDay(afterLast), to])
  return { months: [isoDay(firstMonth), isoDay(lastMonth)], days }
}
