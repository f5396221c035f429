// Refuses URLs that no route can answer sensibly, before Remix: a NUL character
// anywhere (`%00` in a path segment or query value would reach PostgreSQL, which
// refuses NUL in text) and percent-encoding that does not decode.
import type { RequestHandler } from 'express'

export const urlGuard: RequestHandler = (req, res, next) => {
  const url = req.originalUrl
  const queryAt = url.indexOf('?')
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  let bad = /%00|\0/i.test(url)
  if (!bad) {
    try {
      decodeURIComponent(path)
    } catch {
      bad = true
    }
  }
  if (bad) {
    res.status(400).type('text/plain; charset=utf-8').send('400: alamat tidak valid (invalid address).')
    return
  }
  next()
}
