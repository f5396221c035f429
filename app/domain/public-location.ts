// What a public page may say about where a report is. An exact point filed from home
// identifies its reporter, so the public sees it rounded to about 100 m, and an
// anonymous (or confidential) report shows no point at all, only its kelurahan.
// Staff pages read the exact point from the database directly.
import type { Point } from './geo'

/** Decimal places kept on public pages: 0.001° is about 110 m of latitude. */
export const PUBLIC_COORDINATE_DECIMALS = 3

const factor = 10 ** PUBLIC_COORDINATE_DECIMALS

function round(value: number) {
  // `+ 0` turns -0 into 0 so a rounded value never prints as "-0".
  return Math.round(value * factor) / factor + 0
}

/** The point as the public may see it: rounded for public reports, none otherwise. */
export function publicPoint(point: { lat: number | null; lng: number | null }, privacy: 'public' | 'anonymous' | 'confidential'): Point | null {
  if (privacy !== 'public' || point.lat === null || point.lng === null) return null
  return { lat: round(point.lat), lng: round(point.lng) }
}
