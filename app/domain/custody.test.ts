import { describe, expect, it } from 'vitest'
import { isInspectorateOnly, mayTransferTo, reporterVisibleToHolder, UNIT_KINDS, type CustodyFacts, type UnitKind } from './custody'

const report = (overrides: Partial<CustodyFacts> = {}): CustodyFacts => ({ isMisconduct: false, privacy: 'public', unitKind: 'dinas', ...overrides })
const OTHER_KINDS = UNIT_KINDS.filter((k) => k !== 'inspektorat')

describe('misconduct custody', () => {
  it('a misconduct report moves only to Inspektorat units, wherever it is now', () => {
    for (const unitKind of UNIT_KINDS) {
      for (const privacy of ['public', 'anonymous', 'confidential'] as const) {
        const r = report({ isMisconduct: true, privacy, unitKind })
        expect(mayTransferTo(r, { kind: 'inspektorat' })).toBe(true)
        for (const kind of OTHER_KINDS) expect(mayTransferTo(r, { kind }), `${unitKind} → ${kind}`).toBe(false)
      }
    }
  })

  it('a confidential report held by the Inspektorat stays there', () => {
    const r = report({ privacy: 'confidential', unitKind: 'inspektorat' })
    expect(isInspectorateOnly(r)).toBe(true)
    expect(mayTransferTo(r, { kind: 'inspektorat' })).toBe(true)
    for (const kind of OTHER_KINDS) expect(mayTransferTo(r, { kind })).toBe(false)
  })

  it('ordinary reports move freely, including confidential ones outside the Inspektorat and public ones in it', () => {
    const cases: CustodyFacts[] = [
      report(),
      report({ privacy: 'confidential', unitKind: 'triage_desk' }),
      report({ privacy: 'public', unitKind: 'inspektorat' }),
      report({ privacy: 'anonymous', unitKind: 'inspektorat' }),
    ]
    for (const r of cases) {
      expect(isInspectorateOnly(r)).toBe(false)
      for (const kind of UNIT_KINDS as readonly UnitKind[]) expect(mayTransferTo(r, { kind })).toBe(true)
    }
  })
})

describe('reporter identity', () => {
  it('anonymous reports hide the reporter from every unit', () => {
    for (const unitKind of UNIT_KINDS) {
      expect(reporterVisibleToHolder(report({ privacy: 'anonymous', unitKind }))).toBe(false)
      expect(reporterVisibleToHolder(report({ privacy: 'anonymous', unitKind, isMisconduct: true }))).toBe(false)
    }
  })

  it('misconduct reporters are visible only to the Inspektorat', () => {
    expect(reporterVisibleToHolder(report({ isMisconduct: true, privacy: 'confidential', unitKind: 'inspektorat' }))).toBe(true)
    for (const unitKind of OTHER_KINDS) expect(reporterVisibleToHolder(report({ isMisconduct: true, privacy: 'confidential', unitKind }))).toBe(false)
  })

  it('other public and confidential reports show the reporter to the unit holding them', () => {
    for (const unitKind of UNIT_KINDS) {
      expect(reporterVisibleToHolder(report({ privacy: 'public', unitKind }))).toBe(true)
      expect(reporterVisibleToHolder(report({ privacy: 'confidential', unitKind }))).toBe(true)
    }
  })
})
