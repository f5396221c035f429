import { describe, expect, it } from 'vitest'
import {
  TRUST_WEIGHTS,
  backlogBand,
  demand,
  equitySpread,
  outOfRemitExcess,
  rankUnits,
  reportGamingFlags,
  responsibleUnit,
  satisfaction,
  share,
  timeliness,
  trustComponents,
  trustIndex,
} from './metric-figures'

const t = (iso: string) => new Date(iso)
const now = t('2026-03-10T12:00:00Z')

describe('share', () => {
  it('is null (an empty cell) when nothing was counted', () => {
    expect(share(3, 4)).toBe(0.75)
    expect(share(0, 0)).toBeNull()
  })
})

describe('timeliness against the report’s own target', () => {
  const due = t('2026-03-10T10:00:00Z')
  it('exactly at the due time is on time; a millisecond later is late', () => {
    expect(timeliness({ doneAt: due, dueAt: due, dismissed: false, now })).toBe('on_time')
    expect(timeliness({ doneAt: new Date(due.getTime() + 1), dueAt: due, dismissed: false, now })).toBe('late')
  })
  it('open: late only once the due time has strictly passed; dismissed are excluded', () => {
    expect(timeliness({ doneAt: null, dueAt: due, dismissed: false, now })).toBe('late')
    expect(timeliness({ doneAt: null, dueAt: now, dismissed: false, now })).toBe('pending')
    expect(timeliness({ doneAt: null, dueAt: due, dismissed: true, now })).toBe('excluded')
    // done before being dismissed still counts
    expect(timeliness({ doneAt: due, dueAt: due, dismissed: true, now })).toBe('on_time')
  })
})

describe('backlog age bands', () => {
  it.each([
    [0, 'lt_1d'],
    [23.99, 'lt_1d'],
    [24, 'd1_3'],
    [71.9, 'd1_3'],
    [72, 'd3_7'],
    [168, 'd7_30'],
    [719.9, 'd7_30'],
    [720, 'gt_30d'],
    [5000, 'gt_30d'],
  ] as const)('%s h -> %s', (hours, band) => {
    expect(backlogBand(hours)).toBe(band)
  })
})

describe('demand and satisfaction', () => {
  it('demand = reports + supporters', () => {
    expect(demand(120, 45)).toBe(165)
  })
  it('mean with n and the share rated 4-5 (ratings 5,4,4,2,1: sum 16, 3 high)', () => {
    expect(satisfaction(16, 5, 3)).toEqual({ mean: 3.2, n: 5, highShare: 0.6 })
    expect(satisfaction(0, 0, 0)).toEqual({ mean: null, n: 0, highShare: null })
  })
})

describe('trust index', () => {
  it('weights sum to 1', () => {
    expect(Object.values(TRUST_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
  })
  it('hand-computed case', () => {
    const c = trustComponents({
      onTimeResponse: 0.9,
      onTimeResolution: 0.7, // responsiveness 0.8
      confirmedFixedRate: 0.6,
      reopenRate: 0.2, // reliability (0.6 + 0.8) / 2 = 0.7
      flaggedShare: 0.1,
      misconductOnTime: 0.5, // integrity (0.9 + 0.5) / 2 = 0.7
      publicUpdateShare: 0.4, // openness 0.4
      meanRating: 4, // (4 - 1) / 4 = 0.75
      ikm: 85, // (85 - 25) / 75 = 0.8 -> satisfaction 0.775
    })
    expect(c.responsiveness).toBeCloseTo(0.8, 12)
    expect(c.reliability).toBeCloseTo(0.7, 12)
    expect(c.integrity).toBeCloseTo(0.7, 12)
    expect(c.openness).toBe(0.4)
    expect(c.satisfaction).toBeCloseTo(0.775, 12)
    // 100 * (0.3*0.8 + 0.25*0.7 + 0.15*0.7 + 0.1*0.4 + 0.2*0.775) = 100 * 0.715 = 71.5
    expect(trustIndex(c)).toBe(71.5)
  })
  it('spreads the weight of a missing component pro rata; null with no data', () => {
    // only responsiveness 0.8 and openness 0.4: (0.3*0.8 + 0.1*0.4) / 0.4 = 0.7 -> 70
    expect(trustIndex({ responsiveness: 0.8, reliability: null, integrity: null, openness: 0.4, satisfaction: null })).toBe(70)
    expect(trustIndex({ responsiveness: null, reliability: null, integrity: null, openness: null, satisfaction: null })).toBeNull()
  })
})

describe('fair ranking', () => {
  it('ranks on on-time shares only with n >= minimum; ties share a rank', () => {
    const ranked = rankUnits(
      [
        { key: 'dlh', reports: 40, onTimeResponse: 0.9, onTimeResolution: 0.7 }, // 0.8
        { key: 'pu', reports: 500, onTimeResponse: 0.6, onTimeResolution: 0.8 }, // 0.7
        { key: 'bpbd', reports: 29, onTimeResponse: 1, onTimeResolution: 1 }, // too few
        { key: 'dishub', reports: 30, onTimeResponse: 0.8, onTimeResolution: null }, // 0.8
        { key: 'kosong', reports: 35, onTimeResponse: null, onTimeResolution: null },
      ],
      30,
    )
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([
      ['dlh', 1],
      ['dishub', 1],
      ['pu', 3],
      ['kosong', null],
      ['bpbd', null],
    ])
  })

  it('attributes the response to the unit holding the report when it was due', () => {
    const created = { initialUnitId: 1, responseDueAt: t('2026-03-02T00:00:00Z') }
    const transfers = [
      { at: t('2026-03-01T10:00:00Z'), toUnitId: 2 },
      { at: t('2026-03-03T00:00:00Z'), toUnitId: 3 },
    ]
    // late response: the unit at the due time (2), not the unit that finally answered (3)
    expect(responsibleUnit({ ...created, transfers, firstResponseAt: t('2026-03-04T00:00:00Z') })).toBe(2)
    // never answered: same
    expect(responsibleUnit({ ...created, transfers, firstResponseAt: null })).toBe(2)
    // answered on time by the first unit before any transfer
    expect(responsibleUnit({ ...created, transfers, firstResponseAt: t('2026-03-01T09:00:00Z') })).toBe(1)
    // a transfer exactly at the due time: the receiver holds it
    expect(responsibleUnit({ ...created, transfers: [{ at: created.responseDueAt, toUnitId: 9 }], firstResponseAt: null })).toBe(9)
  })
})

describe('equity spread', () => {
  it('best and worst area among those with enough reports', () => {
    const rows = [
      { key: 'klojen', reports: 50, value: 20 },
      { key: 'kedungkandang', reports: 40, value: 55.5 },
      { key: 'lowokwaru', reports: 10, value: 200 }, // too few
      { key: 'sukun', reports: 60, value: null },
    ]
    expect(equitySpread(rows, 'lower', 30)).toEqual({ best: rows[0], worst: rows[1], spread: 35.5 })
    expect(equitySpread(rows, 'higher', 30)?.best.key).toBe('kedungkandang')
    expect(equitySpread(rows.slice(0, 1), 'lower', 30)).toBeNull()
  })
})

describe('anti-gaming flags', () => {
  const base = { createdAt: t('2026-03-01T00:00:00Z'), publicUpdates: 0, afterPhotos: 0, reopenedByReporter: false, firstResponseStatusOnly: false }
  it('fast close: resolved within 5 minutes with no public update and no photo', () => {
    expect(reportGamingFlags({ ...base, resolvedAt: t('2026-03-01T00:05:00Z') })).toEqual(['fast_close'])
    expect(reportGamingFlags({ ...base, resolvedAt: t('2026-03-01T00:05:01Z') })).toEqual([])
    expect(reportGamingFlags({ ...base, resolvedAt: t('2026-03-01T00:01:00Z'), afterPhotos: 1 })).toEqual([])
    expect(reportGamingFlags({ ...base, resolvedAt: t('2026-03-01T00:01:00Z'), publicUpdates: 1 })).toEqual([])
  })
  it('reopened by the reporter and status-only responses', () => {
    expect(reportGamingFlags({ ...base, resolvedAt: null, reopenedByReporter: true, firstResponseStatusOnly: true })).toEqual([
      'reopened_by_reporter',
      'status_only_response',
    ])
  })
  it('out-of-remit excess: > usual + 2 standard errors, n >= 10', () => {
    // usual 0.1, n 100: se = 0.03, threshold 0.16. 17/100 flagged, 16/100 not.
    expect(outOfRemitExcess(17, 100, 0.1)).toBe(true)
    expect(outOfRemitExcess(16, 100, 0.1)).toBe(false)
    expect(outOfRemitExcess(9, 9, 0.1)).toBe(false)
    expect(outOfRemitExcess(1, 10, 0)).toBe(true)
  })
})
