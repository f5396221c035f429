import { describe, expect, it } from 'vitest'
import { localDateString } from './local-date'

describe('localDateString', () => {
  it('is the date in the zone, not in UTC', () => {
    expect(localDateString(new Date('2026-03-01T16:59:59Z'), 'Asia/Jakarta')).toBe('2026-03-01')
    expect(localDateString(new Date('2026-03-01T17:00:00Z'), 'Asia/Jakarta')).toBe('2026-03-02')
    expect(localDateString(new Date('2026-03-02T03:00:00Z'), 'America/New_York')).toBe('2026-03-01')
  })
})
