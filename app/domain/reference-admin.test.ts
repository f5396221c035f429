import { describe, expect, it } from 'vitest'
import { decidingRule, isIsoDate, parseHolidayCsv, ROUTING_ORDER, triageFallThrough, unitTree, wouldCreateCycle } from './reference-admin'
import { routeReport, type RoutingInput } from './routing'

const units = [
  { id: 1, parentId: null, name: 'Dinas A' },
  { id: 2, parentId: 1, name: 'Bidang B' },
  { id: 3, parentId: 2, name: 'Seksi C' },
  { id: 4, parentId: null, name: 'Badan D' },
]

describe('unit tree', () => {
  it('refuses a parent that is the unit itself or one of its descendants', () => {
    expect(wouldCreateCycle(units, 1, 1)).toBe(true)
    expect(wouldCreateCycle(units, 1, 3)).toBe(true)
    expect(wouldCreateCycle(units, 2, 3)).toBe(true)
    expect(wouldCreateCycle(units, 3, 4)).toBe(false)
    expect(wouldCreateCycle(units, 3, null)).toBe(false)
  })

  it('stops on a cycle already in the data', () => {
    expect(
      wouldCreateCycle(
        [
          { id: 5, parentId: 6 },
          { id: 6, parentId: 5 },
        ],
        1,
        5,
      ),
    ).toBe(true)
  })

  it('orders parents before children, by name, with depth', () => {
    expect(unitTree(units).map((u) => [u.id, u.depth])).toEqual([
      [4, 0],
      [1, 0],
      [2, 1],
      [3, 2],
    ])
  })
})

const base = (over: Partial<RoutingInput> = {}): RoutingInput => ({
  category: { id: 7, defaultUnitId: null, privacyRule: 'citizen_choice', isMisconduct: false },
  kelurahan: { id: 101, kecamatanId: 10 },
  rules: [],
  triageUnitId: 1,
  inspectorateUnitId: 99,
  ...over,
})

describe('routing explanation', () => {
  it('lists the reasons in the order the router tries them', () => {
    const rules = [
      { id: 1, categoryId: 7, scope: 'jurisdiction' as const, areaId: null, unitId: 13, precedence: 0 },
      { id: 2, categoryId: 7, scope: 'kecamatan' as const, areaId: 10, unitId: 12, precedence: 0 },
      { id: 3, categoryId: 7, scope: 'kelurahan' as const, areaId: 101, unitId: 11, precedence: 0 },
    ]
    // Remove the winning source one by one: the next reason is the next one in ROUTING_ORDER.
    const seen = [
      routeReport(base({ category: { ...base().category, isMisconduct: true }, rules })).reason,
      routeReport(base({ rules })).reason,
      routeReport(base({ rules: rules.slice(0, 2) })).reason,
      routeReport(base({ rules: rules.slice(0, 1) })).reason,
      routeReport(base({ category: { ...base().category, defaultUnitId: 50 } })).reason,
      routeReport(base()).reason,
    ]
    expect(seen).toEqual([...ROUTING_ORDER])
  })

  it('names the deciding rule with the router tie-break', () => {
    const rules = [
      { id: 5, categoryId: 7, scope: 'kelurahan' as const, areaId: 101, unitId: 11, precedence: 0 },
      { id: 4, categoryId: 7, scope: 'kelurahan' as const, areaId: 101, unitId: 12, precedence: 0 },
      { id: 3, categoryId: 7, scope: 'kelurahan' as const, areaId: 102, unitId: 14, precedence: 9 },
    ]
    const input = base({ rules })
    const result = routeReport(input)
    expect(decidingRule(input, result)?.id).toBe(4)
    expect(result.unitId).toBe(12)
    expect(decidingRule(base(), routeReport(base()))).toBeNull()
  })

  it('counts the kelurahan that fall through to triage', () => {
    const rules = [{ id: 1, categoryId: 7, scope: 'kecamatan' as const, areaId: 10, unitId: 12, precedence: 0 }]
    const { kelurahan, ...rest } = base({ rules })
    void kelurahan
    expect(
      triageFallThrough(rest, [
        { id: 101, kecamatanId: 10 },
        { id: 201, kecamatanId: 20 },
      ]),
    ).toEqual({ kelurahan: 1, total: 2 })
  })
})

describe('holiday CSV', () => {
  it('reads lines with a header, commas in names and quotes', () => {
    const { rows, errors } = parseHolidayCsv('date,name,kind\r\n2027-01-01,Tahun Baru 2027 Masehi,national\n\n2027-05-20,"Hari jadi, Kota",local\n')
    expect(errors).toEqual([])
    expect(rows).toEqual([
      { line: 2, date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'national' },
      { line: 4, date: '2027-05-20', name: 'Hari jadi, Kota', kind: 'local' },
    ])
  })

  it('reports every bad line by number', () => {
    const { errors } = parseHolidayCsv(
      '2027-02-30,Salah,national\n2027-03-01,,national\n2027-03-02,Libur,regional\nhanya-satu-kolom\n2027-01-01,A,national\n2027-01-01,B,cuti_bersama',
    )
    expect(errors).toEqual([
      { line: 1, problem: 'date' },
      { line: 2, problem: 'name' },
      { line: 3, problem: 'kind' },
      { line: 4, problem: 'columns' },
      { line: 6, problem: 'duplicate' },
    ])
  })

  it('checks real dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true)
    expect(isIsoDate('2027-02-29')).toBe(false)
    expect(isIsoDate('27-02-01')).toBe(false)
  })
})
