// The reference-administration forms (issue 7 §2), shared by the server action and the
// browser's validation. Messages come from the dictionary. Client-safe.
import { z } from 'zod'
import { HOLIDAY_NAME_MAX, isIsoDate } from '~/domain/reference-admin'
import { CLOCK_KINDS, HOLIDAY_KINDS, PRIVACY_RULES, ROUTING_SCOPES, UNIT_KINDS } from '~/domain/vocabulary'
import type { Dictionary } from '~/i18n'
import { dbId } from './schemas'

const text = (max: number, t: Dictionary) => z.string({ error: t.validation.required }).trim().min(1, t.validation.required).max(max, t.adminRef.tooLong)
const optionalText = (max: number, t: Dictionary) => z.string().trim().max(max, t.adminRef.tooLong).optional()
const id = (t: Dictionary) => dbId(t.validation.invalidValue)

export function unitFields(t: Dictionary) {
  return {
    name: text(150, t),
    shortName: text(40, t),
    kind: z.enum(UNIT_KINDS, { error: t.adminRef.chooseOne }),
    parentId: id(t).optional(),
  }
}

export const unitSchema = (t: Dictionary) => z.object(unitFields(t))

export function unitEditSchema(t: Dictionary) {
  return z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('update'), ...unitFields(t) }),
    z.object({ intent: z.literal('deactivate'), moveToUnitId: id(t).optional() }),
    z.object({ intent: z.literal('activate') }),
  ])
}

/** Targets up to a year of hours; working-day targets are whole days (a CHECK in the database too). */
const target = (t: Dictionary) => z.number({ error: t.adminRef.targetInvalid }).positive(t.adminRef.targetInvalid).max(8760, t.adminRef.targetInvalid)

export function categorySchema(t: Dictionary, isNew: boolean) {
  return z
    .object({
      // Set once: on an edit a posted code is ignored (the action never writes it).
      code: isNew
        ? z
            .string({ error: t.validation.required })
            .trim()
            .regex(/^[a-z0-9_]{2,60}$/, t.adminRef.codeFormat)
        : z.string().optional(),
      groupCode: z
        .string({ error: t.validation.required })
        .trim()
        .regex(/^[a-z0-9_]{1,40}$/, t.adminRef.codeFormat),
      icon: z.string().trim().max(16, t.adminRef.tooLong).optional(),
      nameId: text(120, t),
      nameEn: text(120, t),
      descriptionId: text(500, t),
      descriptionEn: text(500, t),
      defaultUnitId: id(t).optional(),
      privacyRule: z.enum(PRIVACY_RULES, { error: t.adminRef.chooseOne }),
      isMisconduct: z.boolean().optional(),
      isEmergency: z.boolean().optional(),
      emergencyAdviceId: optionalText(1000, t),
      emergencyAdviceEn: optionalText(1000, t),
      responseTarget: target(t),
      responseClock: z.enum(CLOCK_KINDS, { error: t.adminRef.chooseOne }),
      resolutionTarget: target(t),
      resolutionClock: z.enum(CLOCK_KINDS, { error: t.adminRef.chooseOne }),
      sortOrder: z.number({ error: t.validation.invalidValue }).int(t.validation.invalidValue).min(-10000).max(10000).optional(),
      active: z.boolean().optional(),
    })
    .superRefine((v, ctx) => {
      for (const [value, clock, path] of [
        [v.responseTarget, v.responseClock, 'responseTarget'],
        [v.resolutionTarget, v.resolutionClock, 'resolutionTarget'],
      ] as const) {
        if (clock === 'working_days' && !Number.isInteger(value)) ctx.addIssue({ code: 'custom', path: [path], message: t.adminRef.wholeDays })
      }
      if (v.isEmergency) {
        if (!v.emergencyAdviceId) ctx.addIssue({ code: 'custom', path: ['emergencyAdviceId'], message: t.adminRef.adviceRequired })
        if (!v.emergencyAdviceEn) ctx.addIssue({ code: 'custom', path: ['emergencyAdviceEn'], message: t.adminRef.adviceRequired })
      }
    })
}

export function routingSchema(t: Dictionary) {
  return z.discriminatedUnion('intent', [
    z
      .object({
        intent: z.literal('save'),
        id: id(t).optional(),
        categoryId: id(t),
        scope: z.enum(ROUTING_SCOPES, { error: t.adminRef.chooseOne }),
        areaId: id(t).optional(),
        unitId: dbId(t.validation.unitRequired),
        precedence: z.number({ error: t.validation.invalidValue }).int(t.validation.invalidValue).min(-1000).max(1000).optional(),
        note: optionalText(200, t),
      })
      .refine((v) => v.scope === 'jurisdiction' || v.areaId !== undefined, { path: ['areaId'], message: t.adminRef.areaRequired }),
    z.object({ intent: z.literal('delete'), id: id(t) }),
  ])
}

/** The routing preview is a GET form (it writes nothing): ?kategori=…&kelurahan=… */
export function routingPreviewSchema(t: Dictionary) {
  return z.object({ kategori: dbId(t.validation.categoryRequired), kelurahan: dbId(t.validation.kelurahanRequired) })
}

export function holidaySchema(t: Dictionary) {
  return z.discriminatedUnion('intent', [
    z.object({
      intent: z.literal('save'),
      id: id(t).optional(),
      date: z.string({ error: t.adminRef.dateInvalid }).trim().refine(isIsoDate, t.adminRef.dateInvalid),
      name: text(HOLIDAY_NAME_MAX, t),
      kind: z.enum(HOLIDAY_KINDS, { error: t.adminRef.chooseOne }),
    }),
    z.object({ intent: z.literal('delete'), id: id(t) }),
    z.object({ intent: z.literal('confirm'), id: id(t) }),
    z.object({ intent: z.literal('import'), csv: z.string({ error: t.validation.required }).min(1, t.validation.required).max(60_000, t.adminRef.tooLong) }),
  ])
}
