import { describe, expect, it } from 'vitest'
import { canRateResolution, currentResolutionNumber } from './resolution'

describe('resolutions', () => {
  it('are numbered from 1, one more per reopen', () => {
    expect(currentResolutionNumber(0)).toBe(1)
    expect(currentResolutionNumber(2)).toBe(3)
  })

  it('each resolution can be rated once, only while resolved', () => {
    expect(canRateResolution({ status: 'resolved', reopenCount: 0 }, [])).toBe(true)
    expect(canRateResolution({ status: 'resolved', reopenCount: 0 }, [1])).toBe(false)
    // Reopened after rating 1 "not fixed", resolved again: the second fix can be rated.
    expect(canRateResolution({ status: 'resolved', reopenCount: 1 }, [1])).toBe(true)
    expect(canRateResolution({ status: 'in_progress', reopenCount: 1 }, [1])).toBe(false)
    expect(canRateResolution({ status: 'closed', reopenCount: 1 }, [1, 2])).toBe(false)
  })
})
