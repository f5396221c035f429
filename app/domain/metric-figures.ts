// The formulas behind every published figure (docs/metrics.md), defined once and pure.
// SQL and rollups only count (how many on time, how many counted, sums of ratings…);
// the ratio, band, index, rank and flag rules are here. IKM is in ./metrics.ts and
// percentiles in ./percentile.ts.

/** numerator / denominator, or null when nothing was counted (an empty cell, never 0). */
export function share(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null
}

export type Timeliness = 'on_time' | 'late' | 'pending' | 'excluded'

/**
 * One report against its own category's target (the case-mix adjustment).
 * - done at or before the due time → on time (exactly at the due time counts as on time);
 * - done after it, or not done and the due time strictly passed → late;
 * - not done and not yet due → pending (not counted);
 * - dismissed (rejected, duplicate) without being done → excluded.
 * On-time share = on_time / (on_time + late).
 */
export function timeliness(input: { doneAt: Date | null; dueAt: Date; dismissed: boolean; now: Date }): Timeliness {
  if (input.doneAt) return input.doneAt.getTime() <= input.dueAt.getTime() ? 'on_time' : 'late'
  if (input.dismissed) return 'excluded'
  return input.dueAt.getTime() < input.now.getTime() ? 'late' : 'pending'
}

export const BACKLOG_BANDS = ['lt_1d', 'd1_3', 'd3_7', 'd7_30', 'gt_30d'] as const
export type BacklogBand = (typeof BACKLOG_BANDS)[number]
/** Upper bounds (exclusive) in hours of each band but the last. */
export const BAND_LIMITS_HOURS = [24, 72, 168, 720] as const

/** The age band of an open report: [0,1 d), [1,3 d), [3,7 d), [7,30 d), ≥ 30 d. */
export function backlogBand(ageHours: number): BacklogBand {
  const i = BAND_LIMITS_HOURS.findIndex((limit) => ageHours < limit)
  return BACKLOG_BANDS[i === -1 ? BACKLOG_BANDS.length - 1 : i]!
}

/** Demand: reports filed plus distinct supporters ("saya juga mengalami ini", merged duplicates). */
export function demand(reports: number, supporters: number): number {
  return reports + supporters
}

export interface Satisfaction {
  mean: number | null
  n: number
  highShare: number | null
}

/** Mean rating (1–5) with its n and the share rated 4 or 5; from sums so SQL only counts. */
export function satisfaction(sum: number, n: number, high: number): Satisfaction {
  return { mean: share(sum, n), n, highShare: share(high, n) }
}

// ---- Public-trust index (OECD drivers of trust in public institutions) ----

export const TRUST_COMPONENTS = ['responsiveness', 'reliability', 'integrity', 'openness', 'satisfaction'] as const
export type TrustComponent = (typeof TRUST_COMPONENTS)[number]

/** Published weights (sum 1). Responsiveness and reliability weigh most: they are outcomes. */
export const TRUST_WEIGHTS: Readonly<Record<TrustComponent, number>> = {
  responsiveness: 0.3,
  reliability: 0.25,
  integrity: 0.15,
  openness: 0.1,
  satisfaction: 0.2,
}

export interface TrustInputs {
  /** on-time response share and on-time resolution share */
  onTimeResponse: number | null
  onTimeResolution: number | null
  confirmedFixedRate: number | null
  reopenRate: number | null
  /** share of closed-out reports carrying an anti-gaming flag */
  flaggedShare: number | null
  /** on-time resolution share of misconduct reports */
  misconductOnTime: number | null
  /** share of reports with at least one public update by staff */
  publicUpdateShare: number | null
  meanRating: number | null
  ikm: number | null
}

const mean = (values: readonly (number | null)[]): number | null => {
  const present = values.filter((v): v is number => v !== null)
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null
}

/** Each component on 0–1: the mean of its measurable parts (a missing part is left out, not zero). */
export function trustComponents(i: TrustInputs): Record<TrustComponent, number | null> {
  return {
    responsiveness: mean([i.onTimeResponse, i.onTimeResolution]),
    reliability: mean([i.confirmedFixedRate, i.reopenRate === null ? null : 1 - i.reopenRate]),
    integrity: mean([i.flaggedShare === null ? null : 1 - i.flaggedShare, i.misconductOnTime]),
    openness: i.publicUpdateShare,
    satisfaction: mean([i.meanRating === null ? null : (i.meanRating - 1) / 4, i.ikm === null ? null : (i.ikm - 25) / 75]),
  }
}

/**
 * Index 0–100 = 100 × Σ wᵢcᵢ / Σ wᵢ over the components that have data (the weights of
 * the missing ones are spread pro rata, and the page says which are missing); null if none.
 * Rounded to 1 decimal.
 */
export function trustIndex(components: Record<TrustComponent, number | null>): number | null {
  let weighted = 0
  let weights = 0
  for (const c of TRUST_COMPONENTS) {
    const v = components[c]
    if (v === null) continue
    weighted += TRUST_WEIGHTS[c] * v
    weights += TRUST_WEIGHTS[c]
  }
  return weights > 0 ? Math.round((1000 * weighted) / weights) / 10 : null
}

// ---- Fair ranking ----

/** A unit (or an officer on the scorecard) is ranked only with at least this many reports in the period. */
export const RANKING_MIN_REPORTS = 30

export interface RankInput {
  key: string
  reports: number
  onTimeResponse: number | null
  onTimeResolution: number | null
}

export interface Ranked extends RankInput {
  score: number | null
  rank: number | null
}

/**
 * Score = mean of the on-time response and on-time resolution shares (each against the
 * report's own category target, never raw hours). Units under the minimum n, or with no
 * counted report, get no rank. Ties share a rank (1, 1, 3); order: score desc, then n desc, key.
 */
export function rankUnits(rows: readonly RankInput[], minReports = RANKING_MIN_REPORTS): Ranked[] {
  const scored = rows.map((r) => ({ ...r, score: r.reports >= minReports ? mean([r.onTimeResponse, r.onTimeResolution]) : null, rank: null as number | null }))
  const eligible = scored.filter((r) => r.score !== null).sort((a, b) => b.score! - a.score! || b.reports - a.reports || a.key.localeCompare(b.key))
  eligible.forEach((r, i) => {
    const prev = eligible[i - 1]
    r.rank = prev && prev.score === r.score ? prev.rank : i + 1
  })
  const rest = scored.filter((r) => r.score === null).sort((a, b) => b.reports - a.reports || a.key.localeCompare(b.key))
  return [...eligible, ...rest]
}

/**
 * Response attribution: the unit that held the report at the moment that decided its
 * response — the first response if it came by the due time, else the due time. `transfers`
 * are report_events of type 'transferred' (at, to unit), in any order.
 */
export function responsibleUnit(input: {
  initialUnitId: number
  transfers: readonly { at: Date; toUnitId: number }[]
  responseDueAt: Date
  firstResponseAt: Date | null
}): number {
  const due = input.responseDueAt.getTime()
  const moment = input.firstResponseAt && input.firstResponseAt.getTime() <= due ? input.firstResponseAt.getTime() : due
  let unit = input.initialUnitId
  for (const t of [...input.transfers].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    // A transfer at the deciding moment itself happened before it: the receiver holds it.
    if (t.at.getTime() <= moment) unit = t.toUnitId
  }
  return unit
}

// ---- Equity ----

export interface EquityRow {
  key: string
  reports: number
  value: number | null
}

/**
 * Best and worst area (among areas with at least minReports and a value) and the spread
 * between them; `better` says which direction is good (lower hours, higher shares).
 */
export function equitySpread(rows: readonly EquityRow[], better: 'lower' | 'higher', minReports = RANKING_MIN_REPORTS) {
  const eligible = rows.filter((r) => r.reports >= minReports && r.value !== null)
  if (eligible.length < 2) return null
  const sorted = [...eligible].sort((a, b) => (better === 'lower' ? a.value! - b.value! : b.value! - a.value!) || a.key.localeCompare(b.key))
  const best = sorted[0]!
  const worst = sorted.at(-1)!
  return { best, worst, spread: Math.abs(worst.value! - best.value!) }
}

// ---- Anti-gaming flags (shown to executives and the Inspektorat; never hide data) ----

export const GAMING_FLAGS = ['fast_close', 'reopened_by_reporter', 'status_only_response', 'out_of_remit_excess'] as const
export type GamingFlag = (typeof GAMING_FLAGS)[number]

export const FAST_CLOSE_MINUTES = 5

/** The per-report flags. */
export function reportGamingFlags(r: {
  createdAt: Date
  resolvedAt: Date | null
  publicUpdates: number
  afterPhotos: number
  reopenedByReporter: boolean
  /** the event that counted as the first response only changed the status (no public text) */
  firstResponseStatusOnly: boolean
}): GamingFlag[] {
  const flags: GamingFlag[] = []
  if (r.resolvedAt && r.resolvedAt.getTime() - r.createdAt.getTime() <= FAST_CLOSE_MINUTES * 60_000 && r.publicUpdates === 0 && r.afterPhotos === 0) {
    flags.push('fast_close')
  }
  if (r.reopenedByReporter) flags.push('reopened_by_reporter')
  if (r.firstResponseStatusOnly) flags.push('status_only_response')
  return flags
}

/**
 * A unit closes "not our remit" more often than usual when, with at least 10 reports,
 * its period rate is more than 2 binomial standard errors above its own trailing
 * 12-month rate (a usual rate of 0 makes any rejection unusual).
 */
export function outOfRemitExcess(periodRejected: number, periodReports: number, usualRate: number): boolean {
  if (periodReports < 10) return false
  const rate = periodRejected / periodReports
  if (usualRate <= 0) return periodRejected > 0
  const se = Math.sqrt((usualRate * (1 - usualRate)) / periodReports)
  return rate > usualRate + 2 * se
}
