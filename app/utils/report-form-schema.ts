// The report form's schema (/lapor), in a module of its own so that the browser loads it —
// with zod and Conform's zod adapter — only after the page is interactive (issue 8 §7: the
// first load stays within budget). The server imports it statically and builds one schema per
// language (not one per request). Client-safe.
import { z } from 'zod'
import { isInIndonesia } from '~/domain/geo'
import type { PhoneCheck } from '~/domain/phone'
import { checkPhoneShape } from '~/domain/phone-shape'
import { LOCATION_CHOICES } from '~/domain/report-location'
import { PRIVACY_LEVELS } from '~/domain/vocabulary'
import { getDictionary, type Dictionary, type Locale } from '~/i18n'
import { parseForm } from './parse-form'
import { isAcceptedPhotoType, MAX_PHOTOS, TOO_LARGE } from './photo-rules'
import { dbId } from './schemas'

const PRIVACY = PRIVACY_LEVELS
const LOCATION_FIELDS = ['areaId', 'lat', 'lng']

/** `checkPhone`: the full check on the server, only the shape in the browser (bundle size). */
export function reportFormSchema(t: Dictionary, checkPhone: (value: string) => PhoneCheck) {
  return z
    .object({
      categoryId: dbId(t.validation.categoryRequired),
      // Optional when a location point is given: the kelurahan is then derived from it.
      areaId: dbId(t.validation.kelurahanRequired).optional(),
      // Range-checked in the refinement below, whose message shows at the kelurahan field.
      lat: z.number({ error: t.validation.locationInvalid }).optional(),
      lng: z.number({ error: t.validation.locationInvalid }).optional(),
      // Only sent after the form asked which kelurahan is right (point vs. chosen).
      locationChoice: z.enum(LOCATION_CHOICES).optional(),
      description: z.string({ error: t.validation.required }).trim().min(10, t.validation.descriptionTooShort).max(2000, t.validation.descriptionTooLong),
      address: z.string().trim().max(300, t.validation.addressTooLong).optional(),
      name: z.string().trim().max(120, t.validation.nameTooLong).optional(),
      email: z.email({ error: t.validation.email }).max(254, t.validation.email).optional(),
      phone: z
        .string()
        .optional()
        .transform((value, ctx) => {
          if (value === undefined) return undefined
          const phone = checkPhone(value)
          if (!phone.ok) ctx.addIssue({ code: 'custom', message: phone.reason === 'landline' ? t.validation.phoneLandline : t.validation.phone })
          return phone.ok ? phone.e164 : undefined
        }),
      privacy: z.enum(PRIVACY, { error: t.validation.privacy }),
      idempotencyKey: z.string().min(8).max(100).optional(),
      // "Tetap kirim laporan baru": the citizen saw the nearby reports and files anyway.
      confirmNew: z.enum(['1']).optional(),
      photos: z
        .array(z.union([z.instanceof(File), z.string()]))
        .max(MAX_PHOTOS, t.validation.tooManyPhotos)
        .optional()
        .superRefine((items, ctx) => {
          for (const item of items ?? []) {
            if (typeof item === 'string') ctx.addIssue({ code: 'custom', message: item === TOO_LARGE ? t.validation.photoTooLarge : t.validation.photoType })
            else if (!isAcceptedPhotoType(item.type)) ctx.addIssue({ code: 'custom', message: t.validation.photoType })
          }
        }),
    })
    .superRefine(
      (v, ctx) => {
        const hasPoint = v.lat !== undefined && v.lng !== undefined
        if ((v.lat === undefined) !== (v.lng === undefined) || (hasPoint && !isInIndonesia({ lat: v.lat!, lng: v.lng! }))) {
          ctx.addIssue({ code: 'custom', path: ['areaId'], message: t.validation.locationInvalid })
        } else if (v.areaId === undefined && !hasPoint) {
          ctx.addIssue({ code: 'custom', path: ['areaId'], message: t.validation.kelurahanRequired })
        }
      },
      // Run even when other fields are invalid, so every message shows at once; but
      // only when the location fields themselves parsed.
      { when: (payload) => payload.issues.every((issue) => !LOCATION_FIELDS.includes(String(issue.path?.[0]))) },
    )
}

export type ReportFormInput = z.input<ReturnType<typeof reportFormSchema>>

const cached = new Map<string, ReturnType<typeof reportFormSchema>>()

/** The schema for this language and phone check, built once (the server's is the full libphonenumber check). */
export function reportFormSchemaFor(locale: Locale, checkPhone: (value: string) => PhoneCheck, variant: 'server' | 'browser') {
  const key = `${locale}:${variant}`
  let schema = cached.get(key)
  if (!schema) cached.set(key, (schema = reportFormSchema(getDictionary(locale), checkPhone)))
  return schema
}

/** The browser's check while typing: the phone's shape only (libphonenumber stays on the server). */
export type ReportFormSubmission = ReturnType<typeof validateReportForm>

export function validateReportForm(formData: FormData, locale: Locale) {
  return parseForm(formData, reportFormSchemaFor(locale, checkPhoneShape, 'browser'), getDictionary(locale))
}
