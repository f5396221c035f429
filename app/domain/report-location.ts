// Which kelurahan and point a report is filed with. A stored point must lie in the
// jurisdiction and in the stored kelurahan: when the point lies in another kelurahan
// than the one chosen, the reporter is asked which is right, and the answer either
// takes the point's kelurahan or drops the point.
import type { Point } from './geo'

/** The reporter's answer to "the point is in another kelurahan: which is right?" */
export const LOCATION_CHOICES = ['point', 'area'] as const
export type LocationChoice = (typeof LOCATION_CHOICES)[number]

export type LocationDecision =
  | { ok: true; areaId: number; point: Point | null }
  | { ok: false; reason: 'no_location' | 'outside' }
  | { ok: false; reason: 'mismatch'; chosenAreaId: number; locatedAreaId: number }

/**
 * @param locatedAreaId the kelurahan (of this jurisdiction) containing `point`, or
 *   null when the point lies outside all of them; ignored without a point.
 */
export function decideLocation(input: {
  chosenAreaId: number | undefined
  point: Point | null
  locatedAreaId: number | null
  choice: LocationChoice | undefined
}): LocationDecision {
  const { chosenAreaId, point, locatedAreaId, choice } = input
  if (!point) return chosenAreaId === undefined ? { ok: false, reason: 'no_location' } : { ok: true, areaId: chosenAreaId, point: null }
  if (locatedAreaId === null) return { ok: false, reason: 'outside' }
  if (chosenAreaId === undefined || chosenAreaId === locatedAreaId || choice === 'point') return { ok: true, areaId: locatedAreaId, point }
  if (choice === 'area') return { ok: true, areaId: chosenAreaId, point: null }
  return { ok: false, reason: 'mismatch', chosenAreaId, locatedAreaId }
}
