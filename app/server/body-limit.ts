// Refuses request bodies that announce more than any form here accepts, before
// anything is read. Bodies without Content-Length (chunked) are counted on the
// stream instead (request-handler.ts); non-multipart bodies get a much lower limit.
import type { RequestHandler } from 'express'
import { bodyLimitFor } from '../utils/request-limits'

export const bodyLimit: RequestHandler = (req, res, next) => {
  const length = Number(req.headers['content-length'] ?? 0)
  if (length > bodyLimitFor(req.headers['content-type'])) {
    res.set('Connection', 'close')
    res.status(413).type('text/plain; charset=utf-8').send('413: kiriman terlalu besar (maks. 3 foto @ 10 MB). Request too large.')
    return
  }
  next()
}
