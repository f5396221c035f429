// The last stop for an error nothing else answered: a plain 500, never Express's
// default page (outside NODE_ENV=production it shows the stack and the file paths).
import type { ErrorRequestHandler } from 'express'

export const finalErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  console.error(`Unhandled error for ${req.method} ${req.path}:`, error)
  if (res.headersSent) return next(error)
  res.status(500).type('text/plain; charset=utf-8').send('500: terjadi kesalahan, silakan coba lagi (something went wrong, please try again).')
}
