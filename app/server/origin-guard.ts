// Cross-site POSTs are refused with a clear 403 before Remix (whose own check would
// answer an empty 500). `Origin: null` is what a browser sends when the page it
// posts from has `Referrer-Policy: no-referrer` (the reporter's private-link page):
// the header is dropped, so citizen forms work, while staff actions still demand a
// same-origin Origin or Referer in assertSameOrigin().
//
// The expected origin is APP_BASE_URL's, else the request's own as Express sees it
// (X-Forwarded-Proto/-Host count only under TRUST_PROXY). Remix then repeats the check
// comparing Origin with X-Forwarded-Host or Host, whatever the proxy trust; behind a
// proxy that rewrites Host that would be an empty 500 on every POST. Once this guard
// has accepted the origin, it tells Remix the host it accepted.
import type { Request, RequestHandler } from 'express'

/** The Host the client asked for: X-Forwarded-Host when the proxy is trusted, else Host. */
export function requestHost(req: Request): string {
  const trust = req.app.get('trust proxy fn') as ((address: string | undefined, hop: number) => boolean) | undefined
  const forwarded = req.get('X-Forwarded-Host')?.split(',')[0]?.trim()
  if (forwarded && trust?.(req.socket.remoteAddress, 0)) return forwarded
  return req.get('Host') ?? ''
}

export function originGuard(publicOrigin: string | null): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    const origin = req.headers.origin
    if (origin === 'null') {
      delete req.headers.origin
      return next()
    }
    if (origin === undefined) return next()
    let expected: string | null = null
    let actual: string | null = null
    try {
      expected = publicOrigin ?? new URL(`${req.protocol}://${requestHost(req)}`).origin
      actual = new URL(origin).origin
    } catch {
      actual = null
    }
    if (!expected || actual !== expected) {
      res.status(403).type('text/plain; charset=utf-8').send('403: permintaan lintas situs ditolak (cross-site request refused).')
      return
    }
    req.headers['x-forwarded-host'] = new URL(expected).host
    next()
  }
}
