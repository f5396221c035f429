// GET /metrics for Prometheus, on the public port but only with
// `Authorization: Bearer <METRICS_TOKEN>` (ADR 014). Without METRICS_TOKEN the endpoint
// does not exist (falls through to the app's 404).
import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'

const digest = (value: string) => createHash('sha256').update(value).digest()

export function metricsEndpoint(token: string | null, render: () => Promise<{ contentType: string; body: string }>): RequestHandler {
  const expected = token ? digest(token) : null
  return (req, res, next) => {
    if (!expected || req.path !== '/metrics') return next()
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    const given = /^Bearer (.+)$/i.exec(req.get('Authorization') ?? '')?.[1] ?? ''
    // Compare digests: same length, constant time.
    if (!timingSafeEqual(digest(given), expected)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain').send('Unauthorized')
      return
    }
    render().then(
      ({ contentType, body }) => {
        res.setHeader('Cache-Control', 'no-store')
        res.type(contentType).send(body)
      },
      (error: unknown) => next(error),
    )
  }
}
