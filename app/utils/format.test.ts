import { describe, expect, it } from 'vitest'
import { formatHours } from './format'

describe('formatHours', () => {
  it.each([
    [null, '–'],
    [Number.NaN, '–'],
    [0, '0,0 jam'],
    [0.04, '0,0 jam'],
    [3.5, '3,5 jam'],
    [9.94, '9,9 jam'],
    // Rounds up past the one-decimal range: whole hours from then on.
    [9.96, '10 jam'],
    [23.4, '23 jam'],
    // Rounds up to a whole day, never "24 jam".
    [23.6, '1 hari'],
    [24, '1 hari'],
    [24.4, '1 hari'],
    [24.6, '1 hari 1 jam'],
    [47.4, '1 hari 23 jam'],
    // Was "1 hari 24 jam".
    [47.6, '2 hari'],
    [48, '2 hari'],
    // Was "7 hari 24 jam".
    [191.7, '8 hari'],
    [175.5, '7 hari 8 jam'],
  ])('%s hours → %s (id)', (hours, text) => {
    expect(formatHours(hours, 'id')).toBe(text)
  })

  it('uses English units in English', () => {
    expect(formatHours(3.5, 'en')).toBe('3.5 h')
    expect(formatHours(47.6, 'en')).toBe('2 d')
    expect(formatHours(50, 'en')).toBe('2 d 2 h')
  })

  it('never prints 24 hours next to a day count, for any tenth of an hour up to 30 days', () => {
    for (let tenths = 0; tenths <= 30 * 24 * 10; tenths++) {
      const text = formatHours(tenths / 10, 'id')
      expect(text, `${tenths / 10} h`).not.toMatch(/(^|\D)24 jam/)
    }
  })
})
