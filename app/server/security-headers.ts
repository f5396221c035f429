// Security headers on every response (ADR 006). Pages get a Content-Security-Policy
// with a fresh nonce per request; the nonce reaches React through the load context
// (entry.server renders Remix's inline scripts with it), so no 'unsafe-inline' for scripts.
import { randomBytes } from 'node:crypto'
import type { RequestHandler } from 'express'

export interface SecurityHeaderOptions {
  /** APP_BASE_URL's origin; https turns on HSTS. */
  publicOrigin: string | null
  /** Extra image origin for map tiles (MAP_TILE_URL). */
  mapTileOrigin: string | null
  /** Vite's dev server injects its own inline scripts and a websocket: no CSP there. */
  dev: boolean
}

export function contentSecurityPolicy(nonce: string, options: Pick<SecurityHeaderOptions, 'publicOrigin' | 'mapTileOrigin'>) {
  const https = options.publicOrigin?.startsWith('https://') ?? false
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Inline style attributes (React's style={…}, recharts) need 'unsafe-inline' for styles only.
    "style-src 'self' 'unsafe-inline'",
    ['img-src', "'self'", 'data:', 'blob:', options.mapTileOrigin].filter(Boolean).join(' '),
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ]
  return directives.join('; ')
}

export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  const hsts = options.publicOrigin?.startsWith('https://') ?? false
  return (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    // One year; no includeSubDomains: other hosts under the city's domain are not ours to pin.
    if (hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000')
    if (!options.dev) {
      const nonce = randomBytes(16).toString('base64')
      res.locals.cspNonce = nonce
      res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce, options))
    }
    next()
  }
}
