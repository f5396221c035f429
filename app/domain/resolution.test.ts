import { describe, expect, it } from 'vitest'
import { canRateResolution, confirmationDeadline, currentResolutionNumber, isConfirmationWindowOpen } from './resolution'
import { makeCalendar } from './sla'

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

describe('the reporter confirmation window', () => {
  // Asia/Jakarta; 2026-12-25 (Christmas) is a holiday inside the window.
  const cal = makeCalendar('Asia/Jakarta', ['2026-12-24', '2026-12-25'])
  const resolvedAt = new Date('2026-12-18T03:00:00Z') // Friday 10:00 WIB

  it('ends at office closing time on the 10th working day, skipping weekends and holidays', () => {
    // Working days after Fri 18 Dec: 21,22,23,(24,25 holidays),28,29,30,31, Jan 1 is not a holiday here, 4, 5
    expect(confirmationDeadline(resolvedAt, cal).toISOString()).toBe('2027-01-05T09:00:00.000Z')
  })

  it('is open up to and including the deadline, closed after it', () => {
    const deadline = confirmationDeadline(resolvedAt, cal)
    expect(isConfirmationWindowOpen(resolvedAt, deadline, cal)).toBe(true)
    expect(isConfirmationWindowOpen(resolvedAt, new Date(deadline.getTime() + 1000), cal)).toBe(false)
  })
})
