// Which open report may be named the original of a duplicate (ADR 018). Pure.
// Nearby means: the same category and, when both have a point, within 250 m; when
// either has none, the same kelurahan. A confidential report is never an original:
// the duplicate's public page links to it.
import { distanceMeters, DUPLICATE_RADIUS_M, type Point } from './geo'
import { isOneOf, OPEN_STATUSES, type Privacy, type ReportStatus } from './vocabulary'

export interface DuplicateFacts {
  id: number
  jurisdictionId: number
  categoryId: number
  areaId: number | null
  lat: number | null
  lng: number | null
  status: ReportStatus
  privacy: Privacy
}

export type OriginalRefusal = 'self' | 'not_open' | 'other_category' | 'confidential' | 'not_nearby'

const pointOf = (r: DuplicateFacts): Point | null => (r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null)

export function isNearby(a: DuplicateFacts, b: DuplicateFacts): boolean {
  const pa = pointOf(a)
  const pb = pointOf(b)
  if (pa && pb) return distanceMeters(pa, pb) <= DUPLICATE_RADIUS_M
  return a.areaId !== null && a.areaId === b.areaId
}

/** Why `original` cannot be the original of `duplicate`, or null when it can. */
export function originalRefusal(duplicate: DuplicateFacts, original: DuplicateFacts): OriginalRefusal | null {
  if (original.id === duplicate.id) return 'self'
  if (original.jurisdictionId !== duplicate.jurisdictionId || !isOneOf(OPEN_STATUSES, original.status)) return 'not_open'
  if (original.categoryId !== duplicate.categoryId) return 'other_category'
  if (original.privacy === 'confidential') return 'confidential'
  if (!isNearby(duplicate, original)) return 'not_nearby'
  return null
}
