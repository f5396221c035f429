import { describe, expect, it } from 'vitest'
import { decideLocation } from './report-location'

const point = { lat: -7.98, lng: 112.63 }

describe('decideLocation', () => {
  it('a chosen kelurahan without a point, or a point picking the kelurahan', () => {
    expect(decideLocation({ chosenAreaId: 5, point: null, locatedAreaId: null, choice: undefined })).toEqual({ ok: true, areaId: 5, point: null })
    expect(decideLocation({ chosenAreaId: undefined, point, locatedAreaId: 7, choice: undefined })).toEqual({ ok: true, areaId: 7, point })
    expect(decideLocation({ chosenAreaId: 7, point, locatedAreaId: 7, choice: undefined })).toEqual({ ok: true, areaId: 7, point })
    expect(decideLocation({ chosenAreaId: undefined, point: null, locatedAreaId: null, choice: undefined })).toEqual({ ok: false, reason: 'no_location' })
  })

  it('a point outside the jurisdiction is refused, whatever was chosen', () => {
    expect(decideLocation({ chosenAreaId: 5, point, locatedAreaId: null, choice: undefined })).toEqual({ ok: false, reason: 'outside' })
    expect(decideLocation({ chosenAreaId: 5, point, locatedAreaId: null, choice: 'area' })).toEqual({ ok: false, reason: 'outside' })
  })

  it('a point in another kelurahan asks which is right; the answer never keeps a contradicting pair', () => {
    expect(decideLocation({ chosenAreaId: 5, point, locatedAreaId: 7, choice: undefined })).toEqual({
      ok: false,
      reason: 'mismatch',
      chosenAreaId: 5,
      locatedAreaId: 7,
    })
    expect(decideLocation({ chosenAreaId: 5, point, locatedAreaId: 7, choice: 'point' })).toEqual({ ok: true, areaId: 7, point })
    expect(decideLocation({ chosenAreaId: 5, point, locatedAreaId: 7, choice: 'area' })).toEqual({ ok: true, areaId: 5, point: null })
  })
})
