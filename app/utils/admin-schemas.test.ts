import { describe, expect, it } from 'vitest'
import { id as t } from '~/i18n/id'
import { parseForm } from './parse-form'
import { categorySchema, holidaySchema, routingSchema } from './admin-schemas'

const form = (fields: Record<string, string>) => new URLSearchParams(fields)
/** The field errors of a parse (none after a success). */
const errorsOf = (submission: { reply(): { error?: Record<string, string[] | null> | null } }) => submission.reply().error ?? {}
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
    expect(errorsOf(bad).resolutionTarget).toEqual([t.adminRef.wholeDays])
    expect(parseForm(form({ ...category, responseTarget: '0.5' }), categorySchema(t, true), t).status).toBe('success')
  })

  it('an emergency category needs advice in both languages', () => {
    const result = parseForm(form({ ...category, isEmergency: 'on', emergencyAdviceId: 'Jauhi lokasi.' }), categorySchema(t, true), t)
    expect(errorsOf(result).emergencyAdviceEn).toEqual([t.adminRef.adviceRequired])
    expect(errorsOf(result).emergencyAdviceId).toBeUndefined()
  })

  it('a new category needs a well-formed code; an edit ignores one', () => {
    expect(errorsOf(parseForm(form({ ...category, code: 'Lampu Taman' }), categorySchema(t, true), t)).code).toEqual([t.adminRef.codeFormat])
    expect(parseForm(form({ ...category, code: 'Lampu Taman' }), categorySchema(t, false), t).status).toBe('success')
  })

  it('a kelurahan or kecamatan rule needs its area', () => {
    const result = parseForm(form({ intent: 'save', categoryId: '1', scope: 'kecamatan', unitId: '2' }), routingSchema(t), t)
    expect(errorsOf(result).areaId).toEqual([t.adminRef.areaRequired])
    expect(parseForm(form({ intent: 'save', categoryId: '1', scope: 'jurisdiction', unitId: '2' }), routingSchema(t), t).status).toBe('success')
  })

  it('a holiday date is a real date', () => {
    const result = parseForm(form({ intent: 'save', date: '2027-02-29', name: 'X', kind: 'local' }), holidaySchema(t), t)
    expect(errorsOf(result).date).toEqual([t.adminRef.dateInvalid])
  })
})
