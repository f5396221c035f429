// The tile server every map draws on: MAP_TILE_URL with its attribution, else
// OpenStreetMap's standard tiles. Its origin joins the CSP's img-src (security-headers).
import { getEnv } from './env.server'

export const OSM_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors'

export interface MapTiles {
  url: string
  attribution: string
  /** The origin images come from ({s} subdomains resolved to one). */
  origin: string
}

export function mapTiles(): MapTiles {
  const env = getEnv()
  const url = env.MAP_TILE_URL ?? OSM_TILE_URL
  const attribution = env.MAP_TILE_ATTRIBUTION ?? (env.MAP_TILE_URL ? '' : OSM_ATTRIBUTION)
  return { url, attribution, origin: new URL(url.replace(/\{[a-z]\}/gi, 'a')).origin }
}

/** What a page hands its map (no origin: the browser needs only the template). */
export function mapTilesForPage() {
  const { url, attribution } = mapTiles()
  return { url, attribution }
}
