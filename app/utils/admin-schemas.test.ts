import { describe, expect, it } from 'vitest'
import { id as t } from '~/i18n/id'
import { parseForm } from './parse-form'
import { categorySchema, holidaySchema, routingSchema } from './admin-schemas'

const form = (fields: Record<string, string>) => new URLSearchParams(fields)
const category = {
  code: 'lampu_taman',
  groupCode: 'infrastruktur',
  nameId: 'Lampu taman',
  nameEn: 'Park light',
  descriptionId: 'Lampu taman mati.',
  descriptionEn: 'A park light is out.',
  privacyRule: 'citizen_choice',
  responseTarget: '24',
  responseClock: 'calendar_hours',
  resolutionTarget: '5',
  resolutionClock: 'working_days',
}

describe('admin forms', () => {
  it('working-day targets are whole; calendar hours may be fractions', () => {
    const bad = parseForm(form({ ...category, resolutionTarget: '2.5' }), categorySchema(t, true), t)
    expect(bad.error?.resolutionTarget).toEqual([t.adminRef.wholeDays])
    expect(parseForm(form({ ...category, responseTarget: '0.5' }), categorySchema(t, true), t).status).toBe('success')
  })

  it('an emergency category needs advice in both languages', () => {
    const result = parseForm(form({ ...category, isEmergency: 'on', emergencyAdviceId: 'Jauhi lokasi.' }), categorySchema(t, true), t)
    expect(result.error?.emergencyAdviceEn).toEqual([t.adminRef.adviceRequired])
    expect(result.error?.emergencyAdviceId).toBeUndefined()
  })

  it('a new category needs a well-formed code; an edit ignores one', () => {
    expect(parseForm(form({ ...category, code: 'Lampu Taman' }), categorySchema(t, true), t).error?.code).toEqual([t.adminRef.codeFormat])
    expect(parseForm(form({ ...category, code: 'Lampu Taman' }), categorySchema(t, false), t).status).toBe('success')
  })

  it('a kelurahan or kecamatan rule needs its area', () => {
    const result = parseForm(form({ intent: 'save', categoryId: '1', scope: 'kecamatan', unitId: '2' }), routingSchema(t), t)
    expect(result.error?.areaId).toEqual([t.adminRef.areaRequired])
    expect(parseForm(form({ intent: 'save', categoryId: '1', scope: 'jurisdiction', unitId: '2' }), routingSchema(t), t).status).toBe('success')
  })

  it('a holiday date is a real date', () => {
    const result = parseForm(form({ intent: 'save', date: '2027-02-29', name: 'X', kind: 'local' }), holidaySchema(t), t)
    expect(result.error?.date).toEqual([t.adminRef.dateInvalid])
  })
})
