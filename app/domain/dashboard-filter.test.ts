import { describe, expect, it } from 'vitest'
import { delta, filterParams, isPartialWeek, parseDashboardFilter, periodLength, previousPeriod } from './dashboard-filter'

const parse = (q: string) => parseDashboardFilter(new URLSearchParams(q), '2026-11-23')

describe('parseDashboardFilter', () => {
  it('defaults to the last 90 days through today', () => {
    const { filter, invalid } = parse('')
    expect(filter).toEqual({ from: '2026-08-26', to: '2026-11-23', unitId: null, unitExact: false, categoryId: null, kecamatanId: null })
    expect(periodLength(filter.from, filter.to)).toBe(90)
    expect(invalid).toEqual([])
  })

  it('reads custom dates and ids', () => {
    const { filter, invalid } = parse('dari=2026-01-01&sampai=2026-01-31&unit=4&kategori=12&kecamatan=7')
    expect(filter).toEqual({ from: '2026-01-01', to: '2026-01-31', unitId: 4, unitExact: false, categoryId: 12, kecamatanId: 7 })
    expect(invalid).toEqual([])
  })

  it('rejects impossible dates, reversed ranges and bad ids, falling back to defaults', () => {
    expect(parse('dari=2026-02-30').invalid).toEqual(['dari'])
    expect(parse('sampai=23-11-2026').invalid).toEqual(['sampai'])
    const reversed = parse('dari=2026-11-01&sampai=2026-10-01')
    expect(reversed.invalid).toEqual(['dari'])
    expect(reversed.filter.from).toBe('2026-07-04')
    expect(parse('unit=abc&kategori=0&kecamatan=-1').invalid).toEqual(['unit', 'kategori', 'kecamatan'])
    expect(parse('unit=99999999999').filter.unitId).toBeNull()
    expect(parse('dari=2020-01-01').invalid).toEqual(['dari'])
  })

  it('caps the end at today', () => {
    expect(parse('dari=2026-11-01&sampai=2027-01-01').filter).toMatchObject({ from: '2026-11-01', to: '2026-11-23' })
  })
})

describe('previous period and deltas', () => {
  it('is the same length, ending the day before', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-01-29', to: '2026-02-28' })
    expect(previousPeriod({ from: '2026-11-23', to: '2026-11-23' })).toEqual({ from: '2026-11-22', to: '2026-11-22' })
  })

  it('gives the difference and the relative change', () => {
    expect(delta(15, 10)).toEqual({ diff: 5, relative: 0.5 })
    expect(delta(3, 0)).toEqual({ diff: 3, relative: null })
    expect(delta(null, 4)).toBeNull()
  })

  it('keeps only the set filters in links', () => {
    expect(filterParams({ from: '2026-01-01', to: '2026-01-31', unitId: 3, unitExact: true, categoryId: null, kecamatanId: null }).toString()).toBe(
      'dari=2026-01-01&sampai=2026-01-31&unit=3&sub=0',
    )
  })
})

describe('isPartialWeek', () => {
  it('marks only the week that contains today', () => {
    expect(isPartialWeek('2026-11-23', '2026-11-23')).toBe(true)
    expect(isPartialWeek('2026-11-23', '2026-11-29')).toBe(true)
    expect(isPartialWeek('2026-11-16', '2026-11-23')).toBe(false)
  })
})
