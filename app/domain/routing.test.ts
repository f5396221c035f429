import { describe, it, expect } from 'vitest'
import { effectivePrivacy, routeReport, type RoutingInput, type RoutingRule } from './routing'

// Category 7 (jalan rusak), kelurahan 101 in kecamatan 10.
const CAT = 7
const KEL = { id: 101, kecamatanId: 10 }

function rule(p: Partial<RoutingRule> & Pick<RoutingRule, 'id' | 'scope' | 'unitId'>): RoutingRule {
  return { categoryId: CAT, areaId: null, precedence: 0, ...p }
}

function input(over: Partial<RoutingInput> = {}): RoutingInput {
  return {
    category: { id: CAT, defaultUnitId: 50, privacyRule: 'citizen_choice', isMisconduct: false },
    kelurahan: KEL,
    rules: [],
    triageUnitId: 1,
    inspectorateUnitId: 99,
    ...over,
  }
}

const kelRule = rule({ id: 1, scope: 'kelurahan', areaId: 101, unitId: 11 })
const kecRule = rule({ id: 2, scope: 'kecamatan', areaId: 10, unitId: 12 })
const jurRule = rule({ id: 3, scope: 'jurisdiction', unitId: 13 })

describe('routeReport precedence chain', () => {
  it('kelurahan rule beats kecamatan and jurisdiction rules', () => {
    expect(routeReport(input({ rules: [jurRule, kecRule, kelRule] }))).toEqual({
      unitId: 11,
      reason: 'kelurahan_rule',
    })
  })

  it('kecamatan rule beats jurisdiction rule', () => {
    expect(routeReport(input({ rules: [jurRule, kecRule] }))).toEqual({ unitId: 12, reason: 'kecamatan_rule' })
  })

  it('jurisdiction rule beats category default', () => {
    expect(routeReport(input({ rules: [jurRule] }))).toEqual({ unitId: 13, reason: 'jurisdiction_rule' })
  })

  it('falls back to category default unit, then triage desk', () => {
    expect(routeReport(input())).toEqual({ unitId: 50, reason: 'category_default' })
    const noDefault = input({
      category: { id: CAT, defaultUnitId: null, privacyRule: 'citizen_choice', isMisconduct: false },
    })
    expect(routeReport(noDefault)).toEqual({ unitId: 1, reason: 'triage' })
  })

  it('a more specific scope wins even with lower precedence', () => {
    const lowKel = { ...kelRule, precedence: -5 }
    const highKec = { ...kecRule, precedence: 100 }
    expect(routeReport(input({ rules: [highKec, lowKel] })).reason).toBe('kelurahan_rule')
  })
})

describe('ties within a scope', () => {
  it('higher precedence wins', () => {
    const a = rule({ id: 4, scope: 'kecamatan', areaId: 10, unitId: 21, precedence: 1 })
    const b = rule({ id: 5, scope: 'kecamatan', areaId: 10, unitId: 22, precedence: 2 })
    expect(routeReport(input({ rules: [a, b] })).unitId).toBe(22)
    expect(routeReport(input({ rules: [b, a] })).unitId).toBe(22)
  })

  it('equal precedence: lower id wins regardless of order', () => {
    const a = rule({ id: 9, scope: 'jurisdiction', unitId: 31, precedence: 3 })
    const b = rule({ id: 8, scope: 'jurisdiction', unitId: 32, precedence: 3 })
    expect(routeReport(input({ rules: [a, b] })).unitId).toBe(32)
    expect(routeReport(input({ rules: [b, a] })).unitId).toBe(32)
  })
})

describe('foreign rules are ignored', () => {
  it('rules for other categories or other areas do not match', () => {
    const rules = [
      rule({ id: 1, scope: 'kelurahan', areaId: 101, unitId: 40, categoryId: 8 }), // other category
      rule({ id: 2, scope: 'kelurahan', areaId: 102, unitId: 41 }), // other kelurahan
      rule({ id: 3, scope: 'kecamatan', areaId: 11, unitId: 42 }), // other kecamatan
      rule({ id: 4, scope: 'jurisdiction', unitId: 43, categoryId: 8 }), // other category
      rule({ id: 5, scope: 'kecamatan', areaId: 101, unitId: 44 }), // kelurahan id used as kecamatan id
    ]
    expect(routeReport(input({ rules }))).toEqual({ unitId: 50, reason: 'category_default' })
  })
})

describe('unknown location', () => {
  it('null kelurahan: area rules cannot match, jurisdiction rule still does', () => {
    const r = input({ kelurahan: null, rules: [kelRule, kecRule, jurRule] })
    expect(routeReport(r)).toEqual({ unitId: 13, reason: 'jurisdiction_rule' })
  })

  it('null kelurahan with only area rules falls to default', () => {
    expect(routeReport(input({ kelurahan: null, rules: [kelRule, kecRule] }))).toEqual({
      unitId: 50,
      reason: 'category_default',
    })
  })
})

describe('misconduct', () => {
  const misconduct = { id: CAT, defaultUnitId: 50, privacyRule: 'always_confidential' as const, isMisconduct: true }

  it('goes to the inspectorate regardless of rules', () => {
    expect(routeReport(input({ category: misconduct, rules: [kelRule] }))).toEqual({
      unitId: 99,
      reason: 'misconduct',
    })
  })

  it('without an inspectorate it follows the normal chain', () => {
    expect(routeReport(input({ category: misconduct, rules: [kelRule], inspectorateUnitId: null }))).toEqual({
      unitId: 11,
      reason: 'kelurahan_rule',
    })
  })
})

describe('effectivePrivacy', () => {
  it('citizen_choice keeps the request', () => {
    expect(effectivePrivacy('public', 'citizen_choice')).toBe('public')
    expect(effectivePrivacy('anonymous', 'citizen_choice')).toBe('anonymous')
    expect(effectivePrivacy('confidential', 'citizen_choice')).toBe('confidential')
  })

  it('always_confidential forces confidential', () => {
    expect(effectivePrivacy('public', 'always_confidential')).toBe('confidential')
    expect(effectivePrivacy('anonymous', 'always_confidential')).toBe('confidential')
  })
})
