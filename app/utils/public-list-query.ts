// The query string of /laporan, shared by the list, its map points and its CSV, so all
// three filter alike. Plain GET parameters (Indonesian names, like ?halaman= elsewhere).
import { z } from 'zod'
import { PUBLIC_LIST_PERIODS, PUBLIC_LIST_SORTS, PUBLIC_LIST_STATUSES } from '~/domain/vocabulary'
import type { Dictionary } from '~/i18n'
import type { PublicListFilter } from '~/models/public-report.server'
import { parseForm } from './parse-form'
import { dbId } from './schemas'

export function publicListSchema(t: Dictionary) {
  const bad = t.publicList.invalidFilter
  return z.object({
    kategori: dbId(bad).optional(),
    // A kecamatan ("kec-12") or one kelurahan ("kel-34") in one select.
    wilayah: z
      .string({ error: bad })
      .regex(/^(kec|kel)-\d{1,9}$/, bad)
      .optional(),
    status: z.enum(PUBLIC_LIST_STATUSES, { error: bad }).optional(),
    periode: z.enum(PUBLIC_LIST_PERIODS, { error: bad }).optional(),
    terlambat: z.boolean({ error: bad }).optional(),
    urut: z.enum(PUBLIC_LIST_SORTS, { error: bad }).default('newest'),
    halaman: z.number({ error: bad }).int(bad).min(1, bad).max(100_000, bad).default(1),
  })
}

export type PublicListQuery = z.infer<ReturnType<typeof publicListSchema>>

/**
 * Parses the URL's query. A value that is not one of the choices is refused with a
 * message beside its field; the list then shows every report (never a 5xx).
 */
export function parsePublicListQuery(url: URL, t: Dictionary) {
  const submission = parseForm(url.searchParams, publicListSchema(t), t)
  const query: PublicListQuery = submission.status === 'success' ? submission.value : { urut: 'newest', halaman: 1 }
  return { submission, query, valid: submission.status === 'success' }
}

export function toPublicFilter(query: PublicListQuery, jurisdictionId: number, now: Date): PublicListFilter {
  const [level, id] = query.wilayah ? (query.wilayah.split('-') as ['kec' | 'kel', string]) : [null, null]
  return {
    jurisdictionId,
    now,
    categoryId: query.kategori,
    kecamatanId: level === 'kec' ? Number(id) : undefined,
    kelurahanId: level === 'kel' ? Number(id) : undefined,
    status: query.status,
    periodDays: query.periode ? Number(query.periode) : undefined,
    overdue: query.terlambat ?? false,
  }
}
