import { describe, expect, it } from 'vitest'
import {
  categoryCodeFor,
  codePrefixCandidates,
  externalMediaUrl,
  importDescription,
  importTrackingCode,
  parseOpen311Date,
  parseOpen311Record,
  unitKeyFor,
} from './open311-record'
import { normalizeTrackingCode } from './tracking-code'

const boston = {
  service_request_id: '101000001849',
  status: 'closed',
  status_notes: 'Case Closed.',
  service_name: 'Abandoned Vehicle',
  service_code: '4f389210e75084437f0001de',
  requested_datetime: '2008-10-06T11:25:57-04:00',
  updated_datetime: '2008-10-21T10:04:30-04:00',
  address: '25 Sheridan St, Jamaica Plain',
  lat: 42.3213700003328,
  long: -71.10861000017475,
}

describe('parseOpen311Record', () => {
  it('maps a closed Boston record: closing time is updated_datetime', () => {
    const p = parseOpen311Record(boston)
    if (!p.ok) throw new Error(p.reason)
    expect(p.record).toMatchObject({
      open311Id: '101000001849',
      status: 'closed',
      serviceCode: '4f389210e75084437f0001de',
      agency: null,
      lat: 42.3213700003328,
      lng: -71.10861000017475,
    })
    expect(p.record.requestedAt.toISOString()).toBe('2008-10-06T15:25:57.000Z')
    expect(p.record.closedAt?.toISOString()).toBe('2008-10-21T14:04:30.000Z')
    // No description: the service name and address stand in.
    expect(p.record.description).toBe('Abandoned Vehicle — 25 Sheridan St, Jamaica Plain')
  })

  it('prefers closed_datetime when a server gives one', () => {
    const p = parseOpen311Record({ ...boston, closed_datetime: '2008-10-07T00:00:00Z' })
    expect(p.ok && p.record.closedAt?.toISOString()).toBe('2008-10-07T00:00:00.000Z')
  })

  it('keeps a 0-hour close and an open record without closing time', () => {
    const zero = parseOpen311Record({ ...boston, updated_datetime: boston.requested_datetime })
    expect(zero.ok && zero.record.closedAt?.getTime()).toBe(Date.parse(boston.requested_datetime))
    const open = parseOpen311Record({ ...boston, status: 'open', updated_datetime: undefined })
    expect(open.ok && open.record.closedAt).toBeNull()
    expect(open.ok && open.record.updatedAt.toISOString()).toBe('2008-10-06T15:25:57.000Z')
  })

  it.each([
    [{ ...boston, requested_datetime: undefined }, 'missing or invalid requested_datetime'],
    [{ ...boston, requested_datetime: 'yesterday' }, 'missing or invalid requested_datetime'],
    [{ ...boston, updated_datetime: '2008-10-01T00:00:00Z' }, 'negative duration: closed before requested_datetime'],
    [{ ...boston, updated_datetime: null }, 'closed without updated_datetime (no closing time)'],
    [{ ...boston, status: 'pending' }, 'status must be open or closed, got "pending"'],
    [{ ...boston, service_request_id: '' }, 'missing service_request_id'],
    [{ ...boston, service_code: null }, 'missing service_code'],
    [[1, 2], 'not a JSON object'],
    [null, 'not a JSON object'],
  ])('refuses %j: %s', (raw, reason) => {
    expect(parseOpen311Record(raw)).toEqual({ ok: false, reason })
  })

  it('drops impossible or filler coordinates', () => {
    for (const [lat, long] of [
      [0, 0],
      [91, 10],
      ['x', 10],
      [null, 10],
    ]) {
      const p = parseOpen311Record({ ...boston, lat, long })
      expect(p.ok && [p.record.lat, p.record.lng]).toEqual([null, null])
    }
    const s = parseOpen311Record({ ...boston, lat: '42.5', long: '-71.1' })
    expect(s.ok && [s.record.lat, s.record.lng]).toEqual([42.5, -71.1])
  })
})

describe('status_notes and media_url', () => {
  it('keeps status_notes (trimmed, at most 5000 characters) and only absolute http(s) media URLs', () => {
    const p = parseOpen311Record({ ...boston, status_notes: `  ${'x'.repeat(6000)} `, media_url: 'https://311.example.org/a.jpg' })
    if (!p.ok) throw new Error(p.reason)
    expect(p.record.statusNotes).toHaveLength(5000)
    expect(p.record.mediaUrl).toBe('https://311.example.org/a.jpg')
    const none = parseOpen311Record({ ...boston, status_notes: '  ' })
    expect(none.ok && [none.record.statusNotes, none.record.mediaUrl]).toEqual([null, null])
    for (const bad of ['javascript:alert(1)', '/foto/a.jpg', 'ftp://x.org/a.jpg', 'not a url', `https://x.org/${'a'.repeat(2000)}`, 42])
      expect(externalMediaUrl(bad)).toBeNull()
    expect(externalMediaUrl('http://x.org/a.jpg')).toBe('http://x.org/a.jpg')
  })
})

describe('importDescription', () => {
  it('keeps a long enough description, falls back otherwise, never under 10 or over 5000 chars', () => {
    expect(importDescription({ description: 'Pothole on the corner', serviceName: 'X', address: null, open311Id: '1' })).toBe('Pothole on the corner')
    expect(importDescription({ description: 'bad', serviceName: 'Other', address: null, open311Id: '77' })).toBe('bad — Other')
    expect(importDescription({ description: null, serviceName: 'Other', address: null, open311Id: '77' })).toBe('Other (Open311 77)')
    expect(importDescription({ description: 'x'.repeat(6000), serviceName: 'X', address: null, open311Id: '1' })).toHaveLength(5000)
  })
})

describe('codes', () => {
  it('keeps a fitting service_code, maps a foreign one deterministically', () => {
    expect(categoryCodeFor('street_light', 'Street light')).toBe('street_light')
    // Boston's codes are lower-case hex: they fit and are kept.
    expect(categoryCodeFor('4f389210e75084437f0001de', 'Abandoned Vehicle')).toBe('4f389210e75084437f0001de')
    const c = categoryCodeFor('AV-01', 'Abandoned Vehicle')
    expect(c).toMatch(/^abandoned_vehicle_[0-9a-f]{8}$/)
    expect(categoryCodeFor('AV-01', 'Abandoned Vehicle')).toBe(c)
    expect(categoryCodeFor('AV-02', 'Abandoned Vehicle')).not.toBe(c)
    expect(categoryCodeFor('X', '¡¡')).toMatch(/^service_[0-9a-f]{8}$/)
    expect(categoryCodeFor('Y', 'a'.repeat(100))).toMatch(/^[a-z0-9_]{2,60}$/)
  })

  it('unit keys fit units.key', () => {
    expect(unitKeyFor('Public Works Department')).toMatch(/^public-works-department-[0-9a-f]{8}$/)
    expect(unitKeyFor('—')).toMatch(/^agency-[0-9a-f]{8}$/)
  })

  it('prefix candidates fit the CHECK and start readable', () => {
    const c = codePrefixCandidates('boston-import')
    expect(c.slice(0, 3)).toEqual(['BOS', 'BOST', 'BOSTO'])
    for (const p of c) expect(p).toMatch(/^[A-Z]{2,5}$/)
    expect(codePrefixCandidates('42').length).toBeGreaterThan(10)
  })

  it('tracking codes are valid, stable per id and attempt, and differ otherwise', () => {
    const a = importTrackingCode('BOS', '101000001849', 0)
    expect(normalizeTrackingCode(a)).toBe(a)
    expect(importTrackingCode('BOS', '101000001849', 0)).toBe(a)
    expect(importTrackingCode('BOS', '101000001849', 1)).not.toBe(a)
    expect(importTrackingCode('BOS', '101000001850', 0)).not.toBe(a)
  })

  it('parses W3C dates with offsets and refuses others', () => {
    expect(parseOpen311Date('2020-04-01T12:00:00+07:00')?.toISOString()).toBe('2020-04-01T05:00:00.000Z')
    expect(parseOpen311Date('2020-02-30T12:00:00Z')).toBeNull()
    expect(parseOpen311Date(1585742400)).toBeNull()
  })
})
