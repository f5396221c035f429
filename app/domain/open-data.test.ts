import { describe, expect, it } from 'vitest'
import { OPEN_DATA_COLUMNS, fixed, parseStatsFile, parseStatsRange, toCsv, toJsonRecord, toOpenDataRecord, type OpenDataSource } from './open-data'

const source: OpenDataSource = {
  key: 'DLH',
  name: 'Dinas Lingkungan Hidup, "Kota"',
  reports: 120,
  supporters: 45,
  resolved: 100,
  medianHoursToFirstResponse: 1.005,
  p90HoursToFirstResponse: 12,
  medianHoursToResolution: 30.123456,
  p90HoursToResolution: null,
  onTimeResponseShare: 0.75,
  onTimeResolutionShare: 2 / 3,
  reopenRate: 0,
  meanRating: 4.2,
  ratings: 30,
  ikmScore: 79.63,
  ikmGrade: 'B',
  countsOnly: false,
}

describe('open-data contract', () => {
  it('has the columns of the issue, in order', () => {
    expect(OPEN_DATA_COLUMNS.join(',')).toBe(
      'key,name,reports,supporters,resolved,median_hours_to_first_response,p90_hours_to_first_response,median_hours_to_resolution,p90_hours_to_resolution,on_time_response_share,on_time_resolution_share,reopen_rate,mean_rating,ratings,ikm_score,ikm_grade',
    )
  })

  it('parses {dimension}.{format}; anything else is null (404)', () => {
    expect(parseStatsFile('unit.csv')).toEqual({ dimension: 'unit', format: 'csv' })
    expect(parseStatsFile('week.json')).toEqual({ dimension: 'week', format: 'json' })
    for (const bad of ['units.csv', 'unit.xml', 'unit', 'unit.csv.json', '../unit.csv', 'UNIT.csv', '']) expect(parseStatsFile(bad)).toBeNull()
  })

  it('parses the date range (inclusive), with defaults and 400s', () => {
    expect(parseStatsRange('2026-01-01', '2026-01-31', '2026-11-20')).toEqual({ from: '2026-01-01', to: '2026-01-31' })
    expect(parseStatsRange(null, null, '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' }) // 90 days
    expect(parseStatsRange('2026-02-01', '2026-02-01', 'x')).toEqual({ from: '2026-02-01', to: '2026-02-01' })
    expect(parseStatsRange('2026-02-30', '2026-03-01', '2026-11-20')).toEqual({ error: 'bad_date' })
    expect(parseStatsRange('2026-1-1', '2026-03-01', '2026-11-20')).toEqual({ error: 'bad_date' })
    expect(parseStatsRange('2026-03-02', '2026-03-01', '2026-11-20')).toEqual({ error: 'from_after_to' })
    expect(parseStatsRange('2000-01-01', '2026-03-01', '2026-11-20')).toEqual({ error: 'range_too_long' })
  })

  it('formats hours with 2 decimals, shares with 4, empty for no data', () => {
    const r = toOpenDataRecord(source)
    expect(r).toMatchObject({
      median_hours_to_first_response: '1.00', // 1.005 in binary is just below: toFixed rounds down
      p90_hours_to_first_response: '12.00',
      median_hours_to_resolution: '30.12',
      p90_hours_to_resolution: null,
      on_time_response_share: '0.7500',
      on_time_resolution_share: '0.6667',
      reopen_rate: '0.0000',
      mean_rating: '4.20',
      ikm_score: '79.63',
      ikm_grade: 'B',
    })
    expect(fixed(-0.0001, 2)).toBe('0.00')
    expect(fixed(Number.NaN, 2)).toBeNull()
  })

  it('shows counts only for misconduct and the Inspektorat', () => {
    const r = toOpenDataRecord({ ...source, countsOnly: true })
    expect(r).toMatchObject({ reports: 120, supporters: 45, resolved: 100, median_hours_to_resolution: null, ratings: null, ikm_grade: null })
  })

  it('writes RFC 4180 CSV and JSON numbers', () => {
    const csv = toCsv([toOpenDataRecord(source)])
    expect(csv.split('\r\n')[1]).toBe('DLH,"Dinas Lingkungan Hidup, ""Kota""",120,45,100,1.00,12.00,30.12,,0.7500,0.6667,0.0000,4.20,30,79.63,B')
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(toJsonRecord(toOpenDataRecord(source))).toMatchObject({
      reports: 120,
      median_hours_to_resolution: 30.12,
      on_time_resolution_share: 0.6667,
      p90_hours_to_resolution: null,
      ikm_grade: 'B',
      key: 'DLH',
    })
  })
})
