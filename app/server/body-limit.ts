// Refuses request bodies that announce more than any form here accepts (3 photos of
// 10 MB plus the text fields), before anything is read.
import type { RequestHandler } from 'express'

export const MAX_BODY_BYTES = 32 * 1024 * 1024

export const bodyLimit: RequestHandler = (req, res, next) => {
  const length = Number(req.headers['content-length'] ?? 0)
  if (length > MAX_BODY_BYTES) {
    res.status(413).type('text/plain; charset=utf-8').send('413: kiriman terlalu besar (maks. 3 foto @ 10 MB). Request too large.')
    return
  }
  next()
}
