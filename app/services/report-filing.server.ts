// Filing a citizen report end to end: the kelurahan and point checked against each
// other (domain/report-location), photos re-encoded and stored, then one transaction
// for the report, its event, contact and attachments. Stored photos are removed again
// if anything fails or if the submit was a replay. Outcomes the citizen can fix come
// back as reasons.
import type { Point } from '~/domain/geo'
import { decideLocation, type LocationChoice } from '~/domain/report-location'
import { takeStashedPhotos } from '~/models/photo-stash.server'
import { findKelurahanAt } from '~/models/reference.server'
import { fileReport, findResubmitted, ReportInputError, submissionIdentity, type FiledReport, type NewReportInput } from '~/models/report.server'
import { listNearbyOpenReports, type NearbyReport } from '~/models/support.server'
import { getDb } from '~/utils/db.server'
import { deletePhotos, PhotoError, storePhoto, type StoredPhoto } from '~/utils/photos.server'

export type FilingRequest = Omit<NewReportInput, 'areaId' | 'lat' | 'lng' | 'photos'> & {
  areaId: number | undefined
  point: Point | null
  /** The answer to "which kelurahan is right?" after a mismatch. */
  locationChoice?: LocationChoice | undefined
  files: File[]
  /** Photos kept from a refused submit of the same browser (see services/photo-stash). */
  stashed?: { owner: string | null; keys: string[] }
  /** Set once the citizen saw the nearby reports ("Tetap kirim laporan baru"): file without asking again. */
  confirmNew?: boolean
}

export type FilingOutcome =
  | { ok: true; filed: FiledReport }
  | { ok: false; field: 'areaId'; reason: 'location_mismatch'; chosenAreaId: number; locatedAreaId: number }
  /** Open public reports of the same category nearby: the citizen may support one instead (ADR 022). */
  | { ok: false; reason: 'nearby'; nearby: NearbyReport[]; byArea: boolean }
  | {
      ok: false
      field: 'areaId' | 'categoryId' | 'photos'
      reason: 'location_outside' | 'unknown_kelurahan' | 'unknown_category' | 'photo_unreadable' | 'photo_too_many_pixels' | 'photo_busy'
    }

const PHOTO_REASONS = { not_an_image: 'photo_unreadable', too_many_pixels: 'photo_too_many_pixels', busy: 'photo_busy' } as const

export async function submitReport({
  point: givenPoint,
  files,
  areaId: chosenAreaId,
  locationChoice,
  stashed,
  confirmNew,
  ...rest
}: FilingRequest): Promise<FilingOutcome> {
  const db = await getDb()
  const located = givenPoint ? await findKelurahanAt(db, rest.jurisdiction.id, givenPoint) : null
  const location = decideLocation({ chosenAreaId, point: givenPoint, locatedAreaId: located?.id ?? null, choice: locationChoice })
  if (!location.ok) {
    if (location.reason === 'mismatch') {
      return { ok: false, field: 'areaId', reason: 'location_mismatch', chosenAreaId: location.chosenAreaId, locatedAreaId: location.locatedAreaId }
    }
    // 'no_location' cannot pass the form's schema; answered like an unknown kelurahan.
    return { ok: false, field: 'areaId', reason: location.reason === 'outside' ? 'location_outside' : 'unknown_kelurahan' }
  }
  const { areaId, point } = location

  const photos: StoredPhoto[] = []
  let fromStash: StoredPhoto[] = []
  const discard = () => deletePhotos(photos.map((p) => p.storageKey))
  try {
    for (const file of files) photos.push(await storePhoto(file))
    // After the photos (their problems are answered first), before anything is written.
    // A resend of what this browser already filed (double submit, no-JS Back) goes on to land on that report.
    const identity = submissionIdentity({ ...rest, areaId, lat: point?.lat ?? null, lng: point?.lng ?? null })
    if (!confirmNew && !(await findResubmitted(db, rest, identity))) {
      const nearby = await listNearbyOpenReports(db, {
        jurisdictionId: rest.jurisdiction.id,
        categoryId: rest.categoryId,
        point,
        areaId: point ? null : areaId,
      })
      if (nearby.length) {
        // The form comes back with the photos kept through the stash (the route), not these copies.
        await discard()
        return { ok: false, reason: 'nearby', nearby, byArea: point === null }
      }
    }
    const filed = await db.transaction().execute(async (trx) => {
      // Taken out of the stash in the same transaction that attaches them.
      fromStash = stashed?.owner ? await takeStashedPhotos(trx, stashed.owner, stashed.keys, rest.now) : []
      return fileReport(trx, { ...rest, areaId, lat: point?.lat ?? null, lng: point?.lng ?? null, photos: [...fromStash, ...photos] })
    })
    // A replayed submit already has its photos: drop this copy (and the stashed ones it took).
    if (filed.replayed) await deletePhotos([...photos, ...fromStash].map((p) => p.storageKey))
    return { ok: true, filed }
  } catch (error) {
    await discard()
    if (error instanceof PhotoError) return { ok: false, field: 'photos', reason: PHOTO_REASONS[error.reason] }
    if (error instanceof ReportInputError && error.field !== 'toUnitId') {
      return error.field === 'categoryId'
        ? { ok: false, field: 'categoryId', reason: 'unknown_category' }
        : { ok: false, field: 'areaId', reason: 'unknown_kelurahan' }
    }
    throw error
  }
}
