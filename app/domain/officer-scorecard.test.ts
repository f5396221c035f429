import { describe, expect, it } from 'vitest'
import { scorecard } from './officer-scorecard'

const base = { handled: 40, onTime: 30, confirmedFixed: 10, ratings: 8, ratingSum: 32, ratingHigh: 6, reopened: 4 }

describe('scorecard', () => {
  it('computes the rates from counts (hand-computed)', () => {
    expect(scorecard(base)).toEqual({
      handled: 40,
      enough: true,
      onTimeShare: 0.75, // 30 / 40
      confirmedFixedRate: 0.25, // 10 / 40
      meanRating: 4, // 32 / 8
      ratings: 8,
      reopenRate: 0.1, // 4 / 40
    })
  })

  it('shows only the count below the minimum n (the ranking minimum)', () => {
    const s = scorecard({ ...base, handled: 29 })
    expect(s).toMatchObject({ handled: 29, enough: false, onTimeShare: null, confirmedFixedRate: null, meanRating: null, ratings: 0, reopenRate: null })
    expect(scorecard({ ...base, handled: 30 }).enough).toBe(true)
  })

  it('has no mean rating without ratings', () => {
    expect(scorecard({ ...base, ratings: 0, ratingSum: 0, ratingHigh: 0 }).meanRating).toBeNull()
  })
})
