// Percentiles, defined once (docs/metrics.md §"Medians and p90").
// - percentileCont: PostgreSQL percentile_cont semantics (linear interpolation between
//   the two nearest ranks), the exact definition every figure uses.
// - Duration histograms: the rollups (migration 0014) keep durations in fine buckets so
//   that medians and p90 can be merged across days, units and areas. The bucket layout
//   below is what bounds the error (ADR 021): 0.1 h wide up to 20 h (estimate off by at
//   most 0.05 h), then 0.5 % wide (off by at most 0.25 %). An interpolation of two
//   estimates is off by at most the larger bound, so every estimate is within
//   max(0.1 h, 0.5 %) of the exact percentile_cont over the same rows.

/** percentile_cont(p) over values sorted ascending; null when there are none. */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be within [0, 1], got ${p}`)
  const n = sorted.length
  if (n === 0) return null
  const rank = p * (n - 1)
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  const a = sorted[lo]!
  const b = sorted[hi]!
  return a + (rank - lo) * (b - a)
}

/** Sorts a copy and applies percentileCont (the test oracle and the small-selection path). */
export function percentileOf(values: readonly number[], p: number): number | null {
  return percentileCont(
    [...values].sort((x, y) => x - y),
    p,
  )
}

export const LINEAR_BUCKET_HOURS = 0.1
export const LINEAR_LIMIT_HOURS = 20
export const GEOMETRIC_RATIO = 1.005
const LINEAR_BUCKETS = Math.round(LINEAR_LIMIT_HOURS / LINEAR_BUCKET_HOURS) // 200
/** Last bucket index: 20 h × 1.005^1650 ≈ 76,000 h (8.7 years); longer durations are clamped into it. */
export const MAX_BUCKET = LINEAR_BUCKETS + 1650

/** The bucket a duration (hours, ≥ 0; negatives count as 0) falls in. */
export function durationBucket(hours: number): number {
  const h = Math.max(0, hours)
  if (h < LINEAR_LIMIT_HOURS) return Math.min(LINEAR_BUCKETS - 1, Math.floor(h / LINEAR_BUCKET_HOURS + 1e-9))
  const k = LINEAR_BUCKETS + Math.floor(Math.log(h / LINEAR_LIMIT_HOURS) / Math.log(GEOMETRIC_RATIO) + 1e-9)
  return Math.min(MAX_BUCKET, k)
}

/** [lower, upper) bounds of a bucket in hours. */
export function bucketBounds(bucket: number): [number, number] {
  if (bucket < LINEAR_BUCKETS) return [bucket * LINEAR_BUCKET_HOURS, (bucket + 1) * LINEAR_BUCKET_HOURS]
  const j = bucket - LINEAR_BUCKETS
  return [LINEAR_LIMIT_HOURS * GEOMETRIC_RATIO ** j, LINEAR_LIMIT_HOURS * GEOMETRIC_RATIO ** (j + 1)]
}

/** The value a bucket stands for: its midpoint (halves the worst-case error). */
export function bucketValue(bucket: number): number {
  const [lo, hi] = bucketBounds(bucket)
  return (lo + hi) / 2
}

/**
 * percentile_cont estimated from a histogram (bucket → count): the same rank
 * interpolation as percentileCont, with each ranked value replaced by its bucket's
 * midpoint. Null when the histogram is empty.
 */
export function percentileFromHistogram(histogram: ReadonlyMap<number, number>, p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be within [0, 1], got ${p}`)
  const buckets = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0])
  const n = buckets.reduce((s, [, c]) => s + c, 0)
  if (n === 0) return null
  const rank = p * (n - 1)
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  const valueAt = (index: number) => {
    let seen = 0
    for (const [bucket, count] of buckets) {
      seen += count
      if (index < seen) return bucketValue(bucket)
    }
    return bucketValue(buckets.at(-1)![0])
  }
  const a = valueAt(lo)
  const b = valueAt(hi)
  return a + (rank - lo) * (b - a)
}

/** Adds counts of several histograms (the rollup merge). */
export function mergeHistograms(parts: Iterable<ReadonlyMap<number, number>>): Map<number, number> {
  const out = new Map<number, number>()
  for (const h of parts) for (const [b, c] of h) out.set(b, (out.get(b) ?? 0) + c)
  return out
}

/** The documented bound: 0.1 h or 0.5 % of the exact value, whichever is larger. */
export function withinRollupBound(estimate: number, exact: number): boolean {
  return Math.abs(estimate - exact) <= Math.max(0.1, 0.005 * Math.abs(exact)) + 1e-9
}
