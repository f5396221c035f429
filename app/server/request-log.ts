// One JSON log line and one metrics observation per HTTP request. The request id is
// taken from X-Request-Id when it looks like one (a proxy's), else made here, and is
// sent back in X-Request-Id. Code inside Remix adds the staff user id through the
// request context (noteRequestUser). Logged: method, route (Remix route id), path with
// secrets removed, status, duration, user id. Never: headers, bodies, client contact.
import { randomUUID } from 'node:crypto'
import type { RequestHandler } from 'express'
import { logger } from '../utils/logger.server'
import { observeRequest } from '../utils/metrics.server'
import { requestContextStorage, type RequestContext } from '../utils/request-context.server'

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/
// Query parameters that carry a secret anywhere in the app (the private link, unsubscribe links).
const SECRET_PARAMS = new Set(['t', 'token'])

/** The path as logged: the reporter's pages (/laporan/*) lose their whole query string, others their secret parameters. */
export function loggablePath(originalUrl: string): string {
  const q = originalUrl.indexOf('?')
  if (q < 0) return originalUrl
  const pathname = originalUrl.slice(0, q)
  if (pathname === '/laporan' || pathname.startsWith('/laporan/')) return `${pathname}?[redacted]`
  const params = new URLSearchParams(originalUrl.slice(q + 1))
  for (const key of [...params.keys()]) if (SECRET_PARAMS.has(key.toLowerCase())) params.set(key, '[redacted]')
  const query = params.toString()
  return query ? `${pathname}?${query}` : pathname
}

export function requestLog(routeOf: (pathname: string) => string): RequestHandler {
  return (req, res, next) => {
    const started = performance.now()
    const incoming = req.get('X-Request-Id')
    const context: RequestContext = { requestId: incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID() }
    res.setHeader('X-Request-Id', context.requestId)
    res.on('close', () => {
      const seconds = (performance.now() - started) / 1000
      // 499 (nginx's "client closed request"): the client left before the answer was complete.
      const status = res.writableFinished ? res.statusCode : 499
      let route: string
      try {
        route = routeOf(req.path)
      } catch {
        route = 'unknown'
      }
      observeRequest(req.method, route, status, seconds)
      const line = {
        request_id: context.requestId,
        method: req.method,
        route,
        path: loggablePath(req.originalUrl),
        status,
        duration_ms: Math.round(seconds * 10_000) / 10,
        ...(context.userId !== undefined ? { user_id: context.userId } : {}),
      }
      if (status >= 500) logger().error(line, 'request')
      else logger().info(line, 'request')
    })
    requestContextStorage().run(context, next)
  }
}
