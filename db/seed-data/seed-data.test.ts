import { describe, it, expect } from 'vitest'
import { areasFor, geometryArea } from './areas'
import type { SeedArea } from './areas'
import { SEED_CATEGORIES, routingRulesFor } from './categories'
import { DEMO_STAFF } from './demo-staff'
import { NATIONAL_HOLIDAYS } from './holidays'
import { SEED_JURISDICTIONS } from './jurisdictions'
import type { SeedJurisdictionCode } from './jurisdictions'
import { unitsFor } from './units'
import { WILAYAH_ROWS } from './wilayah'

const EXPECTED_COUNTS: Record<SeedJurisdictionCode, { kecamatan: number; kelurahan: number }> = {
  '35.73': { kecamatan: 5, kelurahan: 57 },
  '35.77': { kecamatan: 3, kelurahan: 27 },
}

const CODES: SeedJurisdictionCode[] = ['35.73', '35.77']

function byLevel(areas: SeedArea[], level: SeedArea['level']): SeedArea[] {
  return areas.filter((a) => a.level === level)
}

describe('jurisdictions', () => {
  it('has Kota Malang and Kota Madiun with unique slugs, codes and prefixes', () => {
    expect(SEED_JURISDICTIONS.map((j) => j.code)).toEqual(CODES)
    for (const field of ['slug', 'code', 'open311Id', 'codePrefix'] as const) {
      expect(new Set(SEED_JURISDICTIONS.map((j) => j[field])).size).toBe(SEED_JURISDICTIONS.length)
    }
    for (const j of SEED_JURISDICTIONS) {
      expect(WILAYAH_ROWS.find((row) => row.code === j.code)?.name).toBe(j.name)
    }
  })
})

describe.each(CODES)('areas of %s', (code) => {
  const areas = areasFor(code)
  const kecamatan = byLevel(areas, 'kecamatan')
  const kelurahan = byLevel(areas, 'kelurahan')

  it('has the expected kecamatan and kelurahan counts', () => {
    expect(kecamatan).toHaveLength(EXPECTED_COUNTS[code].kecamatan)
    expect(kelurahan).toHaveLength(EXPECTED_COUNTS[code].kelurahan)
    expect(areas).toHaveLength(kecamatan.length + kelurahan.length)
  })

  it('lists kecamatan first, then kelurahan', () => {
    const firstKelurahan = areas.findIndex((a) => a.level === 'kelurahan')
    expect(areas.slice(0, firstKelurahan).every((a) => a.level === 'kecamatan')).toBe(true)
    expect(areas.slice(firstKelurahan).every((a) => a.level === 'kelurahan')).toBe(true)
  })

  it('has unique, well-formed codes', () => {
    expect(new Set(areas.map((a) => a.code)).size).toBe(areas.length)
    for (const k of kecamatan) {
      expect(k.code).toMatch(/^35\.(73|77)\.\d{2}$/)
      expect(k.code.startsWith(`${code}.`)).toBe(true)
      expect(k.parentCode).toBeNull()
    }
    for (const k of kelurahan) {
      expect(k.code).toMatch(/^35\.(73|77)\.\d{2}\.\d{4}$/)
      expect(k.code.startsWith(`${code}.`)).toBe(true)
    }
  })

  it("links every kelurahan to an existing kecamatan that is its code's prefix", () => {
    const kecamatanCodes = new Set(kecamatan.map((k) => k.code))
    for (const k of kelurahan) {
      expect(k.parentCode).not.toBeNull()
      expect(kecamatanCodes.has(k.parentCode ?? '')).toBe(true)
      expect(k.code.slice(0, 8)).toBe(k.parentCode)
    }
    for (const k of kecamatan) {
      expect(kelurahan.some((child) => child.parentCode === k.code)).toBe(true)
    }
  })

  it('uses the Kemendagri names and covers every Kemendagri kelurahan', () => {
    const rows = WILAYAH_ROWS.filter((row) => row.code.startsWith(`${code}.`))
    for (const area of areas) {
      expect(rows.find((row) => row.code === area.code)?.name).toBe(area.name)
    }
    expect(rows.filter((row) => row.level === 'desa_kelurahan')).toHaveLength(kelurahan.length)
  })

  it('has valid geometry and centroids inside the city bounding box', () => {
    const lats = kelurahan.map((k) => k.centroid.lat)
    const lngs = kelurahan.map((k) => k.centroid.lng)
    const box = {
      minLat: Math.min(...lats) - 0.05,
      maxLat: Math.max(...lats) + 0.05,
      minLng: Math.min(...lngs) - 0.05,
      maxLng: Math.max(...lngs) + 0.05,
    }
    for (const area of areas) {
      expect(geometryArea(area.polygon)).toBeGreaterThan(0)
      expect(area.centroid.lat).toBeGreaterThan(-9)
      expect(area.centroid.lat).toBeLessThan(-7)
      expect(area.centroid.lng).toBeGreaterThan(111)
      expect(area.centroid.lng).toBeLessThan(113)
      expect(area.centroid.lat).toBeGreaterThanOrEqual(box.minLat)
      expect(area.centroid.lat).toBeLessThanOrEqual(box.maxLat)
      expect(area.centroid.lng).toBeGreaterThanOrEqual(box.minLng)
      expect(area.centroid.lng).toBeLessThanOrEqual(box.maxLng)
    }
    for (const k of kecamatan) {
      expect(k.polygon.type).toBe('MultiPolygon')
      const childArea = kelurahan.filter((child) => child.parentCode === k.code).reduce((sum, child) => sum + geometryArea(child.polygon), 0)
      expect(geometryArea(k.polygon)).toBeCloseTo(childArea, 12)
    }
  })
})

describe.each(CODES)('units of %s', (code) => {
  const units = unitsFor(code)
  const keys = new Set(units.map((u) => u.key))

  it('has unique lower-kebab keys and existing parents listed first', () => {
    expect(keys.size).toBe(units.length)
    units.forEach((unit, index) => {
      expect(unit.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      if (unit.parentKey !== null) {
        const parentIndex = units.findIndex((u) => u.key === unit.parentKey)
        expect(parentIndex).toBeGreaterThanOrEqual(0)
        expect(parentIndex).toBeLessThan(index)
      }
    })
  })

  it('has the shared keys used by categories and one office per kecamatan', () => {
    for (const key of [
      'dpuprpkp',
      'dpuprpkp-pju',
      'dpuprpkp-bina-marga',
      'dlh',
      'bpbd',
      'dishub',
      'dispendukcapil',
      'satpol-pp',
      'damkar',
      'diskominfo',
      'inspektorat',
    ]) {
      expect(keys.has(key)).toBe(true)
    }
    expect(units.filter((u) => u.kind === 'kecamatan')).toHaveLength(EXPECTED_COUNTS[code].kecamatan)
    expect(units.filter((u) => u.kind === 'triage_desk').map((u) => u.key)).toEqual(['diskominfo'])
    expect(units.filter((u) => u.kind === 'inspektorat').map((u) => u.key)).toEqual(['inspektorat'])
  })
})

describe('categories', () => {
  it('has unique lower_snake codes and the expected set', () => {
    const codes = SEED_CATEGORIES.map((c) => c.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const c of codes) expect(c).toMatch(/^[a-z]+(_[a-z]+)*$/)
    expect([...codes].sort()).toEqual(
      [
        'banjir_genangan',
        'drainase_tersumbat',
        'jalan_rusak',
        'kebakaran',
        'ketertiban_umum',
        'lainnya',
        'layanan_adminduk',
        'parkir_liar',
        'perilaku_asn',
        'pju',
        'pohon_rawan',
        'pohon_tumbang',
        'rambu_marka',
        'sampah_menumpuk',
      ].sort(),
    )
  })

  it.each(CODES)('points every defaultUnitKey at a unit of %s', (code) => {
    const keys = new Set(unitsFor(code).map((u) => u.key))
    for (const c of SEED_CATEGORIES) expect(keys.has(c.defaultUnitKey), `${c.code} -> ${c.defaultUnitKey}`).toBe(true)
  })

  it('gives emergency categories advice and calendar-hour clocks, and others neither', () => {
    for (const c of SEED_CATEGORIES) {
      if (c.isEmergency) {
        expect(c.emergencyAdviceId).toMatch(/112/)
        expect(c.emergencyAdviceEn).toMatch(/112/)
        expect(c.responseClock).toBe('calendar_hours')
        expect(c.resolutionClock).toBe('calendar_hours')
      } else {
        expect(c.emergencyAdviceId).toBeNull()
        expect(c.emergencyAdviceEn).toBeNull()
      }
      expect(c.responseTarget).toBeGreaterThan(0)
      expect(c.resolutionTarget).toBeGreaterThanOrEqual(c.responseTarget)
      expect(c.descriptionId.length).toBeGreaterThan(20)
      expect(c.descriptionEn.length).toBeGreaterThan(20)
      expect(c.keywords.length).toBeGreaterThan(0)
    }
  })

  it('uses the agreed targets', () => {
    const get = (code: string) => {
      const c = SEED_CATEGORIES.find((x) => x.code === code)
      if (c === undefined) throw new Error(code)
      return c
    }
    expect(get('kebakaran').emergencyAdviceId).toBe('Hubungi 112 atau Damkar 113 sekarang juga; laporan ini tidak menggantikan panggilan darurat.')
    expect([get('pohon_tumbang').responseTarget, get('pohon_tumbang').resolutionTarget]).toEqual([1, 6])
    expect([get('banjir_genangan').responseTarget, get('banjir_genangan').resolutionTarget]).toEqual([2, 24])
    expect([get('kebakaran').responseTarget, get('kebakaran').resolutionTarget]).toEqual([1, 4])
    expect(get('jalan_rusak').resolutionTarget).toBe(14)
    expect(get('perilaku_asn').resolutionTarget).toBe(14)
    expect(get('perilaku_asn').privacyRule).toBe('always_confidential')
    for (const c of SEED_CATEGORIES.filter((x) => !x.isEmergency)) {
      expect(c.responseClock).toBe('working_days')
      expect(c.resolutionClock).toBe('working_days')
      expect(c.responseTarget).toBe(3)
      if (!['jalan_rusak', 'perilaku_asn'].includes(c.code)) expect(c.resolutionTarget).toBe(5)
    }
    expect(SEED_CATEGORIES.filter((c) => c.privacyRule === 'always_confidential').map((c) => c.code)).toEqual(['perilaku_asn'])
    // Misconduct routing is its own flag (ADR 015), stated in the data rather than derived from the privacy rule.
    expect(SEED_CATEGORIES.filter((c) => c.isMisconduct).map((c) => c.code)).toEqual(['perilaku_asn'])
  })
})

describe.each(CODES)('routing rules of %s', (code) => {
  const rules = routingRulesFor(code)
  const unitKeys = new Set(unitsFor(code).map((u) => u.key))
  const areas = areasFor(code)
  const categoryCodes = new Set(SEED_CATEGORIES.map((c) => c.code))

  it('references existing categories, units and areas of the right level', () => {
    expect(rules.length).toBeGreaterThan(0)
    for (const rule of rules) {
      expect(categoryCodes.has(rule.categoryCode)).toBe(true)
      expect(unitKeys.has(rule.unitKey), `${rule.categoryCode} -> ${rule.unitKey}`).toBe(true)
      expect(rule.note.length).toBeGreaterThan(0)
      if (rule.scope === 'jurisdiction') {
        expect(rule.areaCode).toBeNull()
      } else {
        const area = areas.find((a) => a.code === rule.areaCode)
        expect(area, `${rule.categoryCode} @ ${rule.areaCode ?? 'null'}`).toBeDefined()
        expect(area?.level).toBe(rule.scope)
      }
    }
  })

  it('has no two rules for the same category, area and precedence', () => {
    const seen = new Set(rules.map((r) => `${r.categoryCode}|${r.scope}|${r.areaCode ?? ''}|${r.precedence}`))
    expect(seen.size).toBe(rules.length)
  })
})

describe('Kota Malang routing examples', () => {
  const rules = routingRulesFor('35.73')

  it('exercises all three scopes with increasing precedence', () => {
    const precedenceOf = (scope: string) => rules.filter((r) => r.scope === scope).map((r) => r.precedence)
    expect(precedenceOf('jurisdiction')).toContain(0)
    expect(Math.min(...precedenceOf('kecamatan'))).toBeGreaterThan(Math.max(...precedenceOf('jurisdiction')))
    expect(Math.min(...precedenceOf('kelurahan'))).toBeGreaterThan(Math.max(...precedenceOf('kecamatan')))
  })

  it('sends ketertiban_umum to each of the 5 kecamatan offices', () => {
    const tertib = rules.filter((r) => r.categoryCode === 'ketertiban_umum')
    expect(tertib).toHaveLength(5)
    expect(tertib.every((r) => r.scope === 'kecamatan' && r.unitKey.startsWith('kec-'))).toBe(true)
  })

  it('routes sampah_menumpuk in Klojen (35.73.02) to DLH', () => {
    expect(rules).toContainEqual(expect.objectContaining({ categoryCode: 'sampah_menumpuk', areaCode: '35.73.02', unitKey: 'dlh' }))
  })
})

describe('Kota Madiun routing', () => {
  it('has only jurisdiction-wide rules, one per category', () => {
    const rules = routingRulesFor('35.77')
    expect(rules.every((r) => r.scope === 'jurisdiction' && r.areaCode === null)).toBe(true)
    expect(rules).toHaveLength(SEED_CATEGORIES.length)
  })
})

describe('holidays', () => {
  const isValidDate = (iso: string): boolean => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false
    const d = new Date(`${iso}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso
  }

  it('has valid, unique dates in 2025 and 2026, sorted', () => {
    const dates = NATIONAL_HOLIDAYS.map((h) => h.date)
    for (const date of dates) {
      expect(isValidDate(date), date).toBe(true)
      expect(['2025', '2026']).toContain(date.slice(0, 4))
    }
    expect(new Set(dates).size).toBe(dates.length)
    expect([...dates].sort()).toEqual(dates)
    for (const h of NATIONAL_HOLIDAYS) expect(h.name.length).toBeGreaterThan(0)
  })

  it('has the listed 2026 cuti bersama days', () => {
    const cuti2026 = NATIONAL_HOLIDAYS.filter((h) => h.kind === 'cuti_bersama' && h.date.startsWith('2026-')).map((h) => h.date)
    expect(cuti2026).toEqual(['2026-02-16', '2026-03-18', '2026-03-20', '2026-03-23', '2026-03-24', '2026-05-15', '2026-05-28', '2026-12-24'])
  })

  it('has 17 national holidays per year and 11 cuti bersama days in 2025', () => {
    const count = (year: string, kind: string) => NATIONAL_HOLIDAYS.filter((h) => h.date.startsWith(year) && h.kind === kind).length
    expect(count('2025', 'national')).toBe(17)
    expect(count('2026', 'national')).toBe(17)
    expect(count('2025', 'cuti_bersama')).toBe(11)
  })
})

describe('demo staff', () => {
  it('has unique emails and unit keys that exist in their jurisdiction', () => {
    expect(new Set(DEMO_STAFF.map((s) => s.email)).size).toBe(DEMO_STAFF.length)
    for (const staff of DEMO_STAFF) {
      if (staff.unitKey !== null) {
        expect(
          unitsFor(staff.jurisdictionCode).some((u) => u.key === staff.unitKey),
          staff.email,
        ).toBe(true)
      }
    }
    expect(
      DEMO_STAFF.filter((s) => s.role === 'admin')
        .map((s) => s.jurisdictionCode)
        .sort(),
    ).toEqual(['35.73', '35.77'])
  })
})
