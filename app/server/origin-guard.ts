// Cross-site POSTs are refused with a clear 403 before Remix (whose own check would
// answer an empty 500). `Origin: null` is what a browser sends when the page it
// posts from has `Referrer-Policy: no-referrer` (the reporter's private-link page):
// the header is dropped, so citizen forms work, while staff actions still demand a
// same-origin Origin or Referer in assertSameOrigin().
import type { RequestHandler } from 'express'

export function originGuard(publicOrigin: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    const origin = req.headers.origin
    if (origin === 'null') {
      delete req.headers.origin
      return next()
    }
    if (origin === undefined) return next()
    const expected = publicOrigin ?? `${req.protocol}://${req.headers.host ?? ''}`
    let actual: string | null = null
    try {
      actual = new URL(origin).origin
    } catch {
      actual = null
    }
    if (actual !== new URL(expected).origin) {
      res.status(403).type('text/plain; charset=utf-8').send('403: permintaan lintas situs ditolak (cross-site request refused).')
      return
    }
    next()
  }
}
