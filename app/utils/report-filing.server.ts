// Filing a citizen report end to end: the kelurahan from a location point when none
// was chosen, photos re-encoded and stored, then one transaction for the report, its
// event, contact and attachments. Stored photos are removed again if anything fails
// or if the submit was a replay. Outcomes the citizen can fix come back as reasons.
import type { Point } from '~/domain/geo'
import { findKelurahanAt } from '~/models/reference.server'
import { fileReport, ReportInputError, type FiledReport, type NewReportInput } from '~/models/report.server'
import { getDb } from './db.server'
import { deletePhotos, PhotoError, storePhoto, type StoredPhoto } from './photos.server'

export type FilingRequest = Omit<NewReportInput, 'areaId' | 'lat' | 'lng' | 'photos'> & {
  areaId: number | undefined
  point: Point | null
  files: File[]
}

export type FilingOutcome =
  | { ok: true; filed: FiledReport }
  | { ok: false; field: 'areaId' | 'categoryId' | 'photos'; reason: 'location_outside' | 'unknown_kelurahan' | 'unknown_category' | 'photo_unreadable' | 'photo_too_many_pixels' | 'photo_busy' }

const PHOTO_REASONS = { not_an_image: 'photo_unreadable', too_many_pixels: 'photo_too_many_pixels', busy: 'photo_busy' } as const

export async function submitReport({ point, files, areaId: chosenArea, ...rest }: FilingRequest): Promise<FilingOutcome> {
  const db = await getDb()
  const areaId = chosenArea ?? (point ? (await findKelurahanAt(db, rest.jurisdiction.id, point))?.id : undefined)
  if (areaId === undefined) return { ok: false, field: 'areaId', reason: 'location_outside' }

  const photos: StoredPhoto[] = []
  const discard = () => deletePhotos(photos.map((p) => p.storageKey))
  try {
    for (const file of files) photos.push(await storePhoto(file))
    const filed = await db.transaction().execute((trx) => fileReport(trx, { ...rest, areaId, lat: point?.lat ?? null, lng: point?.lng ?? null, photos }))
    // A replayed submit already has its photos: drop this copy.
    if (filed.replayed) await discard()
    return { ok: true, filed }
  } catch (error) {
    await discard()
    if (error instanceof PhotoError) return { ok: false, field: 'photos', reason: PHOTO_REASONS[error.reason] }
    if (error instanceof ReportInputError && error.field !== 'toUnitId') {
      return error.field === 'categoryId' ? { ok: false, field: 'categoryId', reason: 'unknown_category' } : { ok: false, field: 'areaId', reason: 'unknown_kelurahan' }
    }
    throw error
  }
}
