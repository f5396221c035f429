// The ASN scorecard (issue 10 §1, ADR 031): one officer's results in a period, from
// counts only (SQL counts, the ratios are here). It measures results, never hours
// worked. Below the published minimum n only the count is shown, as for the ranking.
import { RANKING_MIN_REPORTS, satisfaction, share } from './metric-figures'

export interface OfficerCounts {
  /** distinct reports the officer resolved in the period (the staff event that set them resolved) */
  handled: number
  /** of those, resolved by the report's own resolution target */
  onTime: number
  /** of those, rated by the reporter as fixed ("yes") */
  confirmedFixed: number
  /** ratings of those reports: how many, their sum, how many 4–5 */
  ratings: number
  ratingSum: number
  ratingHigh: number
  /** of those, reopened by the reporter after the officer resolved them */
  reopened: number
}

export interface Scorecard {
  handled: number
  /** false below the minimum n: only `handled` is meaningful, the rates are null */
  enough: boolean
  onTimeShare: number | null
  confirmedFixedRate: number | null
  meanRating: number | null
  ratings: number
  reopenRate: number | null
}

export function scorecard(c: OfficerCounts, minReports = RANKING_MIN_REPORTS): Scorecard {
  const enough = c.handled >= minReports
  const rated = satisfaction(c.ratingSum, c.ratings, c.ratingHigh)
  return {
    handled: c.handled,
    enough,
    onTimeShare: enough ? share(c.onTime, c.handled) : null,
    confirmedFixedRate: enough ? share(c.confirmedFixed, c.handled) : null,
    meanRating: enough ? rated.mean : null,
    ratings: enough ? c.ratings : 0,
    reopenRate: enough ? share(c.reopened, c.handled) : null,
  }
}
