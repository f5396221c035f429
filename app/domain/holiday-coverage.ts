// Working-day deadlines need the year's holidays. A year with none on record still gets
// due times (weekends only), but admins must be told; a year whose holidays were computed
// ahead of the SKB 3 Menteri is flagged until an admin confirms them (ADR 012).

export interface HolidayYear {
  year: number
  count: number
  provisional: number
}

export interface HolidayCoverage {
  /** Years a deadline falls in that have no holidays on record. */
  missing: number[]
  /** Years a deadline falls in whose holidays are (partly) provisional. */
  provisional: number[]
}

export function holidayCoverage(neededYears: readonly number[], onRecord: readonly HolidayYear[]): HolidayCoverage {
  const byYear = new Map(onRecord.map((y) => [y.year, y]))
  const years = [...new Set(neededYears)].sort((a, b) => a - b)
  return {
    missing: years.filter((y) => (byYear.get(y)?.count ?? 0) === 0),
    provisional: years.filter((y) => (byYear.get(y)?.provisional ?? 0) > 0),
  }
}
