import { describe, expect, it } from 'vitest'
import {
  MAX_BUCKET,
  bucketBounds,
  bucketValue,
  durationBucket,
  mergeHistograms,
  percentileCont,
  percentileFromHistogram,
  percentileOf,
  withinRollupBound,
} from './percentile'

describe('percentileCont (PostgreSQL percentile_cont semantics)', () => {
  it('interpolates between the nearest ranks, computed by hand', () => {
    // [1, 2, 4, 10]: median rank 1.5 -> 2 + 0.5 * (4 - 2) = 3; p90 rank 2.7 -> 4 + 0.7 * 6 = 8.2.
    expect(percentileCont([1, 2, 4, 10], 0.5)).toBe(3)
    expect(percentileCont([1, 2, 4, 10], 0.9)).toBeCloseTo(8.2, 12)
    // odd count: the middle value; p0 / p1 the extremes
    expect(percentileCont([3, 5, 9], 0.5)).toBe(5)
    expect(percentileCont([3, 5, 9], 0)).toBe(3)
    expect(percentileCont([3, 5, 9], 1)).toBe(9)
    expect(percentileCont([7], 0.9)).toBe(7)
    expect(percentileCont([], 0.5)).toBeNull()
  })

  it('percentileOf sorts a copy first', () => {
    const values = [10, 1, 4, 2]
    expect(percentileOf(values, 0.5)).toBe(3)
    expect(values).toEqual([10, 1, 4, 2])
  })

  it('rejects p outside [0, 1]', () => {
    expect(() => percentileCont([1], 1.1)).toThrow(RangeError)
    expect(() => percentileCont([1], Number.NaN)).toThrow(RangeError)
  })
})

describe('duration buckets', () => {
  it('are 0.1 h wide below 20 h and 0.5 % wide above', () => {
    expect(durationBucket(0)).toBe(0)
    expect(durationBucket(-3)).toBe(0)
    expect(durationBucket(0.05)).toBe(0)
    expect(durationBucket(0.1)).toBe(1)
    expect(durationBucket(19.99)).toBe(199)
    expect(durationBucket(20)).toBe(200)
    expect(durationBucket(20.09)).toBe(200)
    expect(durationBucket(20.11)).toBe(201)
    expect(bucketBounds(3)).toEqual([0.30000000000000004, 0.4])
    const [lo, hi] = bucketBounds(500)
    expect(hi / lo).toBeCloseTo(1.005, 12)
    expect(durationBucket(1e9)).toBe(MAX_BUCKET)
  })

  it('every value is within half a bucket of its bucket midpoint', () => {
    for (let h = 0; h < 5000; h += 0.37) {
      const b = durationBucket(h)
      const [lo, hi] = bucketBounds(b)
      expect(h).toBeGreaterThanOrEqual(lo - 1e-9)
      expect(h).toBeLessThan(hi + 1e-9)
      expect(Math.abs(bucketValue(b) - h)).toBeLessThanOrEqual(Math.max(0.05, 0.0025 * h) + 1e-9)
    }
  })
})

describe('percentileFromHistogram', () => {
  it('is within the documented bound of the exact value', () => {
    // A deterministic skewed sample: many short, a long tail to 2,000 h.
    let x = 7
    const values: number[] = []
    for (let i = 0; i < 5000; i++) {
      x = (x * 48271) % 2147483647
      const u = x / 2147483647
      values.push(u < 0.5 ? u * 10 : Math.exp(u * 7.6))
    }
    const h = new Map<number, number>()
    for (const v of values) h.set(durationBucket(v), (h.get(durationBucket(v)) ?? 0) + 1)
    for (const p of [0.1, 0.5, 0.9, 0.99]) {
      const exact = percentileOf(values, p)!
      const estimate = percentileFromHistogram(h, p)!
      expect(withinRollupBound(estimate, exact), `p=${p}: ${estimate} vs ${exact}`).toBe(true)
    }
  })

  it('hand-computed: [0.05 h, 0.05 h, 0.25 h] -> median at the 0.0-0.1 midpoint, p90 interpolated', () => {
    const h = new Map([
      [0, 2],
      [2, 1],
    ])
    expect(percentileFromHistogram(h, 0.5)).toBeCloseTo(0.05, 12)
    // rank 1.8 -> 0.05 + 0.8 * (0.25 - 0.05) = 0.21
    expect(percentileFromHistogram(h, 0.9)).toBeCloseTo(0.21, 12)
    expect(percentileFromHistogram(new Map(), 0.5)).toBeNull()
    expect(percentileFromHistogram(new Map([[4, 0]]), 0.5)).toBeNull()
  })

  it('merges histograms by adding counts', () => {
    const m = mergeHistograms([
      new Map([[1, 2]]),
      new Map([
        [1, 3],
        [5, 1],
      ]),
    ])
    expect([...m.entries()]).toEqual([
      [1, 5],
      [5, 1],
    ])
  })

  it('withinRollupBound: 0.1 h or 0.5 %, whichever is larger', () => {
    expect(withinRollupBound(10.1, 10)).toBe(true)
    expect(withinRollupBound(10.11, 10)).toBe(false)
    expect(withinRollupBound(100.5, 100)).toBe(true)
    expect(withinRollupBound(100.6, 100)).toBe(false)
  })
})
