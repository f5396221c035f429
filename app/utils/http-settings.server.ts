// What the Express layer (app/server/main.ts) needs from the validated configuration:
// proxy trust, the public origin and the extra image host for the CSP.
import { getEnv } from './env.server'
import { mapTiles } from './map-tiles.server'

export interface HttpSettings {
  /** Express's 'trust proxy' value. */
  trustProxy: boolean | number | string
  /** APP_BASE_URL's origin, or null to use the request's own. */
  publicOrigin: string | null
  /** MAP_TILE_URL's origin (e.g. https://tile.openstreetmap.org), allowed in img-src. */
  mapTileOrigin: string | null
  /** METRICS_TOKEN: GET /metrics answers only with this bearer token; null = no endpoint. */
  metricsToken: string | null
}

export function parseTrustProxy(value: string | undefined): boolean | number | string {
  const v = value?.trim().toLowerCase()
  if (!v || v === 'false' || v === '0' || v === 'no') return false
  if (v === 'true' || v === 'yes') return true
  if (/^\d+$/.test(v)) return Number(v)
  return value!.trim()
}

export function httpSettings(): HttpSettings {
  const env = getEnv()
  return {
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicOrigin: env.APP_BASE_URL ? new URL(env.APP_BASE_URL).origin : null,
    mapTileOrigin: mapTiles().origin,
    metricsToken: env.METRICS_TOKEN ?? null,
  }
}
