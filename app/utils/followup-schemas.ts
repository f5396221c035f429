// The reporter's follow-up forms on /laporan/{code} (ADR 027), parsed with messages in the
// user's language. Client-safe: no server imports.
import { z } from 'zod'
import type { Dictionary } from '~/i18n'
import { EVENT_VISIBILITIES, RATING_FIXED } from '~/domain/vocabulary'
import { isAcceptedPhotoType, MAX_PHOTOS, TOO_LARGE } from './photo-rules'

export const INFORMATION_MAX_CHARS = 2000
export const REASON_MAX_CHARS = 1000

/** Uploaded photos as readRequestForm hands them over (a too-large one arrives as TOO_LARGE). */
export function photoListSchema(t: Dictionary, max: number, tooMany: string) {
  return z
    .array(z.union([z.instanceof(File), z.string()]))
    .max(max, tooMany)
    .optional()
    .superRefine((items, ctx) => {
      for (const item of items ?? []) {
        if (typeof item === 'string') ctx.addIssue({ code: 'custom', message: item === TOO_LARGE ? t.validation.photoTooLarge : t.validation.photoType })
        else if (!isAcceptedPhotoType(item.type)) ctx.addIssue({ code: 'custom', message: t.validation.photoType })
      }
    })
}

export function informationSchema(t: Dictionary) {
  return z
    .object({
      intent: z.literal('information'),
      token: z.string().min(10),
      body: z.string().trim().max(INFORMATION_MAX_CHARS, t.followup.infoTooLong).optional(),
      visibility: z.enum(EVENT_VISIBILITIES, { error: t.followup.visibilityRequired }),
      photos: photoListSchema(t, MAX_PHOTOS, t.validation.tooManyPhotos),
    })
    .superRefine((v, ctx) => {
      // Text is required unless a photo says it.
      if (!v.body && !v.photos?.length) ctx.addIssue({ code: 'custom', path: ['body'], message: t.followup.infoRequired })
    })
}

export function ratingSchema(t: Dictionary) {
  return z
    .object({
      token: z.string().min(10),
      score: z.number({ error: t.validation.score }).int().min(1, t.validation.score).max(5, t.validation.score),
      fixed: z.enum(RATING_FIXED, { error: t.validation.fixed }),
      comment: z.string().trim().max(1000, t.validation.commentTooLong).optional(),
      reason: z.string().trim().max(REASON_MAX_CHARS, t.followup.reasonTooLong).optional(),
      photos: photoListSchema(t, 1, t.followup.onePhoto),
    })
    .superRefine((v, ctx) => {
      // "Belum beres" reopens the report for the unit: it needs to say what is still wrong.
      if (v.fixed === 'no' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: t.followup.reasonRequired })
    })
}
